"""Rebuild the search index at the end of the demo."""
from __future__ import annotations

from typing import TextIO

from django.core.management import call_command


def reindex(stdout: TextIO) -> None:
    call_command("reindex", stdout=stdout)
