"""The demonstration data of phường La Gi, loaded by ``manage.py load_demo``.

Each step is a function ``step(stdout) -> None`` that can run again without duplicating anything.
STEPS runs in order; the search index is rebuilt last so it sees every document the other steps created.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from .distribution import load_distribution
from .documents import load_documents
from .issuers import load_issuers
from .search import reindex
from .signing import load_signing_keys
from .site import load_site
from .users import load_users
from .workflow import load_workflow

Step = Callable[[TextIO], None]

STEPS: list[tuple[str, Step]] = [
    ("Cơ quan ban hành và nhiệm kỳ", load_issuers),
    ("Trang chủ và trang của từng cơ quan", load_site),
    ("Tài khoản người dùng", load_users),
    ("Văn bản mẫu (nhập và ban hành)", load_documents),
    ("Khóa ký số minh họa", load_signing_keys),
    ("Vai trò và phân quyền", load_workflow),
    ("Gửi văn bản theo nơi nhận", load_distribution),
    ("Chỉ mục tìm kiếm", reindex),
]


def run(stdout: TextIO) -> None:
    for label, step in STEPS:
        stdout.write(f"- {label}…\n")
        step(stdout)
