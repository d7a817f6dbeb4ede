"""manage.py verify_pdf FILE...: is each PDF intact, who signed it and when, is the certificate trusted, which
registered document it is. Exit status 0 when every file is intact, 1 otherwise."""
from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Kiểm tra chữ ký số và tính nguyên vẹn của tệp PDF văn bản."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="tệp PDF")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, files: list[str], json: bool = False, **options) -> None:
        from documents.output.verify import verify_pdf

        failed = 0
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Không tìm thấy tệp {name}.")
            report = verify_pdf(path.read_bytes())
            failed += not report.intact
            if json:
                self.stdout.write(_dumps({"file": name, **report.as_json()}))
                continue
            self.stdout.write(f"{name}: {report.message}")
            for signature in report.signatures:
                when = signature.as_json()["signed_at"] or "?"
                state = "nguyên vẹn" if signature.intact else "KHÔNG nguyên vẹn"
                trust = "tin cậy" if signature.trusted else "KHÔNG tin cậy"
                self.stdout.write(f"  - ký bởi {signature.signer} lúc {when}: {state}, chứng thư {trust}")
            if report.document is not None:
                kind = "bản gốc" if report.document_exact else "bản sao của bản gốc"
                self.stdout.write(f"  - {kind} văn bản {report.document.notation or report.document.title} "
                                  f"(id {report.document.pk})")
            self.stdout.write(f"  - SHA-256 {report.sha256}")
        if failed:
            raise CommandError(f"{failed} tệp không nguyên vẹn.", returncode=1)


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
