"""Who may read which document (contract; the permissions work completes the rules).

Principals are strings shared with the search index so the permission filter can live inside the query:
"public", "issuer:<id>" (members of an issuer), "user:<id>", "group:<id>".
"""
from __future__ import annotations

from django.db.models import QuerySet


def user_issuer_ids(user) -> set[int]:
    """Issuers at which the user holds any role (the user is a member of them)."""
    return set()


def user_principals(user) -> list[str]:
    principals = ["public"]
    if user is not None and user.is_authenticated:
        principals.append(f"user:{user.pk}")
        principals += [f"group:{gid}" for gid in user.groups.values_list("pk", flat=True)]
        principals += [f"issuer:{iid}" for iid in sorted(user_issuer_ids(user))]
    return principals


def document_principals(page) -> list[str]:
    """Who may read an issued document, as principals."""
    if page.visibility == "public":
        return ["public"]
    return [f"issuer:{body.pk}" for body in page.issuer.lineage()]


def visible_documents(user) -> QuerySet:
    from documents.models import DocumentPage, Visibility

    qs = DocumentPage.objects.live()
    if user is not None and user.is_authenticated and user.is_superuser:
        return qs
    return qs.filter(visibility=Visibility.PUBLIC, state="issued")


def can_view(user, page) -> bool:
    return visible_documents(user).filter(pk=page.pk).exists()
