"""manage.py search_status: documents that should be indexed vs each index, the queue, Elasticsearch health."""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.db.models import Count, Min

from documents.indexed import indexable_pages
from search import ELASTICSEARCH, configured_backends, default_backend_name, get_backend
from search.models import IndexQueueItem


def status() -> dict:
    expected = set(indexable_pages().values_list("pk", flat=True))
    report: dict = {"default_backend": default_backend_name(), "documents": len(expected), "indexes": {}}
    for name in configured_backends():
        backend = get_backend(name)
        health = backend.health()
        entry: dict = {"health": health}
        try:
            indexed = backend.indexed_ids()
            entry.update(count=len(indexed), missing=len(expected - indexed), extra=len(indexed - expected))
        except Exception as exc:
            entry.update(count=None, error=str(exc))
        report["indexes"][name] = entry
    items = IndexQueueItem.objects.all()
    summary = items.aggregate(total=Count("pk"), oldest=Min("created_at"))
    report["queue"] = {
        "total": summary["total"],
        "oldest": summary["oldest"].isoformat() if summary["oldest"] else None,
        "by_backend": {name: items.filter(backends__contains=name).count() for name in configured_backends()},
        "failing": items.filter(attempts__gt=0).count(),
        "last_error": items.filter(attempts__gt=0).order_by("-pk").values_list("last_error", flat=True).first() or "",
    }
    return report


class Command(BaseCommand):
    help = "Đối chiếu văn bản trong cơ sở dữ liệu với từng chỉ mục tìm kiếm; hàng đợi; tình trạng Elasticsearch."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args, **options):
        report = status()
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str))
            return
        self.stdout.write(f"Chỉ mục mặc định: {report['default_backend']}")
        self.stdout.write(f"Văn bản cần có trong chỉ mục (đã ban hành, đang xuất bản): {report['documents']}")
        for name, entry in report["indexes"].items():
            health = entry["health"]
            line = f"Chỉ mục {name}: "
            if entry.get("count") is None:
                line += f"không đọc được ({entry.get('error') or health.get('error')})"
            else:
                line += f"{entry['count']} văn bản (thiếu {entry['missing']}, thừa {entry['extra']})"
            if name == ELASTICSEARCH:
                line += f"; máy chủ {health.get('url')}: {health.get('status') or 'không trả lời'}"
                if health.get("error"):
                    line += f" ({health['error']})"
            self.stdout.write(line)
        queue = report["queue"]
        by_backend = ", ".join(f"{k}: {v}" for k, v in queue["by_backend"].items())
        self.stdout.write(f"Hàng đợi cập nhật chỉ mục: {queue['total']} việc ({by_backend}); đang thử lại: {queue['failing']}")
        if queue["last_error"]:
            self.stdout.write(f"Lỗi gần nhất: {queue['last_error']}")
