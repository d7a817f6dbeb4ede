"""Cấp số văn bản: numbers are given once, at issue time, atomically, without gaps (docs/domain.md §3)."""
from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Max, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import (
    DocumentPage,
    Issuer,
    IssuerKind,
    Register,
    RegisterEntry,
    StateNumbering,
    System,
    Term,
)
from documents.text.notation import canonical_type_code, format_notation, notation_key


class NumberingError(ValidationError):
    """A number cannot be given or registered; the message says why, in Vietnamese."""


class DuplicateNumberError(NumberingError):
    pass


class NumberingBusyError(NumberingError):
    """Other documents held the numbering lock longer than the wait allowed, every retry; nothing was given."""


# -- contention: wait, retry, then a clear refusal instead of a raw database error ----------------------------
_LOCK_ERRORS = ("database is locked", "database table is locked", "lock timeout", "could not obtain lock",
                "deadlock detected", "could not serialize")


def busy_message() -> str:
    return _("Nhiều văn bản đang được cấp số cùng lúc nên chưa cấp số được cho văn bản này. "
             "Chưa có gì thay đổi; xin thử lại sau ít giây.")


def is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and any(text in str(exc).lower() for text in _LOCK_ERRORS)


def limit_lock_wait() -> None:
    """PostgreSQL waits for a row lock forever; wait as long as SQLite's busy timeout instead (inside a transaction)."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {int(settings.ISSUE_LOCK_TIMEOUT * 1000)}")


def with_issue_retry[T](action: Callable[[], T]) -> T:
    """Run a whole issuing transaction; on a lock wait that ran out, roll back and try again a few times, then
    refuse with NumberingBusyError. Inside an outer transaction nothing can be retried: the error goes up."""
    attempts = max(1, int(settings.ISSUE_RETRIES))
    for attempt in range(attempts):
        try:
            return action()
        except OperationalError as exc:
            if not is_lock_error(exc) or connection.in_atomic_block:
                raise
            if attempt == attempts - 1:
                raise NumberingBusyError(busy_message()) from exc
            time.sleep(0.2 * 2**attempt + random.random() * 0.2)  # jitter: the waiters do not all come back at once
    raise AssertionError("unreachable")


def series_key(issuer: Issuer, type_code: str, day: datetime.date, secret: bool = False) -> tuple[str, dict]:
    """The key of the numbering series a document belongs to, and the register fields that describe it."""
    code = canonical_type_code(type_code) or type_code
    fields: dict = {"secret": secret}
    if issuer.system == System.PARTY:
        term = Term.for_issuer(issuer, day)
        if term is None:
            raise NumberingError(
                _("Chưa khai báo nhiệm kỳ của %(issuer)s cho ngày %(day)s: không thể cấp số theo nhiệm kỳ. Quản trị "
                  "viên khai báo nhiệm kỳ tại Cài đặt → Nhiệm kỳ, rồi thực hiện lại.")
                % {"issuer": issuer.name, "day": day.strftime("%d/%m/%Y")}
            )
        # Congress bodies share one sequence for all types during the congress.
        type_part = "all" if issuer.kind == IssuerKind.DAI_HOI else f"type:{code}"
        key = f"term:{term.pk}/{type_part}"
        fields.update(term=term, type_code="" if type_part == "all" else code)
    else:
        per_type = issuer.state_numbering == StateNumbering.PER_TYPE
        key = f"year:{day.year}/" + (f"type:{code}" if per_type else "all")
        fields.update(year=day.year, type_code=code if per_type else "")
    if secret:
        key += "/secret"
    return key, fields


def get_register(issuer: Issuer, type_code: str, day: datetime.date, secret: bool = False) -> Register:
    """The register for this series, created on first use (safe when two clerks race)."""
    key, fields = series_key(issuer, type_code, day, secret)
    register = Register.objects.filter(issuer=issuer, series_key=key).first()
    if register is not None:  # the common case, read without the savepoint that creating needs
        return register
    try:
        with transaction.atomic():
            register, _created = Register.objects.get_or_create(issuer=issuer, series_key=key, defaults=fields)
    except IntegrityError:
        register = Register.objects.get(issuer=issuer, series_key=key)
    return register


def expected_notation(document: DocumentPage, day: datetime.date | None = None) -> str | None:
    """The số và ký hiệu the document would get if issued now on ``day`` (today by default), read without writing
    anything: the clerk sees it before committing; another issue in between takes it (assign_number decides).
    None when the series cannot number on that day (a Party issuer without its term)."""
    day = day or timezone.localdate()
    try:
        key, _fields = series_key(document.issuer, document.type_code, day)
    except NumberingError:
        return None
    last = Register.objects.filter(issuer=document.issuer, series_key=key).values_list("last_number", flat=True).first()
    return _notation(document, (last or 0) + 1)


def _notation(document: DocumentPage, number: int) -> str:
    return format_notation(document.issuer.system, number, document.type_code, document.issuer.code,
                           unit_code=document.unit_code)


def _write_number(document: DocumentPage, number: int, notation: str, day: datetime.date) -> None:
    DocumentPage.objects.filter(pk=document.pk).update(
        number=number, notation=notation, notation_key=notation_key(notation), issued_on=day,
    )
    document.number, document.notation, document.notation_key, document.issued_on = (
        number, notation, notation_key(notation), day,
    )


def _entry(register: Register, document: DocumentPage, number: int, notation: str, day: datetime.date, user,
           archived: bool, notes: str = "") -> RegisterEntry:
    lines = list(document.recipients.all())
    signer = " ".join(part for part in (document.signer_position, document.signer_name) if part)
    keeper = next((r.name for r in lines if r.archive), "")
    return RegisterEntry.objects.create(
        register=register, number=number, notation=notation, document=document, issued_on=day,
        type_code=document.type_code, summary=document.title, signer=signer, recipients="; ".join(r.name for r in lines),
        keeper=keeper, copies=document.copies, archived_import=archived, notes=notes,
        registered_by=user if getattr(user, "is_authenticated", False) else None,
    )


def assign_number(document: DocumentPage, day: datetime.date | None = None, user=None, secret: bool = False,
                  notes: str = "") -> RegisterEntry:
    """Give the next number of the document's series and register it (``notes``: the register's "Ghi chú"). Call at
    ban hành.

    Alone, it retries under contention (with_issue_retry); inside a caller's transaction, the caller retries."""
    if document.number:
        raise NumberingError(_("Văn bản %(notation)s đã có số; không cấp số lần nữa.") % {"notation": document.notation})
    day = day or document.issued_on or timezone.localdate()
    if not connection.in_atomic_block:
        return with_issue_retry(lambda: _assign_number(document, day, user, secret, notes))
    return _assign_number(document, day, user, secret, notes)


def _assign_number(document: DocumentPage, day: datetime.date, user, secret: bool, notes: str) -> RegisterEntry:
    with transaction.atomic():
        limit_lock_wait()
        register = get_register(document.issuer, document.type_code, day, secret)
        # UPDATE first: it takes the row (PostgreSQL) or database (SQLite) write lock before reading.
        Register.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
        number = Register.objects.values_list("last_number", flat=True).get(pk=register.pk)
        _check_date_order(register, number, day)
        notation = _notation(document, number)
        entry = _entry(register, document, number, notation, day, user, archived=False, notes=notes)
        _write_number(document, number, notation, day)
    return entry


def _check_date_order(register: Register, number: int, day: datetime.date) -> None:
    """Numbers follow the order of issue: the document numbered before this one in its series may not be dated
    later (a back-dated issue put 05-KH, dated 01/11, after 04-KH of 03/12 in the register)."""
    before = (RegisterEntry.objects.filter(register=register, number__lt=number).order_by("-number")
              .values_list("notation", "issued_on").first())
    if before is not None and before[1] > day:
        raise NumberingError(
            _("Ngày ban hành %(day)s sớm hơn ngày của văn bản mang số liền trước trong sổ (%(notation)s, ngày "
              "%(previous)s): số văn bản được cấp theo thứ tự thời gian. Chọn ngày từ %(previous)s trở đi.")
            % {"day": day.strftime("%d/%m/%Y"), "notation": before[0], "previous": before[1].strftime("%d/%m/%Y")})


def register_existing(document: DocumentPage, number: int, day: datetime.date, user=None) -> RegisterEntry:
    """Register an archived, already issued document under its original number (no renumbering)."""
    notation = _notation(document, number)
    register: Register | None = None
    try:
        with transaction.atomic():
            register = get_register(document.issuer, document.type_code, day)
            # One UPDATE takes the register's lock and brings its counter up to this number.
            Register.objects.filter(pk=register.pk).update(last_number=Greatest(F("last_number"), number))
            # The register's unique (register, number) refuses a number it holds already.
            entry = _entry(register, document, number, notation, day, user, archived=True)
            _write_number(document, number, notation, day)
    except IntegrityError:
        if register is None or not RegisterEntry.objects.filter(register=register, number=number).exists():
            raise
        raise DuplicateNumberError(
            _("Số %(notation)s của %(issuer)s đã có trong sổ; không đăng ký trùng số.")
            % {"notation": notation, "issuer": document.issuer.name}
        ) from None
    return entry


def would_duplicate(issuer: Issuer, type_code: str, number: int, day: datetime.date) -> bool:
    """Whether registering this number would clash (used to refuse an import before creating anything)."""
    key, _fields = series_key(issuer, type_code, day)
    return RegisterEntry.objects.filter(register__issuer=issuer, register__series_key=key, number=number).exists()


def correct_registration(document: DocumentPage, number: int, type_code: str, day: datetime.date,
                         user=None, unit_code: str | None = None) -> RegisterEntry:
    """An archived document registered under a misread number, type code or date (rà soát văn bản nhập): its
    register row is corrected to the paper's, in the series that type and date belong to (a document without a row
    is registered now, as register_existing does). Call inside a transaction; raises NumberingError (a date outside
    every term, DuplicateNumberError: the series holds that number for another document) before writing anything.
    The document's own fields are the caller's to write."""
    limit_lock_wait()
    entry = RegisterEntry.objects.select_related("register").filter(document=document).first()
    unit_code = document.unit_code if unit_code is None else unit_code
    if entry is None:
        document.type_code, document.unit_code = type_code, unit_code
        return register_existing(document, number, day, user=user)
    register = get_register(document.issuer, type_code, day, entry.register.secret)
    notation = format_notation(document.issuer.system, number, type_code, document.issuer.code, unit_code=unit_code)
    if RegisterEntry.objects.filter(register=register, number=number).exclude(pk=entry.pk).exists():
        raise DuplicateNumberError(
            _("Số %(notation)s của %(issuer)s đã có trong sổ; không đăng ký trùng số.")
            % {"notation": notation, "issuer": document.issuer.display_name})
    old_register, old_number = entry.register, entry.number
    Register.objects.filter(pk=register.pk).update(last_number=Greatest(F("last_number"), number))
    RegisterEntry.objects.filter(pk=entry.pk).update(register=register, number=number, notation=notation,
                                                     issued_on=day, type_code=type_code)
    # The misread number was never given: a series it raised goes back to the last number its rows hold, so the
    # next document issued is not numbered after a gap.
    highest = Coalesce(Subquery(RegisterEntry.objects.filter(register=old_register).values("register")
                                .annotate(top=Max("number")).values("top")[:1]), 0)
    Register.objects.filter(pk=old_register.pk, last_number=old_number).update(last_number=highest)
    entry.refresh_from_db()
    return entry
