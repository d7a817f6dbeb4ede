"""The per-request access cache: one object on the user, like django-guardian's ObjectPermissionChecker.

A request's user object lives for one request, and one page or listing asks the read rule many times; what the
rule loads about the user (roles, issuers below, recipients, readable documents) is kept here until
`forget_cached_permissions` drops it together with Django's and Wagtail's own caches.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AccountUser

# The project keeps Django's own user model (no AUTH_USER_MODEL); a request's user may be anonymous.
User = AccountUser | AnonymousUser


ATTRIBUTE = "_access_cache"
_FRAMEWORK_CACHES = (
    "_perm_cache", "_user_perm_cache", "_group_perm_cache",  # django.contrib.auth
    "_page_permission_cache", "_collection_permission_cache", "_site_permission_cache",  # wagtail policies
)


class AccessCache:
    """Values computed once per user object: `get(name, compute)`, `clear()`."""

    def __init__(self) -> None:
        self._values: dict[Hashable, object] = {}

    def get[T](self, name: Hashable, compute: Callable[[], T]) -> T:
        if name not in self._values:
            self._values[name] = compute()
        return self._values[name]  # type: ignore[return-value]

    def clear(self) -> None:
        self._values.clear()


def access_cache(user: User) -> AccessCache:
    """The user's cache, created on first use."""
    cache = user.__dict__.get(ATTRIBUTE)
    if cache is None:
        cache = user.__dict__[ATTRIBUTE] = AccessCache()
    return cache


def remembered[T](user: User, name: Hashable, compute: Callable[[], T]) -> T:
    """compute(), kept in the user's access cache."""
    return access_cache(user).get(name, compute)


def forget_cached_permissions(user: User) -> None:
    """Drop what is cached on a user object after its roles or grants changed: the access cache and the
    permission caches of Django and Wagtail."""
    cache = user.__dict__.get(ATTRIBUTE)
    if cache is not None:
        cache.clear()
    for attr in _FRAMEWORK_CACHES:
        user.__dict__.pop(attr, None)
