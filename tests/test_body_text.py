"""The text of a document's body as search and its snippets read it: the printed labels kept ("Chương I",
"Điều 1. …", "1. …", "a) …"), so a snippet reads as the document does, not "I QUY ĐỊNH CHUNG 1 Chức năng"."""
from __future__ import annotations

from documents.blocks import stream_text


def test_a_regulation_reads_with_its_chapter_article_clause_and_point_labels():
    body = [{"type": "chapter", "value": {"number": "I", "title": "QUY ĐỊNH CHUNG", "articles": [
        {"number": "1", "title": "Chức năng", "text": "Ban Chỉ đạo tham mưu.", "clauses": [
            {"number": "1", "text": "Tham mưu cho Ban Thường vụ.", "points": [
                {"letter": "a", "text": "Xây dựng kế hoạch;"}, {"type": "item", "value": {"letter": "b", "text": "Kiểm tra."}}]}]}]}},
        {"type": "article", "value": {"number": "2", "title": "", "text": "Hiệu lực từ ngày ký.", "clauses": []}},
        {"type": "paragraph", "value": "Đoạn kết."}]
    assert stream_text(body).splitlines() == [
        "Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Chức năng", "Ban Chỉ đạo tham mưu.", "1. Tham mưu cho Ban Thường vụ.",
        "a) Xây dựng kế hoạch;", "b) Kiểm tra.", "Điều 2.", "Hiệu lực từ ngày ký.", "Đoạn kết."]


def test_a_plan_reads_with_its_part_and_item_numbers_and_its_task_table_as_text():
    body = [{"type": "section", "value": {"number": "I", "title": "MỤC ĐÍCH, YÊU CẦU", "text": "", "subsections": [
        {"number": "1", "title": "", "text": "Nâng cao chất lượng."},
        {"number": "2", "title": "Bảo đảm an toàn", "text": "Không đưa văn bản mật lên mạng."}]}},
        {"type": "task_table", "value": {"title": "", "rows": [
            {"task": "Ký số văn bản", "lead_unit": "Văn phòng", "cooperating_units": "", "deadline": "Quý II"}]}}]
    assert stream_text(body).splitlines() == [
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao chất lượng.", "2. Bảo đảm an toàn", "Không đưa văn bản mật lên mạng.",
        "Ký số văn bản", "Văn phòng", "Quý II"]
    assert stream_text(None) == "" and stream_text([]) == ""
