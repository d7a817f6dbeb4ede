"""The snippet highlighter (search.highlight): whole-word matches, the choice of passages, and the shortcut that
settles the choice from the opening of a long text (it must choose what the whole text would)."""
from __future__ import annotations

import random

import pytest

from search import highlight as H
from search.query import parse_query

WORDS = ("công tác chỉ đạo kiểm tra giám sát cán bộ đảng viên phường xã nhân dân thực hiện kế hoạch năm "
         "báo cáo tình hình chuyển đổi số ban hành quy chế số hóa dữ liệu").split()


def _text(rng: random.Random, length: int, phrase: str, places: list[int]) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    for place in sorted(places, reverse=True):
        words[place:place] = phrase.split()
    lines, line = [], []
    for word in words:
        line.append(word)
        if rng.random() < 0.06:
            lines.append(" ".join(line) + ".")
            line = []
    lines.append(" ".join(line))
    if rng.random() < 0.5:
        lines.insert(1, "Căn cứ " + phrase + " của Ban Chấp hành;")
    if rng.random() < 0.5:
        lines += ["T/M BAN CHẤP HÀNH", "BÍ THƯ", "(đã ký)", "Nguyễn Văn An", "Nơi nhận:", "- " + phrase + ";"]
    return "\n".join(lines)


@pytest.mark.parametrize("query", ["chuyển đổi số", "chuyen doi so", "kiểm tra giám sát", "quy che", "số",
                                   '"ban hành quy chế"', "can bo dang vien phuong"])
def test_the_opening_chooses_what_the_whole_text_would(query, monkeypatch):
    """Hundreds of long texts, the phrase early, late, twice or not at all: the same snippet either way."""
    parsed = parse_query(query)
    rng = random.Random(query)
    texts = []
    for _ in range(150):
        length = rng.choice([300, 600, 1200, 2500])
        places = sorted(rng.sample(range(length), rng.choice([0, 1, 2, 3])))
        texts.append(_text(rng, length, "chuyển đổi số" if rng.random() < 0.5 else query.strip('"'), places))
    assert sum(len(t) > H.EARLY_CHARS for t in texts) > 100
    fast = [H.snippet(t, parsed.folded_words, exact=parsed.exact_words) for t in texts]
    monkeypatch.setattr(H, "EARLY_CHARS", 10**9)
    whole = [H.snippet(t, parsed.folded_words, exact=parsed.exact_words) for t in texts]
    assert fast == whole


def test_the_shortcut_is_taken(monkeypatch):
    """A long text with the phrase at its opening is settled without its rest being scanned for matches."""
    text = ("Kế hoạch chuyển đổi số của phường. " + "công tác " * 30 + "Thực hiện chuyển đổi số toàn diện. "
            + "cán bộ " * 2000 + "chuyển đổi số")
    scanned = []
    real = H._matches_in_folded
    monkeypatch.setattr(H, "_matches_in_folded", lambda folded, terms: scanned.append(len(folded)) or real(folded, terms))
    html = H.highlight(text, parse_query("chuyen doi so").folded_words)
    assert html.count("<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>") == 2
    assert scanned == [H.EARLY_CHARS]


def test_matches_are_whole_words_whatever_surrounds_them():
    folded = "so, so-so (so) “so” sos aso so\nso 5so so5 so"
    spans, words = H._matches_in_folded(folded, frozenset({"so"}))
    assert [folded[a:b] for a, b in spans] == ["so"] * 8
    assert [a for a, _b in spans] == [0, 4, 7, 11, 16, 28, 31, 42]


def test_the_first_passage_holding_the_phrase_is_chosen():
    """Pairs count up to one whole phrase: a later passage that repeats the phrase does not win over the first."""
    filler = " ".join(["công tác"] * 60)
    text = f"{filler} chuyển đổi số lần một. {filler} chuyển đổi số, chuyển đổi số lần hai. {filler}"
    html = H.highlight(text, ["chuyen", "doi", "so"], fragments=1)
    assert "lần một" in html and "lần hai" not in html


def test_the_index_text_folds_on_the_fast_table():
    """The furniture mark is a character the one-byte folding table holds: any other sends every snippet and
    every indexed document down the normalising path (ten times slower)."""
    from documents.text.vietnamese import _fold_lowered
    from search.indexing import searchable_text
    from tests.test_search_contract import doc

    text = searchable_text(doc("Kế hoạch chuyển đổi số", "Nội dung.", recipients=["Các chi bộ"], notation="05-KH/ĐU",
                               attachments="Phụ lục."))
    assert text.count(H.FURNITURE_MARK) == 2 and text.count(H.SHOWN_APART_MARK) == 1
    assert _fold_lowered(text.lower()) is not None


FURNITURE = "\n".join(["", H.FURNITURE_MARK, "BÍ THƯ Nguyễn Quốc Nam", "Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Đảng ủy",
                       H.SHOWN_APART_MARK, "NGHỊ QUYẾT 13-NQ/ĐU", "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", H.FURNITURE_MARK])


def _snippet(text: str, query: str) -> str:
    parsed = parse_query(query)
    return H.snippet(text, parsed.folded_words, exact=parsed.exact_words)


def test_a_passage_of_the_body_stops_where_the_signature_or_the_furniture_begins():
    body = "Nghị quyết về phát triển\nI. NHIỆM VỤ NĂM 2026\n1. Tập trung cải cách hành chính, chuyển đổi số."
    shown = _snippet(body + "\nT/M ĐẢNG ỦY\nBÍ THƯ\n(đã ký)\nNguyễn Quốc Nam" + FURNITURE, "chuyển đổi số")
    assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>." in shown
    assert "ĐẢNG ỦY" not in shown and "Nguyễn Quốc Nam" not in shown and "13-NQ/ĐU" not in shown


def test_the_notation_and_issuer_lines_are_a_snippet_only_where_nothing_else_matches():
    """The issuer line holds every word; the body only "số": the body's passage is shown (the result shows the
    issuer apart), though a căn cứ or the signer holding more words than the body would be (issue 15)."""
    body = "Báo cáo quý I\nBan Chỉ đạo báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW như sau."
    shown = _snippet(body + FURNITURE, "chuyển đổi số")
    assert "Nghị quyết <mark>số</mark> 57-NQ/TW" in shown and "BAN CHỈ ĐẠO" not in shown
    alone = _snippet("Báo cáo quý I\nBan Chỉ đạo họp định kỳ." + FURNITURE, "chuyển đổi số")
    assert "<mark>CHUYỂN</mark> <mark>ĐỔI</mark> <mark>SỐ</mark>" in alone  # nothing else: the furniture it is
    bases = "Báo cáo quý I\nCăn cứ Kế hoạch chuyển đổi số của Ban Chỉ đạo;\nBáo cáo kết quả thực hiện Nghị quyết số 57."
    assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in _snippet(bases + FURNITURE, "chuyển đổi số")
    signer = _snippet(body + FURNITURE, "nguyen quoc nam")
    assert "<mark>Nguyễn</mark> <mark>Quốc</mark> <mark>Nam</mark>" in signer and "\x1d" not in signer
    old = body + FURNITURE.replace(H.SHOWN_APART_MARK + "\n", "")  # indexed before the mark: as before it
    assert "<mark>CHUYỂN</mark> <mark>ĐỔI</mark> <mark>SỐ</mark>" in _snippet(old, "chuyển đổi số")


def test_a_phrase_held_in_the_passage_is_marked_there_and_its_lone_look_alikes_not():
    """Issue 15: "quy che" marked every "quý" and "quy định", "chuyen doi so" every "Nghị quyết số"."""
    text = ("Quy chế\nBan hành Quy chế hoạt động của Ban Chỉ đạo trong quý I năm 2026 theo quy định của Nghị "
            "quyết số 57; chuyển đổi số là nhiệm vụ trọng tâm.")
    shown = _snippet(text, "quy che ban chi dao")
    assert "<mark>Quy</mark> <mark>chế</mark>" in shown and "<mark>Ban</mark> <mark>Chỉ</mark> <mark>đạo</mark>" in shown
    assert "quý I" in shown and "theo quy định" in shown and "Ban hành" in shown
    shown = _snippet(text, "chuyen doi so")
    assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in shown and "Nghị quyết số 57" in shown
    # No phrase in the passage: each word keeps its marks, as before.
    alone = _snippet("Báo cáo\nKết quả thực hiện Nghị quyết số 57, số liệu quý I.", "chuyen doi so")
    assert "Nghị quyết <mark>số</mark> 57, <mark>số</mark> liệu" in alone
