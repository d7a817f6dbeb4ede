"""What a query names besides its words: a kind of document, a number, an issuer's code; and the words left
for the trích yếu once those are taken out. Every backend ranks with the same tiers, in this order:

1. the document whose notation was typed;
2. exact-diacritic matches of every word (when the query has marks);
3. how many of kind, number, issuer (by code, or by name: ``SearchQuery.named_issuers``) and signer (by name:
   ``SearchQuery.named_signers``) named by the query the document has;
4. the trích yếu (title) holds every remaining word, first where they stand side by side as typed;
5. the backend's text score (bm25, ts_rank, Lucene), then the newest.

Tiers 1–4 are decided from fields both backends hold alike, so the order only differs between backends
inside one tier.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from documents.text.vietnamese import fold
from search.query import ParsedQuery

MAX_NUMBER = 9999  # larger numbers are years, amounts, phone numbers: not a document's number
_YEAR_WORDS = frozenset({"nam"})  # "năm 2026": a year, not a number


@cache
def _kind_names() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded words of a kind's name, kind slug), longest names first; the general types' too ("nghị quyết"
    → "van_ban.nghi_quyet"), so that "nghị quyết 05" puts the nghị quyết first as "quy chế 01" does."""
    from documents.kinds import kind_classes
    from documents.kinds.van_ban_khac import GENERAL_KIND, known_general_kinds

    names = [(tuple(fold(str(cls._meta.verbose_name)).split()), slug) for slug, cls in kind_classes().items()
             if slug != GENERAL_KIND]  # "văn bản khác" names no type
    names += [(tuple(fold(name).split()), kind) for kind, name in known_general_kinds().items()]
    return tuple(sorted(names, key=lambda item: -len(item[0])))


# Type codes no Vietnamese word is spelled as ("qc", "qd", "kh"), unlike "da", "tt", "ct" or "hd".
_CODES_NOT_WORDS = frozenset({"QC", "QĐ", "KH", "BC", "BB", "NQ", "CTr", "TTr"})


@cache
def _type_code_kinds() -> dict[str, str]:
    """A type code folded ("qd", "kh") → the kind whose name it abbreviates (its name as a query would name it)."""
    from documents.text.notation import TYPE_CODES

    by_words = {words: slug for words, slug in _kind_names()}
    found = {fold(code).lower(): by_words.get(tuple(fold(name).split()))
             for code, name in TYPE_CODES.items() if code in _CODES_NOT_WORDS}
    return {code: slug for code, slug in found.items() if slug}


def type_code_kind(word: str) -> str | None:
    """The kind a folded type code names ("qd" → quyet_dinh), for the codes that are no word: None otherwise."""
    return _type_code_kinds().get(word)


def kind_names() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded words of a kind's name, kind slug), longest names first."""
    return _kind_names()


def issuer_code_spellings(word: str) -> list[str]:
    """The ways an issuer's code typed as ``word`` may be stored: upper case, each d as D or Đ ("bcd" → BCD, BCĐ)."""
    upper = word.upper()
    slots = [("D", "Đ") if ch == "D" else (ch,) for ch in upper]
    if sum(len(s) > 1 for s in slots) > 3:
        return [upper]
    return ["".join(combo) for combo in itertools.product(*slots)]


@dataclass(frozen=True)
class Intent:
    """What the query names: kind slugs, numbers, issuer codes (every stored spelling), and the other words."""

    kinds: tuple[str, ...] = ()
    numbers: tuple[int, ...] = ()
    issuer_codes: tuple[str, ...] = ()
    issuer_ids: tuple[int, ...] = ()  # named by name
    subject: tuple[str, ...] = ()  # folded words left for the trích yếu
    signers: tuple[str, ...] = ()  # named by name, as stored

    @property
    def names_something(self) -> bool:
        return bool(self.kinds or self.numbers or self.issuer_codes or self.issuer_ids or self.signers)


def query_intent(parsed: ParsedQuery) -> Intent:
    """Kinds ("quy chế", "quyet dinh"), numbers ("01") and issuer codes ("BCĐ", "ubnd") named by the terms and by
    the quoted phrases alike: "\"quy chế\"" names the kind as quy chế does."""
    kinds: list[str] = []
    numbers: list[int] = []
    codes: list[str] = []
    subject: list[str] = []
    for raw, folded in [(parsed.terms, parsed.folded_terms), *zip(parsed.phrases, parsed.folded_phrases, strict=True)]:
        i = 0
        while i < len(folded):
            for words, slug in _kind_names():
                if tuple(folded[i:i + len(words)]) == words:
                    if slug not in kinds:
                        kinds.append(slug)
                    i += len(words)
                    break
            else:
                word = folded[i]
                # "QC", "KH", "qđ": the kind whose code it is, as its name would (the word still counts as a word).
                coded = type_code_kind(word)
                if coded and coded not in kinds:
                    kinds.append(coded)
                if (word.isascii() and word.isdigit() and int(word) <= MAX_NUMBER
                        and not (i and folded[i - 1] in _YEAR_WORDS)):
                    numbers.append(int(word))
                else:
                    subject.append(word)
                    # A code is typed in capitals, or has at least three letters ("bcd", "ubnd"), never "du".
                    if word.isalpha() and word.isascii() and 2 <= len(word) <= 6 and (raw[i].isupper() or len(word) >= 3):
                        codes += issuer_code_spellings(word)
                i += 1
    return Intent(tuple(kinds), tuple(numbers), tuple(dict.fromkeys(codes)), tuple(parsed.named_issuers), tuple(subject),
                  tuple(parsed.named_signers))
