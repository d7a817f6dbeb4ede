"""Finding English left in rendered pages: the msgids of Wagtail's and Django's catalogues, and the text a page shows.

A text shown to the user that equals an English msgid (or matches one with its placeholders filled in) was rendered
untranslated. Used by tests/test_admin_vietnamese.py.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import wagtail

# Proper names and codes that are the same in both languages: only these may equal an English msgid.
ALLOWED = {
    "Wagtail", "Django", "JSON", "PDF", "URL", "ID", "OK", "Email", "Slug", "HTML", "CSV", "XLSX",
}
# Attributes read as text: what a screen reader or a tooltip says.
TEXT_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "aria-description", "data-w-tooltip-content-value",
                   "data-w-progress-active-value")  # the last: a busy button's label ("Signing in…")
# Keys of JSON configuration whose values are identifiers, never shown.
NOT_SHOWN_KEYS = {"url", "name", "icon_name", "icon", "classname", "classnames", "_type", "_id", "id", "type",
                  "fieldName", "prefix", "key", "format", "mode", "contentpath", "status"}
_PLACEHOLDER = re.compile(r"%\([a-zA-Z_0-9]+\)[sdif]|%[sdif]|\{[a-zA-Z_0-9]*\}")
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")


def _unquote(line: str) -> str:
    return json.loads(line) if line.startswith('"') else ""


def read_msgids(path: Path) -> list[str]:
    """Every msgid and msgid_plural of a .po file (a minimal reader: enough for the catalogues Django ships)."""
    ids: list[str] = []
    current: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith(("msgid ", "msgid_plural ")):
            current = [_unquote(line.split(" ", 1)[1])]
            ids.append("")
        elif line.startswith(("msgstr", "msgctxt", "#")) or not line:
            current = None
        elif current is not None and line.startswith('"'):
            current.append(_unquote(line))
        if current is not None:
            ids[-1] = "".join(current)
    return [i for i in ids if i]


def _catalogue_files() -> list[Path]:
    roots = [Path(wagtail.__file__).parent, Path(django.__file__).parent]
    files: list[Path] = []
    for root in roots:
        files += sorted(root.glob("**/locale/en/LC_MESSAGES/django.po"))
        files += sorted(root.glob("**/locale/en/LC_MESSAGES/djangojs.po"))
    return files


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class EnglishCatalogue:
    exact: frozenset[str]
    patterns: tuple[tuple[re.Pattern, str], ...]

    def match(self, text: str) -> str | None:
        """The msgid this text is an untranslated rendering of, or None."""
        text = _normal(text)
        if not text or text in ALLOWED or not re.search(r"[A-Za-z]{2}", text):
            return None
        if text in self.exact:
            return text
        if text[:1].lower() + text[1:] in self.exact:  # a verbose name shown with capfirst
            return text[:1].lower() + text[1:]
        for pattern, msgid in self.patterns:
            if pattern.fullmatch(text):
                return msgid
        # An English word and what the page put after it in the same text ("Awaiting Ký duyệt").
        first = text.split(" ", 1)[0]
        if first != text and len(first) >= 5 and first in self.exact and first not in ALLOWED:
            return first
        return None


@cache
def english_catalogue() -> EnglishCatalogue:
    exact: set[str] = set()
    patterns: dict[str, re.Pattern] = {}
    for path in _catalogue_files():
        for msgid in read_msgids(path):
            # A msgid with markup is shown as several texts: each piece between tags is checked on its own.
            for text in (_normal(piece) for piece in _TAG.split(msgid)):
                if not _PLACEHOLDER.search(text):
                    if text:
                        exact.add(text)
                    continue
                # Placeholders alone say nothing: an English word of three letters or more must be around them.
                if not re.search(r"[A-Za-z]{3,}", _PLACEHOLDER.sub("", text)):
                    continue
                parts = [re.escape(part) for part in _PLACEHOLDER.split(text)]
                patterns.setdefault(text, re.compile(".+?".join(parts), re.DOTALL))
    return EnglishCatalogue(frozenset(exact), tuple((p, m) for m, p in patterns.items()))


def _empty_counter(attrs: dict) -> bool:
    """A hidden counter badge: Wagtail renders "None" into it until a script sets the count; never shown as text.

    Other hidden elements (tab panels, side panels, dialogs) are shown at a click, so their text is checked."""
    return "hidden" in attrs and any(name.endswith("-counter") for name in attrs)


class _TextCollector(HTMLParser):
    """Text nodes, text attributes and the strings inside JSON script blocks (Wagtail's sidebar and dialogs)."""

    SKIP = {"style", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._stack: list[tuple[str, dict]] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in TEXT_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"):
            self._stack.append((tag, attrs))
            if _empty_counter(attrs):
                self._hidden += 1

    def handle_endtag(self, tag):
        while self._stack:
            closed, attrs = self._stack.pop()
            if _empty_counter(attrs):
                self._hidden -= 1
            if closed == tag:
                break

    def handle_data(self, data):
        tag, attrs = self._stack[-1] if self._stack else ("", {})
        if tag in self.SKIP or self._hidden:
            return
        if tag == "script":
            if "json" in (attrs.get("type") or ""):
                self.texts += _json_strings(data)
            return
        self.texts.append(data)


def _json_strings(data: str) -> list[str]:
    try:
        value = json.loads(data)
    except ValueError:
        return []
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            if "<" in node and ">" in node:  # an HTML fragment inside JSON (templates of dialogs)
                found.extend(visible_texts(node))
            else:
                found.append(node)
        elif isinstance(node, dict):
            for key, item in node.items():
                if key not in NOT_SHOWN_KEYS:
                    walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)
    return found


def visible_texts(html: str) -> list[str]:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return [text for text in (_normal(t) for t in collector.texts) if text]


def untranslated(html: str) -> list[tuple[str, str]]:
    """(text shown, English msgid) for every piece of text that was rendered untranslated."""
    catalogue = english_catalogue()
    found: list[tuple[str, str]] = []
    for text in visible_texts(html):
        msgid = catalogue.match(text)
        if msgid is not None and (text, msgid) not in found:
            found.append((text, msgid))
    return found
