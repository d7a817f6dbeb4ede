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

By concern: rules.py (the rule as a query), membership.py (roles of a user, clerks), grants.py (guardian
grants), principals.py (the search index's principals), files.py (attachments), cache.py (per-request cache).
"""
from .cache import AccessCache, User, access_cache, forget_cached_permissions, remembered
from .files import can_download, readable_collection_filter, readable_files
from .grants import VIEW_CODENAME, VIEW_PERMISSION, grant_view, guardian_content_type, revoke_view
from .membership import acting_issuer_ids, is_clerk, served_issuer_ids, user_has_role, user_issuer_ids
from .principals import document_principals, documents_principals, user_principals
from .rules import (
    can_read,
    can_view,
    hide_unreadable_documents,
    knew_recalled,
    known_recalled_documents,
    readable_documents,
    visible_documents,
)

__all__ = [
    "VIEW_CODENAME", "VIEW_PERMISSION", "AccessCache", "User", "access_cache", "can_download", "can_read",
    "can_view", "document_principals", "documents_principals", "forget_cached_permissions", "grant_view",
    "guardian_content_type",
    "acting_issuer_ids", "hide_unreadable_documents", "is_clerk", "knew_recalled", "known_recalled_documents", "readable_collection_filter",
    "readable_documents", "readable_files", "remembered", "revoke_view", "served_issuer_ids", "user_has_role",
    "user_issuer_ids",
    "user_principals", "visible_documents",
]
