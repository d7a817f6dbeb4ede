"""Word 97-2003 (.doc) and OpenDocument (.odt): converted to .docx by LibreOffice headless, then read as .docx.

Each conversion has its own LibreOffice profile directory (parallel imports and test runs never share one) and a
timeout; the file goes through a private temporary folder, never through a shell.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from .base import ReadError, run_tool

CONVERT_TIMEOUT = 120
SOURCE_FORMATS = {"doc": ".doc", "odt": ".odt"}


def to_docx(data: bytes, source_format: str) -> bytes:
    """The .docx LibreOffice writes for a .doc or .odt file."""
    suffix = SOURCE_FORMATS[source_format]
    with tempfile.TemporaryDirectory(prefix="vanban-office-") as folder:
        work = Path(folder)
        source = work / f"van-ban{suffix}"
        source.write_bytes(data)
        out = work / "out"
        run_tool(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                  "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
                 timeout=CONVERT_TIMEOUT, program="libreoffice-writer-nogui")
        converted = out / "van-ban.docx"
        if not converted.is_file():  # LibreOffice exits 0 even when it could not load the file
            raise ReadError(_("LibreOffice không đọc được tệp %(suffix)s này (hỏng hoặc được bảo vệ bằng mật khẩu).")
                            % {"suffix": suffix})
        return converted.read_bytes()
