"""The document workflow "Quy trình văn bản": Ký duyệt (lãnh đạo) → Ban hành (văn thư), on the whole site."""
from __future__ import annotations

from django.db import transaction

from cms.roles import Role

from .transitions import WORKFLOW_NAME

STEPS: tuple[tuple[str, str], ...] = (("Ký duyệt", Role.LANH_DAO), ("Ban hành", Role.VAN_THU))


@transaction.atomic
def ensure_workflow():
    """Create (or repair) the workflow and assign it to every home page. Idempotent."""
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from cms.models import HomePage

    from .models import RoleApprovalTask

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    tasks = []
    for name, role in STEPS:
        task = RoleApprovalTask.objects.filter(role=role, workflow_tasks__workflow=workflow).first()
        if task is None:
            task = RoleApprovalTask.objects.filter(role=role, name=name).first() or RoleApprovalTask.objects.create(
                name=name, role=role)
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        tasks.append(task)
    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    for home in HomePage.objects.all():
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
