"""Template tags of the distribution area: ``{% recipient_lines page as lines %}``, ``{% inbox_delivery page as d %}``."""
from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def recipient_lines(page) -> list[str]:
    """The printed Nơi nhận lines (without the heading "Nơi nhận:")."""
    from documents.distribution.render import recipient_lines as lines

    return lines(page)


@register.simple_tag
def recipient_heading() -> str:
    from documents.distribution.render import HEADING

    return HEADING


@register.simple_tag(takes_context=True)
def inbox_delivery(context, page):
    """The reader's own inbox copy of this document, or None: the document page then offers "Xác nhận đã nhận"
    and the way back to the inbox where the reader came from."""
    from documents.distribution.api import inbox_copy

    request = context.get("request")
    return inbox_copy(getattr(request, "user", None), page.pk) if page.pk else None
