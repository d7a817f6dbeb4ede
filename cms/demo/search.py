"""Rebuild the search index at the end of the demo, when the search app provides ``reindex``."""
from __future__ import annotations

from typing import TextIO

from django.core.management import call_command, get_commands


def reindex(stdout: TextIO) -> None:
    if "reindex" not in get_commands():
        stdout.write("  bỏ qua: chưa có lệnh reindex.\n")
        return
    call_command("reindex", stdout=stdout)
