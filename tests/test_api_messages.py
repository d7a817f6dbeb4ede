"""Wagtail API v2 answers its errors in Vietnamese (cms/security/api_messages.py): Wagtail writes them in English
without gettext, so each of its messages is matched and said again; ours pass as they are."""
from __future__ import annotations

import pytest

from cms.security.api_messages import vietnamese_message
from tests.untranslated import untranslated

pytestmark = pytest.mark.django_db

# Every request here reaches a different English message of Wagtail 8 (views.py, filters.py, Django's 404).
REFUSED = {
    "/api/v2/pages/?foo=1": "Tham số không được hỗ trợ: foo.",
    "/api/v2/pages/?fields=nope": "Không có trường: nope.",
    "/api/v2/pages/?fields=title(x)": "Trường “title” không có trường con.",
    "/api/v2/pages/?type=foo.Bar": "Loại trang trong tham số type không tồn tại.",
    "/api/v2/pages/?order=xyz": "Không sắp xếp được theo “xyz”.",
    "/api/v2/pages/?order=random,title": "Sắp xếp ngẫu nhiên không kết hợp được với trường khác.",
    "/api/v2/pages/?order=random&offset=2": "Sắp xếp ngẫu nhiên không dùng được cùng offset.",
    "/api/v2/pages/?child_of=999999": "Trang được chỉ đến không tồn tại.",
    "/api/v2/pages/?offset=abc": "Tham số offset phải là số nguyên dương hợp lệ.",  # ours, unchanged
    "/api/v2/pages/?limit=500": "Tham số limit không được lớn hơn 20.",
    "/api/v2/pages/999999/": "Không tìm thấy.",
    "/api/v2/documents/999999/": "Không tìm thấy.",
}


@pytest.mark.parametrize("url", REFUSED)
def test_each_refusal_is_said_in_vietnamese(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404)
    message = response.json()["message"]
    assert message == REFUSED[url]
    assert not untranslated(f"<p>{message}</p>")


def test_a_message_it_does_not_know_is_left_as_it_is():
    assert vietnamese_message("Tham số search_operator chỉ nhận giá trị and hoặc or.") == (
        "Tham số search_operator chỉ nhận giá trị and hoặc or.")
    assert vietnamese_message("field filter error. 'x' is not a valid value for id (invalid literal)") == (
        "Giá trị “x” không hợp lệ cho trường id.")
    assert vietnamese_message("filtering by descendant_of with child_of is not supported") == (
        "Không dùng descendant_of cùng child_of được.")
