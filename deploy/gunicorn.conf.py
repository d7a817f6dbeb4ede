"""Gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

PORT (default 8000), BIND (default 127.0.0.1:PORT: only nginx on the same host reaches it; set e.g.
0.0.0.0:8000 deliberately for another layout) and WEB_CONCURRENCY (default 2 workers x cores, at least 2) come
from the environment.
"""
import multiprocessing
import os

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "0")) or max(2, multiprocessing.cpu_count() * 2)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Uploads of scanned PDFs can be slow on commune networks.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# Recycle workers now and then so a leak in document parsing cannot grow forever.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
# nginx in front sets X-Forwarded-*; trust it only from loopback.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
