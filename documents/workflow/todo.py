"""The dashboard panel "Việc cần làm": what waits for this user (chờ ký, chờ ban hành, bị trả lại, cần rà soát,
dự thảo cần rà soát, chờ xác nhận)."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import PageLogEntry

from documents.models import (
    REGISTERED_STATES,
    Delivery,
    DeliveryNotice,
    DeliveryStatus,
    DocumentPage,
    DocumentState,
    Role,
)
from documents.permissions import served_issuer_ids

LIMIT = 30


@dataclass
class Task:
    label: str | Promise
    page: DocumentPage
    url: str


def _issuers(user, role: str) -> set[int] | None:
    """Issuers the user acts for in `role`; None: all (superuser)."""
    return None if user.is_superuser else served_issuer_ids(user, role)


def _waiting(user, state: str, role: str) -> QuerySet:
    pages = DocumentPage.objects.filter(state=state).select_related("issuer")
    issuers = _issuers(user, role)
    if issuers is not None:
        pages = pages.filter(issuer_id__in=issuers)
    return pages.order_by("latest_revision_created_at").specific()[:LIMIT]


def _returned(user) -> list[DocumentPage]:
    """The user's drafts whose last workflow event is a "Trả lại"."""
    drafts = {p.pk: p for p in DocumentPage.objects.filter(state=DocumentState.DRAFT, owner=user)
              .select_related("issuer").specific()[:200]}
    last: dict[int, str] = {}
    for entry in (PageLogEntry.objects.filter(page_id__in=drafts, action__startswith="vanban.")
                  .order_by("timestamp", "pk").values("page_id", "action")):
        last[entry["page_id"]] = entry["action"]
    return [drafts[pk] for pk, action in last.items() if action == "vanban.return"][:LIMIT]


def _edit(page: DocumentPage) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _flagged(user, *states: str, owner_too: bool = False) -> list[DocumentPage]:
    """Documents in these states an import left "cần rà soát", for the clerks of their issuers (who import and
    correct them) and, with ``owner_too``, for who imported them."""
    pages = DocumentPage.objects.filter(state__in=states).exclude(review_notes="").select_related("issuer")
    issuers = _issuers(user, Role.VAN_THU)
    if issuers is not None:
        mine = Q(issuer_id__in=issuers)
        pages = pages.filter(mine | Q(owner=user) if owner_too else mine)
    return list(pages.order_by("-pk").specific()[:LIMIT])


def _to_review(user) -> list[Task]:
    """Issued imports open their review form (documents/workflow/review.py); drafts (imported without --issue)
    open the editor, where every field and the review lines can be fixed."""
    tasks = [Task(_("Cần rà soát"), p, reverse("vanban_review", args=[p.pk])) for p in _flagged(user, *REGISTERED_STATES)]
    return tasks + [Task(_("Dự thảo cần rà soát"), p, _edit(p))
                    for p in _flagged(user, DocumentState.DRAFT, owner_too=True)]


def todo(user) -> list[Task]:
    tasks = [Task(_("Chờ ký"), p, _edit(p)) for p in _waiting(user, DocumentState.SUBMITTED, Role.LANH_DAO)]
    tasks += [Task(_("Chờ ban hành"), p, _edit(p)) for p in _waiting(user, DocumentState.SIGNED, Role.VAN_THU)]
    tasks += [Task(_("Bị trả lại"), p, _edit(p)) for p in _returned(user)]
    tasks += _to_review(user)
    deliveries = (Delivery.objects.filter(user=user, status__in=(DeliveryStatus.SENT, DeliveryStatus.READ))
                  .select_related("document").order_by("-pk")[:LIMIT])
    inbox = reverse("distribution:inbox")
    seen: set[int] = set()
    for delivery in deliveries:  # one line per document, whatever the channels it came by
        if delivery.document is not None and delivery.document_id not in seen:
            seen.add(delivery.document_id)
            # A recall notice says so: it asks to destroy the copy, not to carry the document out.
            label = _("Chờ xác nhận thu hồi") if delivery.notice == DeliveryNotice.RECALL else _("Chờ xác nhận đã nhận")
            tasks.append(Task(label, delivery.document.specific, inbox))
    return tasks


@dataclass
class Section:
    title: str
    url: str


def writable_sections(user) -> list[Section]:
    """The issuer sections where the user may start a document: "Soạn văn bản mới" goes to their choice of kind
    (a drafter had to open a section and spot the small ⊕ beside its title)."""
    from documents.models.sections import IssuerIndexPage

    sections = IssuerIndexPage.objects.live().order_by("title")
    return [Section(s.title, reverse("wagtailadmin_pages:add_subpage", args=[s.pk])) for s in sections
            if s.permissions_for_user(user).can_add_subpage()]


class TodoPanel(Component):
    name = "vanban_todo"
    order = 10  # before Wagtail's own panels
    template_name = "documents/workflow/todo_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"tasks": todo(self.user), "sections": writable_sections(self.user)}
