"""What every format reader shares: the Vietnamese refusal (ReadError), limits from settings, external programs."""
from __future__ import annotations

import os
import shutil
import subprocess

from django.conf import settings
from django.utils.translation import gettext as _


class ReadError(ValueError):
    """The file cannot be read as a text document; the message (Vietnamese) says why."""


def setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def run_tool(args: list[str], *, input: bytes | None = None, timeout: int, program: str) -> bytes:
    """Run one external program (no shell) and return its output; a missing program, a timeout or a failure is a
    ReadError naming the Debian package to install (``program``)."""
    path = shutil.which(args[0])
    if path is None:
        raise ReadError(_("Máy chủ chưa cài chương trình %(tool)s (gói %(package)s) để đọc loại tệp này.")
                        % {"tool": args[0], "package": program})
    # One thread per OCR: the server's cores are shared by requests and workers.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run([path, *args[1:]], input=input, capture_output=True, timeout=timeout, env=env,
                              check=False)
    except subprocess.TimeoutExpired:
        raise ReadError(_("Đọc tệp quá thời gian cho phép (%(seconds)s giây).") % {"seconds": timeout}) from None
    if done.returncode != 0:
        raise ReadError(_("Không đọc được tệp (%(tool)s báo lỗi: %(error)s).")
                        % {"tool": args[0], "error": done.stderr.decode(errors="replace").strip()[:200]})
    return done.stdout
