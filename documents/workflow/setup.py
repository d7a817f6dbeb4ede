"""The document workflow "Quy trình văn bản": Ký duyệt (lãnh đạo) → Ban hành (văn thư), for every document."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from documents.models import IssuerIndexPage, Role

from .models import RoleApprovalTask

WORKFLOW_NAME = "Quy trình văn bản"
STEPS: tuple[tuple[str, str], ...] = (("Ký duyệt", Role.LANH_DAO), ("Ban hành", Role.VAN_THU))


def workflow_pages() -> list[Page]:
    """Where the workflow is attached: every issuer section (documents live under them) and the pages holding
    the sections (the site's home), so that a section added later inherits it too."""
    sections = list(IssuerIndexPage.objects.all())
    parent_paths = {section.path[:-Page.steplen] for section in sections}
    return [*Page.objects.filter(path__in=parent_paths), *sections]


@transaction.atomic
def ensure_workflow(pages: Iterable[Page] | None = None) -> Workflow:
    """Create (or repair) the workflow and assign it to `pages` (default: workflow_pages()). Idempotent."""
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
    for page in workflow_pages() if pages is None else pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
