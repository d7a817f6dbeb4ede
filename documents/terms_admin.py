"""Nhiệm kỳ in the admin (Cài đặt → Nhiệm kỳ): a Party committee numbers per term, so a document dated in a term
nobody declared can be neither issued nor imported with its number until the administrator declares it here."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from documents.models import Term


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "date"
    menu_label = _("Nhiệm kỳ")
    add_to_settings_menu = True
    list_display = ["issuer", "name", "starts_on", "ends_on"]
    list_filter = ["issuer"]
    ordering = ["issuer__name", "-starts_on"]


register_snippet(TermViewSet)
