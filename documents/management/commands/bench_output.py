"""manage.py bench_output [--repeats N] [--document ID]: render times of the official output.

Times the seed's PDF and DOCX (or another document's), the issued original (PDF/A, signed where keys are
configured) made once, and serving it from storage. Everything runs in a transaction that is rolled back, so the
stored originals are left as they were. Prints figures; asserts nothing.
"""
from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from documents.models import DocumentPage, IssuedOriginal

SEED_NOTATION = "01-QC/BCĐ"


class _Rollback(Exception):
    pass


def _times(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


class Command(BaseCommand):
    help = "Đo thời gian tạo PDF, DOCX và phục vụ bản gốc đã ban hành."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeats", type=int, default=10)
        parser.add_argument("--document", type=int, help="id văn bản (mặc định: quy chế 01-QC/BCĐ của dữ liệu minh họa)")

    def handle(self, *args, repeats: int, document: int | None = None, **options) -> None:
        from documents.output.docx import render_docx
        from documents.output.original import issue_original, served_pdf
        from documents.output.pdf import render_pdf

        found = DocumentPage.objects.filter(**({"pk": document} if document else {"notation": SEED_NOTATION})).first()
        if found is None:
            raise CommandError("Không có văn bản để đo: hãy chạy `manage.py load_demo` hoặc chỉ rõ --document ID.")
        page = found.specific
        render_pdf(page)  # warm-up: fonts, templates, stylesheets
        render_docx(page)
        rows = [("PDF", _times(lambda: render_pdf(page), repeats)),
                ("DOCX", _times(lambda: render_docx(page), repeats))]
        try:
            with transaction.atomic():
                IssuedOriginal.objects.filter(document=page).delete()
                rows.append(("bản gốc (PDF/A + ký số, một lần)", _times(lambda: issue_original(page), 1)))
                page.state = "issued"
                rows.append(("phục vụ bản gốc đã lưu", _times(lambda: served_pdf(page), repeats)))
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write(f"Văn bản {page.notation or page.pk} ({page.kind_slug}), {repeats} lần đo:")
        for label, times in rows:
            p95 = sorted(times)[max(0, int(round(len(times) * 0.95)) - 1)]
            self.stdout.write(f"  {label:<36} p50 {statistics.median(times) * 1000:8.1f} ms   "
                              f"p95 {p95 * 1000:8.1f} ms")
