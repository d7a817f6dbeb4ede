"""A plain text progress bar on stderr, for reindex and the benchmark."""
from __future__ import annotations

import sys
import time


class ProgressBar:
    """A plain text progress bar on stderr (one line, redrawn)."""

    def __init__(self, label: str, total: int, stream=None, width: int = 30) -> None:
        self.label, self.total, self.width = label, max(total, 0), width
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.last_draw = 0.0
        self.drawn = -1

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if done < self.total and now - self.last_draw < 0.2:
            return
        self.last_draw, self.drawn = now, done
        fraction = min(1.0, done / self.total) if self.total else 1.0
        filled = int(self.width * fraction)
        rate = done / max(now - self.started, 1e-6)
        self.stream.write(
            f"\r{self.label:<14} [{'#' * filled}{'.' * (self.width - filled)}] {fraction:4.0%} "
            f"{done}/{self.total} ({rate:.0f} văn bản/giây)"
        )
        self.stream.flush()

    def finish(self, done: int) -> None:
        if done != self.drawn:
            self.last_draw = 0.0
            self(done)
        self.stream.write("\n")
        self.stream.flush()
