"""Nơi nhận: printed lines (docs/domain.md §6), directory matching, reusable lists, resolution into receivers."""
from __future__ import annotations

import pytest
from django.template import Context, Template

from cms.demo.distribution import SEED_LIST, ensure_directory
from documents.distribution.directory import apply_recipient_list, match_recipient
from documents.distribution.render import recipient_lines
from documents.distribution.resolve import resolve_document
from documents.models import Recipient, RecipientKind, RecipientList
from tests.distribution_setup import SEED_RECIPIENTS, create_document, create_la_gi, create_user

SEED_LINES = [
    "- Văn phòng Tỉnh ủy,",
    "- Thường trực Đảng ủy,",
    "- Thường trực HĐND, UBND phường,",
    "- Mặt trận và các tổ chức chính trị - xã hội phường,",
    "- Các cơ quan tham mưu, giúp việc Đảng ủy,",
    "- Các Phòng chuyên môn UBND phường,",
    "- Các chi, đảng bộ cơ sở,",
    "- Các chi bộ trực thuộc Đảng ủy phường,",
    "- Các đồng chí Đảng ủy viên,",
    "- Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU),",
    "- Lưu Văn phòng Đảng ủy.",
]


@pytest.fixture
def town(db):
    return create_la_gi()


@pytest.fixture
def directory(town):
    create_user("lanhdao", first_name="Lãnh đạo")
    create_user("thanhvien", first_name="Thành viên")
    return ensure_directory()


def test_seed_recipients_render_exactly_in_party_style(town):
    page = create_document(town.bcd)
    assert recipient_lines(page) == SEED_LINES


def test_archive_line_written_with_lu_prefix_by_the_importer_is_not_doubled(town):
    page = create_document(town.bcd, lines=["Văn phòng Tỉnh ủy"], archive="Lưu Văn phòng Đảng ủy.")
    assert recipient_lines(page) == ["- Văn phòng Tỉnh ủy,", "- Lưu Văn phòng Đảng ủy."]


def test_purposes_are_printed_in_brackets(town):
    page = create_document(town.bcd, lines=["Ban Thường vụ Tỉnh ủy", "Thường trực Đảng ủy"],
                           purposes={"Ban Thường vụ Tỉnh ủy": "để báo cáo", "Thường trực Đảng ủy": "(b/c)"})
    assert recipient_lines(page) == [
        "- Ban Thường vụ Tỉnh ủy (để báo cáo),", "- Thường trực Đảng ủy (b/c),", "- Lưu Văn phòng Đảng ủy.",
    ]


def test_state_style_uses_semicolons_and_luu_vt(town):
    page = create_document(town.ubnd, lines=["Ủy ban nhân dân tỉnh Lâm Đồng", "Các phòng chuyên môn"],
                           purposes={"Ủy ban nhân dân tỉnh Lâm Đồng": "để báo cáo"}, archive="VP")
    assert recipient_lines(page) == [
        "- Ủy ban nhân dân tỉnh Lâm Đồng (để báo cáo);", "- Các phòng chuyên môn;", "- Lưu: VT, VP.",
    ]


def test_template_tag_gives_the_lines(town):
    page = create_document(town.bcd)
    html = Template("{% load distribution_tags %}{% recipient_heading %}|{% recipient_lines page as lines %}"
                    "{% for l in lines %}{{ l }}|{% endfor %}").render(Context({"page": page}))
    assert html == "Nơi nhận:|" + "|".join(SEED_LINES) + "|"


def test_match_recipient_by_folded_name_alias_bracket_and_archive_prefix(directory):
    klass = Recipient.objects.get(name="Thành viên Ban chỉ đạo")
    assert match_recipient("- Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU),") == klass
    assert match_recipient("thanh vien ban chi dao") == klass
    assert match_recipient("Mặt trận và các tổ chức chính trị-xã hội phường;").name == (
        "Mặt trận và các tổ chức chính trị - xã hội phường")
    assert match_recipient("VP Tỉnh ủy") == Recipient.objects.get(name="Văn phòng Tỉnh ủy")  # alias
    assert match_recipient("- Lưu Văn phòng Đảng ủy.") == Recipient.objects.get(name="Văn phòng Đảng ủy")
    assert match_recipient("Thường trực Đảng uỷ") == Recipient.objects.get(name="Thường trực Đảng ủy")  # old tone
    assert match_recipient("Sở Nội vụ") is None


def test_every_seed_line_maps_to_the_directory(directory):
    for line in SEED_RECIPIENTS:
        assert match_recipient(line) is not None, line


def test_apply_recipient_list_appends_and_keeps_archive_last(directory, town):
    page = create_document(town.bcd, lines=["Văn phòng Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"], archive=None)
    added = apply_recipient_list(page, RecipientList.objects.get(name=SEED_LIST))
    assert len(added) == 10  # Văn phòng Tỉnh ủy was already there
    page = type(page).objects.get(pk=page.pk)
    lines = recipient_lines(page)
    assert lines[:2] == ["- Văn phòng Tỉnh ủy,", "- Ban Thường vụ Tỉnh ủy,"]
    assert lines[-1] == "- Lưu Văn phòng Đảng ủy."
    assert len(lines) == 12
    assert apply_recipient_list(page, RecipientList.objects.get(name=SEED_LIST)) == []  # idempotent


def test_resolution_expands_classes_merges_duplicates_and_lists_free_text(directory, town):
    page = create_document(town.bcd, lines=[*SEED_RECIPIENTS, "Ông Nguyễn Văn A, khu phố 3"])
    targets = resolve_document(page)
    keys = [(t.channel, t.target_key) for t in targets]
    assert len(keys) == len(set(keys))  # each receiver once per channel
    thanhvien = next(t for t in targets if t.channel == "inbox" and t.user.username == "thanhvien")
    assert thanhvien.via == ["Các đồng chí Đảng ủy viên", "Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU)"]
    lanhdao_inbox = [t for t in targets if t.channel == "inbox" and t.user.username == "lanhdao"]
    assert len(lanhdao_inbox) == 1 and "Thường trực Đảng ủy" in lanhdao_inbox[0].via
    # "Chi bộ Khu phố 1" is reached through two classes (nested): one e-mail only
    assert sum(1 for t in targets if t.email == "chibo.kp1@lagi.example") == 1
    manual = {t.name for t in targets if t.channel == "manual"}
    assert "Ông Nguyễn Văn A, khu phố 3" in manual  # free text, for the clerk
    assert "Chi bộ Khu phố 2" in manual  # in the directory, but no account nor e-mail
    archive = [t for t in targets if t.channel == "archive"]
    assert [t.name for t in archive] == ["Văn phòng Đảng ủy"]


def test_class_cycles_do_not_loop(directory):
    a = Recipient.objects.create(name="Nhóm A", kind=RecipientKind.CLASS)
    b = Recipient.objects.create(name="Nhóm B", kind=RecipientKind.CLASS)
    a.members.add(b)
    b.members.add(a)
    from documents.distribution.resolve import expand

    assert [t.channel for t in expand(a)] == ["manual"]


def test_directory_entries_store_nfc_names(db):
    import unicodedata

    entry = Recipient.objects.create(name=unicodedata.normalize("NFD", "Văn phòng Tỉnh ủy"))
    assert entry.name == unicodedata.normalize("NFC", "Văn phòng Tỉnh ủy")
