"""Date and line helpers of the official rendering (documents/templatetags/document_tags.py)."""
from __future__ import annotations

import datetime

from documents.templatetags.document_tags import (
    format_citation_date,
    format_meeting_closing,
    format_meeting_opening,
    format_place_date,
    format_vn_date,
    number_line,
    position_lines,
)

D = datetime.date


def test_day_and_month_below_ten_keep_a_leading_zero():
    assert format_vn_date(D(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert format_place_date("La Gi", D(2026, 1, 5)) == "La Gi, ngày 05 tháng 01 năm 2026"


def test_two_digit_day_and_month_are_unchanged():
    assert format_vn_date(D(2025, 12, 23)) == "ngày 23 tháng 12 năm 2025"
    assert format_place_date("La Gi", D(2025, 12, 23)) == "La Gi, ngày 23 tháng 12 năm 2025"


def test_undated_document_shows_blanks():
    assert format_place_date("La Gi", None) == "La Gi, ngày … tháng … năm …"
    assert format_place_date("", D(2026, 1, 5)) == "Ngày 05 tháng 01 năm 2026"


def test_citation_date_as_documents_cite_each_other():
    assert format_citation_date(D(2025, 12, 23)) == "23/12/2025"
    assert format_citation_date(D(2025, 7, 1)) == "01/7/2025"
    assert format_citation_date(None) == ""


def test_meeting_times():
    start = datetime.datetime(2026, 3, 20, 8, 5)
    assert format_meeting_opening(start) == "Vào hồi 08 giờ 05 phút, ngày 20 tháng 03 năm 2026"
    assert format_meeting_closing(start, start.replace(hour=11, minute=0)) == \
        "Cuộc họp kết thúc vào hồi 11 giờ 00 phút cùng ngày."
    assert format_meeting_closing(start, None) == ""


def test_combined_position_prints_over_three_lines():
    assert position_lines("BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO") == ["BÍ THƯ", "kiêm", "TRƯỞNG BAN CHỈ ĐẠO"]
    assert position_lines("CHỦ TỊCH") == ["CHỦ TỊCH"]
    assert position_lines("") == []


def test_a_number_line_before_issue_keeps_the_drafting_unit():
    from types import SimpleNamespace

    def page(system: str, type_code: str, unit_code: str = "") -> SimpleNamespace:
        issuer = SimpleNamespace(system=system, code="UBND" if system == "state" else "ĐU")
        return SimpleNamespace(notation="", numbered=True, type_code=type_code, unit_code=unit_code, issuer=issuer)

    assert number_line(page("state", "", "VP")) == "Số: …/UBND-VP"  # công văn of the Văn phòng
    assert number_line(page("state", "KH")) == "Số: …/KH-UBND"
    assert number_line(page("party", "CV", "VP")) == "Số …-CV/ĐU-VP"
