"""Template tags of the distribution area: ``{% recipient_lines page as lines %}``."""
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
