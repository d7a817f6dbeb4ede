"""Search benchmark: one synthetic corpus, three engines, one table.

Runs in a throw-away database (a copy of the configured vendor: SQLite file or PostgreSQL database) so the
real data is never touched. Pages are bulk-inserted (Page, DocumentPage and kind rows, treebeard paths
computed here) because creating 100,000 pages one by one through Wagtail would dominate the run.
"""
from __future__ import annotations

import contextlib
import datetime
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Phrase

from documents.kinds import kind_classes
from documents.models import DocumentBasis, DocumentPage, DocumentRecipient, Issuer, Term
from documents.models.base import default_rule_set
from search.backends.base import SearchQuery
from search.bench.corpus import ISSUERS, TYPE_CODES, Generator
from search.progress import ProgressBar

PRINCIPALS = ["public"]  # queries run as an anonymous reader: the permission filter is always on


@dataclass(frozen=True)
class BenchQuery:
    label: str
    text: str = ""
    filters: dict = field(default_factory=dict)


def query_mix(issuer_ids: dict[str, int]) -> list[BenchQuery]:
    """The fixed mix: with and without marks, phrases, notations, filtered and faceted-only."""
    ubnd, bcd = issuer_ids["UBND"], issuer_ids["BCĐ"]
    return [
        BenchQuery("có dấu", "chuyển đổi số"),
        BenchQuery("không dấu", "chuyen doi so"),
        BenchQuery("có dấu, hiếm", "phòng chống thiên tai"),
        BenchQuery("không dấu, hiếm", "phong chong thien tai"),
        BenchQuery("không dấu, người ký", "nguyen quoc nam"),
        BenchQuery("kiểu bỏ dấu cũ", "Uỷ ban nhân dân hoà giải"),
        BenchQuery("cụm từ", '"ban chỉ đạo"'),
        BenchQuery("cụm từ không dấu", '"cai cach hanh chinh"'),
        BenchQuery("số ký hiệu", "01-QC/BCĐ"),
        BenchQuery("số ký hiệu viết khác", "so 01 qc bcd"),
        BenchQuery("số ký hiệu nhà nước", "15/KH-UBND"),
        BenchQuery("lọc loại + năm", "chuyen doi so", {"kind": ["ke_hoach"], "year": [2025]}),
        BenchQuery("lọc cơ quan", "kiểm tra giám sát", {"issuer": [bcd]}),
        BenchQuery("chỉ lọc (facet)", "", {"issuer": [ubnd], "status": ["con_hieu_luc"]}),
    ]


# -- database ---------------------------------------------------------------------------------------------
@contextlib.contextmanager
def scratch_database(keep: bool = False, log: Callable[[str], None] = print):
    """A fresh, migrated database of the configured vendor for the duration of the block."""
    settings_dict = connection.settings_dict
    old_name = settings_dict["NAME"]
    test = settings_dict.setdefault("TEST", {})
    saved = dict(test)
    if connection.vendor == "sqlite":
        test["NAME"] = str(Path(tempfile.gettempdir()) / f"vanban-bench-{uuid.uuid4().hex[:8]}.sqlite3")
    else:
        test["NAME"] = f"vanban_bench_{uuid.uuid4().hex[:8]}"
    log(f"CSDL tạm ({connection.vendor}): {test['NAME']}")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield test["NAME"]
    finally:
        if keep:
            log(f"Giữ lại CSDL tạm: {test['NAME']}")
            settings_dict["NAME"] = old_name
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        settings_dict["TEST"] = saved


# -- corpus -------------------------------------------------------------------------------------------------
def create_site_and_issuers() -> tuple[dict, dict]:
    """A bare site root, issuers and one section page each; returns (section page by code, issuer id by code).

    Plain Wagtail pages stand for the site's home and sections: the corpus is bulk-inserted under them and
    no search engine reads the parents, so the benchmark needs nothing from the cms app.
    """
    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="Văn bản phường La Gi", slug="bench-home"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    issuers: list[Issuer] = []
    for name, code, system, kind, superior, _share in ISSUERS:
        issuer = Issuer.objects.create(
            name=name, code=code, system=system, kind=kind, place_name="La Gi", slug=f"co-quan-{len(issuers)}",
            superior=issuers[superior] if superior is not None else None,
        )
        issuers.append(issuer)
        if system == "party" and superior is None:
            Term.objects.create(issuer=issuer, name="2020–2025", starts_on=datetime.date(2020, 10, 1),
                                ends_on=datetime.date(2025, 7, 21))
            Term.objects.create(issuer=issuer, name="2025–2030", starts_on=datetime.date(2025, 7, 22))
    pages = {}
    for issuer in issuers:
        pages[issuer.code] = home.add_child(instance=Page(title=issuer.name, slug=issuer.slug))
    return pages, {i.code: i.pk for i in issuers}


def _insert(model, objs, fields, chunk: int = 200) -> None:
    for start in range(0, len(objs), chunk):
        model._base_manager._insert(objs[start:start + chunk], fields=fields)


def create_corpus(size: int, seed: int, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Bulk-insert ``size`` issued, published documents; returns issuer ids by code."""
    index_pages, issuer_ids = create_site_and_issuers()
    classes = kind_classes()
    content_types = {kind: ContentType.objects.get_for_model(cls) for kind, cls in classes.items()}
    locale_id = Locale.get_default().pk
    codes = [code for _n, code, *_rest in ISSUERS]
    systems = [system for _n, _c, system, *_rest in ISSUERS]
    steps = {code: 0 for code in codes}
    now = timezone.now()
    done = 0
    batch: list = []

    def flush() -> None:
        nonlocal batch, done
        if not batch:
            return
        with transaction.atomic():
            Page.objects.bulk_create([page for page, _d in batch], batch_size=200)
            for page, _d in batch:
                page.page_ptr_id = page.documentpage_ptr_id = page.id
            _insert(DocumentPage, [p for p, _d in batch], DocumentPage._meta.local_concrete_fields)
            for cls in classes.values():
                objs = [p for p, _d in batch if type(p) is cls]
                if objs:
                    _insert(cls, objs, cls._meta.local_concrete_fields)
            DocumentBasis.objects.bulk_create(
                [DocumentBasis(page_id=p.id, text=t, sort_order=i) for p, d in batch for i, t in enumerate(d.bases)],
                batch_size=500)
            DocumentRecipient.objects.bulk_create(
                [DocumentRecipient(page_id=p.id, name=n, sort_order=i, archive=n.startswith("Lưu"))
                 for p, d in batch for i, n in enumerate(d.recipients)], batch_size=500)
        done += len(batch)
        batch = []
        if progress:
            progress(done)

    for doc in Generator(seed).documents(size):
        code = codes[doc.issuer]
        parent = index_pages[code]
        steps[code] += 1
        cls = classes[doc.kind]
        slug = f"vb-{done + len(batch) + 1}"
        published = timezone.make_aware(datetime.datetime.combine(doc.issued_on, datetime.time(9)))
        page = cls(
            title=doc.title, draft_title=doc.title, slug=slug, content_type=content_types[doc.kind],
            locale_id=locale_id, translation_key=uuid.uuid4(), path=Page._get_path(parent.path, parent.depth + 1, steps[code]),
            depth=parent.depth + 1, numchild=0, url_path=f"{parent.url_path}{slug}/", live=True,
            has_unpublished_changes=False, first_published_at=published, last_published_at=published,
            latest_revision_created_at=now,
            kind_slug=doc.kind, issuer_id=issuer_ids[code], type_code=TYPE_CODES[doc.kind], number=doc.number,
            notation=doc.notation, notation_key=doc.notation_key, issued_on=doc.issued_on, place="La Gi",
            preamble=doc.preamble, signer_position=doc.signer_position, signer_name=doc.signer_name,
            state="issued", legal_status=doc.legal_status, visibility=doc.visibility,
            rule_set=default_rule_set(systems[doc.issuer], doc.issued_on),
        )
        page.body = doc.body
        batch.append((page, doc))
        if len(batch) >= 500:
            flush()
    flush()
    for code, parent in index_pages.items():
        Page.objects.filter(pk=parent.pk).update(numchild=steps[code])
    return issuer_ids


# -- engines --------------------------------------------------------------------------------------------------
def enable_wagtail_search_fields() -> None:
    """Give the document pages the search fields Wagtail's search needs to see the same text (bench only)."""
    filters = [index.FilterField(name) for name in ("kind_slug", "issuer", "state", "visibility", "legal_status",
                                                     "signer_name", "issued_on")]
    DocumentPage.search_fields = Page.search_fields + filters
    text = [index.SearchField(name) for name in ("notation", "preamble", "signer_name", "body")] + [
        index.RelatedFields("bases", [index.SearchField("text")]),
        index.RelatedFields("recipients", [index.SearchField("name")]),
    ]
    for cls in kind_classes().values():
        cls.search_fields = DocumentPage.search_fields + text


def index_wagtail(progress: Callable[[int], None] | None = None) -> int:
    backend = get_search_backend()
    done = 0
    for cls in kind_classes().values():
        ids = list(cls.objects.values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(ids), 500):
            objs = list(cls.objects.filter(pk__in=ids[start:start + 500]).prefetch_related("bases", "recipients"))
            backend.add_bulk(cls, objs)
            done += len(objs)
            if progress:
                progress(done)
    return done


@contextlib.contextmanager
def statement_deadline(seconds: float):
    """Abort a runaway query (Wagtail's ranking can take minutes): SQLite progress handler, PostgreSQL timeout."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
            yield


def wagtail_search(query: BenchQuery) -> int:
    """What Wagtail's database search gives a reader: count and the first 20, as an anonymous reader."""
    qs = DocumentPage.objects.live().filter(state="issued", visibility="public")
    filters = query.filters
    if filters.get("kind"):
        qs = qs.filter(kind_slug__in=filters["kind"])
    if filters.get("issuer"):
        qs = qs.filter(issuer__in=filters["issuer"])
    if filters.get("status"):
        qs = qs.filter(legal_status__in=filters["status"])
    if filters.get("year"):
        year = filters["year"][0]
        qs = qs.filter(issued_on__gte=datetime.date(year, 1, 1), issued_on__lt=datetime.date(year + 1, 1, 1))
    text = query.text.strip()
    if not text:
        results = qs.order_by("-issued_on")
        count = results.count()
        list(results[:20])
        return count
    if text.startswith('"') and text.endswith('"'):
        results = qs.search(Phrase(text.strip('"')))
    else:
        results = qs.search(text, operator="and")
    count = results.count()
    list(results[:20])
    return count


@dataclass
class EngineResult:
    name: str
    index_seconds: float = 0.0
    indexed: int = 0
    timings: dict[str, list[float]] = field(default_factory=dict)  # label → ms per run
    cold: list[float] = field(default_factory=list)  # ms per run with the engine's result caches emptied first
    counts: dict[str, int | str] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        return self.indexed / self.index_seconds if self.index_seconds else 0.0

    def all_ms(self) -> list[float]:
        return [t for runs in self.timings.values() for t in runs]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_backend(result: EngineResult, backend, queries: list[BenchQuery], repeats: int, warmup: int = 0) -> None:
    """Time each query ``repeats`` times, after ``warmup`` untimed rounds of the whole mix: a server that has just
    indexed the corpus is not yet warm for searching (Elasticsearch: p95 47 ms on the first round at 100,000
    documents, 20 ms by the third), and users meet the warm one."""
    for _ in range(warmup):
        for query in queries:
            backend.search(SearchQuery(text=query.text, filters=query.filters, principals=PRINCIPALS))
    for query in queries:
        search_query = SearchQuery(text=query.text, filters=query.filters, principals=PRINCIPALS)
        backend.search(search_query)  # warm-up
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            answer = backend.search(search_query)
            runs.append((time.perf_counter() - started) * 1000)
        result.timings[query.label] = runs
        result.counts[query.label] = answer.count
        clear = getattr(backend, "clear_result_caches", None)
        for _ in range(repeats if clear else 0):  # the same query, nothing kept from the previous run
            clear()
            started = time.perf_counter()
            backend.search(search_query)
            result.cold.append((time.perf_counter() - started) * 1000)


def time_wagtail(result: EngineResult, queries: list[BenchQuery], repeats: int, timeout: float) -> None:
    for query in queries:
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            try:
                with statement_deadline(timeout):
                    count: int | str = wagtail_search(query)
            except (OperationalError, DatabaseError):
                count = f">{timeout:.0f}s"
            runs.append((time.perf_counter() - started) * 1000)
            if isinstance(count, str):
                break
        result.timings[query.label] = runs
        result.counts[query.label] = count


# -- report -------------------------------------------------------------------------------------------------------
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
    return ProgressBar(label, total, stream=sys.stderr)
