"""One contract for every search backend (issue 4): Vietnamese matching, notations, facets, filters,
sorting, paging, highlighting, the permission filter, deletes and atomic rebuilds.

``SearchBackendContract`` holds the behaviours; ``TestEmbeddedBackend`` runs them on the project's
database (SQLite, or PostgreSQL with DATABASE_URL) and ``TestElasticsearchBackend`` on a real node.
"""
from __future__ import annotations

import datetime
import itertools

import pytest

from search.backends.base import SearchQuery

D = datetime.date
_ids = itertools.count(1000)


def doc(title: str, body: str = "", **fields) -> dict:
    """An index document as documents.indexed.indexed_document makes it."""
    issued_on = fields.pop("issued_on", D(2026, 1, 5))
    base = {
        "id": next(_ids), "kind": "quy_che", "type_name": "QUY CHẾ", "number": None, "notation": "",
        "notation_key": "", "issuer_id": 1, "issuer_name": "Cơ quan thử nghiệm", "issuer_code": "CQ",
        "signer": "Nguyễn Quốc Nam", "signer_position": "TRƯỞNG BAN", "issued_on": issued_on,
        "year": issued_on.year if issued_on else None, "status": "con_hieu_luc", "state": "issued",
        "visibility": "public", "recipients": [], "title": title, "bases": "", "body": body, "attachments": "",
        "principals": ["public"],
    }
    base.update(fields)
    return base


def q(text: str = "", **kwargs) -> SearchQuery:
    kwargs.setdefault("principals", None)
    return SearchQuery(text=text, **kwargs)


class SearchBackendContract:
    """Subclasses provide the ``backend`` fixture (an empty index)."""

    def ids(self, backend, text="", **kwargs) -> list[int]:
        return backend.search(q(text, **kwargs)).ids

    # -- Vietnamese ----------------------------------------------------------------------------------
    def test_with_and_without_diacritics_find_the_same_documents(self, backend):
        a = doc("Kế hoạch chuyển đổi số năm 2026", "Triển khai chuyển đổi số trong các chi bộ.")
        b = doc("Báo cáo sơ kết", "Kết quả chuyển đổi số quý I.", kind="bao_cao")
        c = doc("Biên bản họp", "Không liên quan.", kind="bien_ban")
        backend.index([a, b, c])
        accented = self.ids(backend, "chuyển đổi số")
        plain = self.ids(backend, "chuyen doi so")
        assert set(accented) == set(plain) == {a["id"], b["id"]}
        assert set(self.ids(backend, "CHUYEN DOI SO")) == {a["id"], b["id"]}

    def test_exact_diacritics_rank_higher(self, backend):
        # The folded-only match is the better text match (title and repeated), the exact one must still win.
        folded_only = doc("Hóa đơn hóa chất", "hóa đơn, hóa chất, hóa học, hóa đơn.")
        exact = doc("Biên bản", "Hội nghị đã hòa giải xong.")
        backend.index([folded_only, exact])
        assert self.ids(backend, "hòa") == [exact["id"], folded_only["id"]]
        assert self.ids(backend, "hóa")[0] == folded_only["id"]
        assert set(self.ids(backend, "hoa")) == {exact["id"], folded_only["id"]}

    def test_old_and_new_tone_placement_are_equal(self, backend):
        new_style = doc("Quyết định của Ủy ban kiểm tra", "Công tác hòa giải ở cơ sở.")
        old_style = doc("Thông báo của Uỷ ban nhân dân", "Tổ hoà giải phường.")
        other = doc("Hóa đơn", "hóa đơn điện tử")
        backend.index([new_style, old_style, other])
        for text in ("Uỷ ban", "Ủy ban", "uy ban"):
            assert set(self.ids(backend, text)) == {new_style["id"], old_style["id"]}, text
        for text in ("hoà giải", "hòa giải"):
            assert set(self.ids(backend, text)) == {new_style["id"], old_style["id"]}, text
        # "hoà" is exactly "hòa": both rank above the folded-only "hóa".
        assert self.ids(backend, "hoà")[-1] == other["id"]

    def test_d_with_stroke_folds_to_d(self, backend):
        party = doc("Nghị quyết của Đảng ủy phường", "Đại hội Đảng bộ; Ban Chỉ đạo BCĐ.")
        backend.index([party, doc("Khác", "không có")])
        assert self.ids(backend, "dang uy") == [party["id"]]
        assert self.ids(backend, "DANG BO") == [party["id"]]
        assert self.ids(backend, "bcd") == [party["id"]]
        assert self.ids(backend, "đảng ủy") == [party["id"]]

    def test_letters_with_two_marks_fold(self, backend):
        target = doc("Nghị quyết về thuế", "Người đứng đầu chịu trách nhiệm; tiết kiệm; trường học; những việc cần làm.")
        backend.index([target, doc("Khác", "không có")])
        for text in ("nghi quyet", "thue", "nguoi dung dau", "tiet kiem", "truong hoc", "nhung viec"):
            assert self.ids(backend, text) == [target["id"]], text

    def test_quoted_phrases(self, backend):
        together = doc("Quy chế hoạt động", "Thành viên ban chỉ đạo họp định kỳ.")
        apart = doc("Thông báo", "Ban hành văn bản theo chỉ đạo của cấp trên.")
        backend.index([together, apart])
        assert set(self.ids(backend, "ban chi dao")) == {together["id"], apart["id"]}
        assert self.ids(backend, '"ban chi dao"') == [together["id"]]
        assert self.ids(backend, "“ban chỉ đạo”") == [together["id"]]
        assert self.ids(backend, '"chi dao ban"') == []

    # -- notations -----------------------------------------------------------------------------------
    def test_notation_variants_find_the_document_first(self, backend):
        target = doc("hoạt động của Ban Chỉ đạo", "Quy định chung.", number=1, notation="01-QC/BCĐ",
                     notation_key="1-qc-bcd", issued_on=D(2026, 1, 5))
        citing = [
            doc(f"Kế hoạch {i}", "Căn cứ Quy chế số 01-QC/BCĐ; thực hiện Quy chế 01-QC/BCĐ; số 01 QC BCĐ.",
                kind="ke_hoach", number=i, notation=f"0{i}-KH/BCĐ", notation_key=f"{i}-kh-bcd",
                issued_on=D(2026, 3, i))
            for i in range(2, 5)
        ]
        other_issuer = doc("Quy chế làm việc", "Quy chế.", number=1, notation="01-QC/ĐU", notation_key="1-qc-du")
        backend.index([*citing, target, other_issuer])
        for text in ("01-QC/BCĐ", "01/QC-BCĐ", "qc 01 bcd", "so 01 qc bcd", "Số 01-QC/BCĐ", "1-qc/bcd"):
            found = self.ids(backend, text)
            assert found and found[0] == target["id"], (text, found)
            assert other_issuer["id"] not in found[:1]

    # -- ranking (issue 15) ----------------------------------------------------------------------------
    def _bcd(self, backend) -> dict[str, dict]:
        """The Quy chế 01-QC/BCĐ, and newer documents that mention it over and over (issue 15)."""
        mention = "Thực hiện Quy chế 01-QC/BCĐ của Ban Chỉ đạo; quy chế hoạt động, kế hoạch của Ban Chỉ đạo. " * 3
        docs = {
            "quy_che": doc("hoạt động của Ban Chỉ đạo chuyển đổi số", "Quy định chung về Ban Chỉ đạo.", number=1,
                           notation="01-QC/BCĐ", notation_key="1-qc-bcd", issuer_code="BCĐ", issued_on=D(2026, 1, 5)),
            "ke_hoach": doc("triển khai nhiệm vụ của Ban Chỉ đạo năm 2026", mention, kind="ke_hoach",
                            type_name="KẾ HOẠCH", number=1, notation="01-KH/BCĐ", notation_key="1-kh-bcd",
                            issuer_code="BCĐ", issued_on=D(2026, 2, 1)),
            "bao_cao": doc("tình hình quý I năm 2026", mention, kind="bao_cao", type_name="BÁO CÁO", number=5,
                           notation="05-BC/BCĐ", notation_key="5-bc-bcd", issuer_code="BCĐ", issued_on=D(2026, 3, 30)),
        }
        backend.index(list(docs.values()))
        return {k: v["id"] for k, v in docs.items()}

    def test_a_named_kind_and_number_come_first(self, backend):
        ids = self._bcd(backend)
        order = [ids["quy_che"], ids["ke_hoach"], ids["bao_cao"]]
        for text in ("quy che ban chi dao", "Quy chế Ban Chỉ đạo", "quy chế 01", "quy che 01", "QUY CHẾ 01", "quy chế 1"):
            assert self.ids(backend, text) == order, text
        assert self.ids(backend, "ke hoach ban chi dao") == [ids["ke_hoach"], ids["bao_cao"]]
        assert self.ids(backend, "báo cáo 05")[0] == ids["bao_cao"]

    def test_the_named_issuer_comes_first(self, backend):
        # Both texts hold both codes, equally often: only the issuer differs.
        ours = doc("lịch làm việc", "lịch làm việc với UBND", issuer_code="BCĐ", notation="03-TB/BCĐ",
                   issued_on=D(2026, 1, 1))
        theirs = doc("lịch làm việc", "lịch làm việc với BCĐ", issuer_code="UBND", notation="03-TB/UBND",
                     issued_on=D(2026, 2, 1))
        backend.index([ours, theirs])
        assert self.ids(backend, "lich lam viec") == [theirs["id"], ours["id"]]  # the newest, all else equal
        assert self.ids(backend, "lich lam viec bcd") == [ours["id"], theirs["id"]]
        assert self.ids(backend, "lịch làm việc BCĐ") == [ours["id"], theirs["id"]]
        assert self.ids(backend, "lịch làm việc UBND") == [theirs["id"], ours["id"]]

    def test_a_match_in_the_title_weighs_more_than_in_the_body(self, backend):
        titled = doc("tiếp công dân định kỳ", "Nội dung.", issued_on=D(2025, 1, 1))
        mentioned = doc("Thông báo", "tiếp công dân định kỳ; tiếp công dân định kỳ; tiếp công dân.",
                        issued_on=D(2026, 1, 1))
        backend.index([titled, mentioned])
        assert self.ids(backend, "tiep cong dan dinh ky") == [titled["id"], mentioned["id"]]

    def test_recency_breaks_ties(self, backend):
        older, newer = (doc("Thông báo lịch trực", "lịch trực tết", issued_on=D(2025, m, 1)) for m in (1, 2))
        backend.index([older, newer])
        assert self.ids(backend, "lich truc") == [newer["id"], older["id"]]

    def test_a_name_typed_with_marks_ranks_exact_words_above_folded_look_alikes(self, backend):
        person = doc("Biên bản họp", "Đồng chí Trần Thị Hoa phát biểu.", kind="bien_ban", issued_on=D(2025, 1, 1))
        look_alike = doc("Trần Thị Hoa", "Mặt trận; thì; hóa.", issued_on=D(2026, 1, 1))  # title "Tran Thi Hoa"
        look_alike["title"] = "Mặt trận thì hóa"
        backend.index([person, look_alike])
        assert self.ids(backend, "Trần Thị Hoa") == [person["id"], look_alike["id"]]
        assert set(self.ids(backend, "tran thi hoa")) == {person["id"], look_alike["id"]}

    def test_a_number_matches_its_spellings_except_inside_a_notation(self, backend):
        scattered = doc("Thông báo", "Mục 1 của văn bản QC gửi BCĐ.")
        backend.index([scattered])
        assert self.ids(backend, "muc 01") == [scattered["id"]]
        assert self.ids(backend, "mục 001 văn bản") == [scattered["id"]]
        assert self.ids(backend, "01-QC/BCĐ") == []

    # -- facets, filters, sorting, paging ------------------------------------------------------------
    def _corpus(self, backend) -> list[dict]:
        docs = [
            doc("Kế hoạch chuyển đổi số", "chuyển đổi số", kind="ke_hoach", issuer_id=1, year=2025,
                issued_on=D(2025, 11, 3), signer="Nguyễn Quốc Nam", status="con_hieu_luc"),
            doc("Báo cáo chuyển đổi số quý IV", "chuyển đổi số", kind="bao_cao", issuer_id=1,
                issued_on=D(2025, 12, 20), signer="Trần Văn Bình", status="het_hieu_luc"),
            doc("Quy chế chuyển đổi số", "chuyển đổi số", kind="quy_che", issuer_id=2,
                issued_on=D(2026, 1, 5), signer="Nguyễn Quốc Nam", status="con_hieu_luc"),
            doc("Quyết định thành lập", "thành lập tổ giúp việc", kind="quyet_dinh", issuer_id=2,
                issued_on=D(2026, 2, 1), signer="Nguyễn Quốc Nam", status="con_hieu_luc"),
            doc("Biên bản họp chuyển đổi số", "chuyển đổi số", kind="bien_ban", issuer_id=3,
                issued_on=D(2026, 2, 10), signer="", status="chua_co_hieu_luc"),
        ]
        backend.index(docs)
        return docs

    def test_facets_count_the_matching_documents(self, backend):
        self._corpus(backend)
        everything = backend.search(q(""))
        assert everything.count == 5
        assert everything.facets["kind"] == {"ke_hoach": 1, "bao_cao": 1, "quy_che": 1, "quyet_dinh": 1, "bien_ban": 1}
        assert everything.facets["issuer"] == {"1": 2, "2": 2, "3": 1}
        assert everything.facets["year"] == {"2025": 2, "2026": 3}
        assert everything.facets["signer"] == {"Nguyễn Quốc Nam": 3, "Trần Văn Bình": 1}
        assert everything.facets["status"] == {"con_hieu_luc": 3, "het_hieu_luc": 1, "chua_co_hieu_luc": 1}
        matching = backend.search(q("chuyen doi so"))
        assert matching.count == 4
        assert matching.facets["kind"] == {"ke_hoach": 1, "bao_cao": 1, "quy_che": 1, "bien_ban": 1}
        assert matching.facets["issuer"] == {"1": 2, "2": 1, "3": 1}
        assert matching.facets["year"] == {"2025": 2, "2026": 2}

    def test_filters(self, backend):
        docs = self._corpus(backend)
        assert self.ids(backend, "", filters={"kind": ["quyet_dinh"]}) == [docs[3]["id"]]
        assert set(self.ids(backend, "", filters={"issuer": [1]})) == {docs[0]["id"], docs[1]["id"]}
        assert set(self.ids(backend, "chuyen doi so", filters={"year": [2026]})) == {docs[2]["id"], docs[4]["id"]}
        assert set(self.ids(backend, "", filters={"signer": ["Nguyễn Quốc Nam"]})) == {docs[0]["id"], docs[2]["id"], docs[3]["id"]}
        assert self.ids(backend, "", filters={"status": ["het_hieu_luc"]}) == [docs[1]["id"]]
        assert set(self.ids(backend, "", filters={"kind": ["quy_che", "bien_ban"]})) == {docs[2]["id"], docs[4]["id"]}
        combined = backend.search(q("chuyen doi so", filters={"issuer": [2], "year": [2026]}))
        assert combined.ids == [docs[2]["id"]] and combined.count == 1
        assert combined.facets["kind"] == {"quy_che": 1}

    def test_sort_by_date(self, backend):
        docs = self._corpus(backend)
        newest_first = [d["id"] for d in sorted(docs, key=lambda d: d["issued_on"], reverse=True)]
        assert self.ids(backend, "", sort="date") == newest_first
        assert self.ids(backend, "") == newest_first  # an empty query lists the newest first
        matching = [i for i in newest_first if i != docs[3]["id"]]
        assert self.ids(backend, "chuyen doi so", sort="date") == matching

    def test_pagination(self, backend):
        docs = [doc(f"Báo cáo tháng {i}", "tình hình thực hiện nhiệm vụ", issued_on=D(2025, 1, 1) + datetime.timedelta(days=i))
                for i in range(25)]
        backend.index(docs)
        pages = [backend.search(q("nhiem vu", page=n, page_size=10, sort="date")) for n in (1, 2, 3, 4)]
        assert [p.count for p in pages] == [25] * 4
        assert [len(p.hits) for p in pages] == [10, 10, 5, 0]
        seen = [i for p in pages for i in p.ids]
        assert len(seen) == len(set(seen)) == 25
        assert seen == [d["id"] for d in reversed(docs)]

    def test_a_document_given_twice_is_indexed_as_last_given(self, backend):
        """A queue's backlog may hold two versions of one document: the later one wins, whatever the chunking."""
        first = doc("Kế hoạch cũ", "Nội dung cũ.")
        backlog = [first] + [doc(f"Văn bản {i}", "Nội dung khác.") for i in range(1200)]
        backlog.append({**first, "title": "Kế hoạch mới", "body": "Nội dung mới."})
        backend.index(backlog)
        assert backend.search(q("kế hoạch mới")).ids == [first["id"]]
        assert backend.search(q("kế hoạch cũ")).ids == []

    def test_pages_across_the_exact_spelling_band(self, backend):
        """Marks typed: the exact spellings first, then the look-alikes, page after page with no gap or repeat,
        and the same count on every page."""
        exact = [doc(f"Hòa giải {i}", "Tổ hòa giải ở cơ sở.", issued_on=D(2025, 1, 1 + i)) for i in range(5)]
        alike = [doc(f"Hóa giải {i}", "Hóa giải mâu thuẫn.", issued_on=D(2025, 2, 1 + i)) for i in range(4)]
        backend.index(exact + alike)
        pages = [backend.search(q("hòa giải", page=n, page_size=2)) for n in range(1, 6)]
        assert {p.count for p in pages} == {9}
        newest_first = [d["id"] for d in reversed(exact)] + [d["id"] for d in reversed(alike)]
        assert [i for p in pages for i in p.ids] == newest_first
        assert backend.search(q("hòa giải", page=6, page_size=2)).ids == []

    def test_a_page_past_the_result_window_keeps_the_count_and_has_no_hits(self, backend, monkeypatch):
        """Elasticsearch refuses a page past its max_result_window (10,000 ranks) whatever the corpus size; both
        backends stop there alike, the count and facets still answered."""
        docs = [doc(f"Kế hoạch {i}", "Chuyển đổi số.", issued_on=D(2025, 3, 1 + i)) for i in range(3)]
        backend.index(docs)
        deep = backend.search(q("chuyen doi so", page=999))  # from 19,960: past the node's window
        assert (deep.count, deep.ids, deep.facets["kind"]) == (3, [], {"quy_che": 3})
        deep = backend.search(q("chuyển đổi số", page=999, with_facets=False))
        assert (deep.count, deep.ids) == (3, [])
        monkeypatch.setattr("search.backends.base.MAX_RESULT_WINDOW", 3)
        newest_first = [d["id"] for d in reversed(docs)]
        assert backend.search(q("chuyen doi so", page=1, page_size=2)).ids == newest_first[:2]
        assert backend.search(q("chuyen doi so", page=2, page_size=2)).ids == newest_first[2:]
        cut = backend.search(q("chuyen doi so", page=2, page_size=1, sort="date"))
        assert (cut.count, cut.ids) == (3, [newest_first[1]])
        monkeypatch.setattr("search.backends.base.MAX_RESULT_WINDOW", 2)
        past = backend.search(q("chuyển đổi số", page=2, page_size=2))
        assert (past.count, past.ids) == (3, [])

    def test_highlight_marks_the_original_words(self, backend):
        target = doc("Quy chế", "Đẩy mạnh chuyển đổi số <b>toàn diện</b> ở phường La Gi.")
        backend.index([target])
        hit = backend.search(q("chuyen doi so")).hits[0]
        assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in hit.highlight
        assert "&lt;b&gt;" in hit.highlight and "<b>" not in hit.highlight
        exact = backend.search(q("Chuyển đổi")).hits[0]
        assert "<mark>chuyển</mark> <mark>đổi</mark>" in exact.highlight

    def test_marks_typed_highlight_exact_spellings_only(self, backend):
        target = doc("Quy chế", "Quý I: quy chế làm việc; Nghị quyết số 5; chuyển đổi số; bản sao; Ban Chỉ đạo.")
        backend.index([target])
        typed = backend.search(q("quy chế chuyển đổi số")).hits[0].highlight
        assert "<mark>quy</mark> <mark>chế</mark>" in typed
        assert "<mark>Quý</mark>" not in typed and "Quý" in typed  # an exact "quy" stands in this passage
        assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in typed
        # Typed without marks, a phrase the passage holds is marked there, not in its lone look-alikes (issue 15);
        # a word alone keeps every look-alike.
        plain = backend.search(q("quy che")).hits[0].highlight
        assert "<mark>quy</mark> <mark>chế</mark>" in plain and "<mark>Quý</mark>" not in plain
        assert "<mark>Quý</mark>" in backend.search(q("quy")).hits[0].highlight
        alone = backend.search(q("quý bán")).hits[0].highlight  # no exact "bán": the folded "bản", "Ban" stay
        assert "<mark>Quý</mark>" in alone and "<mark>bản</mark>" in alone

    def test_snippet_skips_bases_signature_and_recipients(self, backend):
        body = ("Căn cứ Quy chế về chuyển đổi số của Tỉnh ủy;\nCăn cứ Kế hoạch chuyển đổi số;\n"
                + "Nội dung khác. " * 30 + "\nĐiều 1. Đẩy mạnh chuyển đổi số trong các chi bộ.\n"
                + "Nội dung khác. " * 30 + "\nT/M BAN CHỈ ĐẠO\nTRƯỞNG BAN\nchuyển đổi số\n"
                + "Nơi nhận:\n- Ban Chỉ đạo chuyển đổi số;\n- Lưu.")
        backend.index([doc("Quy chế", body)])
        shown = backend.search(q("chuyen doi so")).hits[0].highlight
        assert "Đẩy mạnh <mark>chuyển</mark>" in shown
        assert "Căn cứ" not in shown and "Nơi nhận" not in shown and "TRƯỞNG BAN" not in shown
        only = doc("Thông báo", "Căn cứ Nghị quyết về phòng chống thiên tai;\n" + "Nội dung khác. " * 30)
        backend.index([only])
        assert "<mark>thiên</mark> <mark>tai</mark>" in backend.search(q("thien tai")).hits[0].highlight

    def test_snippet_skips_the_signer_recipients_and_notation_lines_of_the_index(self, backend):
        """The index adds the signer, the Nơi nhận list, the type and notation and the issuer after the body: a
        snippet shows them only where they hold more of the words than the text does."""
        body = "Nội dung chung. " * 20 + "\nĐiều 1. Ông Nam phụ trách công tác quốc phòng.\n" + "Nội dung chung. " * 20
        page = doc("Quy chế", body, notation="07-QC/CQ", recipients=["Các chi bộ nguyễn quốc nam"])
        backend.index([page])
        partly = backend.search(q("quoc phong")).hits[0].highlight
        assert "<mark>quốc</mark> <mark>phòng</mark>" in partly and "TRƯỞNG BAN" not in partly
        named = backend.search(q("nguyen quoc nam")).hits[0].highlight  # all three only in the signature
        assert "<mark>Nguyễn</mark> <mark>Quốc</mark> <mark>Nam</mark>" in named
        notation = backend.search(q("07-QC/CQ")).hits[0].highlight  # the own notation: only the furniture has it
        assert "<mark>07</mark>-<mark>QC</mark>/<mark>CQ</mark>" in notation
        assert "\x1e" not in partly + named + notation

    def test_a_notation_is_marked_whole_not_its_pieces_elsewhere(self, backend):
        body = ("Thực hiện Quy chế số 01-QC/BCĐ. Ngày 01/02/2026, Nghị quyết số 57-NQ/TW; Ban Chỉ đạo (BCĐ) họp "
                "ngày 01 tháng 01. Quyết định số 01-QC/ĐU và Kế hoạch số 01.")
        backend.index([doc("Kế hoạch", body, notation="05-KH/BCĐ", notation_key="05-KH/BCD")])
        for typed in ("01-QC/BCĐ", "so 01 qc bcd"):
            shown = backend.search(q(typed)).hits[0].highlight
            assert "<mark>01</mark>-<mark>QC</mark>/<mark>BCĐ</mark>" in shown, (typed, shown)
            assert "02/2026" in shown and "57-NQ/TW" in shown and "/ĐU" in shown and "hoạch" in shown, shown
            assert "<mark>01</mark>/02" not in shown and "ngày <mark>01</mark> tháng" not in shown, (typed, shown)
            assert "(<mark>BCĐ</mark>)" not in shown and "quyết <mark>số</mark> 57" not in shown, (typed, shown)
            assert "<mark>01</mark>-<mark>QC</mark>/ĐU" not in shown and "hoạch <mark>số</mark>" not in shown, (
                typed, shown)  # another document's notation, another "số 01"
        assert "Quy chế <mark>số</mark> <mark>01</mark>-" in backend.search(q("so 01 qc bcd")).hits[0].highlight
        loose = backend.search(q("ngày 01")).hits[0].highlight  # not a notation: every "01" is a match
        assert "<mark>01</mark>/02" in loose and "<mark>01</mark> tháng" in loose

    def test_snippet_prefers_the_passage_with_the_whole_phrase(self, backend):
        body = ("Chuyển giao; đổi mới; số liệu. " + "Nội dung khác. " * 30
                + "Kế hoạch chuyển đổi số năm 2026. " + "Nội dung khác. " * 30)
        backend.index([doc("Quy chế", body)])
        shown = backend.search(q("chuyen doi so")).hits[0].highlight
        assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark> năm 2026" in shown

    # -- permissions ---------------------------------------------------------------------------------
    def test_permission_filter_is_part_of_the_query(self, backend):
        public = doc("Thông báo công khai", "lịch tiếp công dân", principals=["public"])
        internal = doc("Nghị quyết nội bộ", "lịch tiếp công dân", principals=["issuer:1", "issuer:2"],
                       visibility="internal", kind="ke_hoach")
        restricted = doc("Báo cáo hạn chế", "lịch tiếp công dân", principals=["user:7", "group:3"],
                         visibility="restricted", kind="bao_cao")
        backend.index([public, internal, restricted])
        anonymous = backend.search(q("lich tiep cong dan", principals=["public"]))
        assert anonymous.ids == [public["id"]] and anonymous.count == 1
        assert anonymous.facets["kind"] == {"quy_che": 1}  # facets do not leak hidden documents
        member = backend.search(q("lich tiep cong dan", principals=["public", "user:5", "issuer:2"]))
        assert set(member.ids) == {public["id"], internal["id"]} and member.count == 2
        granted = backend.search(q("lich tiep cong dan", principals=["public", "user:7"]))
        assert set(granted.ids) == {public["id"], restricted["id"]}
        by_group = backend.search(q("", principals=["public", "group:3"]))
        assert set(by_group.ids) == {public["id"], restricted["id"]}
        assert backend.search(q("", principals=[])).count == 0
        assert backend.search(q("lich tiep cong dan", principals=None)).count == 3
        assert backend.search(q("01-QC/BCĐ noi bo", principals=["public"])).count == 0

    # -- maintenance ---------------------------------------------------------------------------------
    def test_reindex_replaces_and_delete_removes(self, backend):
        first = doc("Kế hoạch tuyên truyền", "nội dung cũ")
        second = doc("Kế hoạch kiểm tra", "nội dung khác")
        backend.index([first, second])
        assert backend.count() == 2
        backend.index([{**first, "body": "nội dung mới"}])
        assert self.ids(backend, "noi dung cu") == []
        assert self.ids(backend, "noi dung moi") == [first["id"]]
        assert backend.count() == 2
        backend.delete([first["id"], 999_999])
        assert self.ids(backend, "ke hoach") == [second["id"]]
        assert backend.count() == 1
        assert backend.indexed_ids() == {second["id"]}

    def test_rebuild_swaps_atomically(self, backend):
        old = [doc("Văn bản cũ", "trước khi xây lại chỉ mục") for _ in range(3)]
        backend.index(old)
        new = [doc(f"Văn bản mới {i}", "sau khi xây lại chỉ mục") for i in range(250)]
        seen_during: list[int] = []

        def progress(done: int) -> None:
            seen_during.append(backend.search(q("chi muc")).count)

        assert backend.rebuild(iter(new), progress=progress) == 250
        assert seen_during and set(seen_during) == {3}  # readers saw the old index until the swap
        assert backend.count() == 250
        assert self.ids(backend, "truoc khi") == []
        assert backend.search(q("sau khi xay lai")).count == 250
        backend.index([doc("Sau khi hoán đổi", "vẫn cập nhật được")])
        assert backend.count() == 251

    def test_health(self, backend):
        assert backend.health()["ok"] is True


class TestEmbeddedBackend(SearchBackendContract):
    @pytest.fixture
    def backend(self, embedded_backend):
        return embedded_backend


@pytest.mark.elasticsearch
class TestElasticsearchBackend(SearchBackendContract):
    @pytest.fixture
    def backend(self, elasticsearch_backend):
        return elasticsearch_backend

    def test_the_snippet_is_a_compressed_stored_field_outside_source(self, backend):
        from search.backends.elasticsearch import unpack_snippet

        target = doc("Quy chế", "Đẩy mạnh chuyển đổi số ở phường La Gi.")
        backend.index([target])
        mapping = backend.client.indices.get_mapping(index=backend.alias).body
        (properties,) = [m["mappings"] for m in mapping.values()]
        assert properties["properties"]["snippet_zlib"] == {"type": "binary", "store": True}
        assert "snippet_zlib" in properties["_source"]["excludes"]
        stored = backend.client.search(index=backend.alias, stored_fields=["snippet_zlib"], _source=False).body
        (packed,) = stored["hits"]["hits"][0]["fields"]["snippet_zlib"]
        assert unpack_snippet(packed).startswith("Quy chế\n") and "chuyển đổi số ở phường La Gi" in unpack_snippet(packed)

    def test_an_index_from_before_the_compressed_snippet_still_gives_snippets(self, backend):
        """Built by an earlier version (the snippet a plain stored keyword): searches show snippets until the
        reindex."""
        from search.backends.elasticsearch import to_source, unpack_snippet

        target = doc("Quy chế", "Đẩy mạnh chuyển đổi số ở phường La Gi.")
        legacy = f"{backend.alias}-legacy"
        backend.client.indices.create(index=legacy, mappings={
            "_source": {"excludes": ["snippet"]},
            "properties": {
                "principals": {"type": "keyword"}, "text_folded": {"type": "text"}, "issued_on": {"type": "date"},
                "page_id": {"type": "long"},
                "snippet": {"type": "keyword", "index": False, "doc_values": False, "store": True}}})
        source = to_source(target)
        document = {k: source[k] for k in ("principals", "text_folded", "issued_on", "page_id")}
        backend.client.index(index=legacy, id=str(target["id"]), refresh=True,
                             document=document | {"snippet": unpack_snippet(source["snippet_zlib"])})
        old = list(backend.client.indices.get_alias(name=backend.alias).body)
        backend.client.indices.update_aliases(actions=[{"remove": {"index": old[0], "alias": backend.alias}},
                                                       {"add": {"index": legacy, "alias": backend.alias}}])
        try:
            hit = backend.search(q("chuyen doi so")).hits[0]
        finally:
            backend.client.indices.delete(index=legacy)
        assert hit.id == target["id"]
        assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in hit.highlight

    def test_the_exact_words_are_analysed_as_the_whole_text(self, backend):
        """text_exact holds each word once (it is only filtered on): the node must find in it the very words the
        whole text gives, punctuation, numbers and notations included."""
        from search.backends.elasticsearch import distinct_words

        text = ("Căn cứ Quy chế số 01-QC/BCĐ, ngày 05/01/2026 của Ban Chỉ đạo; hòa giải, HOÀ GIẢI (lần 2)… "
                "Điều 3. Ban Chỉ đạo, ban chỉ đạo! e-mail: vanthu@lagi.gov.vn; 1.000.000 đồng; v.v.")

        def tokens(value: str) -> set[str]:
            answer = backend.client.indices.analyze(analyzer="standard", text=value).body
            return {t["token"] for t in answer["tokens"]}

        assert distinct_words(text).count("chỉ") == 1
        assert tokens(distinct_words(text)) == tokens(text.lower())
