"""manage.py bench_import --count 1000 [--issue] [--jobs N] [--formats txt,docx,pdf] — time the batch importer.

The corpus is made from the seed and the demonstration documents (cms/demo/data/): every kind, with a new number
per file and a varying number of clauses, written as .txt, .docx and text PDF in turn (FORMAT_WRITERS). It goes through the same path as ``import_documents`` (sources,
one transaction and ImportRecord per file, N processes, the index queue applied in bulk at the end) and prints
documents per second for the import, for the index drain after it, and for Elasticsearch bulk indexing alone.
Run it on a throwaway database (``make bench-import`` does), e.g.:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py bench_import --count 1000 --issue

The documents it created are deleted at the end unless --keep is given.
"""
from __future__ import annotations

import io
import os
import random
import re
import tempfile
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.demo.documents import DEMO_DATA, SEED_NAME, demo_files
from cms.demo.issuers import load_issuers
from cms.demo.site import load_site
from documents.importing.batch import FAILED, Options, Outcome, run_batch
from documents.importing.builder import ImportFailure
from documents.importing.parser import DEFAULT_KINDS
from documents.importing.service import import_path
from documents.importing.sources import list_sources
from documents.models import DocumentPage, ImportRecord, RegisterEntry

SEED = DEMO_DATA / SEED_NAME  # shipped with the code, unlike tests/fixtures/
_NUMBER_LINE = re.compile(r"^(\s*Số:?\s*)(\d+)(\s*[-/])", re.MULTILINE)
_CLAUSE = re.compile(r"^\d+\. .+$")
TYPE_NAMES = frozenset(spec.type_name for spec in DEFAULT_KINDS)


def templates() -> list[str]:
    """The seed first, then the other demonstration documents."""
    return [p.read_text(encoding="utf-8") for p in demo_files() if p.suffix == ".txt"]


def generate(text: str, number: int, rng: random.Random) -> str:
    """One more document like ``text``: another number, a distinct title, 0–5 extra copies of some clauses."""
    text = _NUMBER_LINE.sub(lambda m: f"{m.group(1)}{number:02d}{m.group(3)}", text, count=1)
    out: list[str] = []
    for line in text.split("\n"):
        out.append(line)
        if _CLAUSE.match(line) and rng.random() < 0.5:
            out.extend(["", line] * rng.randint(0, 5))
    # The summary (first line under the type name) gets the number, so titles and slugs differ.
    start = next(i for i, line in enumerate(out) if line.strip() in TYPE_NAMES) + 1
    while not out[start].strip():
        start += 1
    while start + 1 < len(out) and out[start + 1].strip()[:1].islower():
        start += 1
    bold = out[start].endswith("**")
    out[start] = out[start].removesuffix("**") + f" (đợt {number})" + ("**" if bold else "")
    return "\n".join(out)


def write_txt(path: Path, text: str) -> Path:
    target = path.with_suffix(".txt")
    target.write_text(text, encoding="utf-8")
    return target


def write_docx(path: Path, text: str) -> Path:
    """The text as Word paragraphs (one per non-empty line, as Word files have no empty paragraphs)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line.replace("**", ""))
    target = path.with_suffix(".docx")
    document.save(str(target))
    return target


_RULE = re.compile(r"\s*[-_]{3,}\s*")
PDF_STYLE = ("@page { size: A4; margin: 2cm 1.5cm 2cm 3cm } body { font: 13pt 'Times New Roman', serif } "
             "p { margin: 0; white-space: pre-wrap } hr { width: 30%; margin: 2pt auto; border: 0; border-top: 1px solid }")


def write_pdf(path: Path, text: str) -> Path:
    """The text as a typed PDF (a text layer, as a word processor prints it): one line per line, the empty lines
    kept as space, a rule ("-----") drawn rather than typed, as on paper."""
    from weasyprint import HTML

    lines = "".join("<hr>" if _RULE.fullmatch(line) else f"<p>{escape(line.replace('**', '')) or '&nbsp;'}</p>"
                    for line in text.split("\n"))
    target = path.with_suffix(".pdf")
    HTML(string=f"<html><head><meta charset='utf-8'><style>{PDF_STYLE}</style></head><body>{lines}</body></html>"
         ).write_pdf(str(target))
    return target


# One writer per corpus format, used in turn.
FORMAT_WRITERS: dict[str, Callable[[Path, str], Path]] = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf}


class Command(BaseCommand):
    help = "Đo tốc độ nhập lô văn bản và lập chỉ mục (chạy trên cơ sở dữ liệu thử)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--issue", action="store_true", help="đăng ký như văn bản đã ban hành (--issue)")
        parser.add_argument("--jobs", type=int, default=1, help="số tiến trình nhập song song")
        parser.add_argument("--formats", default="txt,docx,pdf", help="định dạng tệp của lô, lần lượt (txt,docx,pdf)")
        parser.add_argument("--keep", action="store_true", help="giữ lại các văn bản đã nhập")
        parser.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên")

    def handle(self, *args, **options) -> None:
        formats = [f.strip() for f in options["formats"].split(",") if f.strip()]
        unknown = [f for f in formats if f not in FORMAT_WRITERS]
        if unknown or not formats:
            raise CommandError(f"Định dạng chưa hỗ trợ: {', '.join(unknown) or '?'} (có: {', '.join(FORMAT_WRITERS)})")
        load_issuers(io.StringIO())
        load_site(io.StringIO())
        rng = random.Random(options["seed"])
        sources = templates()
        count = options["count"]
        created: list[int] = []
        with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
            folder = Path(tmp)
            total_bytes = 0
            for i in range(count):
                text = generate(sources[i % len(sources)], 5000 + i, rng)
                path = FORMAT_WRITERS[formats[i % len(formats)]](folder / f"{i:05d}", text)
                total_bytes += path.stat().st_size

            started = time.perf_counter()
            try:
                seed = import_path(SEED)  # a draft: the seed's own number may already be registered
                created.append(seed.page.pk)
            except ImportFailure as exc:
                self.stderr.write(f"Văn bản mẫu không nhập được: {exc}")
            seed_seconds = time.perf_counter() - started

            outcomes: list[Outcome] = []
            last = [0.0]

            def on_outcome(outcome: Outcome) -> None:
                outcomes.append(outcome)
                last[0] = time.perf_counter()
                if outcome.result == FAILED and sum(o.result == FAILED for o in outcomes) <= 5:
                    self.stderr.write(f"LỖI {Path(outcome.file).name}: {outcome.reason}")

            listed, _skipped = list_sources([folder])
            started = time.perf_counter()
            run_batch(listed, Options(issue=options["issue"]), jobs=options["jobs"], on_outcome=on_outcome)
            ended = time.perf_counter()
            created += [o.page_id for o in outcomes if o.created and o.page_id]
        failed = sum(o.result == FAILED for o in outcomes)
        imported = sum(o.created for o in outcomes)
        import_seconds = max(last[0] - started, 1e-6)
        drain_seconds = ended - last[0]
        mode = "đã ban hành (--issue)" if options["issue"] else "dự thảo"
        self.stdout.write(f"Văn bản mẫu 01-QC/BCĐ ({SEED.stat().st_size:,} byte): {seed_seconds:.3f} s")
        self.stdout.write(
            f"Lô {count} văn bản {mode} ({'+'.join(formats)}, {total_bytes / max(count, 1) / 1024:.1f} KB/tệp), "
            f"--jobs {options['jobs']}, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}: "
            f"nhập {import_seconds:.2f} s ({imported / import_seconds:.1f} văn bản/s), lỗi: {failed}; "
            f"cập nhật chỉ mục sau lô {drain_seconds:.2f} s; tổng {imported / (import_seconds + drain_seconds):.1f} văn bản/s "
            f"(tải máy {' '.join(f'{n:.2f}' for n in os.getloadavg())})"
        )
        self.bench_elasticsearch(created)
        if not options["keep"]:
            RegisterEntry.objects.filter(document_id__in=created).delete()
            ImportRecord.objects.filter(page_id__in=created).delete()
            DocumentPage.objects.filter(pk__in=created).delete()

    def bench_elasticsearch(self, ids: list[int]) -> None:
        """Elasticsearch bulk indexing alone: the documents' records built first, then sent 500 per bulk request."""
        from documents.indexed import indexed_document
        from search import ELASTICSEARCH, configured_backends, elasticsearch_backend
        from search.indexing import load_pages

        if ELASTICSEARCH not in configured_backends() or not ids:
            self.stdout.write("Elasticsearch: không cấu hình (ELASTICSEARCH_URL), bỏ qua.")
            return
        started = time.perf_counter()
        docs = [indexed_document(page) for chunk in range(0, len(ids), 500)
                for page in load_pages(ids[chunk:chunk + 500]).values()]
        built = time.perf_counter() - started
        backend = elasticsearch_backend()
        if not backend.is_ready():
            backend.rebuild(iter(()))
        started = time.perf_counter()
        for chunk in range(0, len(docs), 500):  # the queue's way: one bulk request and refresh per 500 rows
            backend.index(docs[chunk:chunk + 500])
        seconds = max(time.perf_counter() - started, 1e-6)
        started = time.perf_counter()
        backend.bulk_index(docs)  # streamed, one refresh at the end
        streamed = max(time.perf_counter() - started, 1e-6)
        self.stdout.write(
            f"Elasticsearch: {len(docs)} văn bản, bulk 500/yêu cầu {seconds:.2f} s ({len(docs) / seconds:.0f} văn bản/s), "
            f"streaming_bulk {streamed:.2f} s ({len(docs) / streamed:.0f} văn bản/s); dựng bản ghi chỉ mục {built:.2f} s"
        )
