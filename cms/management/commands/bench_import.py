"""manage.py bench_import --count 1000 — time the importer on the seed and on a generated batch.

The batch is made from the seed and the demonstration documents (cms/demo/data/): every kind, with
a new number per file and a varying number of clauses, so sizes range from a few to some tens of KB.
Each file goes through the same path as import_documents (read, parse, one transaction, index queue).
Run it on a throwaway database, e.g.:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py bench_import --count 1000

The documents it created are deleted at the end unless --keep is given.
"""
from __future__ import annotations

import io
import random
import re
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from cms.demo.documents import DEMO_DATA, SEED_NAME, demo_files
from cms.demo.issuers import load_issuers
from cms.demo.site import load_site
from documents.importing.builder import ImportFailure
from documents.importing.parser import DEFAULT_KINDS
from documents.importing.service import import_path
from documents.models import DocumentPage, RegisterEntry

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


class Command(BaseCommand):
    help = "Đo thời gian nhập: văn bản mẫu và một lô văn bản sinh tự động (chạy trên cơ sở dữ liệu thử)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--issue", action="store_true", help="đăng ký như văn bản đã ban hành (--issue)")
        parser.add_argument("--keep", action="store_true", help="giữ lại các văn bản đã nhập")
        parser.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên")

    def handle(self, *args, **options) -> None:
        load_issuers(io.StringIO())
        load_site(io.StringIO())
        rng = random.Random(options["seed"])
        sources = templates()
        created: list[int] = []
        with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
            folder = Path(tmp)
            total_bytes = 0
            for i in range(options["count"]):
                text = generate(sources[i % len(sources)], 5000 + i, rng)
                path = folder / f"{i:05d}.txt"
                path.write_text(text, encoding="utf-8")
                total_bytes += path.stat().st_size

            started = time.perf_counter()
            try:
                seed = import_path(SEED)  # a draft: the seed's own number may already be registered
                created.append(seed.page.pk)
            except ImportFailure as exc:
                self.stderr.write(f"Văn bản mẫu không nhập được: {exc}")
            seed_seconds = time.perf_counter() - started

            failed = 0
            started = time.perf_counter()
            for path in sorted(folder.iterdir()):
                try:
                    created.append(import_path(path, issue=options["issue"]).page.pk)
                except ImportFailure as exc:
                    failed += 1
                    if failed <= 5:
                        self.stderr.write(f"LỖI {path.name}: {exc}")
            batch_seconds = time.perf_counter() - started

        count = options["count"]
        mode = "đã ban hành (--issue)" if options["issue"] else "dự thảo"
        self.stdout.write(f"Văn bản mẫu 01-QC/BCĐ ({SEED.stat().st_size:,} byte): {seed_seconds:.3f} s")
        self.stdout.write(
            f"Lô {count} văn bản {mode}, {total_bytes / max(count, 1) / 1024:.1f} KB/văn bản: "
            f"{batch_seconds:.2f} s ({count / batch_seconds:.1f} văn bản/s), lỗi: {failed}"
        )
        if not options["keep"]:
            RegisterEntry.objects.filter(document_id__in=created).delete()
            DocumentPage.objects.filter(pk__in=created).delete()
