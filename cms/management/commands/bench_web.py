"""Load benchmark of the served site (issue 14, item 12): p50/p95 and requests/s per page and concurrency.

Loopback only, bounded in time: `manage.py bench_web --url http://127.0.0.1:8121 --seconds 8 --clients 1,16`.
`make bench-web` starts gunicorn with settings.production on a throw-away PostgreSQL database for it.
"""
from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from urllib.parse import quote, urlsplit

from django.core.management.base import BaseCommand, CommandError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Client:
    """One keep-alive HTTP connection, as one browser or API client."""

    def __init__(self, base: str, headers: dict[str, str]):
        parts = urlsplit(base)
        self.host, self.port, self.headers = parts.hostname, parts.port or 80, headers
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def get(self, path: str) -> tuple[int, bytes]:
        self.connection.request("GET", quote(path, safe="/?=&+%"), headers=self.headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Đo tải các trang (p50, p95, yêu cầu/giây) trên máy chủ đang chạy ở 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8121")
        parser.add_argument("--seconds", type=float, default=8.0, help="Thời gian đo mỗi ô (tối đa 30).")
        parser.add_argument("--clients", default="1,16", help="Số máy khách đồng thời, cách nhau bởi dấu phẩy.")
        parser.add_argument("--username", default="vanthu")
        parser.add_argument("--password", default="")

    def handle(self, *args, **options):
        from django.conf import settings

        base = options["url"].rstrip("/")
        if urlsplit(base).hostname not in LOOPBACK:
            raise CommandError("Chỉ đo trên máy này (127.0.0.1).")
        seconds = min(float(options["seconds"]), 30.0)
        password = options["password"] or settings.DEMO_PASSWORD
        token = self._token(base, options["username"], password)
        pages = self._pages(base, token)
        self.stdout.write(f"{'trang':<14}{'khách':>6}{'p50 ms':>9}{'p95 ms':>9}{'yêu cầu/s':>11}{'lỗi':>6}")
        for clients in [int(c) for c in options["clients"].split(",") if c.strip()]:
            for name, (path, headers) in pages.items():
                p50, p95, rate, errors = self._measure(base, path, headers, clients, seconds)
                self.stdout.write(f"{name:<14}{clients:>6}{p50:>9.1f}{p95:>9.1f}{rate:>11.1f}{errors:>6}")

    def _token(self, base: str, username: str, password: str) -> str:
        parts = urlsplit(base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        body = json.dumps({"username": username, "password": password, "client": "bench_web"})
        connection.request("POST", "/api/auth/token/", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise CommandError(f"Không đăng nhập được {username}: {response.status} {data[:200]!r}")
        return json.loads(data)["token"]

    def _pages(self, base: str, token: str) -> dict[str, tuple[str, dict]]:
        auth = {"Authorization": f"Token {token}"}
        status, body = Client(base, auth).get("/api/search/?q=quy+chế&page_size=1")
        results = json.loads(body)["results"] if status == 200 else []
        if not results:
            raise CommandError("Không có văn bản nào để đo (hãy chạy load_demo).")
        document = results[0]
        return {
            "home": ("/", {}),
            "document": (urlsplit(document["url"]).path, {}),
            "api_detail": (f"/api/v2/pages/{document['id']}/", {}),
            "api_document": (f"/api/documents/{document['id']}/", {}),  # the read-write API's detail (cached)
            "search": ("/api/search/?q=chuyen+doi+so", {}),
            "inbox": ("/api/inbox/", auth),
        }

    def _measure(self, base: str, path: str, headers: dict, clients: int, seconds: float):
        timings: list[float] = []
        errors = [0]
        lock = threading.Lock()
        deadline = time.perf_counter() + seconds

        def run() -> None:
            client = Client(base, headers)
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                try:
                    status, _body = client.get(path)
                except OSError:
                    status, client = 0, Client(base, headers)
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    if status == 200:
                        timings.append(elapsed)
                    else:
                        errors[0] += 1

        threads = [threading.Thread(target=run) for _n in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        if not timings:
            return 0.0, 0.0, 0.0, errors[0]
        return statistics.median(timings), _percentile(timings, 0.95), len(timings) / wall, errors[0]
