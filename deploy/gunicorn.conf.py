"""Gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

PORT (default 8000), BIND (default 127.0.0.1:PORT: only nginx on the same host reaches it; set e.g.
0.0.0.0:8000 deliberately for another layout), WEB_CONCURRENCY (default 2 workers x cores, at least 2),
GUNICORN_THREADS, GUNICORN_TIMEOUT and GUNICORN_MAX_REQUESTS (default 20000) come from the environment.
"""
import multiprocessing
import os

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "0")) or max(2, multiprocessing.cpu_count() * 2)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Uploads of scanned PDFs can be slow on commune networks.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# Recycle workers now and then so a leak in document parsing cannot grow forever. Not too often: a new worker
# loads Django and Wagtail again (about 2 s of CPU); at 1000 requests, kept answers served at 300/s restarted a
# worker every 3 s and took about a third of two cores (make bench-web: 147 instead of 283 requests/s).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
# nginx in front sets X-Forwarded-*; trust it only from loopback.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
