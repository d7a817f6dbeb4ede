"""Issue 12: citations become links. Parsing (pure), matching by notation key and date, linking when the cited
document arrives later, no duplicates on a new save, nothing leaked about a document the reader may not open, the
API's `cites`/`cited_by`, and the reader page in Chromium on the demonstration."""
from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.citations import pick_target, readable_cited_by, readable_cites, refresh_citations
from documents.kinds.quy_che import QuyChePage
from documents.models import Citation, DocumentBasis, DocumentPage, DocumentState
from documents.text.citations import find_citations
from documents.text.notation import notation_key
from tests.permission_setup import advance, build_world, draft_document, make_document

SEED = Path("/work/shared/seed/quy-che-01-QC-BCD-la-gi-2026.txt")
REAL = Path(__file__).resolve().parent / "fixtures" / "real"
SEED_TEXT = (SEED if SEED.exists() else Path(__file__).resolve().parent / "fixtures" / SEED.name).read_text("utf-8")


# -- parsing (documents/text/citations.py) -------------------------------------------------------------------
def test_the_four_bases_of_the_seed() -> None:
    bases = [c for c in find_citations(SEED_TEXT) if c.date is not None][:4]
    assert [(c.kind, c.notation, c.key, c.date, c.issuer) for c in bases] == [
        ("Nghị quyết", "57-NQ/TW", "57-nq-tw", datetime.date(2024, 12, 22), "Bộ Chính trị"),
        ("Quy chế", "01-QC/BCĐ", "1-qc-bcd", datetime.date(2025, 9, 30), "Ban Chỉ đạo"),
        ("Quy chế", "01-QC/ĐU", "1-qc-du", datetime.date(2025, 7, 1), "Ban Chấp hành Đảng bộ phường La Gi"),
        ("Quyết định", "105-QĐ/ĐU", "105-qd-du", datetime.date(2025, 12, 23), "Ban Thường vụ Đảng ủy"),
    ]
    first = bases[3]
    assert first.text == "Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 của Ban Thường vụ Đảng ủy"
    assert SEED_TEXT[first.start:first.end] == first.text


def test_the_seed_number_line_is_no_citation_and_the_recipient_line_is() -> None:
    found = find_citations(SEED_TEXT)
    assert not any(c.text.startswith("Số") for c in found)  # "Số 01 -QC/BCĐ" is its own number
    assert found[-1].text == "QĐ số 105-QĐ/ĐU" and found[-1].kind == "Quyết định"  # "(theo QĐ số 105-QĐ/ĐU)"
    # In the body, "Nghị quyết số 57-NQ/TW của các cơ quan" names no issuer (a body's name is capitalised).
    assert all(c.issuer in ("", "Bộ Chính trị", "Ban Chỉ đạo", "Ban Chấp hành Đảng bộ phường La Gi",
                            "Ban Thường vụ Đảng ủy") for c in found)


@pytest.mark.parametrize("written", ["105-QĐ/ĐU", "105 - QĐ/ĐU", "105-QD/DU", "105 -QĐ/ĐU"])
def test_sloppy_notations_have_one_key(written) -> None:
    (found,) = find_citations(f"Căn cứ Quyết định số {written}, ngày 23/12/2025 của Ban Thường vụ Đảng ủy;")
    assert found.key == notation_key("105-QĐ/ĐU") == "105-qd-du"
    assert found.notation == written and found.date == datetime.date(2025, 12, 23)


def test_both_date_forms_and_the_state_style() -> None:
    (long_form,) = find_citations("thực hiện Kế hoạch số 05-KH/ĐU ngày 10 tháng 3 năm 2026 của Ban Thường vụ;")
    assert (long_form.kind, long_form.key, long_form.date) == ("Kế hoạch", "5-kh-du", datetime.date(2026, 3, 10))
    (state,) = find_citations("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;")
    assert (state.kind, state.key, state.date, state.issuer, state.year) == (
        "Nghị định", "30-2020-nd-cp", datetime.date(2020, 3, 5), "Chính phủ", 2020)
    (no_date,) = find_citations("Văn phòng Đảng ủy theo dõi việc thực hiện Kế hoạch số 05-KH/ĐU.")
    assert (no_date.key, no_date.date, no_date.text) == ("5-kh-du", None, "Kế hoạch số 05-KH/ĐU")
    (bad,) = find_citations("Quyết định số 07/QĐ-UBND, ngày 31/02/2026")  # no such day: no date
    assert bad.date is None and bad.text == "Quyết định số 07/QĐ-UBND"


def test_statutes_by_name_are_unresolvable_not_errors() -> None:
    text = (REAL / "06-ubnd-quyet-dinh-07-QD-UBND.txt").read_text("utf-8")
    (law,) = [c for c in find_citations(text) if c.kind == "Luật"]
    assert (law.key, law.resolvable, law.date) == ("", False, datetime.date(2025, 6, 16))
    assert law.text == "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
    (charter,) = find_citations("- Căn cứ Điều lệ Đảng;")
    assert (charter.kind, charter.text, charter.resolvable) == ("Điều lệ", "Điều lệ Đảng", False)
    assert find_citations("theo quy định của Luật.") == []


def test_real_plan_cites_resolution_57() -> None:
    text = (REAL / "01-dang-uy-ke-hoach-05-KH-DU.txt").read_text("utf-8")
    (found,) = find_citations(text)  # its own "Số 05-KH/ĐU" is not a citation
    assert (found.key, found.date) == ("57-nq-tw", datetime.date(2024, 12, 22))


def test_a_state_cong_van_needs_a_word_before_it() -> None:
    (found,) = find_citations("Thực hiện Công văn số 15/UBND-VP ngày 21/01/2026 của Ủy ban nhân dân phường,")
    assert (found.kind, found.key, found.issuer) == ("Công văn", "15-ubnd-vp", "Ủy ban nhân dân phường")
    assert find_citations("tỷ lệ 14/16 chỉ tiêu, mã 15/UBND-VP") == []


def test_a_long_issuer_with_odd_spacing_is_cut_and_the_span_still_fits() -> None:
    text = ("Căn cứ Quyết định số 105-QĐ/ĐU, ngày 23/12/2025 của Ban  Thường   vụ Đảng ủy phường La Gi tỉnh Lâm Đồng "
            "nhiệm vụ một hai ba bốn sáu bảy;")
    (found,) = find_citations(text)
    assert found.issuer.startswith("Ban  Thường   vụ Đảng ủy") and len(found.issuer.split()) == 12  # at most 12 words
    assert text[found.start:found.end] == found.text and found.text.endswith(found.issuer)


def test_spans_always_index_the_text() -> None:
    import random
    import unicodedata

    pieces = ["Quyết định số ", "105-QĐ/ĐU", " - ", "/", ", ngày ", "23/12/2025", " 23 tháng 12 năm 2025", " của ",
              "Ban Chỉ đạo", "Luật ", "Điều lệ Đảng", "Số ", ";", "\n", "  ", "\u0301", "QĐ số ", "15/UBND-VP", "x"]
    rng = random.Random(12)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        text = unicodedata.normalize("NFC", text)  # spans index the NFC text (texts are NFC at the door)
        for found in find_citations(text):
            assert text[found.start:found.end] == found.text


# -- matching by date (pure) ---------------------------------------------------------------------------------
def test_the_date_or_its_year_chooses_among_documents_with_one_notation() -> None:
    from documents.citations import _Candidate

    old, new = _Candidate(1, datetime.date(2021, 3, 2)), _Candidate(2, datetime.date(2026, 1, 5))
    assert pick_target([old, new], datetime.date(2026, 1, 5), 2026, None) == 2
    assert pick_target([old, new], datetime.date(2021, 3, 2), 2021, None) == 1
    assert pick_target([old, new], datetime.date(2021, 4, 1), 2021, None) == 1  # a slip of the day: the year
    assert pick_target([new], datetime.date(2025, 9, 30), 2025, None) is None  # another body's 01-QC/BCĐ
    assert pick_target([old, new], None, None, datetime.date(2024, 1, 1)) == 1  # the latest before the source
    assert pick_target([old, new], None, None, None) == 2
    assert pick_target([new], None, None, datetime.date(2020, 1, 1)) == 2


# -- in the database -----------------------------------------------------------------------------------------
@pytest.fixture
def world(db):
    return build_world()


def _citing(world, bases: list[str], visibility: str = "public", title: str = "quy chế dẫn") -> QuyChePage:
    """A draft of the BCĐ with these căn cứ, saved as the admin saves a draft (row and revision)."""
    page = draft_document(world, title, visibility, with_file=False)
    page.bases = [DocumentBasis(text=text, sort_order=i) for i, text in enumerate(bases)]
    page.save()
    page.save_revision(user=world.users["soanthao"])
    return QuyChePage.objects.get(pk=page.pk)


def _today() -> str:
    day = datetime.date.today()
    return f"{day.day:02d}/{day.month}/{day.year}"


def test_a_document_citing_one_present_is_linked_both_ways(world):
    cited = make_document(world, "public", "issued", "quy chế được dẫn")
    assert cited.notation == "01-QC/BCĐ"
    source = _citing(world, [f"Căn cứ Quy chế số 01-QC/BCĐ, ngày {_today()} của Ban Chỉ đạo;",
                             "Căn cứ Điều lệ Đảng;"])
    rows = list(Citation.objects.filter(source=source).order_by("position"))
    assert [(r.where, r.target_id, r.notation_key) for r in rows] == [("can_cu", cited.pk, "1-qc-bcd"),
                                                                      ("can_cu", None, "")]
    source = advance(source, world, "issued")
    cites = readable_cites(source, None)
    assert [(i.page.pk if i.page else None, i.notation) for i in cites] == [(cited.pk, "01-QC/BCĐ"), (None, "")]
    assert [i.page.pk for i in readable_cited_by(cited, None)] == [source.pk]


def test_the_cited_document_issued_later_links_up(world, django_capture_on_commit_callbacks):
    # The source is the first quy chế (01-QC/BCĐ); it cites the second, which does not exist yet.
    source = advance(_citing(world, ["Căn cứ Quy chế số 02-QC/BCĐ của Ban Chỉ đạo;"]), world, "issued")
    assert source.notation == "01-QC/BCĐ"
    assert Citation.objects.get(source=source).target_id is None
    with django_capture_on_commit_callbacks(execute=True):
        later = make_document(world, "public", "issued", "quy chế ban hành sau")
    assert later.notation == "02-QC/BCĐ"
    assert Citation.objects.get(source=source).target_id == later.pk
    assert [i.page.pk for i in readable_cited_by(later, None)] == [source.pk]


def test_the_cited_document_imported_with_issue_later_links_up(world):
    source = advance(_citing(world, ["Căn cứ Kế hoạch số 05 - KH/ĐU, ngày 10/3/2026 của Ban Thường vụ Đảng ủy;"]),
                     world, "issued")
    assert Citation.objects.get(source=source).target_id is None
    call_command("import_documents", str(REAL / "01-dang-uy-ke-hoach-05-KH-DU.txt"), issue=True, stdout=io.StringIO())
    plan = DocumentPage.objects.get(notation="05-KH/ĐU")
    assert Citation.objects.get(source=source).target_id == plan.pk
    # And what the imported plan cites is read on import (57-NQ/TW is not in the system: plain text).
    assert list(Citation.objects.filter(source=plan).values_list("notation_key", "target_id")) == [("57-nq-tw", None)]


def test_the_date_tells_two_documents_with_one_notation_apart(world):
    older = make_document(world, "public", "issued", "quy chế khóa trước")
    newer = make_document(world, "public", "issued", "quy chế khóa này")
    # The same notation in an earlier term (Party numbering restarts with each term, docs/domain.md §3).
    DocumentPage.objects.filter(pk=older.pk).update(notation="02-QC/BCĐ", notation_key="2-qc-bcd",
                                                    issued_on=datetime.date(2021, 3, 2))
    assert newer.notation == "02-QC/BCĐ"
    source = _citing(world, ["Căn cứ Quy chế số 02-QC/BCĐ, ngày 02/3/2021 của Ban Chỉ đạo;",
                             f"Căn cứ Quy chế số 02-QC/BCĐ, ngày {_today()} của Ban Chỉ đạo;",
                             "Căn cứ Quy chế số 02-QC/BCĐ, ngày 30/9/2025 của Ban Chỉ đạo Tỉnh ủy;"])
    targets = list(Citation.objects.filter(source=source).order_by("position").values_list("target_id", flat=True))
    assert targets == [older.pk, newer.pk, None]


def test_saving_again_duplicates_nothing(world):
    make_document(world, "public", "issued", "quy chế được dẫn")
    bases = ["Căn cứ Quy chế số 01-QC/BCĐ của Ban Chỉ đạo;", "Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024;"]
    source = _citing(world, bases)
    before = list(Citation.objects.filter(source=source).values_list("pk", "target_id", "position"))
    assert len(before) == 2
    source.save()
    source.save_revision(user=world.users["soanthao"])
    refresh_citations(source)
    source = advance(source, world, "issued")  # publishing saves it once more
    assert list(Citation.objects.filter(source=source).values_list("pk", "target_id", "position")) == before
    # A change of text replaces the rows, still without duplicates.
    source.bases = [DocumentBasis(text=bases[1], sort_order=0)]
    source.save()
    assert list(Citation.objects.filter(source=source).values_list("notation_key", flat=True)) == ["57-nq-tw"]


def test_the_body_repeating_a_basis_is_one_citation(world):
    source = _citing(world, ["Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị;"])
    source.body = [("chapter", {"number": "I", "title": "CHUNG", "articles": [{
        "number": "1", "title": "Nhiệm vụ", "clauses": [],
        "text": "Thực hiện Nghị quyết số 57-NQ/TW và Kế hoạch số 05-KH/ĐU của Ban Thường vụ."}]})]
    source.save()
    rows = list(Citation.objects.filter(source=source).order_by("position").values_list("notation_key", "where"))
    assert rows == [("57-nq-tw", "can_cu"), ("5-kh-du", "body")]


def test_one_query_per_list_however_many_citations(world):
    cited = [make_document(world, "public", "issued", f"quy chế {i}") for i in range(3)]
    one = advance(_citing(world, ["Căn cứ Quy chế số 01-QC/BCĐ;"], title="dẫn một"), world, "issued")
    three = advance(_citing(world, [f"Căn cứ Quy chế số {p.notation};" for p in cited], title="dẫn ba"), world, "issued")
    user = world.users["thanhvien"]

    def count(call) -> int:
        with CaptureQueriesContext(connection) as queries:
            call()
        return len(queries)

    readable_cites(one, user)  # the reader's permissions are remembered for the request
    assert count(lambda: readable_cites(one, user)) == count(lambda: readable_cites(three, user))
    assert len(readable_cites(three, user)) == 3
    assert count(lambda: readable_cited_by(cited[0], user)) == count(lambda: readable_cited_by(cited[1], user))


# -- what a reader sees: page and API ------------------------------------------------------------------------
@pytest.fixture
def restricted_pair(world):
    """A public quy chế citing a restricted one that only `duoc_cap_quyen` (and clerks) may read."""
    hidden = make_document(world, "restricted", "issued", "quy chế hạn chế bí danh Hoa Sen")
    source = advance(_citing(world, [f"Căn cứ Quy chế số {hidden.notation}, ngày {_today()} của Ban Chỉ đạo;"],
                             title="quy chế công khai dẫn văn bản hạn chế"), world, "issued")
    assert Citation.objects.get(source=source).target_id == hidden.pk
    return source, hidden


def test_a_restricted_target_is_not_shown_to_a_member_who_may_not_read_it(client, world, restricted_pair):
    source, hidden = restricted_pair
    client.force_login(world.users["thanhvien_khac"])
    html = client.get(source.url).content.decode()
    assert "reader-box__citations" in html and "Hoa Sen" not in html and hidden.url not in html
    data = client.get(f"/api/documents/{source.pk}/").json()
    (item,) = data["cites"]
    assert item == {"id": None, "title": None, "notation": hidden.notation, "date": datetime.date.today().isoformat(),
                    "url": None, "text": f"Quy chế số {hidden.notation}, ngày {_today()} của Ban Chỉ đạo",
                    "recalled": False}
    assert "Hoa Sen" not in str(data)
    # The hidden document's page does not exist for them, and lists nothing.
    assert client.get(f"/api/documents/{hidden.pk}/").status_code == 404


def test_a_reader_granted_the_target_sees_the_link_both_ways(client, world, restricted_pair):
    source, hidden = restricted_pair
    client.force_login(world.users["duoc_cap_quyen"])
    html = client.get(source.url).content.decode()
    assert "Hoa Sen" in html and f'href="{hidden.url}"' in html and "Căn cứ" in html
    data = client.get(f"/api/documents/{source.pk}/").json()
    (item,) = data["cites"]
    assert (item["id"], item["title"], item["notation"]) == (hidden.pk, hidden.title, hidden.notation)
    assert item["url"].endswith(hidden.url)
    back = client.get(f"/api/documents/{hidden.pk}/").json()["cited_by"]
    assert [(i["id"], i["notation"]) for i in back] == [(source.pk, source.notation)]
    assert "Được căn cứ bởi" in client.get(hidden.url).content.decode()


def test_a_recalled_target_is_marked_for_its_former_readers_and_words_for_others(client, world):
    """Readers who could open the cited document see it "(đã thu hồi)", linked to its recall notice; anyone else
    sees the citing document's own words, as for a document never issued."""
    from documents.workflow import transitions

    cited = make_document(world, "public", "issued", "quy chế sẽ thu hồi")
    internal = make_document(world, "internal", "issued", "quy chế nội bộ sẽ thu hồi")
    source = advance(_citing(world, [f"Căn cứ Quy chế số {cited.notation};", f"Căn cứ Quy chế số {internal.notation};"]),
                     world, "issued")
    assert [i.recalled for i in readable_cites(source, None)] == [False, False]
    url = cited.url
    transitions.recall(cited, world.users["vanthu"], "Ban hành nhầm")
    transitions.recall(internal, world.users["vanthu"], "Ban hành nhầm")
    public_item, internal_item = readable_cites(source, None)
    assert (public_item.page.pk, public_item.recalled) == (cited.pk, True)
    assert (internal_item.page, internal_item.title, internal_item.text) == (
        None, None, f"Quy chế số {internal.notation}")
    html = client.get(source.url).content.decode()
    assert "(đã thu hồi)" in html and f'href="{url}"' in html
    assert client.get(f"/api/documents/{source.pk}/").json()["cites"][0]["recalled"] is True
    client.force_login(world.users["thanhvien"])  # a member of the issuer could read the internal one
    assert [i.recalled for i in readable_cites(source, world.users["thanhvien"])] == [True, True]


def test_a_citing_document_the_reader_may_not_read_is_not_listed(client, world):
    cited = make_document(world, "public", "issued", "quy chế công khai")
    secret = advance(_citing(world, [f"Căn cứ Quy chế số {cited.notation};"], "restricted",
                             title="quy chế hạn chế dẫn lại"), world, "issued")
    assert Citation.objects.get(source=secret).target_id == cited.pk
    data = client.get(f"/api/documents/{cited.pk}/").json()
    assert data["cited_by"] == [] and secret.title not in client.get(cited.url).content.decode()


def test_a_draft_written_through_the_api_cites_at_once_and_after_each_change(world):
    from tests.api_helpers import ApiCaller

    cited = make_document(world, "public", "issued", "quy chế được dẫn qua API")
    drafter = ApiCaller(world.users["soanthao"])
    created = drafter.post("/api/documents/", {
        "kind": "quy_che", "issuer": "BCĐ", "title": "quy chế soạn qua API",
        "bases": [f"Căn cứ Quy chế số {cited.notation}, ngày {_today()} của Ban Chỉ đạo;"]})
    assert created.status_code == 201, created.content
    data = created.json()
    assert [(i["id"], i["notation"]) for i in data["cites"]] == [(cited.pk, cited.notation)]
    assert data["cited_by"] == []
    changed = drafter.patch(f"/api/documents/{data['id']}/", {"bases": ["Căn cứ Điều lệ Đảng;"]}).json()
    assert changed["cites"] == [{"id": None, "title": None, "notation": "", "date": None, "url": None,
                                 "text": "Điều lệ Đảng", "recalled": False}]
    assert Citation.objects.filter(source_id=data["id"]).count() == 1


def test_the_api_schema_names_cites_and_cited_by(client, db):
    schema = client.get("/api/schema/").json()
    out = schema["components"]["schemas"]["DocumentOut"]
    assert {"cites", "cited_by"} <= set(out["properties"]) and {"cites", "cited_by"} <= set(out["required"])
    cited = schema["components"]["schemas"]["CitedOut"]
    assert set(cited["properties"]) == {"id", "title", "notation", "date", "url", "text", "recalled"}


# -- the demonstration in Chromium ---------------------------------------------------------------------------
SHOTS = Path(__file__).resolve().parent.parent / "var" / "shots"


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEMO_PASSWORD = "demo-test-password"
    call_command("load_demo", stdout=io.StringIO())
    return DocumentPage.objects.get(notation="01-QC/BCĐ"), DocumentPage.objects.get(notation="02-KH/BCĐ")


def test_the_demo_has_resolved_pairs(demo):
    seed, plan = demo
    assert Citation.objects.filter(source=plan, target=seed).exists()
    assert Citation.objects.filter(source__notation="68/KH-UBND", target=plan).exists()
    assert Citation.objects.filter(source=seed, target__isnull=False).count() == 0  # its own notation, 2025: not it
    assert plan.state == DocumentState.ISSUED and plan.visibility == "public"


@pytest.mark.browser
def test_the_reader_page_shows_both_lists_to_an_anonymous_reader(live_server, demo, chromium):
    seed, plan = demo
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", {"width": 1366, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page = chromium.new_context(viewport=viewport, locale="vi-VN").new_page()
        page.goto(f"{live_server.url}{plan.url}")
        cites = page.locator("#can-cu")
        assert cites.locator("h3").inner_text() == "Căn cứ"
        link = cites.locator("a", has_text="01-QC/BCĐ")
        assert link.is_visible() and link.get_attribute("href") == seed.url
        assert cites.locator(".citation--text", has_text="57-NQ/TW").is_visible()  # not in the system
        cites.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"citations-cites-{name}.png"), full_page=True)
        page.locator(".reader-box").screenshot(path=str(SHOTS / f"citations-cites-{name}-box.png"))
        link.click()
        page.wait_for_url(f"**{seed.url}")
        cited_by = page.locator("#duoc-can-cu")
        assert cited_by.locator("h3").inner_text() == "Được căn cứ bởi"
        assert cited_by.locator("a", has_text="02-KH/BCĐ").get_attribute("href") == plan.url
        box = cited_by.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
        if name == "desktop":  # the sticky box, taller with its lists, scrolls within the window
            reader = page.locator(".reader-box").bounding_box()
            assert reader is not None and reader["height"] <= viewport["height"]
            page.locator(".reader-box a", has_text="Tải PDF").scroll_into_view_if_needed()
            assert page.locator(".reader-box a", has_text="Tải PDF").is_visible()
        page.screenshot(path=str(SHOTS / f"citations-cited-by-{name}.png"), full_page=True)
        page.locator(".reader-box").screenshot(path=str(SHOTS / f"citations-cited-by-{name}-box.png"))
        page.context.close()


def test_documents_named_in_the_text_are_listed_apart_from_the_can_cu(client, demo):
    """05-BC/BCĐ has no căn cứ; it says it reports on the Quy chế ("Thực hiện …"): that one is a document it names,
    not one it is based on."""
    seed, _plan = demo
    report = DocumentPage.objects.get(notation="05-BC/BCĐ")
    assert Citation.objects.filter(source=report, target=seed, where="body").exists()
    html = client.get(report.url).content.decode()
    assert 'id="can-cu"' not in html
    mentions = html[html.index('id="van-ban-duoc-nhac-den"'):]
    assert "Văn bản được nhắc đến" in mentions and f'href="{seed.url}"' in mentions.split("</div>")[0]
    plan_html = client.get(_plan.url).content.decode()
    assert f'href="{seed.url}"' in plan_html[plan_html.index('id="can-cu"'):].split("</div>")[0]
