"""Who may see distribution data: read grants for receivers, clerks for tracking and registers."""
from __future__ import annotations

from documents.models import DocumentPage, Issuer

VIEW_PERMISSION = "documents.view_documentpage"


def base_document(page) -> DocumentPage:
    """Guardian grants are kept on the DocumentPage row (one content type for every kind)."""
    return page if type(page) is DocumentPage else DocumentPage.objects.get(pk=page.pk)


def grant_read(page, users) -> None:
    from guardian.shortcuts import assign_perm

    users = [u for u in users if u is not None]
    if users:
        assign_perm(VIEW_PERMISSION, users if len(users) > 1 else users[0], base_document(page))


def revoke_read(page, users) -> None:
    from guardian.shortcuts import remove_perm

    document = base_document(page)
    for user in {u.pk: u for u in users if u is not None}.values():
        remove_perm(VIEW_PERMISSION, user, document)


def is_clerk(user, issuer: Issuer) -> bool:
    """Văn thư of the issuer (or of the office serving it), or a superuser.

    Asks the roles module (``documents.permissions.is_clerk`` when it exists, else the IssuerRole rows of
    cms.roles: membership of the issuer's "Văn thư" group).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from documents import permissions

    bodies = [issuer] + ([issuer.office] if issuer.office_id else [])
    check = getattr(permissions, "is_clerk", None)
    if callable(check):
        return any(check(user, body) for body in bodies)
    try:
        from cms.models_roles import IssuerRole
    except ImportError:  # roles not installed: only superusers are clerks
        return False
    return IssuerRole.objects.filter(issuer__in=bodies, role="van_thu", group__user=user).exists()
