"""Who may see distribution data: read grants for receivers, clerks for tracking and registers."""
from __future__ import annotations

from documents import permissions
from documents.models import Issuer


def grant_read(page, users) -> None:
    """Receivers read what was sent to them: the guardian view grant, for all of them in one statement.

    Not ``permissions.grant_view`` once per user: that reindexes the document and sends document_changed for
    each receiver; the sending code reindexes once.
    """
    from guardian.shortcuts import assign_perm

    users = [u for u in users if u is not None]
    if users:
        assign_perm(permissions.VIEW_PERMISSION, users, page)


def revoke_read(page, users) -> None:
    from guardian.shortcuts import remove_perm

    users = list({u.pk: u for u in users if u is not None}.values())
    if users:
        remove_perm(permissions.VIEW_PERMISSION, users, page)


def is_clerk(user, issuer: Issuer) -> bool:
    """Văn thư of the issuer or of the office serving it (``permissions.is_clerk``), or a superuser."""
    return permissions.is_clerk(user, issuer) or (
        issuer.office_id is not None and permissions.is_clerk(user, issuer.office)
    )
