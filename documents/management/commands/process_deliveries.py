"""Send queued document e-mail (phát hành văn bản); --loop keeps working until stopped."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from documents.distribution.sending import process_delivery_queue


class Command(BaseCommand):
    help = "Gửi các lượt gửi văn bản qua thư điện tử đang chờ (thử lại khi máy chủ thư lỗi)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Chạy liên tục.")
        parser.add_argument("--interval", type=float, default=10.0, help="Số giây nghỉ giữa hai lượt (mặc định 10).")
        parser.add_argument("--limit", type=int, default=None, help="Tối đa số lượt gửi mỗi vòng.")

    def handle(self, *args, loop: bool = False, interval: float = 10.0, limit: int | None = None, **options):
        while True:
            stats = process_delivery_queue(limit=limit)
            if any(stats.values()) or not loop:
                self.stdout.write(
                    f"Đã gửi {stats['sent']}, lỗi {stats['failed']}, hoãn {stats['deferred']}."
                )
            if not loop:
                return
            time.sleep(interval)
