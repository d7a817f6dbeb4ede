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
ELLIPSIS = "…"


_SPECIAL_RE = re.compile(r"[&<>\"']")


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    plain = _SPECIAL_RE.search(text, start, end) is None  # nearly always: no piece needs escaping
    parts: list[str] = [ELLIPSIS] if start > 0 else []
    pos = start
    for a, b in spans:
        if a < start or b > end:
            continue
        if plain:
            parts += (text[pos:a], "<mark>", text[a:b], "</mark>")
        else:
            parts += (escape(text[pos:a]), "<mark>", escape(text[a:b]), "</mark>")
        pos = b
    parts.append(text[pos:end] if plain else escape(text[pos:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return " ".join("".join(parts).split())  # every run of spaces and line breaks one space


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
# Every byte that is not an ASCII letter or digit becomes a space: in that copy a whole word is " term ".
_WORD_BYTES = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))


def _matches_in_folded(folded: str, terms: frozenset[str]) -> tuple[list[tuple[int, int]], list[str]]:
    """Whole-word occurrences of the terms in an aligned folded copy. The copy is made bytes, one per character
    (what is left unfolded becomes "?"), with everything but ASCII letters and digits a space; then each
    " term " found by C-level find is a whole word, with no check of its neighbours (3× faster)."""
    words = b" " + folded.encode("ascii", "replace").translate(_WORD_BYTES) + b" "
    found: list[tuple[int, int, str]] = []
    for term in terms:
        needle = f" {term} ".encode("ascii", "replace")
        length = len(term)
        i = words.find(needle)
        while i != -1:
            found.append((i, i + length, term))  # i: the space before the word, which is the word's own offset
            if len(found) >= MAX_MATCHES:
                break
            i = words.find(needle, i + length)  # from the space after it: "so so" holds two
    found.sort()
    return [(a, b) for a, b, _t in found], [t for _a, _b, t in found]


# Two matches of different query words at most a space and a sign apart ("chuyển đổi", "Đảng ủy, phường") stand
# side by side: a phrase, for the snippet's choice (_candidates) and its marks (_in_phrases). Inline in both loops.
PHRASE_GAP = 2
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


# A line of its own before and after the index's signature, recipients, notation and issuer lines (see
# search.indexing.searchable_text): U+001E, the ASCII record separator, which every tokenizer drops as a space
# and folding keeps on its one-byte table (U+2029 sent every snippet's folding down the slow path: 500 µs, not 40).
FURNITURE_MARK = "\x1e"
# Inside the furniture, a line of its own before the type, notation and issuer lines, which a result shows apart:
# U+001D (group separator), dropped and folded alike. The signer and Nơi nhận before it read like a signature.
SHOWN_APART_MARK = "\x1d"
# Line openings of boilerplate: căn cứ, Nơi nhận (with or without marks), a signature's "T/M", "KT." …
_BOILERPLATE = (r"[ \t]*(?:(?P<bases>(?i:c[aă]n c[uứ]\b))|(?P<recipients>(?i:n[oơ]i nh[aậ]n\b))|"
                r"(?P<signature>(?:T/M|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s)|(?P<furniture>\x1e))")
_FIRST_LINE_RE = re.compile(_BOILERPLATE)
_NEXT_LINE_RE = re.compile("\n" + _BOILERPLATE)  # a literal first character: 3× faster than a MULTILINE "^"


BOILERPLATE = 1  # căn cứ, a signature, Nơi nhận: a snippet starts there only where it holds more of the terms
FURNITURE = 2  # the index's type, notation and issuer lines, shown apart: only where nothing else matches


def _boilerplate(text: str) -> list[tuple[int, int, int]]:
    """Where căn cứ lines, a signature block (its line and the three after it: title, "(đã ký)", name), the
    Nơi nhận list and the index's signer and recipients lines (BOILERPLATE) and its type, notation and issuer lines
    (FURNITURE) stand, in order: (start, end, kind). One regex scan."""
    found: list[tuple[int, int, int]] = []
    furniture_end = -1
    first = _FIRST_LINE_RE.match(text)
    for match in ([first] if first else []) + list(_NEXT_LINE_RE.finditer(text)):
        start = match.start() if match is first else match.start() + 1
        if start < furniture_end:  # the furniture's own lines and its closing mark
            continue
        if match.group("recipients"):
            found.append((start, len(text), BOILERPLATE))
            break
        if match.group("furniture"):
            end = text.find("\n" + FURNITURE_MARK, start + 1)
            end = len(text) if end == -1 else end + 2
            apart = text.find("\n" + SHOWN_APART_MARK, start, end)
            if apart == -1:  # indexed before the mark: every line reads like a signature
                found.append((start, end, BOILERPLATE))
            else:
                found += [(start, apart + 1, BOILERPLATE), (apart + 1, end, FURNITURE)]
            furniture_end = end
            continue
        end = text.find("\n", start)
        if match.group("signature"):
            for _line in range(3):
                end = text.find("\n", end + 1) if end != -1 else -1
        found.append((start, len(text) if end == -1 else end, BOILERPLATE))
    return found


def _kept(text: str, spans: list[tuple[int, int]], words: list[str], start: int, end: int,
          exact: dict[str, frozenset[str]]) -> list[tuple[int, int]]:
    """The spans of one passage worth a mark: with marks typed, a folded look-alike ("quý" for "quy") only
    when the passage has no exact spelling of that word; a word of a phrase the passage holds only in it."""
    lo = bisect_left(spans, start, key=_first)  # spans are in order: only the passage's few are looked at
    hi = bisect_right(spans, end, lo=lo, key=_first)
    inside = [(a, b, w) for (a, b), w in zip(spans[lo:hi], words[lo:hi], strict=True) if b <= end]
    if exact:
        is_exact = [text[a:b].lower() in exact.get(w, ()) for a, b, w in inside]
        has_exact = {w for (_a, _b, w), e in zip(inside, is_exact, strict=True) if e}
        inside = [(a, b, w) for (a, b, w), e in zip(inside, is_exact, strict=True) if e or w not in has_exact]
    return [(a, b) for a, b, _w in _in_phrases(inside)]


def _in_phrases(inside: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Where a passage holds the query's words side by side ("quy chế", "chuyển đổi số"), a word of such a phrase
    is marked there only: its lone look-alikes ("quý I", "Nghị quyết số") are noise to a reader who typed the
    phrase. A word that stands in no phrase of the passage keeps all its marks."""
    n = len(inside)
    paired = [False] * n
    for k in range(1, n):
        (_a0, b0, w0), (a1, _b1, w1) = inside[k - 1], inside[k]
        if a1 - b0 <= PHRASE_GAP and w0 != w1:
            paired[k - 1] = paired[k] = True
    if not any(paired):
        return inside
    phrased = {w for (_a, _b, w), p in zip(inside, paired, strict=True) if p}
    return [(a, b, w) for (a, b, w), p in zip(inside, paired, strict=True) if p or w not in phrased]


def _candidates(spans: list[tuple[int, int]], words: list[str], boilerplate: list[tuple[int, int, int]],
                size: int) -> list[tuple[int, int, int, int]]:
    """A window of ``size`` from each match: (-distinct terms, the kind of boilerplate it starts in (BOILERPLATE,
    FURNITURE) or 0, -neighbouring pairs, first match). Pairs count up to one whole phrase (distinct
    terms - 1): the first passage holding the phrase wins, not a later one that repeats it. A window ends where
    the next boilerplate begins. One pass: the window's end and the boilerplate both move forward only."""
    n = len(spans)
    firsts = [a for a, _b in spans]
    ends = [b for _a, b in spans]
    # Neighbouring matches of different words ("chuyển đổi số"): adjacent[k] counts pairs up to span k.
    adjacent = [0] * n
    for k in range(1, n):
        adjacent[k] = adjacent[k - 1] + (firsts[k] - ends[k - 1] <= PHRASE_GAP and words[k] != words[k - 1])
    candidates: list[tuple[int, int, int, int]] = []
    counts = dict.fromkeys(words, 0)
    phrase = len(counts) - 1
    distinct = 0
    j = 0
    b = 0
    nb = len(boilerplate)
    for i in range(n):
        a = firsts[i]
        while b < nb and boilerplate[b][1] <= a:
            b += 1
        inside = b < nb and boilerplate[b][0] <= a
        after = b + 1 if inside else b
        # A window stops where the next boilerplate begins (_stop_before): its matches beyond do not count.
        limit = min(a + size, boilerplate[after][0]) if after < nb else a + size
        while j < n and (j <= i or ends[j] <= limit):
            word = words[j]
            counts[word] += 1
            if counts[word] == 1:
                distinct += 1
            j += 1
        pairs = adjacent[j - 1] - adjacent[i]
        kind = boilerplate[b][2] if inside else 0
        candidates.append((-distinct, kind, -pairs if pairs < phrase else -phrase, i))
        word = words[i]
        counts[word] -= 1
        if not counts[word]:
            distinct -= 1
    return candidates


def _stop_before(boilerplate: list[tuple[int, int, int]], first: int, end: int) -> int:
    """A window's end, brought back to where the next boilerplate after its first match begins: a passage of the
    body does not run on into a signature, Nơi nhận or the furniture."""
    for start, _end, _kind in boilerplate:
        if start > first:
            return min(end, start)
    return end


EARLY_CHARS = 2_500  # most hits show their passages from the opening: look there first


def _choose(text: str, terms: frozenset[str], size: int, fragments: int, folded: str | None, paired: bool,
            early: bool) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[str]] | None:
    """The windows of the snippet, with the matches. ``early``: from the opening EARLY_CHARS alone, or None when
    the opening cannot settle it: the best windows are the first holding every term and a whole phrase outside
    the boilerplate, so two such windows wholly inside the opening are what the whole text would choose."""
    scanned = text[:EARLY_CHARS] if early else text
    if folded is None or len(folded) < len(scanned):
        folded = aligned_fold(scanned)
    spans, words = _matches_in_folded(folded[:len(scanned)], terms) if terms else ([], [])
    if paired:
        spans, words = _paired(spans, words, terms)
    if early and len(set(words)) < len(terms):
        return None
    if not spans:
        return [(0, _window(text, 0, size)[1])], [], []
    boilerplate = _boilerplate(scanned)
    candidates = _candidates(spans, words, boilerplate, size)
    # A window in the boilerplate (căn cứ, a signature, Nơi nhận, the index's signer and recipients) only where it
    # holds more of the terms than any window outside it; in the type, notation and issuer lines (the result shows
    # them apart) only where nothing else matches.
    most_outside = max((-c[0] for c in candidates if not c[1]), default=0)
    elsewhere = any(c[1] != FURNITURE for c in candidates)
    candidates = [c for c in candidates
                  if not c[1] or (c[1] == BOILERPLATE and -c[0] > most_outside) or (c[1] == FURNITURE and not elsewhere)]
    if early:
        best = (-len(terms), 0, -(len(terms) - 1))
        candidates = [c for c in candidates if c[:3] == best and spans[c[3]][0] + size <= len(scanned)]
    chosen: list[tuple[int, int]] = []
    for *_score, i in sorted(candidates):
        first = spans[i][0]
        if any(s - size <= first < e for s, e in chosen):
            continue
        start, end = _window(text, first, size)
        end = _stop_before(boilerplate, first, end)
        if any(start < e and s < end for s, e in chosen):
            continue
        chosen.append((start, end))
        if len(chosen) >= fragments:
            break
    if early and len(chosen) < fragments:
        return None
    return sorted(chosen), spans, words


def highlight(text: str, folded_terms: Iterable[str], size: int = 220, fragments: int = 2,
              folded: str | None = None, exact: dict[str, frozenset[str]] | None = None, paired: bool = False) -> str:
    """HTML snippet(s) of ``text`` with the words matching a folded query term in <mark>.

    ``folded``: an aligned folded copy of ``text`` if the caller has one (faster). ``exact``: the spellings
    typed with marks (``ParsedQuery.exact_words``). ``paired``: the query is a notation, whose words count only
    side by side (``_paired``). Chooses the windows holding the most distinct terms, then the most neighbouring
    terms (phrases); a window in căn cứ, a signature, Nơi nhận or the index's furniture only where it holds more
    terms than any other. With no match, the start.
    """
    if not text:
        return ""
    order = list(dict.fromkeys(t for t in folded_terms if t))
    terms = frozenset(order)
    text = text[:MAX_SCAN_CHARS]
    if folded is not None:
        folded = folded[:MAX_SCAN_CHARS]
        folded = folded if len(folded) == len(text) else None
    found = None
    if terms and not paired and len(text) > EARLY_CHARS:
        head = folded[:EARLY_CHARS] if folded is not None else aligned_fold(text[:EARLY_CHARS])
        if " ".join(order) in head:  # the whole phrase in the opening: it is likely to settle the choice
            found = _choose(text, terms, size, fragments, head, paired, early=True)
        if found is None and folded is None:  # folding is character by character: the rest on its own
            folded = head + aligned_fold(text[EARLY_CHARS:])
    if found is None:
        found = _choose(text, terms, size, fragments, folded, paired, early=False)
    assert found is not None  # the whole text always settles it
    chosen, spans, words = found
    return _join([_render(text, s, e, _kept(text, spans, words, s, e, exact or {})) for s, e in chosen])


def _join(rendered: list[str]) -> str:
    return " ".join(rendered).replace(f"{ELLIPSIS} {ELLIPSIS}", f" {ELLIPSIS} ")


def snippet(content: str, folded_terms: Iterable[str], folded: str | None = None,
            exact: dict[str, frozenset[str]] | None = None, paired: bool = False) -> str:
    """The highlight of a search hit: from the text after the title line (shown apart) when it matches there.

    ``folded``: aligned folded copy of ``content`` if the caller has one, else it is made here. ``exact`` and
    ``paired``: as ``highlight``.
    """
    terms = list(dict.fromkeys(folded_terms))
    content = content[:MAX_SCAN_CHARS]
    folded = folded[:MAX_SCAN_CHARS] if folded is not None and len(folded) >= len(content) else None
    newline = content.find("\n")
    if newline != -1:
        body = highlight(content[newline + 1:], terms, folded=None if folded is None else folded[newline + 1:],
                         exact=exact, paired=paired)
        if "<mark>" in body:
            return body
    return highlight(content, terms, folded=folded, exact=exact, paired=paired)
