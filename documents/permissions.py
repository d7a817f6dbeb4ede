"""Who may read which document: the one rule every channel (page, API, search, files, admin) applies.

Rule (issue 3):
- superusers read everything;
- a document not yet issued (draft, submitted, signed) or recalled: users holding a drafting role
  (soạn thảo, lãnh đạo, văn thư) at its issuer;
- an issued document: `public` → everyone; `internal` → anyone holding a role at its issuer or at one of the
  issuer's superiors; `restricted` → users and groups granted `documents.view_documentpage` on it with
  django-guardian, plus its recipients (directory entries linked to a user, to an issuer's members, or
  groups/classes containing them).
Reader channels also require the page to be live: `visible_documents` / `can_view`.

Principals are strings shared with the search index so the permission filter can live inside the query:
"public", "issuer:<id>" (members of an issuer), "user:<id>", "group:<id>".
"""
from __future__ import annotations

from collections.abc import Iterable

from django.db.models import IntegerField, Q, QuerySet
from django.db.models.functions import Cast

VIEW_PERMISSION = "documents.view_documentpage"
VIEW_CODENAME = "view_documentpage"


# -- per-request memo ----------------------------------------------------------------------------------
def remembered(user, name: str, compute):
    """compute(), kept on the user object under `_vanban_<name>`: a request's user lives for one request, and
    one page or listing asks the rule many times. cms.roles.forget_cached_permissions drops every `_vanban_` key."""
    key = f"_vanban_{name}"
    if key not in user.__dict__:
        user.__dict__[key] = compute()
    return user.__dict__[key]


# -- roles of a user --------------------------------------------------------------------------------
def _roles_by_issuer(user) -> dict[int, set[str]]:
    """issuer id → role codes the user holds there."""
    if user is None or not user.is_authenticated:
        return {}

    def load() -> dict[int, set[str]]:
        from cms.models_roles import IssuerRole

        roles: dict[int, set[str]] = {}
        for issuer_id, role in IssuerRole.objects.filter(group__user=user).values_list("issuer_id", "role"):
            roles.setdefault(issuer_id, set()).add(role)
        return roles

    return remembered(user, "roles", load)


def user_issuer_ids(user, roles: Iterable[str] | None = None) -> set[int]:
    """Issuers at which the user holds any role (the user is a member of them), or one of `roles`."""
    wanted = set(roles) if roles is not None else None
    return {iid for iid, held in _roles_by_issuer(user).items() if wanted is None or held & wanted}


def user_has_role(user, issuer_id: int, roles: Iterable[str]) -> bool:
    return bool(_roles_by_issuer(user).get(issuer_id, set()) & set(roles))


def _drafting_issuer_ids(user) -> set[int]:
    from cms.roles import DRAFT_ROLES

    return user_issuer_ids(user, DRAFT_ROLES)


def _issuers_below(issuer_ids: set[int]) -> set[int]:
    """The given issuers and every issuer under them (whose lineage contains one of them)."""
    from documents.models import Issuer

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


# -- recipients ---------------------------------------------------------------------------------------
def _recipient_closure_up(recipient_ids: set[int]) -> set[int]:
    """Directory entries reaching these ones: themselves and every group/class containing them."""
    from documents.models import Recipient

    found, frontier = set(), set(recipient_ids)
    while frontier:
        found |= frontier
        frontier = set(Recipient.members.through.objects.filter(to_recipient_id__in=frontier)
                       .values_list("from_recipient_id", flat=True)) - found
    return found


def _recipient_ids_for_user(user) -> set[int]:
    from documents.models import Recipient

    direct = Q(user=user)
    member_of = user_issuer_ids(user)
    if member_of:
        direct |= Q(issuer_id__in=member_of)
    return _recipient_closure_up(set(Recipient.objects.filter(direct).values_list("pk", flat=True)))


def _recipient_principals(page) -> list[str]:
    """Users and issuers reached by the document's Nơi nhận (groups and classes expanded)."""
    from documents.models import Recipient

    found: set[int] = set()
    frontier = set(page.recipients.exclude(recipient=None).values_list("recipient_id", flat=True))
    while frontier:
        found |= frontier
        frontier = set(Recipient.members.through.objects.filter(from_recipient_id__in=frontier)
                       .values_list("to_recipient_id", flat=True)) - found
    rows = Recipient.objects.filter(pk__in=found).values_list("user_id", "issuer_id")
    users = sorted({u for u, _i in rows if u})
    issuers = sorted({i for _u, i in rows if i})
    return [f"user:{u}" for u in users] + [f"issuer:{i}" for i in issuers]


# -- guardian grants -----------------------------------------------------------------------------------
def _document_content_type():
    from django.contrib.contenttypes.models import ContentType

    from documents.models import DocumentPage

    return ContentType.objects.get_for_model(DocumentPage)


def guardian_content_type(obj):
    """GUARDIAN_GET_CONTENT_TYPE: every document kind shares DocumentPage's permissions and grants."""
    from django.contrib.contenttypes.models import ContentType

    from documents.models import DocumentPage

    model = obj if isinstance(obj, type) else type(obj)
    if issubclass(model, DocumentPage):
        model = DocumentPage
    return ContentType.objects.get_for_model(model)


def _granted_q(user) -> Q:
    """Documents on which the user (directly or through a group) holds the guardian view grant."""
    from guardian.models import GroupObjectPermission, UserObjectPermission

    common = {"content_type": _document_content_type(), "permission__codename": VIEW_CODENAME}
    by_user = UserObjectPermission.objects.filter(user=user, **common)
    by_group = GroupObjectPermission.objects.filter(group__user=user, **common)
    # guardian stores object ids as text; compare as integers (PostgreSQL will not compare bigint to varchar).
    return (Q(pk__in=by_user.annotate(doc_id=Cast("object_pk", IntegerField())).values("doc_id"))
            | Q(pk__in=by_group.annotate(doc_id=Cast("object_pk", IntegerField())).values("doc_id")))


def _grant_principals(page) -> list[str]:
    from guardian.models import GroupObjectPermission, UserObjectPermission

    common = {"content_type": _document_content_type(), "permission__codename": VIEW_CODENAME,
              "object_pk": str(page.pk)}
    users = sorted(set(UserObjectPermission.objects.filter(**common).values_list("user_id", flat=True)))
    groups = sorted(set(GroupObjectPermission.objects.filter(**common).values_list("group_id", flat=True)))
    return [f"user:{u}" for u in users] + [f"group:{g}" for g in groups]


def _readers_changed(page, who, user=None) -> None:
    """Whoever may read the document changed: send document_changed, inside the transaction like every
    life-cycle signal (documents.workflow.transitions._announce); the search app's receiver reindexes it."""
    from django.contrib.auth.models import Group

    from cms.roles import forget_cached_permissions
    from documents.signals import document_changed

    if not isinstance(who, Group):
        forget_cached_permissions(who)
    specific = page.specific
    document_changed.send(sender=type(specific), page=specific, user=user)


def _direct_grants(page, who) -> QuerySet:
    """The guardian rows granting view on this document to exactly this user or group."""
    from django.contrib.auth.models import Group
    from guardian.models import GroupObjectPermission, UserObjectPermission

    common = {"content_type": _document_content_type(), "permission__codename": VIEW_CODENAME,
              "object_pk": str(page.pk)}
    if isinstance(who, Group):
        return GroupObjectPermission.objects.filter(group=who, **common)
    return UserObjectPermission.objects.filter(user=who, **common)


def grant_view(page, user_or_group, actor=None) -> bool:
    """Grant read access on a (restricted) document to a user or a group. Returns True when it was new.

    Use this rather than guardian's assign_perm: it also reindexes the document and sends document_changed.
    """
    from guardian.shortcuts import assign_perm

    if _direct_grants(page, user_or_group).exists():
        return False
    assign_perm(VIEW_PERMISSION, user_or_group, page)
    _readers_changed(page, user_or_group, actor)
    return True


def revoke_view(page, user_or_group, actor=None) -> bool:
    """Withdraw a grant made by grant_view. Returns True when there was one."""
    deleted, _rows = _direct_grants(page, user_or_group).delete()
    if not deleted:
        return False
    _readers_changed(page, user_or_group, actor)
    return True


# -- the rule as a query -------------------------------------------------------------------------------
def _readable_q(user) -> Q | None:
    """Q over DocumentPage for documents the user may read in any state; None means no restriction."""
    from documents.models import DocumentState, Visibility

    if user is not None and user.is_authenticated and user.is_superuser:
        return None
    issued = Q(state=DocumentState.ISSUED)
    q = issued & Q(visibility=Visibility.PUBLIC)
    if user is None or not user.is_authenticated or not user.is_active:
        return q
    from documents.models import DocumentRecipient

    member_of = user_issuer_ids(user)
    if member_of:
        below = remembered(user, "issuers_below", lambda: _issuers_below(member_of))
        q |= issued & Q(visibility=Visibility.INTERNAL, issuer_id__in=below)
    restricted = _granted_q(user)
    recipient_ids = remembered(user, "recipients", lambda: _recipient_ids_for_user(user))
    if recipient_ids:
        restricted |= Q(pk__in=DocumentRecipient.objects.filter(recipient_id__in=recipient_ids).values("page_id"))
    # Named grants and being a recipient open internal documents too: sending gives the receiver read access.
    q |= issued & Q(visibility__in=[Visibility.INTERNAL, Visibility.RESTRICTED]) & restricted
    drafting = _drafting_issuer_ids(user)
    if drafting:
        q |= ~issued & Q(issuer_id__in=drafting)
    return q


def readable_documents(user) -> QuerySet:
    """Documents the user may read, in any state and whether live or not (admin, files)."""
    from documents.models import DocumentPage

    q = _readable_q(user)
    return DocumentPage.objects.all() if q is None else DocumentPage.objects.filter(q)


def visible_documents(user) -> QuerySet:
    """Live documents the user may read: what every reader channel may show."""
    return readable_documents(user).live()


def hide_unreadable_documents(pages, user) -> QuerySet:
    """Pages of any kind, keeping the non-document pages and the documents the user may read (admin explorer,
    choosers, API, sitemap)."""
    from documents.models import DocumentPage

    q = _readable_q(user)
    if q is None:
        return pages
    return pages.filter(~Q(pk__in=DocumentPage.objects.values("pk")) | Q(pk__in=DocumentPage.objects.filter(q).values("pk")))


def can_read(user, page) -> bool:
    return readable_documents(user).filter(pk=page.pk).exists()


def can_view(user, page) -> bool:
    return visible_documents(user).filter(pk=page.pk).exists()


# -- principals (search index) ---------------------------------------------------------------------------
def user_principals(user) -> list[str]:
    principals = ["public"]
    if user is not None and user.is_authenticated and user.is_active:
        principals.append(f"user:{user.pk}")
        principals += [f"group:{gid}" for gid in sorted(user.groups.values_list("pk", flat=True))]
        principals += [f"issuer:{iid}" for iid in sorted(user_issuer_ids(user))]
    return principals


def document_principals(page) -> list[str]:
    """Who may read the document, as principals (superusers, who read everything, are not listed).

    Issued: public → ["public"]; internal → the issuer lineage plus granted users, groups and recipients;
    restricted → granted users and groups plus recipients. Not issued: the groups of the issuer's drafting roles.
    """
    from cms.models_roles import IssuerRole
    from cms.roles import DRAFT_ROLES
    from documents.models import DocumentState, Visibility

    if page.state != DocumentState.ISSUED:
        groups = IssuerRole.objects.filter(issuer_id=page.issuer_id, role__in=DRAFT_ROLES).values_list("group_id", flat=True)
        return [f"group:{g}" for g in sorted(groups)]
    if page.visibility == Visibility.PUBLIC:
        return ["public"]
    principals = _grant_principals(page) + _recipient_principals(page)
    if page.visibility == Visibility.INTERNAL:
        principals = [f"issuer:{body.pk}" for body in page.issuer.lineage()] + principals
    return list(dict.fromkeys(principals))


# -- attachments (Wagtail documents) -------------------------------------------------------------------------
def _private_collection_ids() -> QuerySet:
    from cms.models_roles import IssuerCollection

    return IssuerCollection.objects.values("collection_id")


def _collections_user_handles(user) -> set[int]:
    """Collections where the user holds any Wagtail collection permission (staff uploading attachments)."""
    from wagtail.models import GroupCollectionPermission

    return set(GroupCollectionPermission.objects.filter(group__user=user).values_list("collection_id", flat=True))


def readable_collection_filter(user) -> Q:
    """Q over anything kept in a collection (images, files attached to no document): the private per-issuer
    collections are for superusers and the staff working in them."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return Q()
    allowed = ~Q(collection_id__in=_private_collection_ids())
    if user is not None and user.is_authenticated:
        handled = _collections_user_handles(user)
        if handled:
            allowed |= Q(collection_id__in=handled)
    return allowed


def readable_files(user) -> QuerySet:
    """Wagtail documents (files) the user may download or list.

    A file attached to documents is readable when one of them is readable. A file attached to nothing is
    readable when it sits outside the private per-issuer collections, or by staff of that collection.
    """
    from wagtail.documents import get_document_model

    from documents.models import DocumentAttachment

    files = get_document_model().objects.all()
    if user is not None and user.is_authenticated and user.is_superuser:
        return files
    attached = DocumentAttachment.objects.values("document_id")
    readable_attached = DocumentAttachment.objects.filter(page__in=readable_documents(user).values("pk")).values("document_id")
    return files.filter(Q(pk__in=readable_attached) | (~Q(pk__in=attached) & readable_collection_filter(user)))


def can_download(user, file) -> bool:
    return readable_files(user).filter(pk=file.pk).exists()


def login_could_help(page_or_file) -> bool:
    """Whether an anonymous reader refused this item might read it after logging in."""
    from documents.models import DocumentAttachment, DocumentPage, DocumentState, Visibility

    if isinstance(page_or_file, DocumentPage):
        pages = [page_or_file]
    else:
        pages = [a.page for a in DocumentAttachment.objects.filter(document=page_or_file).select_related("page")]
    return any(p.state == DocumentState.ISSUED and p.visibility != Visibility.PUBLIC for p in pages)


def is_clerk(user, issuer) -> bool:
    """Văn thư of the issuer (or a superuser): registers, numbers, issues, sends and recalls its documents."""
    from cms.roles import Role

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user_has_role(user, issuer.pk, {Role.VAN_THU})
