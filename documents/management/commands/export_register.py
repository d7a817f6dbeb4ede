"""Xuất sổ đăng ký văn bản đi of one issuer for a period, as CSV or XLSX."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.distribution.register_export import RegisterQueryError, export, parse_period
from documents.models import Issuer


class Command(BaseCommand):
    help = "Xuất sổ đăng ký văn bản đi của một cơ quan ban hành (CSV hoặc XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--issuer", required=True, help="Đường dẫn (slug) của cơ quan ban hành.")
        parser.add_argument("--from", dest="start", default=None, help="Từ ngày, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", default=None, help="Đến ngày, YYYY-MM-DD.")
        parser.add_argument("--format", dest="file_format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True, help="Tệp kết quả.")

    def handle(self, *args, issuer: str, start, end, file_format: str, output: str, **options):
        body = Issuer.objects.filter(slug=issuer).first()
        if body is None:
            raise CommandError(f"Không có cơ quan ban hành có đường dẫn “{issuer}”.")
        try:
            first, last = parse_period(start, end)
        except RegisterQueryError as exc:
            raise CommandError(str(exc)) from None
        data = export(body, first, last, file_format)
        Path(output).write_bytes(data)
        self.stdout.write(f"Đã ghi {output} ({len(data)} byte).")
