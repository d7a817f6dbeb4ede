"""Vietnamese text normalisation, used at the door and by both search backends.

Pure Python (no Django). Rules from docs/domain.md §8:

* every text is NFC, and the two tone placements ("hoà"/"hòa", "thuỷ"/"thủy", "Uỷ"/"Ủy") are made one;
* ``fold`` removes every mark (also on letters with two marks) and maps đ/Đ to d explicitly, because
  đ has no Unicode decomposition;

Indexing and highlighting run ``nfc``, ``fold`` and ``tokens`` over whole documents, so each does its work
with C-level string operations (normalisation, regular expressions, ``str.replace``) and only looks at
single words in Python where the text needs it (an old tone placement, a rare combining mark).

Canonical tone placement: in an *open* syllable whose vowel is exactly ``oa``, ``oe`` or ``uy`` the tone
sits on the first vowel letter ("hòa", "khỏe", "thủy", "Ủy"), the style of the seed document and of
most current official texts. "quý", "hoàng", "hoài", "thuế", "khuya" are never touched.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

# Combining tone marks (dấu thanh): huyền, sắc, ngã, hỏi, nặng.
GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONE_MARKS = frozenset({GRAVE, ACUTE, TILDE, HOOK, DOT})
# Combining vowel modifiers: circumflex (â ê ô), breve (ă), horn (ơ ư).
MODIFIER_MARKS = frozenset({"\u0302", "\u0306", "\u031b"})
VIETNAMESE_MARKS = TONE_MARKS | MODIFIER_MARKS

# đ/Đ plus the look-alikes that old keyboards and converters produce (Icelandic eth, African D).
_D_LIKE = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ɖ": "d", "Ɖ": "D"}
# The combining marks of U+0300–U+036F (every Vietnamese one), removed by one regex; U+034F is no mark.
_MARKS = frozenset(c for c in map(chr, range(0x300, 0x370)) if unicodedata.combining(c))
_MARKS_RE = re.compile("[" + "".join(sorted(_MARKS)) + "]+")
_ASCII = frozenset(map(chr, range(0x80)))
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")

# Word characters of NFC text: letters and digits, plus stray combining marks that found no base to
# compose with (they must not split a word).
_TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
# The same on text without a stray mark (nearly all NFC text, found by one C-level scan): twice as fast.
_PLAIN_TOKEN_RE = re.compile(r"[^\W_]+")
_STRAY_MARK_RE = re.compile("[\u0300-\u036f]")
_LETTERS_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")

# Initial consonants, longest first so that "ngh" wins over "ng" and "n".
ONSETS: tuple[str, ...] = (
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)
FINALS: tuple[str, ...] = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
_STOP_FINALS = frozenset({"c", "ch", "p", "t"})

# Vowel nuclei (without tone), including those closed by a semivowel.
_NUCLEI_OPEN_ONLY = frozenset({
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi",
    "ưu", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
})
_NUCLEI_NEED_FINAL = frozenset({"ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ"})
_NUCLEI_ANY = frozenset({
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy", "oo", "uơ",
})
NUCLEI = _NUCLEI_OPEN_ONLY | _NUCLEI_NEED_FINAL | _NUCLEI_ANY
_VOWELS = frozenset("aăâeêioôơuưy")


def _split_letter(ch: str) -> tuple[str, str, str]:
    """Split one NFC letter into (base with modifiers, as NFC; tone mark or ""; base letter)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(m for m in decomposed if m in TONE_MARKS)
    rest = "".join(m for m in decomposed if m not in TONE_MARKS)
    return unicodedata.normalize("NFC", rest), tone, decomposed[0]


def _strip_tones(word: str) -> tuple[str, list[str]]:
    """Return the word without tone marks (NFC) and the tone found on each letter."""
    plain: list[str] = []
    tones: list[str] = []
    for ch in word:
        base, tone, _ = _split_letter(ch)
        plain.append(base)
        tones.append(tone)
    return "".join(plain), tones


def _with_tone(ch: str, tone: str) -> str:
    base, _, _ = _split_letter(ch)
    return unicodedata.normalize("NFC", base + tone)


def _move_tone(word: str) -> str:
    """Put the tone of an open oa/oe/uy syllable on its first vowel letter ("hoà" → "hòa")."""
    if not 2 <= len(word) <= 6:
        return word
    plain, tones = _strip_tones(word)
    if len(plain) != len(word):  # a letter that is not one code point: leave it alone
        return word
    lower = plain.lower()
    if lower[-2:] not in ("oa", "oe", "uy"):
        return word
    onset = lower[:-2]
    # Only after a real initial consonant (or none). "quý": onset "q" is not one, the u belongs to "qu"
    # and y is the only vowel, so it keeps the tone.
    if onset and onset not in ONSETS:
        return word
    first, second = len(word) - 2, len(word) - 1
    if not tones[second] or tones[first]:
        return word
    if sum(1 for t in tones if t) != 1:
        return word
    chars = list(word)
    chars[first] = _with_tone(chars[first], tones[second])
    chars[second] = _with_tone(chars[second], "")
    return "".join(chars)


# A tone on the last letter of a word ending in oa, oe or uy (not after q): every word ``_move_tone`` rewrites
# matches this (NFC text), so text without a match is left as it is. A match only means "look at the words".
# The pattern opens with a character set so that the regex engine skips to the next o/u in C: 4× faster on a
# whole document than with the (?<![qQ]) look-behind first, and every text passes through here.
_OLD_TONE_RE = re.compile(
    "[oOuU](?<![qQ].)(?:(?<=[oO])[àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|(?<=[uU])[ỳýỷỹỵỲÝỶỸỴ])(?![^\\W\\d_]|[\u0300-\u036f])"
)


# The word a match ends, looked for within the _WORD_WINDOW characters before its end: ``_move_tone`` changes
# no word over 6 letters, so a longer word cut to 7 is left alone as the whole word would be.
_WORD_TAIL_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+\Z")
_WORD_WINDOW = 7


def canonical_tone(text: str) -> str:
    """Rewrite old-style tone placement in open oa/oe/uy syllables: "hoà"→"hòa", "Uỷ"→"Ủy", "THUỶ"→"THỦY".

    Expects NFC input (``nfc`` calls it after normalising).
    """
    parts: list[str] = []
    pos = 0
    for match in _OLD_TONE_RE.finditer(text):  # each match ends a word: only those words can change
        end = match.end()
        window = max(0, end - _WORD_WINDOW)
        word = _WORD_TAIL_RE.search(text, window, end)
        assert word is not None  # the match itself is letters
        parts += [text[pos:word.start()], _move_tone(word.group(0))]
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def nfc(text: str) -> str:
    """NFC plus canonical tone placement: the one form every stored and searched text takes."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", canonical_tone(text))


def _strip_marks(text: str) -> str:
    """``text`` without its combining marks (every character ``unicodedata.combining`` calls one)."""
    text = _MARKS_RE.sub("", text)
    if text.isascii():
        return text
    rare = {ch for ch in set(_NON_ASCII_RE.findall(text)) if unicodedata.combining(ch)}
    return "".join(ch for ch in text if ch not in rare) if rare else text


# Non-ASCII characters that fold to themselves, common in official texts: spaces, dashes, quotes, signs.
_KEPT_SIGNS = ("\u00a0\u00ab\u00b0\u00b1\u00b2\u00b3\u00b7\u00bb\u00bd\u00d7\u00f7\u2002\u2003\u2009\u200b"
               "\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201c\u201d\u2022\u2026\u2030\u2032\u2033"
               "\u202f\u20ab\u2116\u2190\u2192\u2264\u2265\ufeff\u00a7\u00a9\u00ae\u2122")


@cache
def _charmap() -> tuple[Any, bytes, str]:  # codecs.EncodingMap has no public type
    """One byte for each ASCII character, lowercase Vietnamese letter and kept sign: (encoding map, byte → folded
    byte, byte → character). Folding lowercase text made only of these takes three C-level calls."""
    letters = [ch for ch in map(chr, range(0xC0, 0x1F00)) if ch.islower() and (ch in "đð" or (
        unicodedata.normalize("NFD", ch)[0] in "aeiouy"
        and set(unicodedata.normalize("NFD", ch)[1:]) <= VIETNAMESE_MARKS and len(ch.upper()) == 1))]
    extra = letters + [ch for ch in _KEPT_SIGNS if ch not in letters]
    assert len(extra) <= 128
    decoding = "".join(map(chr, range(128))) + "".join(extra) + "\ufffe" * (128 - len(extra))
    folded = bytes(range(128)) + bytes(ord(_fold_by_normalising(ch)) if ch in letters else 128 + i for i, ch in enumerate(extra))
    return codecs.charmap_build(decoding), folded + bytes(range(128 + len(extra), 256)), decoding


def _fold_lowered(lowered: str) -> str | None:
    """``fold`` of lowercase text made only of ASCII, Vietnamese letters and kept signs (nearly every official
    text), character for character; None for any other text. Eight times faster than the normalisations."""
    encoding, folded, decoding = _charmap()
    try:
        encoded = codecs.charmap_encode(lowered, "strict", encoding)[0]
    except UnicodeEncodeError:
        return None
    return codecs.charmap_decode(encoded.translate(folded), "strict", decoding)[0]


def fold(text: str) -> str:
    """Lowercase ASCII-like form: no marks at all, đ → d. "Nguyễn Quốc Nam" → "nguyen quoc nam"."""
    if not text:
        return ""
    # The parser folds the same lines and labels again and again (some 500 calls, a few dozen values a file):
    # short texts are remembered; a whole document's text is not kept.
    return _fold_line(text) if len(text) <= 300 else _fold(text)


@lru_cache(maxsize=16384)
def _fold_line(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    quick = _fold_lowered(text.lower())  # such text is NFC: a combining mark would have failed it
    return quick if quick is not None else _fold_by_normalising(text)


def _fold_by_normalising(text: str) -> str:
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).lower())
    for letter, plain in _D_LIKE.items():  # no decomposition: the same before or after the marks go
        if letter in text:
            text = text.replace(letter, plain)
    if set(text).difference(_ASCII) <= _MARKS:
        # Nearly every Vietnamese text: ASCII letters and U+0300–U+036F marks, which an ASCII encoding drops
        # (a third faster than the regex; the result is ASCII, so already NFC).
        return text.encode("ascii", "ignore").decode("ascii")
    return unicodedata.normalize("NFC", _strip_marks(text))


@cache
def _fold_table() -> tuple[dict[int, str], frozenset[str]]:
    """``fold`` of single characters: (code point → folded character where it changes, every character that
    folds to exactly one). Built once, on first use (highlighting and Elasticsearch indexing need it)."""
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


def aligned_fold(text: str) -> str:
    """``fold`` keeping the length: character i of the result is the folded character i of ``text``."""
    if not text:
        return ""
    lowered = text.lower()
    if len(lowered) == len(text):
        quick = _fold_lowered(lowered)
        if quick is not None:
            return quick
    table, domain = _fold_table()
    if len(lowered) == len(text) and (lowered.isascii() or domain.issuperset(lowered)):
        if lowered.isascii() or not unicodedata.is_normalized("NFC", text):
            return lowered.translate(table)
        # NFC text whose lowercase letters each fold to one character: fold works character by character there
        # (checked for every pair of such characters in tests), by C-level normalisation: twice as fast.
        return fold(text)
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else (ch.lower()[:1] or " "))
    return "".join(out)


def has_vietnamese_marks(text: str) -> bool:
    """Whether the text carries any Vietnamese tone or vowel mark, or the letter đ."""
    decomposed = unicodedata.normalize("NFD", text)
    return any(ch in VIETNAMESE_MARKS for ch in decomposed) or any(ch in "đĐ" for ch in decomposed)


def tokens(text: str) -> list[str]:
    """Syllable tokens of the lowercased NFC text; punctuation splits, digits are kept."""
    text = nfc(text).lower()
    return (_TOKEN_RE if _STRAY_MARK_RE.search(text) else _PLAIN_TOKEN_RE).findall(text)


def folded_tokens(text: str) -> list[str]:
    return [fold(t) for t in tokens(text)]


def prepare_index_text(text: str) -> str:
    """Folded text for full-text indexing: no marks, punctuation as spaces, whitespace collapsed."""
    return " ".join(folded_tokens(text))


def prepare_exact_text(text: str) -> str:
    """NFC lowercase text with punctuation as spaces: for accent-exact matching."""
    return " ".join(tokens(text))


@lru_cache(maxsize=65536)  # words repeat a lot; legacy detection asks for every word of a file
def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (any case) is a well-formed Vietnamese syllable ("người", "Ủy", "quốc", "gì").

    Used to tell real text from mojibake; loose on rare spellings, strict on structure: one onset,
    a known vowel nucleus, an optional final, at most one tone, and only sắc/nặng before c, ch, p, t.
    """
    word = unicodedata.normalize("NFC", word).lower()
    if not word or not word.isalpha():
        return False
    plain, tones = _strip_tones(word)
    if len(plain) != len(word):
        return False
    found = [t for t in tones if t]
    if len(found) > 1 or any(len(t) > 1 for t in found):
        return False
    tone = found[0] if found else ""
    if any(ch not in "abcdefghiklmnopqrstuvxyăâđêôơư" for ch in plain):
        return False
    if any(t and p not in _VOWELS for p, t in zip(plain, tones, strict=True)):
        return False  # "ñ" is n + tilde: a tone on a consonant is no Vietnamese letter
    for onset in ("", *ONSETS):
        if not plain.startswith(onset):
            continue
        rest = plain[len(onset):]
        # "qu" already holds the u/o glide: no "quu…", no "quoa…".
        if onset == "qu" and (rest.startswith("u") or (rest.startswith("o") and rest[1:2] in _VOWELS)):
            continue
        for final in ("", *FINALS):
            if final and not rest.endswith(final):
                continue
            nucleus = rest[: len(rest) - len(final)] if final else rest
            if nucleus not in NUCLEI:
                continue
            if final and nucleus in _NUCLEI_OPEN_ONLY:
                continue
            if not final and nucleus in _NUCLEI_NEED_FINAL:
                continue
            if final in _STOP_FINALS and tone not in (ACUTE, DOT):
                continue
            return True
    return False


def after_type_name(title: str) -> str:
    """A trích yếu as it reads after its type name: "Kết quả …" → "kết quả …" ("Báo cáo kết quả …" is one phrase);
    acronyms and names that open it stay ("UBND …"): only a lone capital goes."""
    title = (title or "").strip()
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title
