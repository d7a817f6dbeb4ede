"""Principals: who may read, as strings shared with the search index so its permission filter lives inside the
query: "public", "issuer:<id>" (members of an issuer), "user:<id>", "group:<id>"."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from documents.models import (
    DRAFT_ROLES,
    DocumentPage,
    DocumentRecipient,
    DocumentState,
    IssuerRole,
    Recipient,
    Visibility,
)

from .cache import User
from .grants import grant_principals, grants_principals
from .membership import user_issuer_ids


def _recipient_principals(page: DocumentPage) -> list[str]:
    """Users and issuers reached by the document's Nơi nhận (groups and classes expanded)."""
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


def user_principals(user: User | None) -> list[str]:
    principals = ["public"]
    if user is not None and user.is_authenticated and user.is_active:
        principals.append(f"user:{user.pk}")
        principals += [f"group:{gid}" for gid in sorted(user.groups.values_list("pk", flat=True))]
        principals += [f"issuer:{iid}" for iid in sorted(user_issuer_ids(user))]
    return principals


def document_principals(page: DocumentPage) -> list[str]:
    """Who may read the document, as principals (superusers, who read everything, are not listed).

    Issued: public → ["public"]; internal → the issuer lineage plus granted users, groups and recipients;
    restricted → granted users and groups plus recipients. Not issued: the groups of the issuer's drafting roles.
    """
    if page.state != DocumentState.ISSUED:
        groups = IssuerRole.objects.filter(issuer_id=page.issuer_id, role__in=DRAFT_ROLES).values_list("group_id", flat=True)
        return [f"group:{g}" for g in sorted(groups)]
    if page.visibility == Visibility.PUBLIC:
        return ["public"]
    principals = grant_principals(page) + _recipient_principals(page)
    if page.visibility == Visibility.INTERNAL:
        principals = [f"issuer:{body.pk}" for body in page.issuer.lineage()] + principals
    return list(dict.fromkeys(principals))


def documents_principals(pages: Sequence[DocumentPage]) -> dict[int, list[str]]:
    """``document_principals`` of many pages by page id, in a fixed number of queries: a rebuild of the search
    index reads thousands of documents, and one by one this cost a few queries per non-public document."""
    out: dict[int, list[str]] = {}
    drafts = [p for p in pages if p.state != DocumentState.ISSUED]
    shared = [p for p in pages if p.state == DocumentState.ISSUED and p.visibility != Visibility.PUBLIC]
    if drafts:
        drafting: dict[int, list[int]] = defaultdict(list)
        roles = IssuerRole.objects.filter(issuer_id__in={p.issuer_id for p in drafts}, role__in=DRAFT_ROLES)
        for issuer_id, group_id in roles.values_list("issuer_id", "group_id"):
            drafting[issuer_id].append(group_id)
        out.update({p.pk: [f"group:{g}" for g in sorted(drafting[p.issuer_id])] for p in drafts})
    out.update({p.pk: ["public"] for p in pages if p.state == DocumentState.ISSUED and p.visibility == Visibility.PUBLIC})
    if not shared:
        return out
    grants = grants_principals([p.pk for p in shared])
    reached = _recipients_principals([p.pk for p in shared])
    for page in shared:
        principals = grants.get(page.pk, []) + reached.get(page.pk, [])
        if page.visibility == Visibility.INTERNAL:
            principals = [f"issuer:{body.pk}" for body in page.issuer.lineage()] + principals
        out[page.pk] = list(dict.fromkeys(principals))
    return out


def _recipients_principals(page_ids: list[int]) -> dict[int, list[str]]:
    """``_recipient_principals`` of many pages: the directory's group memberships walked once for all of them."""
    starts: dict[int, set[int]] = defaultdict(set)
    for page_id, recipient_id in (DocumentRecipient.objects.filter(page_id__in=page_ids).exclude(recipient=None)
                                  .values_list("page_id", "recipient_id")):
        starts[page_id].add(recipient_id)
    members: dict[int, set[int]] = defaultdict(set)
    known = set().union(*starts.values()) if starts else set()
    frontier = set(known)
    while frontier:
        edges = Recipient.members.through.objects.filter(from_recipient_id__in=frontier)
        for source, target in edges.values_list("from_recipient_id", "to_recipient_id"):
            members[source].add(target)
        frontier = set().union(*(members[r] for r in frontier)) - known
        known |= frontier
    readers = {pk: (user, issuer) for pk, user, issuer in
               Recipient.objects.filter(pk__in=known).values_list("pk", "user_id", "issuer_id")}
    out: dict[int, list[str]] = {}
    for page_id, start in starts.items():
        found: set[int] = set()
        frontier = set(start)
        while frontier:
            found |= frontier
            frontier = set().union(*(members[r] for r in frontier)) - found
        rows = [readers[r] for r in found if r in readers]
        out[page_id] = ([f"user:{u}" for u in sorted({u for u, _i in rows if u})]
                        + [f"issuer:{i}" for i in sorted({i for _u, i in rows if i})])
    return out
