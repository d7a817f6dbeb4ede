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


def acting_issuer_ids(issuer: Issuer, role: str) -> list[int]:
    """Issuers whose holders of `role` act for `issuer`: the issuer itself and, for văn thư, the office (văn
    phòng) doing its clerical work. The one place this rule is written (docs/domain.md §1)."""
    if role == Role.VAN_THU and issuer.office_id is not None:
        return [issuer.pk, issuer.office_id]
    return [issuer.pk]


def served_issuer_ids(user: User | None, role: str) -> set[int]:
    """The issuers the user acts for in `role`: where they hold it and, for văn thư, the bodies their office serves."""
    ids = user_issuer_ids(user, {role})
    if role == Role.VAN_THU and ids:
        ids |= set(Issuer.objects.filter(office_id__in=ids).values_list("pk", flat=True))
    return ids


def is_clerk(user: User | None, issuer: Issuer) -> bool:
    """Văn thư of the issuer or of the office serving it (văn phòng), or a superuser: registers, numbers,
    sends and tracks the issuer's documents."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(user_has_role(user, pk, {Role.VAN_THU}) for pk in acting_issuer_ids(issuer, Role.VAN_THU))
