"""What changed between two revisions of a document, part by part (căn cứ, chương, điều, khoản, người ký, nơi
nhận…), with Vietnamese labels: the structured diff the API serves and a reviewer reads before signing."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from documents.models import DocumentPage


@dataclass(frozen=True)
class Change:
    part: str  # trich_yeu, loi_dan, can_cu, chuong, dieu, khoan, phan, doan, bang, nguoi_ky, noi_nhan
    label: str  # "Điều 2 khoản 1", in Vietnamese
    change: str  # added, removed, changed
    before: str | None
    after: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _items(values: Any) -> list[dict]:
    """The dict items of a ListBlock's raw data, in either of Wagtail's formats (plain, or {type: item, value})."""
    out = []
    for item in values or []:
        if isinstance(item, dict) and item.get("type") == "item" and isinstance(item.get("value"), dict):
            item = item["value"]
        if isinstance(item, dict):
            out.append(item)
    return out


def _text(*values: Any) -> str:
    return " ".join(str(v).strip() for v in values if v not in (None, "") and str(v).strip())


def _points(points: Any) -> str:
    return " ".join(_text(f"{p.get('letter', '')})", p.get("text")) for p in _items(points))


def _article_units(article: dict, out: dict[str, tuple[str, str, str]]) -> None:
    number = str(article.get("number", "")).strip()
    key = f"dieu:{number}"
    out[key] = ("dieu", _("Điều %(n)s") % {"n": number}, _text(article.get("title"), article.get("text")))
    for clause in _items(article.get("clauses")):
        clause_no = str(clause.get("number", "")).strip()
        out[f"{key}/khoan:{clause_no}"] = (
            "khoan", _("Điều %(n)s khoản %(k)s") % {"n": number, "k": clause_no},
            _text(clause.get("text"), _points(clause.get("points"))))


def _body_units(page: DocumentPage) -> dict[str, tuple[str, str, str]]:
    """Key → (part, label, text) for every numbered unit of the body, in reading order."""
    out: dict[str, tuple[str, str, str]] = {}
    body = getattr(page, "body", None)
    raw = list(body.raw_data) if body is not None else []
    for index, block in enumerate(raw):
        kind, value = block.get("type"), block.get("value")
        if kind == "chapter" and isinstance(value, dict):
            number = str(value.get("number", "")).strip()
            out[f"chuong:{number}"] = ("chuong", _("Chương %(n)s") % {"n": number}, _text(value.get("title")))
            for article in _items(value.get("articles")):
                _article_units(article, out)
        elif kind == "article" and isinstance(value, dict):
            _article_units(value, out)
        elif kind == "section" and isinstance(value, dict):
            number = str(value.get("number") or index + 1).strip()
            subsections = " ".join(_text(s.get("number"), s.get("title"), s.get("text"))
                                   for s in _items(value.get("subsections")))
            out[f"phan:{number}"] = ("phan", _("Phần %(n)s") % {"n": number},
                                     _text(value.get("title"), value.get("text"), subsections))
        elif kind == "task_table" and isinstance(value, dict):
            rows = "; ".join(_text(r.get("task"), r.get("lead_unit"), r.get("cooperating_units"), r.get("deadline"))
                             for r in _items(value.get("rows")))
            out[f"bang:{index}"] = ("bang", _("Bảng nhiệm vụ %(title)s") % {"title": value.get("title") or ""},
                                    rows)
        elif kind == "paragraph":
            out[f"doan:{index}"] = ("doan", _("Đoạn %(n)d") % {"n": index + 1}, _text(value))
    return out


def _units(page: DocumentPage) -> dict[str, tuple[str, str, str]]:
    units: dict[str, tuple[str, str, str]] = {
        "trich_yeu": ("trich_yeu", _("Trích yếu"), page.title),
        "loi_dan": ("loi_dan", _("Lời dẫn"), page.preamble),
    }
    for i, basis in enumerate(page.bases.all()):
        units[f"can_cu:{basis.text}"] = ("can_cu", _("Căn cứ %(n)d") % {"n": i + 1}, basis.text)
    units.update(_body_units(page))
    units["nguoi_ky"] = ("nguoi_ky", _("Người ký"),
                         _text(page.signer_authority_line, page.signer_position, page.signer_name))
    for i, recipient in enumerate(page.recipients.all()):
        line = _text(_("Lưu") if recipient.archive else "", recipient.name,
                     f"({recipient.purpose})" if recipient.purpose else "")
        units[f"noi_nhan:{line}"] = ("noi_nhan", _("Nơi nhận %(n)d") % {"n": i + 1}, line)
    return units


def diff_documents(before: DocumentPage, after: DocumentPage) -> list[Change]:
    """Changes from ``before`` to ``after``: units matched by number (điều, khoản…) or by text (căn cứ, nơi
    nhận: a moved line is no change); in the order of ``after``, removed units last."""
    old, new = _units(before), _units(after)
    changes: list[Change] = []
    for key, (part, label, text) in new.items():
        if key not in old:
            if text:
                changes.append(Change(part, label, "added", None, text))
        elif old[key][2] != text:
            changes.append(Change(part, label, "changed", old[key][2] or None, text or None))
    for key, (part, label, text) in old.items():
        if key not in new and text:
            changes.append(Change(part, label, "removed", text, None))
    return changes
