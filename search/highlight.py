"""Highlighted snippets (<mark>) in the original Vietnamese text, whatever marks the query had.

Both backends use this one highlighter over the stored original text: its folded copy keeps every character
where it was (``aligned_fold``, three C-level calls for Vietnamese text), so the folded query words found in
the copy mark the same offsets in the original. (Elasticsearch's own highlighter could only show the folded
copy: a plain node has no folding analyzer.)
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from html import escape
from operator import itemgetter

from documents.text.vietnamese import aligned_fold

_first = itemgetter(0)
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
    return _matches_in_folded(folded if folded is not None and len(folded) == len(text) else aligned_fold(text), terms)


PAIR_GAP = 3  # "01-QC", "Số 01", "QC/BCĐ", "01 - QC": at most three characters between the words of a notation
_NUMBER_WORDS = frozenset({"so"})  # "số" before a notation ("so 01 qc bcd"): not a word of the notation itself


def _paired(spans: list[tuple[int, int]], words: list[str],
            terms: frozenset[str]) -> tuple[list[tuple[int, int]], list[str]]:
    """The matches in runs of side-by-side matches holding every word of the notation typed ("Số 01-QC/BCĐ"),
    not "01" in a date, "số 01" of another document or a lone "BCĐ". All of them when no run holds it."""
    needed = terms - _NUMBER_WORDS or terms
    keep: list[int] = []
    start = 0
    for k in range(1, len(spans) + 1):
        if k == len(spans) or spans[k][0] - spans[k - 1][1] > PAIR_GAP:
            if needed <= set(words[start:k]):
                keep.extend(range(start, k))
            start = k
    if not keep:
        return spans, words
    return [spans[k] for k in keep], [words[k] for k in keep]


# Line openings of boilerplate: căn cứ, Nơi nhận (with or without marks), a signature's "T/M", "KT." …
_BOILERPLATE = (r"[ \t]*(?:(?P<bases>(?i:c[aă]n c[uứ]\b))|(?P<recipients>(?i:n[oơ]i nh[aậ]n\b))|"
                r"(?P<signature>(?:T/M|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s))")
_FIRST_LINE_RE = re.compile(_BOILERPLATE)
_NEXT_LINE_RE = re.compile("\n" + _BOILERPLATE)  # a literal first character: 3× faster than a MULTILINE "^"


def _boilerplate(text: str) -> list[tuple[int, int]]:
    """Where căn cứ lines, a signature block (its line and the three after it: title, "(đã ký)", name) and
    the Nơi nhận list stand: a snippet starts there only when nothing else matches. One regex scan."""
    found: list[tuple[int, int]] = []
    first = _FIRST_LINE_RE.match(text)
    for match in ([first] if first else []) + list(_NEXT_LINE_RE.finditer(text)):
        start = match.start() if match is first else match.start() + 1
        if match.group("recipients"):
            found.append((start, len(text)))
            break
        end = text.find("\n", start)
        if match.group("signature"):
            for _line in range(3):
                end = text.find("\n", end + 1) if end != -1 else -1
        found.append((start, len(text) if end == -1 else end))
    return found


def _kept(text: str, spans: list[tuple[int, int]], words: list[str], start: int, end: int,
          exact: dict[str, frozenset[str]]) -> list[tuple[int, int]]:
    """The spans of one passage worth a mark: with marks typed, a folded look-alike ("quý" for "quy") only
    when the passage has no exact spelling of that word."""
    lo = bisect_left(spans, start, key=_first)  # spans are in order: only the passage's few are looked at
    hi = bisect_right(spans, end, lo=lo, key=_first)
    inside = [(a, b, w) for (a, b), w in zip(spans[lo:hi], words[lo:hi], strict=True) if b <= end]
    if not exact:
        return [(a, b) for a, b, _w in inside]
    is_exact = [text[a:b].lower() in exact.get(w, ()) for a, b, w in inside]
    has_exact = {w for (_a, _b, w), e in zip(inside, is_exact, strict=True) if e}
    return [(a, b) for (a, b, w), e in zip(inside, is_exact, strict=True) if e or w not in has_exact]


def _candidates(spans: list[tuple[int, int]], words: list[str], boilerplate: list[tuple[int, int]],
                size: int) -> list[tuple[int, int, int]]:
    """A window of ``size`` from each match: (-distinct terms, -neighbouring pairs, first match), over the matches
    outside căn cứ, signature and Nơi nhận (over all of them when only those match). One pass: the window's end
    and the boilerplate both move forward only."""
    n = len(spans)
    firsts = [a for a, _b in spans]
    ends = [b for _a, b in spans]
    # Neighbouring matches of different words ("chuyển đổi số"): adjacent[k] counts pairs up to span k.
    adjacent = [0] * n
    for k in range(1, n):
        adjacent[k] = adjacent[k - 1] + (firsts[k] - ends[k - 1] <= 2 and words[k] != words[k - 1])
    inside: list[tuple[int, int, int]] = []
    outside: list[tuple[int, int, int]] = []
    counts = dict.fromkeys(words, 0)
    distinct = 0
    j = 0
    b = 0
    nb = len(boilerplate)
    for i in range(n):
        a = firsts[i]
        limit = a + size
        while j < n and (j <= i or ends[j] <= limit):
            word = words[j]
            counts[word] += 1
            if counts[word] == 1:
                distinct += 1
            j += 1
        while b < nb and boilerplate[b][1] <= a:
            b += 1
        candidate = (-distinct, adjacent[i] - adjacent[j - 1], i)
        (inside if b < nb and boilerplate[b][0] <= a else outside).append(candidate)
        word = words[i]
        counts[word] -= 1
        if not counts[word]:
            distinct -= 1
    return outside or inside


def highlight(text: str, folded_terms: Iterable[str], size: int = 220, fragments: int = 2,
              folded: str | None = None, exact: dict[str, frozenset[str]] | None = None, paired: bool = False) -> str:
    """HTML snippet(s) of ``text`` with the words matching a folded query term in <mark>.

    ``folded``: an aligned folded copy of ``text`` if the caller has one (faster). ``exact``: the spellings
    typed with marks (``ParsedQuery.exact_words``). ``paired``: the query is a notation, whose words count only
    side by side (``_paired``). Chooses the windows outside căn cứ, signature and Nơi nhận holding the most
    distinct terms, then the most neighbouring terms (phrases). With no match, the start.
    """
    if not text:
        return ""
    terms = frozenset(t for t in folded_terms if t)
    text = text[:MAX_SCAN_CHARS]
    if folded is not None:
        folded = folded[:MAX_SCAN_CHARS]
    spans, words = _matches(text, terms, folded) if terms else ([], [])
    if paired:
        spans, words = _paired(spans, words, terms)
    if not spans:
        _start, end = _window(text, 0, size)
        return _render(text, 0, end, [])
    boilerplate = _boilerplate(text)  # sorted, not overlapping
    candidates = _candidates(spans, words, boilerplate, size)
    chosen: list[tuple[int, int]] = []
    for *_score, i in sorted(candidates):
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
    return _join([_render(text, s, e, _kept(text, spans, words, s, e, exact or {})) for s, e in chosen])


def _join(rendered: list[str]) -> str:
    return " ".join(rendered).replace(f"{ELLIPSIS} {ELLIPSIS}", f" {ELLIPSIS} ")


def snippet(content: str, folded_terms: Iterable[str], folded: str | None = None,
            exact: dict[str, frozenset[str]] | None = None, paired: bool = False) -> str:
    """The highlight of a search hit: from the text after the title line (shown apart) when it matches there.

    ``folded``: aligned folded copy of ``content`` if the caller has one, else it is made here. ``exact`` and
    ``paired``: as ``highlight``.
    """
    terms = frozenset(folded_terms)
    content = content[:MAX_SCAN_CHARS]
    folded = folded[:MAX_SCAN_CHARS] if folded is not None else None
    if folded is None or len(folded) != len(content):
        folded = aligned_fold(content)
    newline = content.find("\n")
    if newline != -1:
        body = highlight(content[newline + 1:], terms, folded=folded[newline + 1:], exact=exact, paired=paired)
        if "<mark>" in body:
            return body
    return highlight(content, terms, folded=folded, exact=exact, paired=paired)
