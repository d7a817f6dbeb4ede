"""What a user may do with a document in the Wagtail admin (DocumentPage.permissions_for_user).

Wagtail's group page permissions (documents/roles.py) decide within the issuer's subtree, and on top of them:
- nothing at all on a document the user may not read (documents.permissions.can_read): a drafter does not
  open a restricted document granted to others;
- publishing only inside the issue transition (documents/workflow/guards.py), unpublishing only by recall;
- an issued or recalled document is never deleted or moved (its number is in the register); editing it is
  refused with a message by the `before_edit_page` hook (documents/workflow/hooks.py).
"""
from __future__ import annotations

from wagtail.models import PagePermissionTester

from documents.models import DocumentState
from documents.permissions import access_cache, can_read

from .guards import publish_allowed


class DocumentPermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.readable = user.is_active and (user.is_superuser or self._can_read(user, page))
        if not self.readable:
            self.permissions = set()

    @staticmethod
    def _can_read(user, page) -> bool:
        """documents.permissions.can_read, kept in the user's access cache for the request (listings ask often)."""
        if page.pk is None:
            return True
        return access_cache(user).get(("readable", page.pk, page.state, page.visibility), lambda: can_read(user, page))

    @property
    def numbered(self) -> bool:
        return self.page.is_registered or bool(self.page.number)

    def can_edit(self) -> bool:
        return self.readable and super().can_edit()

    def can_publish(self) -> bool:
        return self.user.is_active and self.page.pk is not None and publish_allowed(self.page.pk)

    def can_unpublish(self) -> bool:
        return False  # thu hồi (documents.workflow.transitions.recall) is the only way down

    def can_delete(self, ignore_bulk=False) -> bool:
        return self.readable and not self.numbered and super().can_delete(ignore_bulk=ignore_bulk)

    def can_submit_for_moderation(self) -> bool:
        return self.readable and self.page.state == DocumentState.DRAFT and super().can_submit_for_moderation()

    def can_lock(self) -> bool:
        return self.readable and super().can_lock()

    def can_unlock(self) -> bool:
        return self.readable and super().can_unlock()

    def can_copy(self) -> bool:
        return self.readable and super().can_copy()

    def can_view_revisions(self) -> bool:
        return self.readable and super().can_view_revisions()
