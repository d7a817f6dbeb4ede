"""What the review form suggests while the clerk types the signer: the names and titles already on the issuer's
documents and its leaders' accounts, most used first, so a misread name is corrected by picking the right one."""
from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.html import format_html, format_html_join

from documents.models import DocumentPage, Issuer, IssuerRole, Role

MAX_SUGGESTIONS = 30


def known_signers(issuer: Issuer) -> tuple[list[str], list[str]]:
    """(names, positions) that have signed the issuer's documents, most used first; then its leaders' names.
    Only documents drafted here or already reviewed count: a name still to be checked is no suggestion."""
    pages = DocumentPage.objects.filter(issuer=issuer, review_notes="")
    names = _most_used(pages, "signer_name")
    positions = _most_used(pages, "signer_position")
    groups = IssuerRole.objects.filter(issuer=issuer, role=Role.LANH_DAO).values("group")
    for user in get_user_model().objects.filter(groups__in=groups, is_active=True).order_by("last_name", "first_name"):
        name = user.get_full_name().strip()
        if name and name not in names:
            names.append(name)
    return names[:MAX_SUGGESTIONS], positions[:MAX_SUGGESTIONS]


def _most_used(pages, field: str) -> list[str]:
    rows = (pages.exclude(**{field: ""}).values(field).annotate(uses=Count("pk")).order_by("-uses", field)
            [:MAX_SUGGESTIONS])
    return [row[field] for row in rows]


class SuggestingInput(forms.TextInput):
    """A text input whose browser offers ``options`` as one types (a <datalist>); any other value is accepted."""

    def __init__(self, options: list[str] | None = None, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.options = list(options or [])

    def render(self, name, value, attrs=None, renderer=None):
        if not self.options:
            return super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id') or name}-goi-y"
        html = super().render(name, value, {**(attrs or {}), "list": list_id, "autocomplete": "off"}, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((option,) for option in self.options))
        return format_html('{}<datalist id="{}">{}</datalist>', html, list_id, options)
