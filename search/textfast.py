"""Fast paths of search.vietnamese for long texts, each returning exactly what the original returns.

Indexing and highlighting call ``nfc``/``fold``/``tokens`` on whole documents; the originals examine every
word and character in Python (about 2 ms per KB). These wrappers answer from C-level string operations when
the text allows it and call the original otherwise, so search.vietnamese stays the one definition:

* ``nfc_fast``: canonical_tone only rewrites a word that ends in oa/oe/uy with the tone on its last letter;
  NFC text without such an ending is returned as is.
* ``fold_fast``/``aligned_fold``: a translation table built from ``fold`` itself, one character at a time.
* ``tokens_nfc``: the tokens of text that is already ``nfc``.
tests/test_search_textfast.py checks the equivalences.
"""
from __future__ import annotations

import re
import unicodedata

from search.vietnamese import _TOKEN_RE, fold, nfc

WORD_RE = _TOKEN_RE  # one word definition for index, query and highlight

# A tone on the last letter of a word ending in oa, oe or uy (not after q): the only thing canonical_tone
# moves. Any word it would rewrite matches this; a match only means "ask nfc".
_OLD_TONE_RE = re.compile(
    "(?<![qQ])(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\\W\\d_]|[\u0300-\u036f])"
)


def nfc_fast(text: str) -> str:
    """Same as ``nfc(text)``."""
    if not text:
        return ""
    if unicodedata.is_normalized("NFC", text) and not _OLD_TONE_RE.search(text):
        return text
    return nfc(text)


def _build_table() -> tuple[dict[int, str], frozenset[str]]:
    table: dict[int, str] = {}
    domain: set[str] = set()
    for start, end in ((0x20, 0x7F), (0xA0, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070)):
        for cp in range(start, end):
            ch = chr(cp)
            if ch.lower() != ch:  # only lowercase letters reach the table (text is lowered first)
                continue
            folded = fold(ch)
            if len(folded) == 1:
                domain.add(ch)
                if folded != ch:
                    table[cp] = folded
    domain.update("\n\t\r")
    return table, frozenset(domain)


_TABLE, _DOMAIN = _build_table()


def _translate(text: str) -> str | None:
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if not lowered.isascii() and not _DOMAIN.issuperset(lowered):
        return None
    return lowered.translate(_TABLE)


def fold_fast(text: str) -> str:
    """Same as ``fold(text)`` for NFC text (and for any text, through the fallback)."""
    if not text:
        return ""
    fast = _translate(text) if unicodedata.is_normalized("NFC", text) else None
    return fast if fast is not None else fold(text)


def aligned_fold(text: str) -> str:
    """``fold`` keeping the length: character i of the result is the folded character i of ``text``."""
    if not text:
        return ""
    fast = _translate(text)
    if fast is not None:
        return fast
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else (ch.lower()[:1] or " "))
    return "".join(out)


def tokens_nfc(text: str) -> list[str]:
    """Same as ``tokens(text)`` when ``text`` is already ``nfc``."""
    return WORD_RE.findall(text.lower())


def _variants() -> dict[str, str]:
    """Folded letter → every lowercase letter that folds to it ("d" → "dđ", "a" → "aàáảãạăằ…")."""
    found: dict[str, set[str]] = {}
    for ch in _DOMAIN:
        target = _TABLE.get(ord(ch), ch)
        found.setdefault(target, {target}).add(ch)
    return {k: "".join(sorted(v)) for k, v in found.items() if len(v) > 1}


_VARIANTS = _variants()


def variant_pattern(folded_word: str) -> str:
    """A regex matching, in lowercase NFC text, every spelling that folds to ``folded_word``."""
    parts = []
    for ch in folded_word:
        variants = _VARIANTS.get(ch)
        parts.append(f"[{re.escape(variants)}]" if variants else re.escape(ch))
    return "".join(parts)
