"""Named read grants (django-guardian `documents.view_documentpage`): the one way to give or withdraw them."""
from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from guardian.models import GroupObjectPermission, UserObjectPermission
from guardian.shortcuts import assign_perm

from documents.models import DocumentPage
from documents.signals import document_changed

from .cache import AccountUser, User, forget_cached_permissions

VIEW_PERMISSION = "documents.view_documentpage"
VIEW_CODENAME = "view_documentpage"

Reader = AccountUser | Group


def guardian_content_type(obj) -> ContentType:
    """GUARDIAN_GET_CONTENT_TYPE: every document kind shares DocumentPage's permissions and grants."""
    model = obj if isinstance(obj, type) else type(obj)
    if issubclass(model, DocumentPage):
        model = DocumentPage
    return ContentType.objects.get_for_model(model)  # type: ignore[arg-type]  # guardian passes models only


def _common(page: DocumentPage | None = None) -> dict:
    common = {"content_type": ContentType.objects.get_for_model(DocumentPage), "permission__codename": VIEW_CODENAME}
    if page is not None:
        common["object_pk"] = str(page.pk)
    return common


def granted_q(user: AccountUser) -> Q:
    """Documents on which the user (directly or through a group) holds the guardian view grant."""
    by_user = UserObjectPermission.objects.filter(user=user, **_common())
    by_group = GroupObjectPermission.objects.filter(group__user=user, **_common())
    # guardian stores object ids as text; compare as integers (PostgreSQL will not compare bigint to varchar).
    return (Q(pk__in=by_user.annotate(doc_id=Cast("object_pk", IntegerField())).values("doc_id"))
            | Q(pk__in=by_group.annotate(doc_id=Cast("object_pk", IntegerField())).values("doc_id")))


def grant_principals(page: DocumentPage) -> list[str]:
    """The users and groups granted view on the document, as search principals."""
    users = sorted(set(UserObjectPermission.objects.filter(**_common(page)).values_list("user_id", flat=True)))
    groups = sorted(set(GroupObjectPermission.objects.filter(**_common(page)).values_list("group_id", flat=True)))
    return [f"user:{u}" for u in users] + [f"group:{g}" for g in groups]


def _split(readers: Reader | Iterable[Reader | None] | None) -> tuple[list[AccountUser], list[Group]]:
    """One or many users and groups → (users, groups), without None and duplicates."""
    if readers is None:
        items: list = []
    elif isinstance(readers, (AccountUser, Group)):
        items = [readers]
    else:
        items = [r for r in readers if r is not None]
    users = {r.pk: r for r in items if not isinstance(r, Group)}
    groups = {r.pk: r for r in items if isinstance(r, Group)}
    return list(users.values()), list(groups.values())


def _readers_changed(page: DocumentPage, users: list[AccountUser], actor: User | None) -> None:
    """Whoever may read the document changed: send document_changed once, inside the transaction like every
    life-cycle signal (documents.workflow.transitions._announce); the search app's receiver reindexes it."""
    for user in users:
        forget_cached_permissions(user)
    specific = page.specific
    document_changed.send(sender=type(specific), page=specific, user=actor)


def grant_view(page: DocumentPage, readers: Reader | Iterable[Reader | None] | None,
               actor: User | None = None) -> bool:
    """Grant read access on a document to one or many users and groups. Returns True when a grant was new.

    Use this rather than guardian's assign_perm: the new grants are written in bulk, then the users' access
    caches are cleared and document_changed is sent once (the search index follows).
    """
    users, groups = _split(readers)
    have_users = set(UserObjectPermission.objects.filter(user__in=users, **_common(page)).values_list("user_id", flat=True))
    have_groups = set(GroupObjectPermission.objects.filter(group__in=groups, **_common(page))
                      .values_list("group_id", flat=True))
    new_users = [u for u in users if u.pk not in have_users]
    new_groups = [g for g in groups if g.pk not in have_groups]
    if new_users:
        assign_perm(VIEW_PERMISSION, new_users, page)
    if new_groups:
        assign_perm(VIEW_PERMISSION, new_groups, page)
    if not (new_users or new_groups):
        return False
    _readers_changed(page, new_users, actor)
    return True


def revoke_view(page: DocumentPage, readers: Reader | Iterable[Reader | None] | None,
                actor: User | None = None) -> bool:
    """Withdraw grants made by grant_view from one or many users and groups. Returns True when there were some."""
    users, groups = _split(readers)
    deleted = 0
    if users:
        deleted += UserObjectPermission.objects.filter(user__in=users, **_common(page)).delete()[0]
    if groups:
        deleted += GroupObjectPermission.objects.filter(group__in=groups, **_common(page)).delete()[0]
    if not deleted:
        return False
    _readers_changed(page, users, actor)
    return True


def grants_principals(page_ids: list[int]) -> dict[int, list[str]]:
    """``grant_principals`` of many documents by id, in two queries."""
    common = _common()
    keys = [str(pk) for pk in page_ids]
    users: dict[int, set[int]] = {}
    groups: dict[int, set[int]] = {}
    for key, user_id in UserObjectPermission.objects.filter(object_pk__in=keys, **common).values_list("object_pk", "user_id"):
        users.setdefault(int(key), set()).add(user_id)
    for key, group_id in GroupObjectPermission.objects.filter(object_pk__in=keys, **common).values_list("object_pk", "group_id"):
        groups.setdefault(int(key), set()).add(group_id)
    return {pk: [f"user:{u}" for u in sorted(users.get(pk, ()))] + [f"group:{g}" for g in sorted(groups.get(pk, ()))]
            for pk in page_ids}
