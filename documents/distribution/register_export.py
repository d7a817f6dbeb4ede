"""Sổ đăng ký văn bản đi (docs/domain.md §3; mẫu tại Phụ lục IV Nghị định 30) as CSV and XLSX."""
from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator

from django.http import HttpResponse
from django.utils import timezone

from documents.models import (
    Delivery,
    DeliveryChannel,
    DeliveryNotice,
    Issuer,
    RegisterEntry,
    document_type_name,
)
from documents.text.vietnamese import fold
from documents.workflow.notes import recall_notes

from .tracking import receipt_counts

COLUMNS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
DATE_COLUMNS = (2, 8)  # Ngày tháng văn bản, Ngày chuyển (1-based, as in XLSX)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class RegisterQueryError(ValueError):
    """A bad period or format; the message is Vietnamese."""


def parse_period(start: str | None, end: str | None) -> tuple[datetime.date | None, datetime.date | None]:
    def parse(value: str | None, label: str) -> datetime.date | None:
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise RegisterQueryError(f"Ngày “{label}” không hợp lệ: {value} (viết theo dạng YYYY-MM-DD).") from None

    first, last = parse(start, "từ ngày"), parse(end, "đến ngày")
    if first and last and first > last:
        raise RegisterQueryError("“Từ ngày” phải trước hoặc bằng “đến ngày”.")
    return first, last


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _type_and_summary(entry: RegisterEntry) -> str:
    name = ""
    if entry.document is not None:
        name = document_type_name(entry.document)
    if not name and entry.type_code:
        from documents.text.notation import type_names

        names = type_names(entry.type_code)
        name = names[0] if len(names) == 1 else ""
    summary = (entry.summary or "").strip()
    name = name.lower()  # kinds print their type name in capitals ("QUY CHẾ")
    if name and not fold(summary).startswith(fold(name)):
        summary = f"{name[:1].upper()}{name[1:]} {summary}".strip()
    return summary


def _receipts(entry: RegisterEntry, deliveries: list[Delivery]) -> tuple[datetime.date | None, str]:
    """(ngày chuyển, ký nhận) from the deliveries: first sending date and how many receivers confirmed receipt,
    counted as the tracking page counts them (tracking.receipt_counts)."""
    sent = [d.sent_at for d in deliveries if d.sent_at and d.channel != DeliveryChannel.ARCHIVE]
    sent_on = entry.sent_on or (timezone.localtime(min(sent)).date() if sent else None)
    acknowledged, receivers = receipt_counts(deliveries)
    receipt = f"Đã xác nhận {acknowledged}/{receivers}" if receivers else ""
    return sent_on, receipt


def _copies(entry: RegisterEntry) -> int | str:
    """Số lượng bản: as given at issue; for older entries, one copy per Nơi nhận line (the archive copy included)."""
    if entry.copies is not None:
        return entry.copies
    if entry.document is not None and entry.document.copies:
        return entry.document.copies
    lines = [part for part in (entry.recipients or "").split(";") if part.strip()]
    return len(lines) or ""


def rows(issuer: Issuer, start: datetime.date | None, end: datetime.date | None, *, as_text: bool = True) -> Iterator[list]:
    """The register's rows; dates as dd/mm/yyyy text, or (as_text=False, for XLSX) as dates."""
    show = _date if as_text else (lambda value: value)
    entries = RegisterEntry.objects.filter(register__issuer=issuer).select_related("document", "register")
    if start:
        entries = entries.filter(issued_on__gte=start)
    if end:
        entries = entries.filter(issued_on__lte=end)
    ordered = list(entries.order_by("issued_on", "register__series_key", "number"))
    by_document: dict[int, list[Delivery]] = {}
    for delivery in Delivery.objects.filter(
        document_id__in=[e.document_id for e in ordered if e.document_id], notice=DeliveryNotice.ISSUE,
    ):
        by_document.setdefault(delivery.document_id, []).append(delivery)
    recalls = recall_notes(e.document.pk for e in ordered if e.document is not None and e.document.is_recalled)
    for entry in ordered:
        sent_on, receipt = _receipts(entry, by_document.get(entry.document_id or 0, []))
        notes = [entry.notes.strip()] if entry.notes.strip() else []
        if entry.document is not None and entry.document.is_recalled:
            notes.append(_recalled(recalls.get(entry.document.pk)))
        yield [
            entry.notation, show(entry.issued_on), _type_and_summary(entry), entry.signer,
            entry.recipients, entry.keeper, _copies(entry), show(sent_on) or "", receipt, "; ".join(notes),
        ]


def _recalled(note) -> str:
    """The register's Ghi chú of a recalled document: when and why, as the clerk wrote it at thu hồi."""
    if note is None:
        return "Đã thu hồi"
    when = timezone.localtime(note.at).strftime("%d/%m/%Y")
    return f"Đã thu hồi ngày {when}" + (f": {note.reason}" if note.reason else "")


def _title(issuer: Issuer, start, end) -> tuple[str, str]:
    period = f"Từ ngày {_date(start) or '…'} đến ngày {_date(end) or '…'}"
    return f"SỔ ĐĂNG KÝ VĂN BẢN ĐI — {issuer.name}", period


def to_csv(issuer: Issuer, start, end) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows(issuer, start, end):
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def to_xlsx(issuer: Issuer, start, end) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ văn bản đi"
    title, period = _title(issuer, start, end)
    sheet.append([title])
    sheet.append([period])
    sheet.append([])
    sheet.append(COLUMNS)
    count = 0
    for row in rows(issuer, start, end, as_text=False):
        sheet.append(row)
        count += 1
        for column in DATE_COLUMNS:  # real dates, shown the Vietnamese way
            sheet.cell(row=sheet.max_row, column=column).number_format = "DD/MM/YYYY"
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(COLUMNS))
    sheet["A1"].font = Font(name="Times New Roman", bold=True, size=14)
    sheet["A1"].alignment = sheet["A2"].alignment = Alignment(horizontal="center")
    sheet["A2"].font = Font(name="Times New Roman", italic=True)
    thin = Side(style="thin")
    widths = [16, 12, 48, 22, 40, 22, 9, 12, 16, 20]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=4, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=4, max_row=4 + count):
        for cell in row:
            cell.font = Font(name="Times New Roman", bold=cell.row == 4)
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if cell.row == 4 else None)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.freeze_panes = "A5"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def export(issuer: Issuer, start, end, file_format: str) -> bytes:
    if file_format == "csv":
        return to_csv(issuer, start, end)
    if file_format == "xlsx":
        return to_xlsx(issuer, start, end)
    raise RegisterQueryError(f"Định dạng không hỗ trợ: {file_format} (csv hoặc xlsx).")


def filename(issuer: Issuer, start, end, file_format: str) -> str:
    period = "-".join(d.isoformat() for d in (start, end) if d) or "tat-ca"
    return f"so-van-ban-di-{issuer.slug}-{period}.{file_format}"


def export_response(issuer: Issuer, start, end, file_format: str) -> HttpResponse:
    response = HttpResponse(export(issuer, start, end, file_format), content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename(issuer, start, end, file_format)}"'
    return response
