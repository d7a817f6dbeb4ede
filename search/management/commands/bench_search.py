"""manage.py bench_search [--size N] [--es-only]: the search benchmark of issue 4 (see search/bench/).

Above ES_ONLY_THRESHOLD documents (or with --es-only, or ES_ONLY=1 in the environment) only Elasticsearch is
measured, fed with documents generated straight into the index in bulk: no database pages.
"""
from __future__ import annotations

import os
import time
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from documents.models import Issuer
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.embedded import EmbeddedBackend
from search.bench import runner
from search.bench.corpus import ISSUERS
from search.bench.direct import ES_ONLY_THRESHOLD, direct_documents
from search.bench.direct import issuer_ids as direct_issuer_ids
from search.indexing import iter_index_documents


class Command(BaseCommand):
    help = ("Đo tốc độ tìm kiếm trên kho văn bản tổng hợp: chỉ mục nhúng, Elasticsearch (nếu có) và tìm kiếm "
            "cơ sở dữ liệu sẵn có của Wagtail; in một bảng kết quả. Chạy trong CSDL tạm, không đụng dữ liệu thật.")

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=10_000, help="Số văn bản (mặc định 10000).")
        parser.add_argument("--seed", type=int, default=20260105, help="Hạt giống ngẫu nhiên (tái lập được).")
        parser.add_argument("--repeats", type=int, default=10, help="Số lần đo mỗi truy vấn (chỉ mục nhúng, ES).")
        parser.add_argument("--warmup", type=int, default=3,
                            help="Số vòng chạy thử cả bộ truy vấn trước khi đo (chỉ mục nhúng, ES).")
        parser.add_argument("--es-url", default="", help="Elasticsearch (mặc định ELASTICSEARCH_URL).")
        parser.add_argument("--skip-embedded", action="store_true")
        parser.add_argument("--skip-wagtail", action="store_true")
        parser.add_argument("--wagtail-repeats", type=int, default=3, help="Số lần đo mỗi truy vấn của Wagtail.")
        parser.add_argument("--wagtail-timeout", type=float, default=120.0,
                            help="Giới hạn giây cho một truy vấn của Wagtail (quá hạn thì ghi >N s).")
        parser.add_argument("--keep-db", action="store_true", help="Giữ lại CSDL tạm sau khi đo.")
        parser.add_argument("--es-only", action="store_true",
                            help=f"Chỉ đo Elasticsearch, nạp văn bản sinh thẳng vào chỉ mục (không tạo trang trong CSDL); "
                                 f"tự bật khi --size trên {ES_ONLY_THRESHOLD} hoặc khi có biến môi trường ES_ONLY=1.")

    def log(self, message: str) -> None:
        self.stderr.write(message)

    def handle(self, *args, **options):
        es_url = options["es_url"] or settings.ELASTICSEARCH_URL
        size = options["size"]
        if options["es_only"] or os.environ.get("ES_ONLY") == "1" or size > ES_ONLY_THRESHOLD:
            self._es_only(es_url, size, options)
            return
        engines: list[runner.EngineResult] = []
        with runner.scratch_database(keep=options["keep_db"], log=self.log):
            started = time.monotonic()
            issuer_ids = runner.create_corpus(size, options["seed"], progress=runner.progress_bar("kho văn bản", size))
            self.log(f"\nĐã tạo {size} văn bản trong {time.monotonic() - started:.0f} s.")
            queries = runner.query_mix(issuer_ids)
            if not options["skip_embedded"]:
                engines.append(self._index_and_time("embedded", EmbeddedBackend(), size, queries, options))
            if es_url:
                es = ElasticsearchBackend(es_url, prefix=f"bench-{uuid.uuid4().hex[:8]}", timeout=60)
                try:
                    engines.append(self._index_and_time("elasticsearch", es, size, queries, options))
                finally:
                    es.drop_all()
            if not options["skip_wagtail"]:
                runner.enable_wagtail_search_fields()
                result = runner.EngineResult(f"wagtail ({connection.vendor})")
                started = time.monotonic()
                bar = runner.progress_bar("wagtail", size)
                result.indexed = runner.index_wagtail(progress=bar)
                bar.finish(result.indexed)
                result.index_seconds = time.monotonic() - started
                runner.time_wagtail(result, queries, options["wagtail_repeats"], options["wagtail_timeout"])
                engines.append(result)
            table = runner.render_table(engines, queries, size, connection.vendor)
        self.stdout.write(table)

    def _es_only(self, es_url: str, size: int, options) -> None:
        if not es_url:
            raise CommandError("Chế độ chỉ Elasticsearch cần ELASTICSEARCH_URL hoặc --es-url.")
        self.log(f"Chỉ đo Elasticsearch: {size} văn bản sinh thẳng vào chỉ mục (không tạo trang trong CSDL).")
        ids = direct_issuer_ids()
        names = [(ids[code], name, code) for name, code, *_rest in ISSUERS]
        es = ElasticsearchBackend(es_url, prefix=f"bench-{uuid.uuid4().hex[:8]}", timeout=600)
        try:
            result = self._index_and_time("elasticsearch", es, size, runner.query_mix(ids), options,
                                          docs=direct_documents(size, options["seed"]), issuer_names=names)
        finally:
            es.drop_all()
        self.stdout.write(runner.render_table([result], runner.query_mix(ids), size, "không dùng"))

    def _index_and_time(self, name, backend, size, queries, options, docs=None, issuer_names=None):
        result = runner.EngineResult(name)
        bar = runner.progress_bar(name, size)
        started = time.monotonic()
        result.indexed = backend.rebuild(iter_index_documents() if docs is None else docs, progress=bar)
        result.index_seconds = time.monotonic() - started
        bar.finish(result.indexed)
        runner.time_backend(result, backend, queries, options["repeats"], options["warmup"])
        if issuer_names is None:
            issuer_names = list(Issuer.objects.values_list("pk", "name", "code"))
        runner.time_suggest(result, backend, issuer_names, options["repeats"])
        return result
