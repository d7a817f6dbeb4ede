"""Document life cycle on Wagtail workflows (issue 3): dự thảo → trình ký → đã ký → ban hành, return, recall.

- models.py: RoleApprovalTask, the workflow step approved by holders of one role at the document's issuer;
- transitions.py: submit / approve / reject / recall, the only code that changes DocumentPage.state;
- tester.py: DocumentPermissionTester, the page permissions of a document in the admin;
- setup.py: the "Quy trình văn bản" workflow, created by `manage.py apply_roles`;
- hooks.py: Wagtail hooks (serving, admin, log actions), imported from documents/wagtail_hooks.py;
- admin_views.py / forms.py: the "Thu hồi" admin action and the workflow modal forms;
- middleware.py: a refused transition in the admin becomes a message.

The demo documents of each situation are made by cms/demo/workflow.py.
"""
