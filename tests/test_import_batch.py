"""Issue 12: import_documents over folders and .zip archives, the CSV report, idempotence ("đã có" for a file or
a document already in), resuming after a killed run, --jobs, refused archives, and the index complete at the end."""
from __future__ import annotations

import csv
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cms.demo.documents import DEMO_DATA
from cms.management.commands.bench_import import generate, templates
from documents.importing.archive import safe_member_name
from documents.importing.sources import WALKABLE_SUFFIXES
from documents.models import DocumentPage, ImportRecord, RegisterEntry
from search.models import IndexQueueItem
from tests.factories import SEED, SEED_TEXT

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["file", "result", "kind", "notation", "date", "issuer", "reason"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_documents", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_failing(*args: str) -> tuple[str, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_documents", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue(), str(error.value)


def read_report(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Vietnamese as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    return [dict(zip(HEADER, row, strict=True)) for row in rows[1:]]


def demo_folder(tmp_path: Path) -> Path:
    """The six demonstration documents, some in a nested folder, plus a file that is not a document type."""
    folder = tmp_path / "luu-tru"
    (folder / "2026" / "quy-I").mkdir(parents=True)
    for n, path in enumerate(sorted(DEMO_DATA.glob("*.txt"))):
        target = folder / ("2026/quy-I" if n % 2 else "") / path.name
        shutil.copy(path, target)
    (folder / "ghi-chu.odg").write_bytes(b"not a document")
    return folder


def generated(folder: Path, count: int, start: int = 5000) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng, sources = random.Random(12), templates()
    paths = []
    for i in range(count):
        path = folder / f"{i:04d}.txt"
        path.write_text(generate(sources[i % len(sources)], start + i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def test_folder_walked_recursively_with_a_report(la_gi, tmp_path):
    folder = demo_folder(tmp_path)
    report = tmp_path / "bao-cao.csv"
    output = run(str(folder), "--issue", "--report", str(report))
    lines = output.strip().split("\n")
    assert sum(line.startswith("OK ") for line in lines) == 6
    assert f"Bỏ qua 1 tệp không phải {', '.join(WALKABLE_SUFFIXES)}." in lines
    assert DocumentPage.objects.count() == 6 == ImportRecord.objects.count()
    rows = read_report(report)
    assert len(rows) == 6
    seed = next(r for r in rows if r["file"].endswith("quy-che-01-QC-BCD-la-gi-2026.txt"))
    assert seed["file"] == str(folder / "2026" / "quy-I" / SEED.name) or seed["file"] == str(folder / SEED.name)
    assert (seed["result"], seed["kind"], seed["notation"], seed["date"]) == ("đã nhập", "QUY CHẾ", "01-QC/BCĐ",
                                                                              "2026-01-05")
    # The issuer as readers write it, not in the capitals of the letterhead.
    assert seed["issuer"] == la_gi["ban_chi_dao"].display_name and seed["reason"] == ""
    assert seed["issuer"].startswith("Ban Chỉ đạo") and not seed["issuer"].isupper()
    assert {r["result"] for r in rows} <= {"đã nhập", "cần rà soát"}
    # The search index is complete when the command ends: nothing left in the queue.
    assert not IndexQueueItem.objects.exists()


def test_second_run_imports_nothing_and_reports_already_in(la_gi, tmp_path):
    folder = demo_folder(tmp_path)
    run(str(folder), "--issue")
    pages = set(DocumentPage.objects.values_list("pk", flat=True))
    report = tmp_path / "lan-2.csv"
    output = run(str(folder), "--issue", "--report", str(report))
    assert output.count("ĐÃ CÓ ") == 6 and "OK " not in output
    assert output.strip().endswith("Đã nhập 0 tệp, 6 tệp đã có từ trước.")
    assert set(DocumentPage.objects.values_list("pk", flat=True)) == pages
    rows = read_report(report)
    assert [r["result"] for r in rows] == ["đã có"] * 6
    seed = next(r for r in rows if r["notation"] == "01-QC/BCĐ")
    assert seed["reason"].startswith("Tệp này đã được nhập") and seed["date"] == "2026-01-05"


def test_the_same_document_under_another_name_is_not_imported_twice(la_gi, tmp_path):
    run(str(SEED), "--issue")
    copy = tmp_path / "ban-sao-quy-che.txt"  # other bytes (line endings, a trailing line), same document
    copy.write_bytes(SEED_TEXT.replace("\n", "\r\n").encode() + b"\r\n\r\n")
    report = tmp_path / "r.csv"
    output = run(str(copy), "--issue", "--report", str(report))
    assert output.startswith(f"ĐÃ CÓ {copy}: 01-QC/BCĐ")
    assert DocumentPage.objects.count() == 1 and RegisterEntry.objects.count() == 1
    (row,) = read_report(report)
    assert row["result"] == "đã có" and "cùng cơ quan, số ký hiệu và ngày" in row["reason"]
    # As a draft too: the draft made from one file is found again by its notation and date.
    run(str(copy))
    assert DocumentPage.objects.count() == 1


def test_a_deleted_document_may_be_imported_again(la_gi):
    run(str(SEED), "--issue")
    RegisterEntry.objects.all().delete()
    DocumentPage.objects.get().delete()
    assert ImportRecord.objects.get().page is None  # the record stays, pointing nowhere
    assert run(str(SEED), "--issue").startswith("OK ")
    assert ImportRecord.objects.get().page == DocumentPage.objects.get()


def test_zip_with_nested_folders_is_read_member_by_member(la_gi, tmp_path):
    archive = tmp_path / "luu-tru.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, path in enumerate(sorted(DEMO_DATA.glob("*.txt"))):
            zf.write(path, f"van-ban/{'2026/' if n % 2 else ''}{path.name}")
        zf.writestr("__MACOSX/van-ban/._quy-che.txt", b"resource fork")
        zf.writestr("van-ban/so-do.odg", b"not a document")
        zf.writestr("../../ngoai.txt", SEED_TEXT)
    report = tmp_path / "r.csv"
    output, error = run_failing(str(archive), "--issue", "--report", str(report))
    assert output.count("OK ") == 6 and error == "2/8 tệp không nhập được."
    assert f"LỖI {archive}/../../ngoai.txt: Tên tệp trong .zip không an toàn" in output
    # A file of another type sent in the archive is counted and reported as refused, with the reason; the
    # operating system's leftovers (__MACOSX, dot files) are not files anybody sent.
    assert f"LỖI {archive}/van-ban/so-do.odg: Không nhập loại tệp “.odg”: chỉ nhập .txt" in output
    rows = read_report(report)
    refused = next(r for r in rows if r["file"].endswith("so-do.odg"))
    assert refused["result"] == "lỗi" and refused["reason"].startswith("Không nhập loại tệp “.odg”")
    assert not [r for r in rows if "__MACOSX" in r["file"]]
    names = [r["file"] for r in rows]
    assert f"{archive}/van-ban/2026/{SEED.name}" in names or f"{archive}/van-ban/{SEED.name}" in names
    assert DocumentPage.objects.count() == 6


def test_zip_bombs_are_refused_with_the_reason(la_gi, tmp_path, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 200_000
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("to.txt", b"a" * 5_000_000)  # 5 MB inflated from a few KB, honestly declared
        zf.write(SEED, "tot.txt")
    liar = tmp_path / "noi-doi.zip"
    with zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("gia.txt", b"b" * 3_000_000)
    _lie_about_sizes(liar, "gia.txt", 100)
    report = tmp_path / "r.csv"
    output, _error = run_failing(str(bomb), str(liar), "--report", str(report))
    rows = {Path(r["file"]).name: r for r in read_report(report)}
    assert rows["to.txt"]["result"] == "lỗi" and "khai báo 5,000,000 byte" in rows["to.txt"]["reason"]
    # A member that lies about its size stops at the declared size and fails its CRC: refused, never inflated.
    assert rows["gia.txt"]["result"] == "lỗi" and "Không giải nén được tệp này" in rows["gia.txt"]["reason"]
    assert rows["tot.txt"]["result"] == "đã nhập"
    assert DocumentPage.objects.count() == 1

    settings.DOCUMENT_MAX_ARCHIVE_BYTES = 1_000_000  # the whole archive declares more than this: refused at once
    output, _error = run_failing(str(bomb))
    assert f"LỖI {bomb}: Tệp .zip khi giải nén vượt quá 1,000,000 byte" in output


def _lie_about_sizes(path: Path, member: str, size: int) -> None:
    """Rewrite the declared uncompressed size of one member (local header and central directory)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    real = info.file_size.to_bytes(4, "little")
    fake = size.to_bytes(4, "little")
    start = 0
    while (found := data.find(real, start)) != -1:
        data[found:found + 4] = fake
        start = found + 4
    path.write_bytes(bytes(data))


def test_zip_slip_names_are_recognised():
    assert safe_member_name("van-ban/2026/a.txt") == "van-ban/2026/a.txt"
    assert safe_member_name("./van-ban//a.txt") == "van-ban/a.txt"
    for bad in ("../a.txt", "a/../../b.txt", "/etc/passwd", "C:/x.txt", "..\\..\\x.txt", "__MACOSX/a.txt", ".an.txt"):
        assert safe_member_name(bad) is None, bad


def test_progress_on_stderr_and_quiet(la_gi, tmp_path):
    folder = demo_folder(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_documents", str(folder), "--issue", "--progress", "--quiet", stdout=out, stderr=err)
    assert "OK " not in out.getvalue()
    last = err.getvalue().strip().split("\n")[-1]
    assert last.startswith("Đã xử lý 6/6 tệp (100 %) — 6 đã nhập, 0 đã có, 0 lỗi — ") and last.endswith("tệp/giây")


def test_bad_options_change_nothing(la_gi, tmp_path):
    with pytest.raises(CommandError, match="--jobs phải là số nguyên dương"):
        call_command("import_documents", str(SEED), "--jobs", "0", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có thư mục để ghi báo cáo"):
        call_command("import_documents", str(SEED), "--report", str(tmp_path / "khong" / "r.csv"), stdout=io.StringIO())
    assert not DocumentPage.objects.exists()


def _signature() -> set[tuple]:
    return set(DocumentPage.objects.values_list("issuer__code", "notation", "issued_on", "title", "state"))


@pytest.mark.django_db(transaction=True)
def test_jobs_2_gives_the_same_documents_as_serial(la_gi, tmp_path):
    files = generated(tmp_path / "lo", 24)
    run(str(tmp_path / "lo"), "--issue")
    serial = _signature()
    assert len(serial) == 24
    RegisterEntry.objects.all().delete()
    DocumentPage.objects.all().delete()
    ImportRecord.objects.all().delete()
    report = tmp_path / "r.csv"
    output = run(str(tmp_path / "lo"), "--issue", "--jobs", "2", "--report", str(report))
    assert output.count("OK ") == 24
    assert _signature() == serial
    assert ImportRecord.objects.count() == 24
    assert [r["file"] for r in read_report(report)] == [str(p) for p in files]  # in the order of the files
    assert not IndexQueueItem.objects.exists()
    # Twice the same file in one parallel run: one document, the other "đã có".
    (tmp_path / "lo" / "9999.txt").write_bytes(files[0].read_bytes())
    ImportRecord.objects.filter(file_name=str(files[0])).delete()
    RegisterEntry.objects.filter(document__title__contains="(đợt 5000)").delete()
    DocumentPage.objects.filter(title__contains="(đợt 5000)").delete()
    output = run(str(tmp_path / "lo"), "--issue", "--jobs", "2")
    assert output.count("OK ") == 1 and output.count("ĐÃ CÓ ") == 24
    assert DocumentPage.objects.count() == 24


@pytest.mark.django_db(transaction=True)
def test_a_killed_run_leaves_whole_documents_and_the_next_run_resumes(la_gi, tmp_path):
    generated(tmp_path / "lo", 40)
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings_dict['NAME']}"
    else:
        url = (f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@{settings_dict['HOST']}:"
               f"{settings_dict['PORT']}/{settings_dict['NAME']}")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.dev", "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    env.pop("ELASTICSEARCH_URL", None)
    process = subprocess.Popen([sys.executable, "manage.py", "import_documents", str(tmp_path / "lo"), "--issue"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seen = 0
    deadline = time.monotonic() + 300
    while seen < 3 and time.monotonic() < deadline:
        if process.stdout.readline().startswith("OK "):
            seen += 1
    os.kill(process.pid, signal.SIGKILL)  # kill -9, mid-batch
    process.wait()
    done = DocumentPage.objects.count()
    assert 3 <= done < 40
    # Every document that exists is whole: registered and recorded; nothing else was written.
    assert ImportRecord.objects.count() == done
    assert RegisterEntry.objects.count() == DocumentPage.objects.exclude(number=None).count()
    output = run(str(tmp_path / "lo"), "--issue")
    assert output.count("ĐÃ CÓ ") == done and output.count("OK ") == 40 - done
    assert DocumentPage.objects.count() == 40 == ImportRecord.objects.count()
    assert RegisterEntry.objects.count() == DocumentPage.objects.exclude(number=None).count()


def test_an_archived_original_is_published_as_wagtail_would(la_gi):
    """The importer publishes a new page itself (issue 12: one page save instead of three); what Wagtail's publish
    leaves behind is all there."""
    from wagtail.models import PageLogEntry

    run(str(SEED), "--issue")
    page = DocumentPage.objects.get()
    revision = page.latest_revision
    assert page.live and not page.has_unpublished_changes and page.first_published_at and page.last_published_at
    assert page.live_revision == revision and revision.as_object().state == "issued"
    assert (page.state, page.legal_status) == ("issued", "con_hieu_luc")
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision=revision).count() == 1


@pytest.fixture
def elasticsearch_index(la_gi, settings):
    import uuid

    from search import get_backend
    from tests.test_search_support import elasticsearch_url

    settings.ELASTICSEARCH_URL = elasticsearch_url()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-batch-{uuid.uuid4().hex[:10]}"
    backend = get_backend("elasticsearch")
    backend.rebuild([])
    yield backend
    backend.drop_all()


@pytest.mark.elasticsearch
def test_the_elasticsearch_index_is_complete_when_the_batch_ends(la_gi, tmp_path, elasticsearch_index):
    from documents.indexed import indexed_document
    from search.indexing import load_pages

    folder = demo_folder(tmp_path)
    run(str(folder), "--issue")
    assert not IndexQueueItem.objects.exists()
    ids = set(DocumentPage.objects.values_list("pk", flat=True))
    assert len(ids) == 6 and elasticsearch_index.indexed_ids() == ids
    # Bulk indexing for many documents: streamed, refreshed once, all searchable afterwards.
    elasticsearch_index.drop_all()
    elasticsearch_index.rebuild([])
    assert elasticsearch_index.bulk_index(indexed_document(p) for p in load_pages(ids).values()) == 6
    assert elasticsearch_index.indexed_ids() == ids


def test_a_file_imported_as_a_draft_by_mistake_registers_when_imported_again_as_issued(la_gi, tmp_path):
    """The clerk forgot "Văn bản đã ban hành": importing the same file (or a copy of the document) again with it
    replaces the untouched draft by the registered document; a draft worked on since is left to the clerk."""
    from documents.models import DocumentState

    shutil.copy(SEED, tmp_path / "quy-che.txt")
    report = tmp_path / "r.csv"
    run(str(tmp_path / "quy-che.txt"))
    (draft,) = DocumentPage.objects.all()
    assert draft.state == DocumentState.DRAFT and not RegisterEntry.objects.exists()
    run(str(tmp_path / "quy-che.txt"), "--issue", "--report", str(report))
    (row,) = read_report(report)
    assert row["result"] == "đã nhập" and row["notation"] == "01-QC/BCĐ"
    (page,) = DocumentPage.objects.all()
    assert page.pk != draft.pk and page.state == DocumentState.ISSUED and page.notation == "01-QC/BCĐ"
    assert RegisterEntry.objects.get().document_id == page.pk
    assert ImportRecord.objects.get().page_id == page.pk
    run(str(tmp_path / "quy-che.txt"), "--issue", "--report", str(report))  # an issued one is never replaced
    assert read_report(report)[0]["result"] == "đã có" and DocumentPage.objects.get().pk == page.pk


def test_a_draft_worked_on_since_its_import_is_not_replaced(la_gi, tmp_path):
    shutil.copy(SEED, tmp_path / "quy-che.txt")
    report = tmp_path / "r.csv"
    run(str(tmp_path / "quy-che.txt"))
    draft = DocumentPage.objects.get().specific
    draft.save_revision()  # edited in the admin
    run(str(tmp_path / "quy-che.txt"), "--issue", "--report", str(report))
    (row,) = read_report(report)
    assert row["result"] == "đã có" and DocumentPage.objects.get().pk == draft.pk
    assert "hãy xóa bản dự thảo đó rồi nhập lại tệp" in row["reason"]
    assert not RegisterEntry.objects.exists()


def test_the_progress_line_counts_what_needs_review():
    from documents.importing.batch import Outcome
    from documents.importing.report import Tally

    tally = Tally(total=3)
    for result in ("imported", "review", "failed"):
        tally.add(Outcome("f", result))
    assert tally.line(1.0).startswith("Đã xử lý 3/3 tệp (100 %) — 2 đã nhập (1 cần rà soát), 0 đã có, 1 lỗi")
