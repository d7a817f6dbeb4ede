"""documents/text/vietnamese.py: NFC, tone placement, folding, tokens, query parsing. No database."""

import random
import re
import unicodedata
from pathlib import Path

import pytest

from documents.text.vietnamese import (
    _LETTERS_RE,
    _charmap,
    _fold_lowered,
    _fold_table,
    _move_tone,
    aligned_fold,
    canonical_tone,
    fold,
    folded_tokens,
    has_vietnamese_marks,
    is_vietnamese_syllable,
    nfc,
    prepare_exact_text,
    prepare_index_text,
    tokens,
)
from search.bench.corpus import TOPICS, VOCABULARY
from search.query import ParsedQuery, parse_query

SEED = Path(__file__).parent / "fixtures" / "quy-che-01-QC-BCD-la-gi-2026.txt"
ND30 = Path("/work/shared/reference/nd-30-2020-nd-cp-cong-tac-van-thu.txt")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# ------------------------------------------------------------------ tone placement

OLD_TO_CANONICAL = [
    ("hoà", "hòa"),
    ("hoá", "hóa"),
    ("khoá", "khóa"),
    ("toà", "tòa"),
    ("xoã", "xõa"),
    ("hoạ", "họa"),
    ("khoẻ", "khỏe"),
    ("loè", "lòe"),
    ("thuỷ", "thủy"),
    ("thuý", "thúy"),
    ("tuỳ", "tùy"),
    ("luỹ", "lũy"),
    ("Thuỵ", "Thụy"),
    ("uỷ", "ủy"),
    ("Uỷ", "Ủy"),
    ("UỶ", "ỦY"),
    ("HOÀ", "HÒA"),
    ("Hoà", "Hòa"),
    ("KHOẺ", "KHỎE"),
    ("oà", "òa"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("Đảng uỷ phường", "Đảng ủy phường"),
    ("khoá I, nhiệm kỳ 2025-2030", "khóa I, nhiệm kỳ 2025-2030"),
    ("(hoà)", "(hòa)"),
    ("Hoà-Bình", "Hòa-Bình"),
]

ALREADY_RIGHT = [
    "hòa", "khóa", "thủy", "Ủy", "ủy ban", "quý", "Quý", "QUÝ", "quỳnh", "hoàng", "Hoàng", "hoài", "hoạch",
    "thuế", "khuya", "khuyến", "tuyết", "hoặc", "toán", "ngoài", "quỹ", "quỷ", "chuyển", "giờ", "oa", "uy",
    "Nguyễn Quốc Nam", "Chloé", "Zoé", "poème", "toe", "buoy", "01-QC/BCĐ", "",
]


@pytest.mark.parametrize(("old", "canonical"), OLD_TO_CANONICAL)
def test_old_tone_placement_is_rewritten(old: str, canonical: str) -> None:
    assert nfc(old) == canonical
    assert canonical_tone(unicodedata.normalize("NFC", old)) == canonical


@pytest.mark.parametrize("text", ALREADY_RIGHT)
def test_correct_or_unrelated_words_are_untouched(text: str) -> None:
    assert nfc(text) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(("old", "canonical"), OLD_TO_CANONICAL)
def test_both_placements_fold_and_tokenise_alike(old: str, canonical: str) -> None:
    assert tokens(old) == tokens(canonical)
    assert fold(old) == fold(canonical)
    assert prepare_exact_text(old) == prepare_exact_text(canonical)


def test_nfd_input_with_old_placement_becomes_canonical_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Uỷ ban nhân dân, hoà giải")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    result = nfc(decomposed)
    assert result == "Ủy ban nhân dân, hòa giải"
    assert unicodedata.is_normalized("NFC", result)


def test_nfc_is_idempotent_on_the_seed() -> None:
    text = seed_text()
    once = nfc(text)
    assert nfc(once) == once
    assert nfc(unicodedata.normalize("NFD", text)) == once
    # The seed already uses the canonical placement ("Đảng ủy", "khóa I"): nothing else changes.
    assert once == unicodedata.normalize("NFC", text)


def test_mixed_reference_text_matches_after_normalising() -> None:
    text = ND30.read_text(encoding="utf-8")
    assert any(unicodedata.combining(ch) for ch in text)  # the reference really mixes NFC and NFD
    normalised = nfc(text)
    assert unicodedata.is_normalized("NFC", normalised)
    assert "uỷ" not in normalised
    assert "giấy ủy quyền" in normalised  # written "giấy uỷ quyền" in the reference


def test_nfc_of_empty_and_none_like() -> None:
    assert nfc("") == ""
    assert fold("") == ""


# ------------------------------------------------------------------ folding

@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Quốc Nam", "nguyen quoc nam"),
        ("CHUYỂN ĐỔI SỐ", "chuyen doi so"),
        ("chuyển đổi số", "chuyen doi so"),
        ("Đảng ủy", "dang uy"),
        ("đ Đ", "d d"),
        ("ế ồ ậ ữ ặ ợ ỵ", "e o a u a o y"),
        ("Ế Ồ Ậ Ữ Ặ Ợ Ỵ", "e o a u a o y"),
        ("Ðảng", "dang"),  # Icelandic eth used for Đ by old keyboards
        ("01-QC/BCĐ", "01-qc/bcd"),
        ("Thủ tướng", "thu tuong"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded


def test_fold_leaves_only_ascii_for_vietnamese_text() -> None:
    folded = fold(seed_text())
    assert all(ch.isascii() for ch in folded), {ch for ch in folded if not ch.isascii()}


def test_has_vietnamese_marks() -> None:
    assert has_vietnamese_marks("chuyển")
    assert has_vietnamese_marks("đ")
    assert has_vietnamese_marks("Đ")
    assert has_vietnamese_marks(unicodedata.normalize("NFD", "â"))
    assert not has_vietnamese_marks("chuyen doi so")
    assert not has_vietnamese_marks("01-QC/BCD")


# ------------------------------------------------------------------ tokens

def test_tokens_split_on_punctuation_and_keep_digits() -> None:
    assert tokens("Số 01 -QC/BCĐ, ngày 05/01/2026") == ["số", "01", "qc", "bcđ", "ngày", "05", "01", "2026"]
    assert folded_tokens("Số 01 -QC/BCĐ, ngày 05/01/2026") == ["so", "01", "qc", "bcd", "ngay", "05", "01", "2026"]
    assert tokens("snake_case**Điều 1.") == ["snake", "case", "điều", "1"]


def test_tokens_of_nfd_and_nfc_text_are_equal() -> None:
    text = "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    assert tokens(unicodedata.normalize("NFD", text)) == tokens(text)
    assert len(tokens(text)) == 17


def test_prepare_index_and_exact_text() -> None:
    text = "  **ĐẢNG ỦY PHƯỜNG LA GI**\nBAN CHỈ ĐẠO (Nguyễn Quốc Nam); 01-QC/BCĐ "
    assert prepare_index_text(text) == "dang uy phuong la gi ban chi dao nguyen quoc nam 01 qc bcd"
    assert prepare_exact_text(text) == "đảng ủy phường la gi ban chỉ đạo nguyễn quốc nam 01 qc bcđ"


def test_unaccented_queries_find_the_seed() -> None:
    index = f" {prepare_index_text(seed_text())} "
    for query in ("chuyen doi so", "nguyen quoc nam", "CHUYỂN ĐỔI SỐ", "Đảng uỷ phường La Gi", "bi thu kiem truong ban"):
        assert f" {prepare_index_text(query)} " in index, query
    assert " chuyen doi sos " not in index


# ------------------------------------------------------------------ query parsing

def test_parse_query_terms_and_phrases() -> None:
    parsed = parse_query('quy chế "Ban Chỉ đạo" hoà   "chuyển đổi số"')
    assert parsed.terms == ["quy", "chế", "hòa"]
    assert parsed.phrases == [["ban", "chỉ", "đạo"], ["chuyển", "đổi", "số"]]
    assert parsed.has_diacritics is True
    assert parsed.folded_terms == ["quy", "che", "hoa"]
    assert parsed.folded_phrases == [["ban", "chi", "dao"], ["chuyen", "doi", "so"]]
    assert not parsed.is_empty


def test_parse_query_without_marks() -> None:
    parsed = parse_query("chuyen doi so")
    assert parsed == ParsedQuery(terms=["chuyen", "doi", "so"], phrases=[], has_diacritics=False)


def test_parse_query_only_d_counts_as_diacritic() -> None:
    assert parse_query("đang").has_diacritics is True
    assert parse_query("dang").has_diacritics is False


def test_parse_query_unbalanced_quote_is_plain_words() -> None:
    parsed = parse_query('"ban chỉ đạo" "chuyển đổi')
    assert parsed.phrases == [["ban", "chỉ", "đạo"]]
    assert parsed.terms == ["chuyển", "đổi"]
    lone = parse_query('nguyen "quoc nam')
    assert lone.phrases == []
    assert lone.terms == ["nguyen", "quoc", "nam"]


def test_parse_query_smart_quotes_empty_phrases_and_nfd() -> None:
    parsed = parse_query(unicodedata.normalize("NFD", "“Đảng uỷ” \"\" ĐU"))
    assert parsed.phrases == [["đảng", "ủy"]]
    assert parsed.terms == ["đu"]
    assert parse_query("").is_empty
    assert parse_query('  ""  ').is_empty


# ------------------------------------------------------------------ syllables

def test_every_vietnamese_word_of_the_seed_is_a_syllable() -> None:
    import re

    words = re.findall(r"[^\W\d_]+", nfc(seed_text()))
    codes = {"QĐ", "BCĐ", "HĐND", "ĐU"}
    bad = {w for w in words if not w.isascii() and w not in codes and not is_vietnamese_syllable(w)}
    assert bad == set()


@pytest.mark.parametrize(
    "word", ["người", "Nguyễn", "QUỐC", "gì", "học", "khuỷu", "chuyển", "được", "Ủy", "hòa", "hoà", "quý", "ngoài"]
)
def test_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word", ["nh©n", "Uû", "uû", "Quèc", "NguyÔn", "quoác", "hoc", "ñy", "café", "élève", "xyz", "", "a1", "ốô"]
)
def test_not_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


# ------------------------------------------------------------------ the fast paths equal the plain definitions

def reference_nfc(text: str) -> str:
    """NFC, then every word through the tone rule (no shortcut), then NFC."""
    if not text:
        return ""
    text = _LETTERS_RE.sub(lambda m: _move_tone(m.group(0)), unicodedata.normalize("NFC", text))
    return unicodedata.normalize("NFC", text)


def reference_fold(text: str) -> str:
    """Decompose the lowercase NFC text, drop every combining character, đ and its look-alikes → d, NFC."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    d_like = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ɖ": "d", "Ɖ": "D"})
    return unicodedata.normalize("NFC", text.translate(d_like))


def reference_tokens(text: str) -> list[str]:
    return re.findall(r"(?:[^\W_]|[\u0300-\u036f])+", reference_nfc(text).lower())


SAMPLES = [
    seed_text(), seed_text().upper(), "Uỷ ban hoà giải, khoẻ mạnh, thuỷ lợi, THUỶ, toàn diện, khoá học.", "hòa hoà HOÀ Hoà",
    "Số 01 -QC/BCĐ – “trích yếu” … ÐẠI (eth) İstanbul straße ǅ", "e\u0301 cafe\u0301 hoa\u0300", "",
    "Ngh\u0323i quyết (NFD mix) ", "ﬁ ligature ½ ² Ω σς",
    # combining marks outside U+0300–U+036F, and U+034F (in that block, but no combining mark)
    "שָׁלוֹם नमस्ते a\u20d7 x\u1dc4y hoa\u0300\u034f đ\u034fa \u0323", "\u2000 \u2001 thu\u1ef7\u20d7",
    # words around and over canonical_tone's 40-character window
    "a" * 36 + "hoà", "xnghoà anghoè, nghoà", "a" * 37 + "hoà hoà", "a" * 60 + "hoà, Hoà", "hoà" * 14, "x hoà" * 20, "q" + "oà" * 25,
]


def _random_texts(n: int = 200) -> list[str]:
    rng = random.Random(7)
    words = VOCABULARY + TOPICS + ["hoà", "Uỷ", "khoẻ", "thuỷ", "Hoá", "ĐỔI", "quý", "Quỳnh", "xoè", "tuỳ", "quả", "kết quả", "QUÝ", "thuỷ2", "Quỷ", "khuya", "hoàng"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 40))) for _ in range(n)]
    # Letter soup around the old-tone pattern's edges (q before o/u, a mark or a letter after the tone).
    soup = "qQoOuUaàáÀèéẺỳýỸyY xđĐ1\u0301\u0300"
    return texts + ["".join(rng.choice(soup) for _ in range(rng.randint(1, 12))) for _ in range(n)]


@pytest.mark.parametrize("text", SAMPLES + _random_texts())
def test_fast_paths_equal_the_plain_definitions(text):
    assert nfc(text) == reference_nfc(text)
    assert fold(text) == reference_fold(text)
    assert tokens(text) == reference_tokens(text)
    assert tokens(nfc(text)) == tokens(text)
    folded = aligned_fold(text)
    assert len(folded) == len(text)
    if len(fold(text)) == len(text):
        assert folded == fold(text)


def reference_aligned_fold(text: str) -> str:
    """aligned_fold by its definition: each character folded alone (its first character if it folds to more)."""
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else (ch.lower()[:1] or " "))
    return "".join(out)


@pytest.mark.parametrize("text", SAMPLES + _random_texts() + ["Å ANGSTROM", "ǅ", "İstanbul", "ﬁ", "a\u0301", "\u2000x"])
def test_aligned_fold_and_folding_once(text):
    assert aligned_fold(text) == reference_aligned_fold(text)
    if len(fold(text)) == len(text) and unicodedata.is_normalized("NFC", text):
        assert fold(text) == aligned_fold(text)


def test_fold_is_character_by_character_on_the_aligned_domain():
    """aligned_fold's ground for folding NFC text whole: on lowercase NFC characters that fold to one, folding a pair folds each alone."""
    table, domain = _fold_table()
    chars = sorted(domain)
    folded = {ch: table.get(ord(ch), ch) for ch in chars}
    assert all(fold(a + b) == folded[a] + folded[b] for a in chars for b in chars)


def test_the_byte_table_folds_every_character_it_knows_as_the_definition():
    """fold's C-level path (one byte a character): each character it knows, in either case, folds as the plain
    definition; the seed, in either case, takes that path; text with any other character does not."""
    _encoding, _folded, decoding = _charmap()
    known = decoding.rstrip("\ufffe")
    for ch in known + known.upper():
        assert fold(ch) == reference_fold(ch), ch
        assert aligned_fold(ch) == reference_aligned_fold(ch), ch
    for text in (seed_text(), seed_text().upper()):
        assert _fold_lowered(text.lower()) == reference_fold(text)
    assert _fold_lowered("e\u0301") is None and _fold_lowered("straße ǅ") is None
