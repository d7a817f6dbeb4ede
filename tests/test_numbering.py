"""Register rules (docs/domain.md §3): Party term series, State yearly series, secret series, concurrency."""
from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Page

from cms.models import HomePage
from documents.kinds.ke_hoach import KeHoachPage
from documents.kinds.quy_che import QuyChePage
from documents.kinds.quyet_dinh import QuyetDinhPage
from documents.models import (
    Issuer,
    IssuerIndexPage,
    IssuerKind,
    Register,
    RegisterEntry,
    StateNumbering,
    System,
    Term,
)
from documents.numbering import (
    DuplicateNumberError,
    NumberingBusyError,
    NumberingError,
    assign_number,
    get_register,
    register_existing,
)

D = datetime.date


def _home() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Trang chủ", slug="numbering-home"))
    return home


def _issuer(code: str, system: str = System.PARTY, kind: str = IssuerKind.BAN_CHI_DAO, **extra) -> Issuer:
    issuer = Issuer.objects.create(
        name=f"Cơ quan {code}", code=code, place_name="La Gi", system=system, kind=kind, slug=f"co-quan-{code.lower()}-{Issuer.objects.count()}", **extra
    )
    _home().add_child(instance=IssuerIndexPage(title=issuer.name, slug=issuer.slug, issuer=issuer))
    return issuer


def _draft(issuer: Issuer, cls=QuyChePage, title: str = "Văn bản thử") -> QuyChePage:
    index = IssuerIndexPage.objects.get(issuer=issuer)
    page = cls(title=title, issuer=issuer, live=False)
    index.add_child(instance=page)
    return page


@pytest.fixture
def party_issuer(db) -> Issuer:
    committee = _issuer("ĐU", kind=IssuerKind.CAP_UY)
    Term.objects.create(issuer=committee, name="2020–2025", starts_on=D(2020, 10, 1), ends_on=D(2025, 7, 21))
    Term.objects.create(issuer=committee, name="2025–2030", starts_on=D(2025, 7, 22))
    return _issuer("BCĐ", superior=committee)


def test_party_numbers_run_per_type_for_the_whole_term(party_issuer):
    first = assign_number(_draft(party_issuer), D(2025, 12, 30))
    across_new_year = assign_number(_draft(party_issuer), D(2026, 1, 5))
    other_type = assign_number(_draft(party_issuer, QuyetDinhPage), D(2026, 1, 6))
    assert (first.number, across_new_year.number, other_type.number) == (1, 2, 1)
    assert first.notation == "01-QC/BCĐ"
    assert across_new_year.notation == "02-QC/BCĐ"
    assert other_type.notation == "01-QĐ/BCĐ"


def test_party_numbering_restarts_with_a_new_term(party_issuer):
    old = assign_number(_draft(party_issuer), D(2025, 3, 1))
    new = assign_number(_draft(party_issuer), D(2025, 8, 1))
    assert (old.number, new.number) == (1, 1)
    assert old.register != new.register


def test_party_numbering_without_a_term_is_refused(db):
    orphan = _issuer("CB", kind=IssuerKind.CHI_BO)
    page = _draft(orphan)
    with pytest.raises(NumberingError):
        assign_number(page, D(2026, 1, 5))
    page.refresh_from_db()
    assert page.number is None
    assert not RegisterEntry.objects.exists()


def test_congress_bodies_share_one_sequence(db):
    congress = _issuer("ĐH", kind=IssuerKind.DAI_HOI)
    Term.objects.create(issuer=congress, name="Đại hội 2025", starts_on=D(2025, 7, 22), ends_on=D(2025, 7, 24))
    a = assign_number(_draft(congress, QuyetDinhPage), D(2025, 7, 22))
    b = assign_number(_draft(congress, KeHoachPage), D(2025, 7, 23))
    assert (a.number, b.number) == (1, 2)


def test_state_numbers_run_per_year_in_one_series(db):
    ubnd = _issuer("UBND", system=System.STATE, kind=IssuerKind.UY_BAN_NHAN_DAN)
    a = assign_number(_draft(ubnd, KeHoachPage), D(2025, 12, 31))
    b = assign_number(_draft(ubnd, QuyetDinhPage), D(2026, 1, 2))
    c = assign_number(_draft(ubnd, KeHoachPage), D(2026, 1, 3))
    assert (a.number, b.number, c.number) == (1, 1, 2)
    assert b.notation == "01/QĐ-UBND"
    assert c.notation == "02/KH-UBND"


def test_state_numbers_can_run_per_type(db):
    ubnd = _issuer("UBND", system=System.STATE, kind=IssuerKind.UY_BAN_NHAN_DAN, state_numbering=StateNumbering.PER_TYPE)
    a = assign_number(_draft(ubnd, KeHoachPage), D(2026, 1, 2))
    b = assign_number(_draft(ubnd, QuyetDinhPage), D(2026, 1, 2))
    assert (a.number, b.number) == (1, 1)


def test_secret_series_is_kept_apart(db):
    ubnd = _issuer("UBND", system=System.STATE, kind=IssuerKind.UY_BAN_NHAN_DAN)
    normal = get_register(ubnd, "QĐ", D(2026, 1, 2))
    secret = get_register(ubnd, "QĐ", D(2026, 1, 2), secret=True)
    assert normal != secret and secret.secret
    assign_number(_draft(ubnd, QuyetDinhPage), D(2026, 1, 2), secret=True)
    public = assign_number(_draft(ubnd, QuyetDinhPage), D(2026, 1, 2))
    assert public.number == 1


def test_number_is_given_once(party_issuer):
    page = _draft(party_issuer)
    assign_number(page, D(2026, 1, 5))
    with pytest.raises(NumberingError):
        assign_number(page, D(2026, 1, 6))
    assert RegisterEntry.objects.count() == 1


def test_a_number_is_not_dated_before_the_one_given_before_it(party_issuer):
    """A back-dated issue put 05-KH, dated 01/11, after 04-KH of 03/12 in the register: refused, nothing given."""
    assign_number(_draft(party_issuer), D(2026, 12, 3))
    late = _draft(party_issuer)
    with pytest.raises(NumberingError) as refused:
        assign_number(late, D(2026, 11, 1))
    assert "01/11/2026" in str(refused.value) and "01-QC/BCĐ, ngày 03/12/2026" in str(refused.value)
    late.refresh_from_db()
    assert late.number is None and RegisterEntry.objects.count() == 1
    assert Register.objects.get().last_number == 1  # the number was not taken
    assert assign_number(late, D(2026, 12, 3)).number == 2  # the same day is in order
    assert assign_number(_draft(party_issuer, QuyetDinhPage), D(2026, 1, 2)).number == 1  # another series


def test_archive_registration_keeps_the_original_number_and_refuses_duplicates(party_issuer):
    page = _draft(party_issuer)
    entry = register_existing(page, 7, D(2026, 1, 5))
    assert entry.notation == "07-QC/BCĐ" and entry.archived_import
    page.refresh_from_db()
    assert (page.number, page.notation, page.notation_key) == (7, "07-QC/BCĐ", "7-qc-bcd")
    with pytest.raises(DuplicateNumberError):
        register_existing(_draft(party_issuer), 7, D(2026, 2, 1))
    # The series continues after the archived number.
    assert assign_number(_draft(party_issuer), D(2026, 3, 1)).number == 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_issue_gives_unique_gapless_numbers(party_issuer):
    """Clerks issuing at the same moment from separate transactions (real PostgreSQL in the PG pass)."""
    pages = [_draft(party_issuer, title=f"Văn bản {i}") for i in range(8)]
    assert _issue_at_once(pages, tolerated=(), timeout=60) == []
    numbers = sorted(RegisterEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(pages) + 1))
    assert Register.objects.get().last_number == len(pages)
    assert sorted(QuyChePage.objects.filter(pk__in=[page.pk for page in pages]).values_list("number", flat=True)) == numbers


def _hold_the_numbering_lock(register_pk: int, held: threading.Event, release: threading.Event) -> None:
    try:
        with transaction.atomic():
            Register.objects.filter(pk=register_pk).update(last_number=F("last_number"))
            held.set()
            release.wait(30)
    finally:
        connection.close()


@pytest.fixture
def short_lock_wait(settings):
    """One attempt waits 0.3 s for the lock (SQLite busy timeout of new connections, PostgreSQL lock_timeout)."""
    from django.db import connections

    options = connections.settings["default"].setdefault("OPTIONS", {})
    before = options.get("timeout")
    settings.ISSUE_LOCK_TIMEOUT, settings.ISSUE_RETRIES = 0.3, 2
    if connection.vendor == "sqlite":
        options["timeout"] = 0.3
    yield
    if connection.vendor == "sqlite":
        options["timeout"] = before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_issuing_while_the_lock_is_held_too_long_is_refused_clearly_then_works(party_issuer, short_lock_wait):
    first = _draft(party_issuer, title="Văn bản đầu")
    assign_number(first, D(2026, 1, 5))
    register = Register.objects.get()
    waiting = _draft(party_issuer, title="Văn bản chờ")
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_the_numbering_lock, args=(register.pk, held, release))
    holder.start()
    assert held.wait(30)
    outcome: list[BaseException] = []

    def issue() -> None:
        try:
            assign_number(waiting, D(2026, 1, 6))
        except BaseException as exc:  # noqa: BLE001 - asserted below
            outcome.append(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=issue)  # its own connection, with the short busy timeout
    worker.start()
    worker.join(60)
    release.set()
    holder.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], NumberingBusyError), outcome
    assert "thử lại" in outcome[0].messages[0]
    assert sorted(RegisterEntry.objects.values_list("number", flat=True)) == [1]  # nothing given, no gap
    assert assign_number(QuyChePage.objects.get(pk=waiting.pk), D(2026, 1, 6)).number == 2  # the retry works


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_simultaneous_issues_never_fail_with_a_raw_database_error(party_issuer):
    pages = [_draft(party_issuer, title=f"Văn bản đồng thời {i}") for i in range(12)]
    # A clear NumberingBusyError refusal is acceptable; a raw database error is not.
    assert _issue_at_once(pages, tolerated=(NumberingBusyError,), timeout=120) == []
    numbers = sorted(RegisterEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1)) and numbers


def _issue_at_once(pages, tolerated: tuple[type[BaseException], ...], timeout: int) -> list[BaseException]:
    """Number every page from its own thread and connection, all released at one barrier; the errors raised
    other than the tolerated ones."""
    barrier = threading.Barrier(len(pages))
    errors: list[BaseException] = []

    def issue(page) -> None:
        try:
            barrier.wait(timeout=30)
            assign_number(page, D(2026, 1, 5))
        except tolerated:
            pass
        except BaseException as exc:  # noqa: BLE001 - reported to the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(p,)) for p in pages]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return errors
