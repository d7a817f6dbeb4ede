"""As-you-type suggestions (issue 15), one contract for every backend: trích yếu words with the last one as a
prefix, without diacritics; notation prefixes; issuers named; the permission filter as search; the limit."""
from __future__ import annotations

import pytest

from search.backends.base import SuggestQuery
from search.suggest import parse_typed, suggest_query
from tests.test_search_contract import doc


def typed(text: str, principals=None, issuer_ids=(), limit: int = 8) -> SuggestQuery:
    words, prefix, notation = parse_typed(text)
    return SuggestQuery(words=words, prefix=prefix, notation_prefix=notation, issuer_ids=list(issuer_ids),
                        principals=principals, limit=limit)


def asked(text: str) -> SuggestQuery:
    """As search.suggest.suggest_query asks, kinds named included (no issuers: no database here)."""
    query = suggest_query(text, None, names=[])
    assert query is not None
    return query


def test_parse_typed_keeps_the_last_word_as_a_prefix_until_a_space():
    assert parse_typed("chuyển đ") == (["chuyen"], "d", "")
    assert parse_typed("quy chế ") == (["quy", "che"], "", "")
    assert parse_typed("01-QC/B") == (["01", "qc"], "b", "01-QC/B")
    assert parse_typed("01 - qc/bcđ")[2] == "01-QC/BCD"
    assert parse_typed("2026 ke") == (["2026"], "ke", "")  # a year is not the start of a notation
    assert parse_typed("số 01-QC/B")[2] == "01-QC/B"
    assert parse_typed("01 qc")[2] == "01?QC" and parse_typed("so 01 qc bcd")[2] == "01?QC?BCD"  # ? a separator
    assert parse_typed("01-qc*%_")[2] == "01-QC"  # wildcards typed are not wildcards
    assert parse_typed("112")[2] == "112" and parse_typed("số 68 ")[2] == "68"  # a bare number: notations from it
    assert parse_typed("12345")[2] == "" and parse_typed("2026 ke")[2] == ""


class SuggestContract:
    def test_last_word_is_a_prefix_and_marks_do_not_matter(self, backend):
        a = doc("Kế hoạch chuyển đổi số năm 2026")
        b = doc("Quy chế hoạt động của Ban Chỉ đạo")
        c = doc("Báo cáo chuyên môn", "chuyển đổi số trong thân bài, không trong trích yếu")
        backend.index([a, b, c])
        found = backend.suggest(typed("chuyen d"))
        assert [(s.kind, s.page_id) for s in found] == [("document", a["id"])]
        assert found[0].label == "Kế hoạch chuyển đổi số năm 2026"
        assert [s.page_id for s in backend.suggest(typed("chuyển đ"))] == [a["id"]]
        assert {s.page_id for s in backend.suggest(typed("chuy"))} == {a["id"], c["id"]}
        assert [s.page_id for s in backend.suggest(typed("quy ch"))] == [b["id"]]
        assert backend.suggest(typed("quy cha")) == []
        assert backend.suggest(typed("chuyen d ")) == []  # "d" finished: no such word

    def test_notation_prefix(self, backend):
        regulation = doc("Quy chế hoạt động", notation="01-QC/BCĐ", number=1)
        other = doc("Quyết định thành lập", notation="01-QĐ/ĐU", number=1, kind="quyet_dinh")
        backend.index([regulation, other])
        found = backend.suggest(typed("01-QC/B"))
        assert (found[0].kind, found[0].label, found[0].page_id) == ("notation", "01-QC/BCĐ", regulation["id"])
        assert all(s.page_id != other["id"] for s in found)
        assert [s.page_id for s in backend.suggest(typed("01-qc/bcd"))] == [regulation["id"]]
        assert {s.page_id for s in backend.suggest(typed("01-Q")) if s.kind == "notation"} == {regulation["id"], other["id"]}

    def test_a_notation_typed_with_spaces_or_after_its_kind(self, backend):
        regulation = doc("Quy chế hoạt động", notation="01-QC/BCĐ", number=1)
        plan = doc("Kế hoạch tuyên truyền", notation="68/KH-UBND", number=68, kind="ke_hoach")
        other = doc("Quyết định thành lập", notation="01-QĐ/ĐU", number=1, kind="quyet_dinh")
        backend.index([regulation, plan, other])
        for text in ("01 qc", "so 01 qc bcd", "số 01-QC/B", "01 qc b"):
            found = [(s.kind, s.page_id) for s in backend.suggest(asked(text)) if s.kind == "notation"]
            assert found == [("notation", regulation["id"])], text
        assert [s.page_id for s in backend.suggest(asked("68 kh u")) if s.kind == "notation"] == [plan["id"]]
        for text in ("quy che 01", "quy chế 1 ", "quyet dinh 01"):
            found = [s.page_id for s in backend.suggest(asked(text)) if s.kind == "document"]
            assert found == [other["id"] if text.startswith("quyet") else regulation["id"]], text
        assert backend.suggest(asked("ke hoach 01")) == []  # the kind has no document 01
        for text, first in (("QĐ", other), ("qd", other), ("KH", plan)):  # a type code alone: that kind's documents
            assert [s.page_id for s in backend.suggest(asked(text)) if s.kind == "document"][:1] == [first["id"]], text
        for text in ("68", "6", "số 68"):  # the number alone, as a reader starts typing a notation
            assert [s.page_id for s in backend.suggest(asked(text)) if s.kind == "notation"] == [plan["id"]], text
        dated = doc("Kế hoạch chuyển đổi số năm 2026", notation="02-KH/ĐU", number=2, kind="ke_hoach")
        backend.index([dated])
        for text in ("ke hoach 2026", "kế hoạch 202"):  # a year after the kind: its trích yếu, not a number
            assert [s.page_id for s in backend.suggest(asked(text)) if s.kind == "document"] == [dated["id"]], text

    def test_issuers_with_a_visible_document(self, backend):
        public = doc("Thông báo kết luận", issuer_id=7, issuer_name="ĐẢNG ỦY PHƯỜNG LA GI")
        hidden = doc("Báo cáo nội bộ", issuer_id=8, issuer_name="BAN CHỈ ĐẠO", visibility="internal",
                     principals=["issuer:8"])
        backend.index([public, hidden])
        found = backend.suggest(typed("dang uy", principals=["public"], issuer_ids=[7, 8]))
        assert [(s.kind, s.issuer_id, s.label) for s in found] == [("issuer", 7, "ĐẢNG ỦY PHƯỜNG LA GI")]
        member = backend.suggest(typed("ba", principals=["public", "issuer:8"], issuer_ids=[8]))
        assert [(s.kind, s.issuer_id) for s in member if s.kind == "issuer"] == [("issuer", 8)]
        # "ba" also begins "Báo cáo" and "Thông báo": the documents the member may read.
        assert {s.page_id for s in member if s.kind == "document"} == {hidden["id"], public["id"]}
        assert {s.page_id for s in backend.suggest(typed("ba", principals=["public"]))} == {public["id"]}

    def test_permission_filter_as_search(self, backend):
        public = doc("Kế hoạch tuyên truyền công khai")
        internal = doc("Kế hoạch tuyên truyền nội bộ", notation="02-KH/ĐU", visibility="internal",
                       principals=["issuer:3"])
        backend.index([public, internal])
        assert [s.page_id for s in backend.suggest(typed("ke hoach tuy", principals=["public"]))] == [public["id"]]
        assert backend.suggest(typed("02-KH", principals=["public"])) == []
        member = backend.suggest(typed("ke hoach tuy", principals=["public", "issuer:3"]))
        assert {s.page_id for s in member} == {public["id"], internal["id"]}
        assert backend.suggest(typed("ke hoach tuy", principals=[])) == []

    def test_at_most_the_limit_newest_first(self, backend):
        import datetime

        docs = [doc(f"Thông báo số {i}", issued_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i))
                for i in range(12)]
        backend.index(docs)
        found = backend.suggest(typed("thong b"))
        assert len(found) == 8
        assert [s.page_id for s in found] == [d["id"] for d in reversed(docs)][:8]
        assert len(backend.suggest(typed("thong b", limit=3))) == 3


class TestEmbeddedSuggest(SuggestContract):
    @pytest.fixture
    def backend(self, embedded_backend):
        return embedded_backend


@pytest.mark.elasticsearch
class TestElasticsearchSuggest(SuggestContract):
    @pytest.fixture
    def backend(self, elasticsearch_backend):
        return elasticsearch_backend
