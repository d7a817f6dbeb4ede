"""Names of bodies as readers write them in running text: "Đảng ủy phường La Gi", not "ĐẢNG ỦY PHƯỜNG LA GI".

Documents print the issuer in capitals (Hướng dẫn 36, Nghị định 30); lists, facets, inboxes and mails use the name
as written: the kind of body with its conventional capitals ("Ban Chỉ đạo", "Đảng ủy", "Ủy ban nhân dân"), common
words in lower case, and the place after a unit word ("phường", "tỉnh"…) as a proper name ("La Gi", "Lâm Đồng").
"""
from __future__ import annotations

import re

# Bodies whose names keep capitals inside (the usual written form); longest first.
BODY_TERMS = (
    "ban thường vụ", "ban chấp hành", "ban chỉ đạo", "ủy ban kiểm tra", "ủy ban nhân dân", "hội đồng nhân dân",
    "văn phòng", "đảng ủy", "đảng bộ", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "chi bộ", "tổ giúp việc",
    "tiểu ban", "đại hội",
)
WRITTEN = {
    "ban thường vụ": "Ban Thường vụ", "ban chấp hành": "Ban Chấp hành", "ban chỉ đạo": "Ban Chỉ đạo",
    "ủy ban kiểm tra": "Ủy ban Kiểm tra", "đảng ủy": "Đảng ủy", "đảng bộ": "Đảng bộ",
    "tỉnh ủy": "Tỉnh ủy", "thành ủy": "Thành ủy", "huyện ủy": "Huyện ủy", "quận ủy": "Quận ủy",
}
# After these words comes a place name, written as a proper name to the end of the name or the next comma.
UNIT_WORDS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "phường", "xã", "huyện", "quận")
# "Tỉnh ủy Lâm Đồng": a committee named after its unit, then the place.
PLACE_AFTER = ("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy")


def _title(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split(" "))


def written_name(name: str) -> str:
    """The name of a body in running text, from the capitals printed on documents; mixed case is kept as given."""
    name = re.sub(r"\s+", " ", (name or "").strip())
    if not name or not name.isupper():
        return name
    text = name.lower()
    for term in BODY_TERMS:  # conventional capitals of the kinds of body
        text = re.sub(rf"(?<!\w){term}(?!\w)", WRITTEN.get(term, term), text)
    unit = "|".join(UNIT_WORDS)
    text = re.sub(rf"(?<!\w)({unit}) (?!ủy(?!\w))([^,;()]+)", lambda m: f"{m.group(1)} {_title(m.group(2))}", text)
    after = "|".join(PLACE_AFTER)
    text = re.sub(rf"(?<!\w)({after}) ([^,;()]+)", lambda m: f"{m.group(1)} {_title(m.group(2))}", text,
                  flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]
