"""Every GET-able URL of the URL conf, with example path arguments, for the fuzz test (issue 14, item 5)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import get_resolver
from django.urls.resolvers import RegexPattern, URLResolver

HUGE = "99999999999999999999"


@dataclass(frozen=True)
class Route:
    parts: tuple[str, ...]  # the pattern of each level, as written

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def is_admin(self) -> bool:
        return self.text.startswith(("admin/", "django-admin/"))


def routes() -> list[Route]:
    found: list[Route] = []

    def walk(resolver, prefix: tuple[str, ...]) -> None:
        for entry in resolver.url_patterns:
            parts = (*prefix, _route_text(entry.pattern))
            if isinstance(entry, URLResolver):
                walk(entry, parts)
            else:
                found.append(Route(parts))

    walk(get_resolver(), ())
    return found


def _route_text(pattern) -> str:
    text = str(pattern)
    if isinstance(pattern, RegexPattern):
        text = text.lstrip("^").rstrip("$")
    return text


# Regular-expression routes whose groups are not simple: an example for each, keyed by the route's text.
REGEX_EXAMPLES = {
    "pages/(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/":
        "pages/{int}/revisions/compare/earliest...latest/",
    "(?P<app_label>wagtaildocs|wagtailimages|taggit|authtoken|auth)/": "auth/",
    "(?P<url>.*)": "x/",
    ".*/": "x/",
    "(\\d+)/(.*)": "{file}/x.txt",
    "((?:[\\w\\-]+/)*)": "{page_path}",
}
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def examples(route: Route, ids: dict[str, str]) -> list[str]:
    """Paths for the route: with an existing id (ids["int"]), with 0 and with a huge number for each integer."""
    variants = []
    for int_value in (ids["int"], "0", HUGE):
        path = "/"
        for part in route.parts:
            part = REGEX_EXAMPLES.get(part, part)

            def value(match: re.Match, int_value: str = int_value) -> str:
                kind = match.group("kind") or "str"
                return {"int": int_value, "uuid": "00000000-0000-0000-0000-000000000000",
                        "path": "x/y"}.get(kind, "x")

            path += CONVERTER.sub(value, part)
        for placeholder, filled in (("{int}", int_value), ("{file}", ids["file"]),
                                    ("{page_path}", ids["page_path"].strip("/") + "/")):
            path = path.replace(placeholder, filled)
        variants.append(path.replace("//", "/"))
    return list(dict.fromkeys(variants))
