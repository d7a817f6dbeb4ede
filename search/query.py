"""A user's query: syllable terms and "quoted phrases", with and without marks."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.text.vietnamese import fold, has_vietnamese_marks, is_vietnamese_syllable, nfc, tokens

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "＂": '"'})
_PHRASE_RE = re.compile(r'"([^"]*)"')


def number_spellings(term: str) -> list[str]:
    """A number typed in a query as it may stand in a text: "1" → 1, 01, 001 ("số 1", "01-QC/BCĐ")."""
    if not term.isdigit() or len(term) > 4:
        return [term]
    bare = term.lstrip("0") or "0"
    return list(dict.fromkeys([bare, *(bare.zfill(width) for width in (2, 3) if width > len(bare))]))


@dataclass
class ParsedQuery:
    """A user query: plain syllable terms, quoted phrases, and whether the user typed any mark."""

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    has_diacritics: bool = False
    # A number typed alone matches its spellings (1, 01, 001); not inside a notation (the key finds that one).
    expand_numbers: bool = True
    # The last term is still being typed ("chuyen d"): it matches any word it begins (see typed_in_progress).
    prefix_last: bool = False
    named_issuers: tuple[int, ...] = ()  # issuers the query names, resolved by the caller (search.ranking)
    named_signers: tuple[str, ...] = ()  # signers the query names, as stored, resolved by the caller

    @property
    def is_notation(self) -> bool:
        """Typed as a document's notation (search.backends.base.parse_text): its words belong together."""
        return not self.expand_numbers

    @property
    def prefix(self) -> str:
        """The folded last term when it is matched as a prefix, else ""."""
        return fold(self.terms[-1]) if self.prefix_last and self.terms else ""

    def is_prefix(self, index: int) -> bool:
        """Whether term number ``index`` is the one matched as a prefix."""
        return self.prefix_last and index == len(self.terms) - 1

    def spellings(self, term: str) -> list[str]:
        return number_spellings(term) if self.expand_numbers else [term]

    @property
    def folded_terms(self) -> list[str]:
        return [fold(t) for t in self.terms]

    @property
    def folded_phrases(self) -> list[list[str]]:
        return [[fold(t) for t in phrase] for phrase in self.phrases]

    @property
    def folded_words(self) -> list[str]:
        """Every folded word of the query once, of its terms and of its phrases, in the order typed (what
        snippets highlight; the order tells them the phrase to look for)."""
        return list(dict.fromkeys([*self.folded_terms, *(t for phrase in self.folded_phrases for t in phrase)]))

    @property
    def exact_words(self) -> dict[str, frozenset[str]]:
        """With marks typed: folded word → the spellings typed (lowercase NFC); empty when typed without marks
        (then every folded look-alike is a match)."""
        if not self.has_diacritics:
            return {}
        found: dict[str, set[str]] = {}
        for word in [*self.terms, *(t for phrase in self.phrases for t in phrase)]:
            found.setdefault(fold(word), set()).add(word)
        return {k: frozenset(v) for k, v in found.items()}

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases


def parse_query(q: str) -> ParsedQuery:
    """Split a query into terms and "quoted phrases"; an unbalanced quote counts as plain words."""
    text = nfc(q or "").translate(_QUOTES)
    phrases: list[list[str]] = []
    outside: list[str] = []
    pos = 0
    for match in _PHRASE_RE.finditer(text):
        outside.append(text[pos : match.start()])
        words = tokens(match.group(1))
        if words:
            phrases.append(words)
        pos = match.end()
    outside.append(text[pos:])
    terms = tokens(" ".join(outside).replace('"', " "))
    return ParsedQuery(terms=terms, phrases=phrases, has_diacritics=has_vietnamese_marks(text))


def typed_in_progress(text: str, parsed: ParsedQuery) -> bool:
    """Whether the query ends in a word still being typed: letters that are no whole syllable ("d", "ch",
    "tuyen"), not inside quotes, and no space after it. Then it also matches the words it begins."""
    if not parsed.terms or not text or not text[-1:].strip() or text.rstrip().endswith(('"', "”")):
        return False
    last = parsed.terms[-1]
    return last.isalpha() and not is_vietnamese_syllable(last) and text.rstrip().lower().endswith(last)
