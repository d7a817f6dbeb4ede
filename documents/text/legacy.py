"""Old Vietnamese 8-bit encodings (TCVN3/ABC ".VnTime", VNI-Windows), docs/domain.md §8.

Text from these fonts, read as cp1252/latin-1, looks like "Uû ban nh©n d©n" (TCVN3) or
"UÛy ban nhaân daân" (VNI). We detect it, convert it to Unicode, or refuse with a clear message:
mojibake is never stored silently.

* TCVN3 (TCVN 5712:1993, table VN3): one byte per letter. VN3 has only the lower-case toned letters
  (upper-case headings were typed in lower case and shown by ".VnTimeH" fonts), so converted headings
  come out partly in lower case; nothing can recover that case.
* VNI-Windows: a base letter followed by a mark byte ("aù" = á, "oâ" = ô, "ôù" = ớ), plus single bytes
  for đ, ơ, ư and some i/y letters.

Detection looks at each word: it counts words that are *not* a Vietnamese syllable as written but
become one after conversion. Real Unicode Vietnamese ("Tôi", "Ủy"), English and French do not score.

Pure Python, no Django.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

from documents.text.vietnamese import is_vietnamese_syllable


class LegacyEncodingError(ValueError):
    """Bytes that are neither UTF-8 nor legacy Vietnamese we can convert with confidence."""


UNREADABLE_MESSAGE = (
    "Tệp không phải UTF-8 và không nhận dạng được bảng mã (TCVN3/VNI); "
    "hãy lưu lại dưới dạng Unicode UTF-8."
)

TCVN3 = "tcvn3"
VNI = "vni"
CP1258 = "cp1258"
DOUBLE_UTF8 = "utf-8-double"

# ---------------------------------------------------------------- TCVN3 (VN3), byte → letter
# Keys are the characters the bytes become when read as cp1252/latin-1 (both agree on 0xA0-0xFF).
_TCVN3_PAIRS = (
    # upper-case letters VN3 has: Ă Â Ê Ô Ơ Ư Đ
    ("\xa1", "Ă"), ("\xa2", "Â"), ("\xa3", "Ê"), ("\xa4", "Ô"), ("\xa5", "Ơ"), ("\xa6", "Ư"), ("\xa7", "Đ"),
    ("\xa8", "ă"), ("\xa9", "â"), ("\xaa", "ê"), ("\xab", "ô"), ("\xac", "ơ"), ("\xad", "ư"), ("\xae", "đ"),
    # a: à ả ã á ạ
    ("\xb5", "à"), ("\xb6", "ả"), ("\xb7", "ã"), ("\xb8", "á"), ("\xb9", "ạ"),
    # ă: ằ ẳ ẵ ắ ặ
    ("\xbb", "ằ"), ("\xbc", "ẳ"), ("\xbd", "ẵ"), ("\xbe", "ắ"), ("\xc6", "ặ"),
    # â: ầ ẩ ẫ ấ ậ
    ("\xc7", "ầ"), ("\xc8", "ẩ"), ("\xc9", "ẫ"), ("\xca", "ấ"), ("\xcb", "ậ"),
    # e: è ẻ ẽ é ẹ
    ("\xcc", "è"), ("\xce", "ẻ"), ("\xcf", "ẽ"), ("\xd0", "é"), ("\xd1", "ẹ"),
    # ê: ề ể ễ ế ệ
    ("\xd2", "ề"), ("\xd3", "ể"), ("\xd4", "ễ"), ("\xd5", "ế"), ("\xd6", "ệ"),
    # i: ì ỉ ĩ í ị
    ("\xd7", "ì"), ("\xd8", "ỉ"), ("\xdc", "ĩ"), ("\xdd", "í"), ("\xde", "ị"),
    # o: ò ỏ õ ó ọ
    ("\xdf", "ò"), ("\xe1", "ỏ"), ("\xe2", "õ"), ("\xe3", "ó"), ("\xe4", "ọ"),
    # ô: ồ ổ ỗ ố ộ
    ("\xe5", "ồ"), ("\xe6", "ổ"), ("\xe7", "ỗ"), ("\xe8", "ố"), ("\xe9", "ộ"),
    # ơ: ờ ở ỡ ớ ợ
    ("\xea", "ờ"), ("\xeb", "ở"), ("\xec", "ỡ"), ("\xed", "ớ"), ("\xee", "ợ"),
    # u: ù ủ ũ ú ụ
    ("\xef", "ù"), ("\xf1", "ủ"), ("\xf2", "ũ"), ("\xf3", "ú"), ("\xf4", "ụ"),
    # ư: ừ ử ữ ứ ự
    ("\xf5", "ừ"), ("\xf6", "ử"), ("\xf7", "ữ"), ("\xf8", "ứ"), ("\xf9", "ự"),
    # y: ỳ ỷ ỹ ý ỵ
    ("\xfa", "ỳ"), ("\xfb", "ỷ"), ("\xfc", "ỹ"), ("\xfd", "ý"), ("\xfe", "ỵ"),
)
TCVN3_TO_UNICODE: dict[str, str] = dict(_TCVN3_PAIRS)
UNICODE_TO_TCVN3: dict[str, str] = {uni: legacy for legacy, uni in _TCVN3_PAIRS}
_TCVN3_TABLE = str.maketrans(TCVN3_TO_UNICODE)

# ---------------------------------------------------------------- VNI-Windows
# Mark bytes after a base vowel, lower case / upper case (as cp1252 characters).
_VNI_TONES = {  # tone only: sắc, huyền, hỏi, ngã, nặng
    "\u0301": ("ù", "Ù"), "\u0300": ("ø", "Ø"), "\u0309": ("û", "Û"), "\u0303": ("õ", "Õ"), "\u0323": ("ï", "Ï"),
}
_VNI_CIRCUMFLEX = {"": ("â", "Â"), "\u0301": ("á", "Á"), "\u0300": ("à", "À"), "\u0309": ("å", "Å"),
                   "\u0303": ("ã", "Ã"), "\u0323": ("ä", "Ä")}
_VNI_BREVE = {"": ("ê", "Ê"), "\u0301": ("é", "É"), "\u0300": ("è", "È"), "\u0309": ("ú", "Ú"),
              "\u0303": ("ü", "Ü"), "\u0323": ("ë", "Ë")}
# Letters VNI writes as one byte.
_VNI_SINGLE = {
    "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö", "đ": "ñ", "Đ": "Ñ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "ỉ": "æ", "Ỉ": "Æ", "ĩ": "ó", "Ĩ": "Ó", "ị": "ò", "Ị": "Ò",
    "ỵ": "î", "Ỵ": "Î",
}


def _build_vni() -> dict[str, str]:
    """Unicode letter → VNI sequence, for every Vietnamese letter."""
    table: dict[str, str] = dict(_VNI_SINGLE)

    def add(base: str, modifier: str, tone: str, sequence_lower: str, sequence_upper: str) -> None:
        for case_base, seq in ((base, sequence_lower), (base.upper(), sequence_upper)):
            letter = unicodedata.normalize("NFC", case_base + modifier + tone)
            table.setdefault(letter, seq)

    for base in "aeouy":
        for tone, (low, up) in _VNI_TONES.items():
            add(base, "", tone, base + low, base.upper() + up)
    for base in "aeo":  # â ê ô and their tones
        for tone, (low, up) in _VNI_CIRCUMFLEX.items():
            add(base, "\u0302", tone, base + low, base.upper() + up)
    for tone, (low, up) in _VNI_BREVE.items():  # ă and its tones
        add("a", "\u0306", tone, "a" + low, "A" + up)
    for plain, (low_one, up_one) in (("o", ("ô", "Ô")), ("u", ("ö", "Ö"))):  # ơ ư and their tones
        for tone, (low, up) in _VNI_TONES.items():
            add(plain, "\u031b", tone, low_one + low, up_one + up)
    return table


UNICODE_TO_VNI: dict[str, str] = _build_vni()
VNI_TO_UNICODE: dict[str, str] = {seq: uni for uni, seq in UNICODE_TO_VNI.items()}
# Longest sequences first so that "ôù" (ớ) wins over "ô" (ơ).
_VNI_RE = re.compile("|".join(re.escape(s) for s in sorted(VNI_TO_UNICODE, key=len, reverse=True)))

# ---------------------------------------------------------------- detection

# A "word" for detection: letters, and the latin-1 symbols TCVN3 uses as letters (©, ¸, µ, §, ­ …).
_WORD_RE = re.compile(r"(?:[A-Za-z\u00a1-\u00af\u00b5-\u00be\u00c0-\u00ff\u0100-\u024f\u1ea0-\u1ef9]"
                      r"|[\u0300-\u036f])+")
# Letters only real Unicode Vietnamese has (beyond latin-1), and combining marks of NFD text.
_VIETNAMESE_UNICODE_RE = re.compile(r"[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b]")

_MIN_GOOD_WORDS = 2
_MIN_GOOD_RATIO = 0.15


def _convert_tcvn3(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


def _convert_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


_CONVERTERS = {TCVN3: _convert_tcvn3, VNI: _convert_vni}


def _plausible_as_written(word: str) -> bool:
    """Whether a word reads as real text already: a Vietnamese syllable with sane letter case."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    return is_vietnamese_syllable(word)


def _score(words: Counter[str], encoding: str) -> tuple[int, int]:
    """(good, bad): words that become Vietnamese only after conversion / words conversion breaks.

    ``words`` counts each distinct word once with its number of occurrences: a file repeats most of them.
    """
    convert = _CONVERTERS[encoding]
    good = bad = 0
    for word, count in words.items():
        converted = convert(word)
        if converted == word:
            continue
        if not is_vietnamese_syllable(converted):
            bad += count
        elif not _plausible_as_written(word):
            good += count
    return good, bad


def _evidence(text: str) -> tuple[list[str], int]:
    words = _WORD_RE.findall(text)
    real = sum(1 for w in words if _VIETNAMESE_UNICODE_RE.search(w))
    return words, real


def detect_legacy_encoding(text: str) -> str | None:
    """"tcvn3", "vni", or None for Unicode Vietnamese, English, French … (and anything unsure)."""
    if not text:
        return None
    if _repair_double_utf8(text) is not None:
        return None  # UTF-8 read as cp1252 ("Nguyá»…n"): not TCVN3/VNI, though "Æ°" scores as VNI
    words, real_vietnamese = _evidence(text)
    if not words:
        return None
    distinct = Counter(words)
    best: str | None = None
    best_good = 0
    for encoding in (TCVN3, VNI):
        good, bad = _score(distinct, encoding)
        confident = (
            good >= _MIN_GOOD_WORDS
            and good >= 3 * bad
            and good >= _MIN_GOOD_RATIO * len(words)
            and real_vietnamese * 4 <= good
        )
        if confident and good > best_good:
            best, best_good = encoding, good
    return best


def convert_legacy(text: str, encoding: str) -> str:
    """Convert TCVN3 or VNI text (as read with cp1252/latin-1) to NFC Unicode."""
    try:
        convert = _CONVERTERS[encoding]
    except KeyError:
        raise ValueError(f"Unknown legacy encoding {encoding!r}: expected 'tcvn3' or 'vni'") from None
    return unicodedata.normalize("NFC", convert(unicodedata.normalize("NFC", text)))


def encode_legacy(text: str, encoding: str) -> str:
    """Unicode → TCVN3/VNI characters (to build test data and check round trips).

    TCVN3 (VN3) has no upper-case toned letters: they are written in lower case, as .VnTime users did.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        out = []
        for ch in text:
            if ch in UNICODE_TO_TCVN3:
                out.append(UNICODE_TO_TCVN3[ch])
            elif ch.lower() in UNICODE_TO_TCVN3 and not ch.isascii():
                out.append(UNICODE_TO_TCVN3[ch.lower()])
            else:
                out.append(ch)
        return "".join(out)
    if encoding == VNI:
        return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in text)
    raise ValueError(f"Unknown legacy encoding {encoding!r}: expected 'tcvn3' or 'vni'")


# ---------------------------------------------------------------- bytes at the door

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# cp1252, with latin-1 for the five bytes cp1252 leaves undefined, so that decoding never fails.
_SINGLE_BYTE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
_SINGLE_BYTE_TABLE = {b: ch for b, ch in enumerate(_SINGLE_BYTE)}


def _decode_single_byte(data: bytes) -> str:
    return data.decode("latin-1").translate(_SINGLE_BYTE_TABLE)


def _repair_double_utf8(text: str) -> str | None:
    """UTF-8 that went through cp1252 once too often ("Nguyá»…n"): undo it, or None."""
    if text.isascii():
        return None
    raw = bytearray()
    for ch in text:
        try:
            raw.extend(ch.encode("cp1252"))
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            raw.append(ord(ch))
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    _, real = _evidence(repaired)
    return repaired if repaired != text and real >= _MIN_GOOD_WORDS else None


def _plausible_cp1258(text: str) -> bool:
    words, real = _evidence(unicodedata.normalize("NFC", text))
    marked = [w for w in words if _VIETNAMESE_UNICODE_RE.search(w)]
    if real < _MIN_GOOD_WORDS:
        return False
    valid = sum(1 for w in marked if is_vietnamese_syllable(w))
    return valid >= 0.8 * len(marked)


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode an uploaded text file to NFC Unicode: (text, legacy encoding found or None).

    UTF-8 (with or without BOM) and UTF-16/32 with BOM are read as they are; legacy text inside them
    (TCVN3/VNI pasted as latin-1 characters) is converted. Other bytes must be TCVN3, VNI or
    Windows-1258 Vietnamese we recognise with confidence, else LegacyEncodingError.
    """
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise LegacyEncodingError(UNREADABLE_MESSAGE) from None
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is not None:
        text = text.removeprefix("\ufeff")
        # Double UTF-8 first: its "á»…", "Æ°" would otherwise pass for VNI. Re-decoding strictly
        # as UTF-8 is a far stronger signal than any score.
        repaired = _repair_double_utf8(text)
        if repaired is not None:
            return unicodedata.normalize("NFC", repaired), DOUBLE_UTF8
        encoding = detect_legacy_encoding(text)
        if encoding:
            return convert_legacy(text, encoding), encoding
        return unicodedata.normalize("NFC", text), None

    single = _decode_single_byte(data)
    encoding = detect_legacy_encoding(single)
    if encoding:
        return convert_legacy(single, encoding), encoding
    try:
        windows = data.decode("cp1258")
    except UnicodeDecodeError:
        windows = None
    if windows is not None and _plausible_cp1258(windows):
        return unicodedata.normalize("NFC", windows), CP1258
    raise LegacyEncodingError(UNREADABLE_MESSAGE)
