"""The demonstration data of phường La Gi, loaded by ``manage.py load_demo``.

Each step is a function ``step(stdout) -> None`` that can run again without duplicating anything.
Steps run in the order of STEPS; other parts of the project add a line here (optional steps are looked up
with importlib and reported when missing, so the demo loads whatever is installed).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Step:
    label: str
    target: str  # "package.module:function"
    optional: bool = False


STEPS: list[Step] = [
    Step("Cơ quan ban hành và nhiệm kỳ", "cms.demo.issuers:load_issuers"),
    Step("Trang chủ và trang của từng cơ quan", "cms.demo.site:load_site"),
    Step("Tài khoản người dùng", "cms.demo.users:load_users"),
    Step("Văn bản mẫu (nhập và ban hành)", "cms.demo.documents:load_documents"),
    Step("Khóa ký số minh họa", "cms.demo.signing:load_signing_keys", optional=True),
    Step("Vai trò và phân quyền", "cms.roles:demo_permissions", optional=True),
    Step("Gửi văn bản theo nơi nhận", "documents.distribution.demo:demo_distribution", optional=True),
]

# Always last: the search index must see every document the steps above created.
FINAL_STEP = Step("Chỉ mục tìm kiếm", "cms.demo.search:reindex")


def resolve(step: Step):
    """The step's function, or None when an optional step's module or function is not installed."""
    module_name, _sep, function_name = step.target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if step.optional and error.name and module_name.startswith(error.name):
            return None
        raise
    function = getattr(module, function_name, None)
    if function is None and not step.optional:
        raise AttributeError(f"{step.target} không tồn tại")
    return function


def run(stdout: TextIO) -> None:
    for step in [*STEPS, FINAL_STEP]:
        function = resolve(step)
        if function is None:
            stdout.write(f"- {step.label}: bỏ qua (chưa cài {step.target}).\n")
            continue
        stdout.write(f"- {step.label}…\n")
        function(stdout)
