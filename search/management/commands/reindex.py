"""manage.py reindex [--backend embedded|elasticsearch|all]: rebuild search indexes with an atomic swap."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from search import ELASTICSEARCH, EMBEDDED, configured_backends, get_backend
from search.indexing import count_indexable, iter_index_documents
from search.progress import ProgressBar


class Command(BaseCommand):
    help = "Xây lại chỉ mục tìm kiếm từ cơ sở dữ liệu; người đọc dùng chỉ mục cũ cho đến khi chỉ mục mới xong."

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=[EMBEDDED, ELASTICSEARCH, "all"], default="all",
                            help="Chỉ mục cần xây lại (mặc định: mọi chỉ mục đang dùng).")

    def handle(self, *args, backend: str, **options):
        names = configured_backends() if backend == "all" else [backend]
        if ELASTICSEARCH in names and ELASTICSEARCH not in configured_backends():
            raise CommandError("ELASTICSEARCH_URL chưa được đặt: không có chỉ mục Elasticsearch để xây lại.")
        total = count_indexable()
        for name in names:
            bar = ProgressBar(name, total, stream=self.stderr._out)
            started = time.monotonic()
            done = get_backend(name).rebuild(iter_index_documents(), progress=bar)
            bar.finish(done)
            self.stdout.write(f"{name}: đã lập chỉ mục {done} văn bản trong {time.monotonic() - started:.1f} giây.")
