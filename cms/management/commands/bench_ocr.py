"""manage.py bench_ocr FILE... [--repeats N] — OCR throughput in pages per minute (issue 12).

Reads each scan (image or image-only PDF) as the importer does (documents.importing.reader.read_bytes: clean-up,
deskew, Tesseract with its Vietnamese data, columns untangled) and reports the pages read per minute. Nothing is
written to the database. Example, on the committed fixtures:

    .venv/bin/python manage.py bench_ocr tests/fixtures/import/qd-07-ubnd-scan.pdf \
        tests/fixtures/import/kh-05-du-phone.jpg --repeats 3
"""
from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.importing.formats.ocr import open_frames
from documents.importing.formats.pdf import page_count
from documents.importing.reader import ReadError, read_bytes


def pages_of(data: bytes) -> int:
    return page_count(data)[0] if data.startswith(b"%PDF") else len(open_frames(data))


class Command(BaseCommand):
    help = "Đo tốc độ nhận dạng chữ (OCR) trên các tệp ảnh quét: số trang mỗi phút."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="tệp ảnh (.jpg, .png, .tif) hoặc PDF quét")
        parser.add_argument("--repeats", type=int, default=1, help="số lần đọc mỗi tệp")

    def handle(self, *args, **options) -> None:
        total_pages, total_seconds = 0, 0.0
        for name in options["files"]:
            data = Path(name).read_bytes()
            try:
                pages = pages_of(data)
                for _run in range(options["repeats"]):
                    start = time.perf_counter()
                    read = read_bytes(data, name)
                    seconds = time.perf_counter() - start
                    total_pages, total_seconds = total_pages + pages, total_seconds + seconds
                    self.stdout.write(f"{name}: {pages} trang, {seconds:.1f} s ({read.source_format}, "
                                      f"{len(read.text.split())} từ)")
            except ReadError as exc:
                raise CommandError(f"{name}: {exc}") from None
        if total_seconds:
            self.stdout.write(f"OCR: {total_pages} trang trong {total_seconds:.1f} s = "
                              f"{total_pages * 60 / total_seconds:.1f} trang/phút")
