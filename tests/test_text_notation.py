"""documents/text/notation.py: type codes, formatting and parsing of số và ký hiệu. No database."""

from pathlib import Path

import pytest

from documents.text.notation import (
    TYPE_CODES,
    ParsedNotation,
    canonical_type_code,
    find_notations,
    format_notation,
    looks_like_notation,
    notation_key,
    parse_notation,
    type_names,
    unit_of,
)

SEED = Path(__file__).parent / "fixtures" / "quy-che-01-QC-BCD-la-gi-2026.txt"


# ------------------------------------------------------------------ type codes

def test_type_code_table_has_every_code_of_the_domain() -> None:
    expected = {
        "NQ", "QĐ", "CT", "KL", "QC", "QĐi", "QyĐ", "TT", "HD", "TB", "BC", "KH", "CTr", "ĐA", "PA", "TTr", "CV", "BB",
    }
    assert expected <= set(TYPE_CODES)
    assert TYPE_CODES["QC"] == "quy chế"
    assert TYPE_CODES["QĐi"] == TYPE_CODES["QyĐ"] == "quy định"
    assert TYPE_CODES["TT"] == "thông tri"
    assert TYPE_CODES["TTr"] == "tờ trình"


@pytest.mark.parametrize(
    ("code", "canonical"),
    [
        ("QĐ", "QĐ"), ("qd", "QĐ"), ("QD", "QĐ"), ("qđ", "QĐ"),
        ("qdi", "QĐi"), ("QĐi", "QĐi"), ("qyd", "QĐi"), ("QyĐ", "QĐi"),
        ("ctr", "CTr"), ("CTR", "CTr"), ("ct", "CT"),
        ("da", "ĐA"), ("đa", "ĐA"), ("ĐA", "ĐA"),
        ("ttr", "TTr"), ("tt", "TT"), ("TT", "TT"),
        ("qc", "QC"), (" nq ", "NQ"), ("hd", "HD"), ("cv", "CV"), ("bb", "BB"), ("kl", "KL"),
        ("NĐ", "NĐ"), ("nd", "NĐ"),
    ],
)
def test_canonical_type_code(code: str, canonical: str) -> None:
    assert canonical_type_code(code) == canonical


@pytest.mark.parametrize("code", ["", "xyz", "UBND", "BCĐ", "TW", "qcx"])
def test_unknown_type_codes(code: str) -> None:
    assert canonical_type_code(code) is None


def test_exact_spelling_wins_over_folded_collisions() -> None:
    # DA (dự án, State) and ĐA (đề án) fold alike; HD (hướng dẫn) and HĐ (hợp đồng) too.
    assert canonical_type_code("DA") == "DA"
    assert canonical_type_code("HĐ") == "HĐ"
    assert canonical_type_code("HD") == "HD"


def test_type_names_never_pick_one_kind_for_an_ambiguous_code() -> None:
    assert set(type_names("TT")) == {"thông tri", "thông tư"}
    assert set(type_names("QĐ")) == {"quyết định", "quy định"}
    assert type_names("qyd") == ("quy định",)
    assert type_names("nope") == ()


# ------------------------------------------------------------------ formatting

@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        (("party", 1, "QC", "BCĐ"), {}, "01-QC/BCĐ"),
        (("party", 105, "QĐ", "ĐU"), {}, "105-QĐ/ĐU"),
        (("party", 9, "CV", "ĐU"), {}, "09-CV/ĐU"),
        (("state", 1, "QĐ", "UBND"), {}, "01/QĐ-UBND"),
        (("state", 68, "KH", "UBND"), {}, "68/KH-UBND"),
        (("state", 1, "CV", "UBND"), {}, "01/UBND"),
        (("state", 1, "", "UBND"), {}, "01/UBND"),
        (("state", 30, "NĐ", "CP"), {"year": 2020}, "30/2020/NĐ-CP"),
        (("state", 15, "", "UBND"), {"unit_code": "VP"}, "15/UBND-VP"),  # công văn of the Văn phòng (NĐ 30/2020)
        (("party", 367, "QĐ", "TWĐTN"), {"unit_code": " VP "}, "367-QĐ/TWĐTN-VP"),
        (("party", None, "QC", "BCĐ"), {}, ""),
        (("state", None, "QĐ", "UBND"), {}, ""),
    ],
)
def test_format_notation(args: tuple, kwargs: dict, expected: str) -> None:
    assert format_notation(*args, **kwargs) == expected


@pytest.mark.parametrize(
    "args",
    [("party", 1, "", "ĐU"), ("church", 1, "QC", "BCĐ"), ("party", 0, "QC", "BCĐ"), ("state", 1, "QĐ", "")],
)
def test_format_notation_rejects_nonsense(args: tuple) -> None:
    with pytest.raises(ValueError):
        format_notation(*args)


@pytest.mark.parametrize("system", ["party", "state"])
@pytest.mark.parametrize(("number", "type_code", "issuer"), [(1, "QC", "BCĐ"), (12, "KH", "UBND"), (367, "QĐ", "TWĐTN-VP")])
def test_formatted_notations_parse_back(system: str, number: int, type_code: str, issuer: str) -> None:
    parsed = parse_notation(format_notation(system, number, type_code, issuer))
    assert parsed is not None
    assert (parsed.number, parsed.type_code, parsed.issuer_code) == (number, type_code, issuer)


@pytest.mark.parametrize(("printed", "issuer", "unit"), [
    ("UBND-VP", "UBND", "VP"), ("UBND", "UBND", ""), ("ĐU", "DU", ""), ("TWĐTN-VP-TH", "TWĐTN", "VP-TH"),
    ("TU-VP", "TU-VP", ""), ("UB", "UBND", None), ("UBNDX-VP", "UBND", None), ("VP", "UBND", None), ("", "UBND", None),
])
def test_unit_of_a_printed_issuer_part(printed: str, issuer: str, unit: str | None) -> None:
    assert unit_of(printed, issuer) == unit


# ------------------------------------------------------------------ parsing

@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("01-QC/BCĐ", "1-qc-bcd"),
        ("01/QC-BCĐ", "1-qc-bcd"),
        ("Số 01 -QC/BCĐ", "1-qc-bcd"),
        ("Số 01-QC/BCĐ", "1-qc-bcd"),
        ("số: 01 – QC / BCĐ", "1-qc-bcd"),
        ("qc 01 bcd", "1-qc-bcd"),
        ("so 01 qc bcd", "1-qc-bcd"),
        ("01 qc bcd", "1-qc-bcd"),
        ("01-qc/bcd", "1-qc-bcd"),
        ("1-QC/BCD", "1-qc-bcd"),
        ("01 qc/bcd", "1-qc-bcd"),
        ("01-QC-BCĐ", "1-qc-bcd"),
        ("**Số 01 -QC/BCĐ**", "1-qc-bcd"),
        ("Số: 66-QĐ/TW", "66-qd-tw"),
        ("Số 367 - QĐ/TWĐTN-VP", "367-qd-twdtn-vp"),
        ("31/QĐ-TW", "31-qd-tw"),
        ("qd 31 tw", "31-qd-tw"),
        ("Số: 68/KH-UBND", "68-kh-ubnd"),
        ("105-QĐ/ĐU,", "105-qd-du"),
        ("399-QĐi/TW", "399-qdi-tw"),
        ("01/QyĐ-UBND", "1-qdi-ubnd"),
        ("30/2020/NĐ-CP", "30-2020-nd-cp"),
        ("15/UBND", "15-ubnd"),
        ("123/UBND-VP", "123-ubnd-vp"),
    ],
)
def test_notation_variants_share_one_key(text: str, key: str) -> None:
    parsed = parse_notation(text)
    assert parsed is not None, text
    assert parsed.key == key
    assert notation_key(text) == key
    assert looks_like_notation(text)


def test_parsed_parts() -> None:
    assert parse_notation("Số 367 - QĐ/TWĐTN-VP") == ParsedNotation(
        number=367, type_code="QĐ", issuer_code="TWĐTN-VP", key="367-qd-twdtn-vp"
    )
    assert parse_notation("so 01 qc bcd") == ParsedNotation(number=1, type_code="QC", issuer_code="bcd", key="1-qc-bcd")
    state = parse_notation("30/2020/NĐ-CP")
    assert state is not None and state.year == 2020 and state.type_code == "NĐ" and state.issuer_code == "CP"
    cong_van = parse_notation("15/UBND")
    assert cong_van is not None and cong_van.type_code is None and cong_van.issuer_code == "UBND"


def test_parsed_notation_is_frozen() -> None:
    parsed = parse_notation("01-QC/BCĐ")
    with pytest.raises(AttributeError):
        parsed.number = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "chuyển đổi số", "quy chế", "Điều 1. Chức năng", "22/12/2024", "05/01/2026", "2025-2030",
        "QC/BCĐ", "qc bcd", "57 nq", "0-QC/BCĐ", "nghị quyết 57", "01 kh ubnd về chuyển đổi số",
        "so 01", "Số", "1/2",
    ],
)
def test_not_notations(text: str) -> None:
    assert parse_notation(text) is None
    assert notation_key(text) == ""
    assert not looks_like_notation(text)


def test_different_notations_get_different_keys() -> None:
    keys = {notation_key(t) for t in ("01-QC/BCĐ", "01-QC/ĐU", "02-QC/BCĐ", "01-QĐ/BCĐ", "01/2020/NĐ-CP")}
    assert len(keys) == 5


def test_find_notations_in_the_seed() -> None:
    found = list(find_notations(SEED.read_text(encoding="utf-8")))
    keys = [p.key for p in found]
    assert keys[0] == "1-qc-bcd"  # "Số 01 -QC/BCĐ" in the header
    assert {"57-nq-tw", "1-qc-du", "105-qd-du"} <= set(keys)
    assert all(p.type_code for p in found)


def test_find_notations_in_a_citation() -> None:
    text = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 và Quyết định số 105-QĐ/ĐU, ngày 23/12/2025."
    assert [p.key for p in find_notations(text)] == ["30-2020-nd-cp", "105-qd-du"]
