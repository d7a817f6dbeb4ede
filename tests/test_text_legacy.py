"""documents/text/legacy.py: TCVN3/VNI detection and conversion, decoding uploaded bytes. No database."""

import codecs
import unicodedata
from pathlib import Path

import pytest

from documents.text.legacy import (
    TCVN3_TO_UNICODE,
    UNICODE_TO_TCVN3,
    UNICODE_TO_VNI,
    VNI_TO_UNICODE,
    LegacyEncodingError,
    convert_legacy,
    decode_bytes,
    detect_legacy_encoding,
    encode_legacy,
)

SEED = Path(__file__).parent / "fixtures" / "quy-che-01-QC-BCD-la-gi-2026.txt"
ND30 = Path("/work/shared/reference/nd-30-2020-nd-cp-cong-tac-van-thu.txt")

PHRASES = ["Ủy ban nhân dân phường La Gi", "Đảng ủy", "Căn cứ Quy chế làm việc", "Nguyễn Quốc Nam"]

_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
LOWER_LETTERS = sorted(
    {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES} - set("aeiouy") | {"đ"}
)
ALL_LETTERS = LOWER_LETTERS + [ch.upper() for ch in LOWER_LETTERS]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_head(lines: int = 20) -> str:
    return "\n".join(seed_text().splitlines()[:lines])


def vn3_expected(text: str) -> str:
    """What survives TCVN3 (VN3): upper-case toned letters come back in lower case."""
    keep = set("ĂÂÊÔƠƯĐ")
    return "".join(
        ch.lower() if not ch.isascii() and ch.isupper() and ch not in keep else ch
        for ch in unicodedata.normalize("NFC", text)
    )


def to_cp1252(legacy_text: str) -> bytes:
    return legacy_text.encode("cp1252")


# ------------------------------------------------------------------ tables

def test_vietnamese_alphabet_has_134_letters() -> None:
    assert len(LOWER_LETTERS) == 67
    assert len(set(ALL_LETTERS)) == 134


def test_vni_table_covers_every_letter_both_cases_and_is_reversible() -> None:
    assert set(ALL_LETTERS) <= set(UNICODE_TO_VNI)
    assert len(VNI_TO_UNICODE) == len(UNICODE_TO_VNI)
    for letter in ALL_LETTERS:
        assert convert_legacy(UNICODE_TO_VNI[letter], "vni") == letter


def test_tcvn3_table_has_every_lower_case_letter_and_seven_capitals() -> None:
    assert set(LOWER_LETTERS) <= set(UNICODE_TO_TCVN3)
    assert {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"} <= set(UNICODE_TO_TCVN3)
    assert len(TCVN3_TO_UNICODE) == 67 + 7
    assert all(0xA1 <= ord(ch) <= 0xFE for ch in TCVN3_TO_UNICODE)
    for letter in LOWER_LETTERS:
        assert convert_legacy(UNICODE_TO_TCVN3[letter], "tcvn3") == letter


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("aù", "á"), ("aø", "à"), ("aû", "ả"), ("aõ", "ã"), ("aï", "ạ"), ("aâ", "â"), ("aê", "ă"),
        ("aá", "ấ"), ("aà", "ầ"), ("aå", "ẩ"), ("aã", "ẫ"), ("aä", "ậ"),
        ("aé", "ắ"), ("aè", "ằ"), ("aú", "ẳ"), ("aü", "ẵ"), ("aë", "ặ"),
        ("eâ", "ê"), ("eá", "ế"), ("oâ", "ô"), ("oä", "ộ"), ("ô", "ơ"), ("ôù", "ớ"), ("ö", "ư"), ("öï", "ự"),
        ("ñ", "đ"), ("Ñ", "Đ"), ("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("î", "ỵ"),
        ("yù", "ý"), ("AÙ", "Á"), ("AÂ", "Â"), ("AÊ", "Ă"), ("OÄ", "Ộ"), ("Ô", "Ơ"), ("Ö", "Ư"), ("ÖÙ", "Ứ"),
        ("Æ", "Ỉ"), ("Î", "Ỵ"), ("UÛy", "Ủy"), ("nhaân", "nhân"), ("ngöôøi", "người"),
    ],
)
def test_vni_sequences(vni: str, unicode: str) -> None:
    assert convert_legacy(vni, "vni") == unicode


@pytest.mark.parametrize(
    ("tcvn3", "unicode"),
    [
        ("Uû ban nh©n d©n", "Uỷ ban nhân dân"), ("§¶ng ñy", "Đảng ủy"), ("ph\xadêng", "phường"),
        ("NguyÔn Quèc Nam", "Nguyễn Quốc Nam"), ("C¨n cø", "Căn cứ"), ("¸ µ ¶ · ¹", "á à ả ã ạ"),
        ("¡ ¢ £ ¤ ¥ ¦ §", "Ă Â Ê Ô Ơ Ư Đ"), ("ý ú û ü þ", "ý ỳ ỷ ỹ ỵ"),
    ],
)
def test_tcvn3_sequences(tcvn3: str, unicode: str) -> None:
    assert convert_legacy(tcvn3, "tcvn3") == unicode


def test_convert_legacy_rejects_unknown_encoding() -> None:
    with pytest.raises(ValueError):
        convert_legacy("abc", "koi8-r")
    with pytest.raises(ValueError):
        encode_legacy("abc", "viqr")


# ------------------------------------------------------------------ detection

def test_examples_of_the_domain_are_detected() -> None:
    assert detect_legacy_encoding("Uû ban nh©n d©n") == "tcvn3"
    assert detect_legacy_encoding("UÛy ban nhaân daân") == "vni"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Plain English text about a committee and its regulation, 2026.",
        "Où est la fenêtre ? C'est à côté de l'école. Noël, naïf, coût, maître, où, où, où, déjà, élève.",
        "El niño y la niña comen mañana con su año nuevo.",
        "Über die Größe der Bücher: fünf, schön, Mädchen.",
        "Tôi tên là Nam, tôi yêu quê hương",  # Unicode Vietnamese using latin-1 letters only
        "Ủy ban nhân dân phường La Gi",
        "Copyright © 2026 · Văn phòng Đảng ủy",
        "¿Qué? ¡Sí! 30°C ± 2",
    ],
)
def test_ordinary_text_is_not_legacy(text: str) -> None:
    assert detect_legacy_encoding(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Khi máy thiếu phông .VnTime, văn bản cũ hiện sai thành “Uû ban nh©n d©n” hoặc “UÛy ban nhaân daân”; "
        "cán bộ văn thư cần chuyển sang Unicode trước khi đưa lên hệ thống.",
        "Lỗi phông: Uû ban nh©n d©n, Đảng ủy",
    ],
)
def test_unicode_text_quoting_a_mojibake_sample_is_left_alone(text: str) -> None:
    assert detect_legacy_encoding(text) is None
    assert decode_bytes(text.encode("utf-8")) == (text, None)


def test_seed_and_its_nfd_copy_are_not_legacy() -> None:
    text = seed_text()
    assert detect_legacy_encoding(text) is None
    assert detect_legacy_encoding(unicodedata.normalize("NFD", text)) is None
    assert detect_legacy_encoding(ND30.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("phrase", PHRASES)
def test_phrases_round_trip_through_cp1252_bytes(encoding: str, phrase: str) -> None:
    legacy = encode_legacy(phrase, encoding)
    assert legacy != phrase
    text, detected = decode_bytes(to_cp1252(legacy))
    assert detected == encoding
    assert text == (vn3_expected(phrase) if encoding == "tcvn3" else phrase)


def test_tcvn3_round_trip_of_lower_case_phrases_is_exact() -> None:
    phrase = "ủy ban nhân dân phường la gi, đảng ủy, căn cứ quy chế làm việc"
    text, detected = decode_bytes(to_cp1252(encode_legacy(phrase, "tcvn3")))
    assert (text, detected) == (phrase, "tcvn3")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_first_twenty_lines_of_the_seed_round_trip(encoding: str) -> None:
    head = seed_head(20)
    legacy = encode_legacy(head, encoding)
    text, detected = decode_bytes(to_cp1252(legacy))
    assert detected == encoding
    expected = vn3_expected(head) if encoding == "tcvn3" else unicodedata.normalize("NFC", head)
    assert text == expected
    assert "chuyển đổi số" in text


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_whole_seed_round_trips(encoding: str) -> None:
    legacy = encode_legacy(seed_text(), encoding)
    text, detected = decode_bytes(to_cp1252(legacy))
    assert detected == encoding
    expected = vn3_expected(seed_text()) if encoding == "tcvn3" else unicodedata.normalize("NFC", seed_text())
    assert text == expected


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_text_pasted_into_utf8_is_converted(encoding: str) -> None:
    # Someone copied .VnTime/VNI-Times text into a Unicode editor and saved it as UTF-8.
    legacy = encode_legacy("Căn cứ Quy chế làm việc của Ban Chỉ đạo", encoding)
    text, detected = decode_bytes(legacy.encode("utf-8"))
    assert detected == encoding
    assert text == "Căn cứ Quy chế làm việc của Ban Chỉ đạo"


# ------------------------------------------------------------------ decode_bytes

def test_utf8_with_and_without_bom_and_nfd_becomes_nfc() -> None:
    text = seed_text()
    expected = unicodedata.normalize("NFC", text)
    assert decode_bytes(text.encode("utf-8")) == (expected, None)
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == (expected, None)
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != expected
    decoded, detected = decode_bytes(nfd.encode("utf-8"))
    assert (decoded, detected) == (expected, None)
    assert unicodedata.is_normalized("NFC", decoded)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    phrase = "Đảng ủy phường La Gi"
    data = phrase.encode(codec)
    if codec == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data) == (phrase, None)


def test_plain_ascii() -> None:
    assert decode_bytes(b"Quy che 01-QC/BCD\n") == ("Quy che 01-QC/BCD\n", None)
    assert decode_bytes(b"") == ("", None)


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps tones as combining bytes after a base letter cp1258 has (â, ơ, ư, đ …)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_is_recognised() -> None:
    phrase = "Căn cứ Quy chế làm việc của Đảng ủy phường La Gi, nhiệm kỳ 2025-2030"
    text, detected = decode_bytes(_to_cp1258(phrase))
    assert (text, detected) == (phrase, "cp1258")


def _read_as_cp1252(data: bytes) -> str:
    """What Windows tools make of bytes: cp1252, the five undefined bytes kept as U+0081 …"""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize("phrase", ["Nguyễn Quốc Nam, Bí thư Đảng ủy phường", "Ủy ban nhân dân phường La Gi"])
def test_utf8_read_twice_as_cp1252_is_repaired(phrase: str) -> None:
    garbled = _read_as_cp1252(phrase.encode("utf-8"))
    assert garbled != phrase
    assert decode_bytes(garbled.encode("utf-8")) == (phrase, "utf-8-double")
    assert detect_legacy_encoding(garbled) is None  # it is not TCVN3/VNI


@pytest.mark.parametrize(
    "data",
    [
        "Où est la fenêtre ? C'est à côté de l'école, déjà.".encode("cp1252"),
        bytes(range(0x80, 0x100)) * 3,
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01",
    ],
)
def test_unrecognisable_bytes_are_refused_with_a_clear_message(data: bytes) -> None:
    with pytest.raises(LegacyEncodingError) as excinfo:
        decode_bytes(data)
    message = str(excinfo.value)
    assert "UTF-8" in message and "TCVN3/VNI" in message
    assert isinstance(excinfo.value, ValueError)


def test_convert_returns_nfc() -> None:
    converted = convert_legacy(unicodedata.normalize("NFD", "Tôi ") + "nh©n d©n", "tcvn3")
    assert unicodedata.is_normalized("NFC", converted)
