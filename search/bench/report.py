"""The benchmark's output: the table of timings per engine, and progress bars."""
from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.bench.runner import BenchQuery, EngineResult


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")


def _ms(value: float) -> str:
    if value != value:  # nan
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def render_table(engines: list[EngineResult], queries: list[BenchQuery], size: int, vendor: str) -> str:
    reference = next((e for e in engines if e.name.startswith("wagtail")), None)
    head = ["Truy vấn (mẫu)"] + [f"{e.name}: ms p50 / p95 · kết quả" for e in engines]
    rows: list[list[str]] = []
    for query in queries:
        label = f"{query.label}: {query.text or '—'}" + (f" {query.filters}" if query.filters else "")
        cells = [label[:60]]
        for engine in engines:
            runs = engine.timings.get(query.label, [])
            cells.append(f"{_ms(percentile(runs, 50))} / {_ms(percentile(runs, 95))} · {engine.counts.get(query.label, '-')}")
        rows.append(cells)
    rows.append(["Tất cả truy vấn: p50 / p95 / trung bình (ms)"] + [
        f"{_ms(percentile(e.all_ms(), 50))} / {_ms(percentile(e.all_ms(), 95))} / {_ms(mean(e.all_ms()))}"
        for e in engines])
    if any(e.cold for e in engines):
        rows.append(["Như trên, xóa bộ đệm kết quả trước mỗi lần (ms)"] + [
            f"{_ms(percentile(e.cold, 50))} / {_ms(percentile(e.cold, 95))} / {_ms(mean(e.cold))}" if e.cold else "-"
            for e in engines])
    if any(e.suggest for e in engines):
        rows.append(["Gợi ý khi gõ: p50 / p95 / trung bình (ms)"] + [
            f"{_ms(percentile(e.suggest, 50))} / {_ms(percentile(e.suggest, 95))} / {_ms(mean(e.suggest))}"
            if e.suggest else "-" for e in engines])
    if reference:
        ref95, ref_mean = percentile(reference.all_ms(), 95), mean(reference.all_ms())
        rows.append(["Nhanh hơn Wagtail (lần): theo p95 / trung bình"] + [
            f"{ref95 / percentile(e.all_ms(), 95):,.0f}× / {ref_mean / mean(e.all_ms()):,.0f}×" for e in engines])
    rows.append(["Lập chỉ mục (văn bản/giây)"] + [
        f"{e.throughput:,.0f} ({e.indexed} vb, {e.index_seconds:.0f} s)" for e in engines])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = "+".join("-" * (w + 2) for w in widths)
    out = [f"Tìm kiếm trên {size:,} văn bản tổng hợp (CSDL {vendor}); người đọc ẩn danh, có facet.", line,
           " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)), line]
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows[:len(queries)]]
    out.append(line)
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows[len(queries):]]
    out.append(line)
    return "\n".join(out)


def progress_bar(label: str, total: int) -> Callable[[int], None]:
    from search.progress import ProgressBar

    return ProgressBar(label, total, stream=sys.stderr)
