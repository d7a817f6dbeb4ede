"""Nơi nhận lines that send a document "Như Điều 3" (to those Điều 3 names) must point at an article the
document has: a line carried over from the usual start of an earlier decision can name one this document lacks."""
from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from documents.text.vietnamese import fold

_AS_ARTICLE = re.compile(r"\bnhu\s+dieu\s+(\d+)\b")  # folded: "Như Điều 3", "như điều 3;", "NHƯ ĐIỀU 3"
_ARTICLE = re.compile(r"^Điều (\d+)\.", re.MULTILINE)  # documents.blocks.stream_text's article lines


def articles_in(body_text: str) -> set[str]:
    return set(_ARTICLE.findall(body_text))


def dangling_article_refs(recipient_names: Iterable[str], body_text: str) -> list[str]:
    """The article numbers Nơi nhận names ("Như Điều 3") that the body (``stream_text``) does not hold."""
    present = articles_in(body_text)
    missing: list[str] = []
    for name in recipient_names:
        for number in _AS_ARTICLE.findall(fold(name or "").lower()):
            if number not in present and number not in missing:
                missing.append(number)
    return missing


def page_dangling_refs(page) -> list[str]:
    """``dangling_article_refs`` of a document page (a revision's object: its recipients and body)."""
    from documents.blocks import stream_text

    body = getattr(page, "body", None)
    return dangling_article_refs([r.name for r in page.recipients.all()], stream_text(body) if body else "")


def dangling_refs_message(missing: list[str]) -> str:
    articles = ", ".join(f"Điều {n}" for n in missing)
    return _("Nơi nhận ghi “Như %(articles)s” nhưng văn bản không có %(articles)s: hãy sửa dòng nơi nhận đó "
             "hoặc thêm điều ấy trước khi trình ký.") % {"articles": articles}
