"""The Nơi nhận chooser of the editor: a search box that ignores marks ("cac chi bo" finds "Các chi bộ"), active
entries only, in Vietnamese alphabetical order."""
from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Q, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from documents.text.collation import sort_key
from documents.text.vietnamese import fold, nfc


class RecipientFilterForm(BaseFilterForm):
    q = forms.CharField(label=_("Tìm nơi nhận"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Tên, không cần dấu")}))

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        self.is_searching, self.search_query = bool(query), query
        if query:
            for word in fold(query).split():
                objects = objects.filter(Q(name_key__icontains=word) | Q(aliases__icontains=nfc(word)))
        return objects


class _VietnameseOrder:
    filter_form_class = RecipientFilterForm

    def get_object_list(self):
        return self.model_class.objects.filter(active=True)

    def apply_object_list_ordering(self, objects):
        rows = sorted(objects.values_list("pk", "name"), key=lambda row: sort_key(row[1]))
        order = Case(*[When(pk=pk, then=n) for n, (pk, _name) in enumerate(rows)], output_field=IntegerField())
        return objects.order_by(order)


class RecipientChooseView(_VietnameseOrder, ChooseView):
    pass


class RecipientChooseResultsView(_VietnameseOrder, ChooseResultsView):
    pass


class RecipientChooserViewSet(SnippetChooserViewSet):
    choose_view_class = RecipientChooseView
    choose_results_view_class = RecipientChooseResultsView
