"""Rà soát: the number, số và ký hiệu and date the clerk reads on the paper, checked before anything is written.

A reader misreads "05" as "06", "QĐ" as "QC", 2025 as 2026. The corrected notation is read as the importer reads a
printed one (documents.text.notation.parse_notation), must name the document's issuer, agree with the number given
beside it, and is stored in the form the register writes (format_notation); the date may not be after today. The
importer's duplicate rule refuses a correction that makes the document another already in (same issuer, notation
key and date: documents.importing.batch.same_document); the register's own (one number per series) is checked when
the register row is moved (documents.numbering.correct_registration).
"""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from documents.importing.batch import same_document
from documents.models import DocumentPage, System
from documents.models.base import default_rule_set
from documents.text.notation import (
    canonical_type_code,
    format_notation,
    notation_key,
    parse_notation,
    unit_of,
)
from documents.text.vietnamese import nfc

DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


def registration_values(page: DocumentPage, *, number: int | None, notation: str | None,
                        issued_on: datetime.date | str | None) -> dict:
    """The registration fields (number, notation, notation_key, type_code, unit_code, issued_on, rule_set) as corrected: the
    page's own where nothing is given or nothing changes. Raises ValidationError keyed by the form's field."""
    day = _day(issued_on) if issued_on not in (None, "") else page.issued_on
    new_number, type_code, unit = page.number, page.type_code, page.unit_code
    text = nfc(" ".join((notation or "").split()))
    parsed = parse_notation(text) if text else None
    notation_changed = bool(text) and (parsed is None or parsed.key != page.notation_key)
    number_changed = number is not None and number != page.number
    formatted = page.notation
    if notation_changed:
        if parsed is None or parsed.number is None:
            raise ValidationError({"notation": _("Không đọc được số và ký hiệu “%(value)s”; ghi như trên bản gốc, "
                                                 "ví dụ %(example)s.") % {"value": text, "example": _example(page)}})
        if number_changed and number != parsed.number:
            raise ValidationError({"number": _("Số %(number)s khác số trong số và ký hiệu %(notation)s; sửa cho "
                                               "khớp nhau.") % {"number": number, "notation": text}})
        printed_unit = unit_of(parsed.issuer_code, page.issuer.code)  # "UBND-VP": the issuer's, and its unit
        if printed_unit is None:
            raise ValidationError({"notation": _("Ký hiệu cơ quan trong số và ký hiệu (%(printed)s) khác ký hiệu của "
                                                 "%(name)s (%(code)s).") % {"printed": parsed.issuer_code,
                                                                           "name": page.issuer.display_name,
                                                                           "code": page.issuer.code}})
        new_number, type_code, unit = parsed.number, canonical_type_code(parsed.type_code or "") or "", printed_unit
        formatted = _formatted(page, new_number, type_code, text, unit)
        if notation_key(formatted) != parsed.key:  # a year or a unit the register does not write ("30/2020/…")
            raise ValidationError({"notation": _("Số và ký hiệu “%(theirs)s” không đúng thể thức của %(name)s (đăng "
                                                 "ký sẽ là %(ours)s): kiểm tra lại với bản gốc.")
                                               % {"theirs": text, "name": page.issuer.display_name, "ours": formatted}})
    elif number is not None and number_changed:
        new_number = number
        formatted = _formatted(page, new_number, type_code, text, unit)
    key = page.notation_key if formatted == page.notation else notation_key(formatted)
    if key and (key != page.notation_key or day != page.issued_on) and day is not None:
        _refuse_duplicate(page, key, day, formatted, "notation" if notation_changed or number_changed else "issued_on")
    rule_set = page.rule_set
    if day != page.issued_on and page.rule_set == default_rule_set(page.issuer.system, page.issued_on):
        rule_set = default_rule_set(page.issuer.system, day)  # it was derived from the misread date
    return {"number": new_number, "notation": formatted, "notation_key": key, "type_code": type_code,
            "unit_code": unit, "issued_on": day, "rule_set": rule_set}


def _day(value: datetime.date | str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        value = _parse_day(str(value).strip())
    if value > timezone.localdate():
        raise ValidationError({"issued_on": _("Ngày ban hành %(date)s ở sau hôm nay: kiểm tra lại với bản gốc.")
                                            % {"date": formats.date_format(value, "d/m/Y")}})
    return value


def _parse_day(text: str) -> datetime.date:
    for pattern in DAY_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError({"issued_on": _("Không đọc được ngày ban hành “%(value)s”; ghi theo dạng ngày/tháng/năm, "
                                          "ví dụ 05/01/2026.") % {"value": text}})


def _formatted(page: DocumentPage, number: int, type_code: str, written: str, unit: str) -> str:
    """The notation as the register writes it."""
    try:
        return format_notation(page.issuer.system, number, type_code, page.issuer.code, unit_code=unit)
    except ValueError:  # a Party notation without its type code ("05/BCĐ")
        raise ValidationError({"notation": _("Số và ký hiệu “%(value)s” thiếu ký hiệu loại văn bản, ví dụ %(example)s.")
                                           % {"value": written, "example": _example(page)}}) from None


def _example(page: DocumentPage) -> str:
    code = page.type_code or ("CV" if page.issuer.system == System.PARTY else "")
    try:
        return format_notation(page.issuer.system, page.number or 1, code, page.issuer.code, unit_code=page.unit_code)
    except ValueError:
        return "01-QĐ/ĐU"


def _refuse_duplicate(page: DocumentPage, key: str, day: datetime.date, notation: str, field: str) -> None:
    found = same_document(page.issuer, key, day, exclude=page.pk)
    if found is None:
        return
    other = DocumentPage.objects.filter(pk=found).values_list("title", flat=True).first() or ""
    raise ValidationError({field: _("Đã có văn bản %(notation)s ngày %(date)s của %(issuer)s (“%(title)s”): không sửa "
                                    "thành trùng văn bản khác; kiểm tra lại số, ký hiệu và ngày với bản gốc.")
                                  % {"notation": notation, "date": formats.date_format(day, "d/m/Y"),
                                     "issuer": page.issuer.display_name, "title": other}})
