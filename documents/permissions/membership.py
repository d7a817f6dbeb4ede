"""Which roles a user holds at which issuers, and who is the clerk (văn thư) of an issuer."""
from __future__ import annotations

from collections.abc import Iterable

from documents.models import Issuer, IssuerRole, Role

from .cache import User, remembered


def _roles_by_issuer(user: User | None) -> dict[int, set[str]]:
    """issuer id → role codes the user holds there."""
    if user is None or not user.is_authenticated:
        return {}

    def load() -> dict[int, set[str]]:
        roles: dict[int, set[str]] = {}
        for issuer_id, role in IssuerRole.objects.filter(group__user=user).values_list("issuer_id", "role"):
            roles.setdefault(issuer_id, set()).add(role)
        return roles

    return remembered(user, "roles", load)


def user_issuer_ids(user: User | None, roles: Iterable[str] | None = None) -> set[int]:
    """Issuers at which the user holds any role (the user is a member of them), or one of `roles`."""
    wanted = set(roles) if roles is not None else None
    return {iid for iid, held in _roles_by_issuer(user).items() if wanted is None or held & wanted}


def user_has_role(user: User | None, issuer_id: int, roles: Iterable[str]) -> bool:
    return bool(_roles_by_issuer(user).get(issuer_id, set()) & set(roles))


def issuers_below(issuer_ids: set[int]) -> set[int]:
    """The given issuers and every issuer under them (whose lineage contains one of them)."""
    children: dict[int | None, list[int]] = {}
    for pk, superior_id in Issuer.objects.values_list("pk", "superior_id"):
        children.setdefault(superior_id, []).append(pk)
    found, stack = set(), list(issuer_ids)
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


def is_clerk(user: User | None, issuer: Issuer) -> bool:
    """Văn thư of the issuer or of the office serving it (văn phòng), or a superuser: registers, numbers,
    sends and tracks the issuer's documents."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user_has_role(user, issuer.pk, {Role.VAN_THU}):
        return True
    return issuer.office_id is not None and user_has_role(user, issuer.office_id, {Role.VAN_THU})
