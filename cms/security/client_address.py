"""The real client address: REMOTE_ADDR, or X-Forwarded-For only when REMOTE_ADDR is a configured trusted proxy.

settings.TRUSTED_PROXIES lists addresses or networks (e.g. "127.0.0.1", "10.0.0.0/8") of reverse proxies that
append the client address to X-Forwarded-For. The header is read from the right, skipping trusted proxies: the
first address not trusted is the client. A client cannot forge it, since anything it wrote sits further left.
"""
from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()))))


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not _trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for candidate in reversed(forwarded):
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            return remote  # a malformed hop: trust nothing left of it
        if not _trusted(candidate):
            return candidate
    return remote
