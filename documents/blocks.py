"""StreamField blocks for the numbered body of official documents (docs/domain.md §4)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PointBlock(blocks.StructBlock):
    """Điểm: "a)", "b)", … in Vietnamese letter order."""

    letter = blocks.CharBlock(label=_("Điểm"), max_length=3)
    text = blocks.TextBlock(label=_("Nội dung"))

    class Meta:
        label = _("Điểm")
        template = "documents/blocks/point.html"


class ClauseBlock(blocks.StructBlock):
    """Khoản: "1.", "2.", … with optional points."""

    number = blocks.CharBlock(label=_("Khoản"), max_length=5)
    text = blocks.TextBlock(label=_("Nội dung"), required=False)
    points = blocks.ListBlock(PointBlock(), label=_("Các điểm"), default=[])

    class Meta:
        label = _("Khoản")
        template = "documents/blocks/clause.html"


class ArticleBlock(blocks.StructBlock):
    """Điều: "Điều 1. Chức năng" then paragraphs and clauses."""

    number = blocks.CharBlock(label=_("Số điều"), max_length=5)
    title = blocks.CharBlock(label=_("Tên điều"), required=False)
    text = blocks.TextBlock(label=_("Đoạn mở đầu"), required=False)
    clauses = blocks.ListBlock(ClauseBlock(), label=_("Các khoản"), default=[])

    class Meta:
        label = _("Điều")
        icon = "doc-full"
        template = "documents/blocks/article.html"


class ChapterBlock(blocks.StructBlock):
    """Chương: Roman number and a title in capitals."""

    number = blocks.CharBlock(label=_("Số chương (La Mã)"), max_length=8)
    title = blocks.CharBlock(label=_("Tên chương"))
    articles = blocks.ListBlock(ArticleBlock(), label=_("Các điều"), default=[])

    class Meta:
        label = _("Chương")
        icon = "folder-open-1"
        template = "documents/blocks/chapter.html"


class ParagraphBlock(blocks.TextBlock):
    class Meta:
        label = _("Đoạn văn")
        icon = "pilcrow"
        template = "documents/blocks/paragraph.html"


class SubsectionBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Số mục"), max_length=8, required=False)
    title = blocks.CharBlock(label=_("Tên mục"), required=False)
    text = blocks.TextBlock(label=_("Nội dung"), required=False)

    class Meta:
        label = _("Mục nhỏ")
        template = "documents/blocks/subsection.html"


class SectionBlock(blocks.StructBlock):
    """Phần La Mã of a plan or report: "I. MỤC ĐÍCH, YÊU CẦU"."""

    number = blocks.CharBlock(label=_("Số phần (La Mã)"), max_length=8, required=False)
    title = blocks.CharBlock(label=_("Tên phần"))
    text = blocks.TextBlock(label=_("Nội dung"), required=False)
    subsections = blocks.ListBlock(SubsectionBlock(), label=_("Các mục"), default=[])

    class Meta:
        label = _("Phần")
        icon = "list-ol"
        template = "documents/blocks/section.html"


class TaskRowBlock(blocks.StructBlock):
    task = blocks.TextBlock(label=_("Nhiệm vụ"))
    lead_unit = blocks.CharBlock(label=_("Đơn vị chủ trì"))
    cooperating_units = blocks.CharBlock(label=_("Đơn vị phối hợp"), required=False)
    deadline = blocks.CharBlock(label=_("Thời gian hoàn thành"), required=False)

    class Meta:
        label = _("Nhiệm vụ")


class TaskTableBlock(blocks.StructBlock):
    """Bảng nhiệm vụ of a kế hoạch: task, lead unit, cooperating units, deadline."""

    title = blocks.CharBlock(label=_("Tiêu đề bảng"), required=False)
    rows = blocks.ListBlock(TaskRowBlock(), label=_("Các nhiệm vụ"))

    class Meta:
        label = _("Bảng nhiệm vụ")
        icon = "table"
        template = "documents/blocks/task_table.html"


# The editor's only way to add a block is Wagtail's round "+" (its name is a tooltip): the panel says what it adds.
REGULATION_BODY_HELP = _("Bấm nút “+” để thêm chương, điều hoặc đoạn văn; nút “+” giữa hai khối chèn vào giữa.")
SECTIONED_BODY_HELP = _("Bấm nút “+” để thêm mục, bảng nhiệm vụ hoặc đoạn văn; nút “+” giữa hai khối chèn vào giữa.")
GENERAL_BODY_HELP = _("Bấm nút “+” để thêm chương, điều, mục, bảng nhiệm vụ hoặc đoạn văn; nút “+” giữa hai khối "
                      "chèn vào giữa.")


def regulation_body_blocks() -> list[tuple[str, blocks.Block]]:
    return [("chapter", ChapterBlock()), ("article", ArticleBlock()), ("paragraph", ParagraphBlock())]


def sectioned_body_blocks() -> list[tuple[str, blocks.Block]]:
    return [("section", SectionBlock()), ("task_table", TaskTableBlock()), ("paragraph", ParagraphBlock())]


def stream_text(value) -> str:
    """All text of a StreamField value, in reading order, with the labels the printed document shows ("Chương I",
    "Điều 1. Chức năng", "1. …", "a) …"): search snippets and exports read as the document does."""
    parts: list[str] = []

    def add(*texts) -> None:
        line = " ".join(str(t).strip() for t in texts if t is not None and str(t).strip())
        if line:
            parts.append(line)

    def numbered(number, text, mark: str = ".") -> None:
        number = str(number or "").strip()
        add(f"{number}{mark}" if number else "", text)

    def point(value: dict) -> None:
        numbered(value.get("letter"), value.get("text"), ")")

    def clause(value: dict) -> None:
        numbered(value.get("number"), value.get("text"))
        for item in value.get("points") or []:
            point(_value(item))

    def article(value: dict) -> None:
        number = str(value.get("number") or "").strip()
        add(f"Điều {number}." if number else "", value.get("title"))
        add(value.get("text"))
        for item in value.get("clauses") or []:
            clause(_value(item))

    def chapter(value: dict) -> None:
        number = str(value.get("number") or "").strip()
        add(f"Chương {number}" if number else "")
        add(value.get("title"))
        for item in value.get("articles") or []:
            article(_value(item))

    def section(value: dict) -> None:
        numbered(value.get("number"), value.get("title"))
        add(value.get("text"))
        for item in value.get("subsections") or []:
            sub = _value(item)
            title = str(sub.get("title") or "").strip()
            numbered(sub.get("number"), title or sub.get("text"))  # "1. Nội dung" when the mục has no name
            if title:
                add(sub.get("text"))

    shaped = {"chapter": chapter, "article": article, "section": section}

    def walk(node) -> None:
        if node is None:
            return
        if isinstance(node, str):
            add(node)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)
        elif hasattr(node, "items"):
            walk(dict(node.items()))
        else:
            try:
                walk(list(node))
            except TypeError:
                add(str(node))

    entries = _entries(value)
    if entries is None:
        walk(value)
    for kind, item in entries or []:
        shape = shaped.get(kind)
        if shape is not None and isinstance(item, dict):
            shape(item)
        else:
            walk(item)
    return "\n".join(parts)


def _value(item):
    """A list item of raw StreamField data: the value itself, or {"type": "item", "value": …} (newer Wagtail)."""
    if isinstance(item, dict) and set(item) >= {"type", "value"} and item.get("type") == "item":
        return item["value"]
    return item if isinstance(item, dict) else {}


def _entries(value) -> list[tuple[str, object]] | None:
    """(block type, raw value) of each top-level block of a StreamField value or its raw list; None otherwise."""
    raw = getattr(value, "raw_data", None)
    if raw is None and isinstance(value, list) and all(isinstance(e, dict) and "type" in e for e in value):
        raw = value
    if raw is None:
        return None
    return [(entry.get("type", ""), entry.get("value")) for entry in raw]
