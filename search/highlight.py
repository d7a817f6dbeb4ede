"""Highlighted snippets (<mark>) in the original Vietnamese text, whatever marks the query had.

Both backends use this one highlighter over the stored original text: a folded query word becomes a regex
of all its spellings ("doi" → [dđ][oòóỏõọôồốổỗộơờớởỡợ][iìíỉĩị]) run over the lowercased text, so matches
keep their offsets in the original. (Elasticsearch's own highlighter could only show the folded copy: a
plain node has no folding analyzer.)
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from html import escape

from documents.text.vietnamese import aligned_fold, variant_pattern

MAX_SCAN_CHARS = 20_000  # snippets come from the opening of long texts (bounded work per hit)
_SPACES_RE = re.compile(r"\s+")
ELLIPSIS = "…"


def _squash(html: str) -> str:
    return _SPACES_RE.sub(" ", html)


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = [ELLIPSIS] if start > 0 else []
    pos = start
    for a, b in spans:
        if a < start or b > end:
            continue
        parts.append(escape(text[pos:a]))
        parts.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    parts.append(escape(text[pos:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return _squash("".join(parts)).strip()


def _window(text: str, first: int, size: int) -> tuple[int, int]:
    """A window of about ``size`` characters with a little context before the first match, on word edges."""
    start = max(0, first - size // 4)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start + size // 2, end)
        end = space if space != -1 else end
    return start, end


@lru_cache(maxsize=256)
def _terms_regex(terms: tuple[str, ...]) -> re.Pattern:
    """Whole words of lowercase NFC text that fold to one of the terms (group i = term i), no folding needed."""
    alternatives = "|".join(f"(?P<t{i}>{variant_pattern(t)})" for i, t in enumerate(terms))
    return re.compile(f"(?<![^\\W_])(?:{alternatives})(?![^\\W_]|[\u0300-\u036f])")


MAX_MATCHES = 2000


def _matches_in_folded(folded: str, terms: frozenset[str]) -> tuple[list[tuple[int, int]], list[str]]:
    """Whole-word occurrences of the terms in an aligned folded copy (C-level find, no regex)."""
    found: list[tuple[int, int, str]] = []
    size = len(folded)
    for term in terms:
        length = len(term)
        i = folded.find(term)
        while i != -1:
            j = i + length
            if (i == 0 or not folded[i - 1].isalnum()) and (j == size or not folded[j].isalnum()):
                found.append((i, j, term))
                if len(found) >= MAX_MATCHES:
                    break
                i = folded.find(term, j)
            else:
                i = folded.find(term, i + 1)
    found.sort()
    return [(a, b) for a, b, _t in found], [t for _a, _b, t in found]


def _matches(text: str, terms: frozenset[str], folded: str | None = None) -> tuple[list[tuple[int, int]], list[str]]:
    if folded is not None and len(folded) == len(text):
        return _matches_in_folded(folded, terms)
    lowered = text.lower()
    if len(lowered) == len(text):
        ordered = tuple(sorted(terms, key=lambda t: (-len(t), t)))
        spans, words = [], []
        for m in _terms_regex(ordered).finditer(lowered):
            spans.append(m.span())
            words.append(m.lastgroup or "")
            if len(spans) >= MAX_MATCHES:
                break
        return spans, words
    # Rare letters whose lowercase changes length: fold the whole text instead.
    return _matches_in_folded(aligned_fold(text), terms)


def highlight(text: str, folded_terms: Iterable[str], size: int = 220, fragments: int = 2,
              folded: str | None = None) -> str:
    """HTML snippet(s) of ``text`` with every word matching a folded query term in <mark>.

    ``folded``: an aligned folded copy of ``text`` if the caller has one (faster). Chooses the windows
    holding the most distinct terms. With no match, the start of the text.
    """
    if not text:
        return ""
    terms = frozenset(t for t in folded_terms if t)
    text = text[:MAX_SCAN_CHARS]
    if folded is not None:
        folded = folded[:MAX_SCAN_CHARS]
    spans, words = _matches(text, terms, folded) if terms else ([], [])
    if not spans:
        _start, end = _window(text, 0, size)
        return _render(text, 0, end, [])
    # Sliding window over the matches: distinct terms inside [spans[i].start, spans[i].start + size).
    candidates: list[tuple[int, int]] = []  # (-distinct, index of first span)
    counts: dict[str, int] = {}
    distinct = 0
    j = 0
    for i, (a, _b) in enumerate(spans):
        while j < len(spans) and (j <= i or spans[j][1] <= a + size):
            counts[words[j]] = counts.get(words[j], 0) + 1
            distinct += counts[words[j]] == 1
            j += 1
        candidates.append((-distinct, i))
        counts[words[i]] -= 1
        distinct -= counts[words[i]] == 0
    chosen: list[tuple[int, int]] = []
    for _score, i in sorted(candidates):
        first = spans[i][0]
        if any(s - size <= first < e for s, e in chosen):
            continue
        start, end = _window(text, first, size)
        if any(start < e and s < end for s, e in chosen):
            continue
        chosen.append((start, end))
        if len(chosen) >= fragments:
            break
    chosen.sort()
    return _join([_render(text, s, e, spans) for s, e in chosen])


def _join(rendered: list[str]) -> str:
    return " ".join(rendered).replace(f"{ELLIPSIS} {ELLIPSIS}", f" {ELLIPSIS} ")


def snippet(content: str, folded_terms: Iterable[str], folded: str | None = None) -> str:
    """The highlight of a search hit: from the text after the title line (shown apart) when it matches there.

    ``folded``: aligned folded copy of ``content`` (Elasticsearch keeps one), else the regex path is used.
    """
    terms = frozenset(folded_terms)
    if folded is not None and len(folded) != len(content):
        folded = None
    newline = content.find("\n")
    if newline != -1:
        body = highlight(content[newline + 1:], terms, folded=folded[newline + 1:] if folded else None)
        if "<mark>" in body:
            return body
    return highlight(content, terms, folded=folded)
