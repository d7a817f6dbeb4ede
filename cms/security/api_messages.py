"""Wagtail API v2's error messages in Vietnamese. Wagtail writes them in English without gettext (``BadRequestError``
in wagtail/api/v2/views.py and filters.py, Django's 404), so they are matched here, one pattern each, and said
again in Vietnamese; the names the client typed (fields, parameters) are kept as typed."""
from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

_MESSAGES = [
    (r"query parameter is not an operation or a recognised field: (?P<names>.+)",
     _("Tham số không được hỗ trợ: %(names)s.")),
    (r"unknown fields: (?P<names>.+)", _("Không có trường: %(names)s.")),
    (r"'(?P<name>.+)' does not support nested fields", _("Trường “%(name)s” không có trường con.")),
    (r"fields error: .*", _("Tham số fields không hợp lệ.")),
    (r"type doesn't exist", _("Loại trang trong tham số type không tồn tại.")),
    (r"field filter error\. '(?P<value>.*)' is not a valid value for (?P<name>\w+) .*",
     _("Giá trị “%(value)s” không hợp lệ cho trường %(name)s.")),
    (r"field filter error\. null characters are not allowed for (?P<name>\w+)",
     _("Trường %(name)s không nhận ký tự null.")),
    (r"random ordering cannot be combined with other fields", _("Sắp xếp ngẫu nhiên không kết hợp được với trường khác.")),
    (r"random ordering with offset is not supported", _("Sắp xếp ngẫu nhiên không dùng được cùng offset.")),
    (r"cannot order by '(?P<name>.+)' while searching \(field is not indexed\)",
     _("Không sắp xếp được theo “%(name)s” khi đang tìm kiếm.")),
    (r"cannot filter by '(?P<name>.+)' while searching \(field is not indexed\)",
     _("Không lọc được theo “%(name)s” khi đang tìm kiếm.")),
    (r"cannot order by '(?P<name>.+)' \(\w+ field\)", _("Không sắp xếp được theo “%(name)s”.")),
    (r"search is disabled", _("Tìm kiếm qua API này đang tắt.")),
    (r"filtering by tag with a search query is not supported", _("Không lọc theo thẻ được khi đang tìm kiếm.")),
    (r"(?P<name>\w+) must be a positive integer", _("Tham số %(name)s phải là số nguyên dương hợp lệ.")),
    (r"limit cannot be higher than (?P<max>\d+)", _("Tham số limit không được lớn hơn %(max)s.")),
    (r"(parent|descendant|ancestor|translation_of) page doesn't exist", _("Trang được chỉ đến không tồn tại.")),
    (r"filtering by descendant_of with child_of is not supported", _("Không dùng descendant_of cùng child_of được.")),
    (r"No \w+ matches the given query\.", _("Không tìm thấy.")),
]
_COMPILED = [(re.compile(pattern), message) for pattern, message in _MESSAGES]


def vietnamese_message(message: str) -> str:
    """Wagtail's English message said in Vietnamese; any other message (ours already are) as it is."""
    for pattern, vietnamese in _COMPILED:
        match = pattern.fullmatch(message)
        if match:
            return str(vietnamese) % match.groupdict()
    return message
