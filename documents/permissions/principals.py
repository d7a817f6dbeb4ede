"""Principals: who may read, as strings shared with the search index so its permission filter lives inside the
query: "public", "issuer:<id>" (members of an issuer), "user:<id>", "group:<id>"."""
from __future__ import annotations

from documents.models import DRAFT_ROLES, DocumentPage, DocumentState, IssuerRole, Recipient, Visibility

from .cache import User
from .grants import grant_principals
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
