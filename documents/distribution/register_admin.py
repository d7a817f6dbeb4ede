"""Sổ văn bản đi in the admin: one issuer, one period, the rows on screen and CSV/XLSX buttons."""
from __future__ import annotations

import datetime

from django import forms
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from documents.forms import day_field
from documents.models import Issuer, RegisterEntry
from documents.permissions import is_clerk

from .register_export import COLUMNS, rows


def clerk_issuers(user) -> list[Issuer]:
    return [issuer for issuer in Issuer.objects.select_related("office").order_by("name") if is_clerk(user, issuer)]


def latest_issuer(issuers: list[Issuer]) -> Issuer | None:
    """The issuer whose register took the latest entry: the clerk opens the register on what was just issued."""
    latest = (RegisterEntry.objects.filter(register__issuer__in=issuers).order_by("-created_at", "-pk")
              .values_list("register__issuer_id", flat=True).first())
    return next((issuer for issuer in issuers if issuer.pk == latest), issuers[0] if issuers else None)


class RegisterForm(forms.Form):
    issuer = forms.ModelChoiceField(queryset=Issuer.objects.none(), label=_("Cơ quan ban hành"), empty_label=None)
    start = day_field(_("Từ ngày"))
    end = day_field(_("Đến ngày"))

    def __init__(self, data, issuers: list[Issuer]):
        today = timezone.localdate()
        default = latest_issuer(issuers)
        initial = {"start": datetime.date(today.year, 1, 1), "end": today, "issuer": default.pk if default else None}
        super().__init__({**initial, **{k: v for k, v in data.items() if v}}, initial=initial)
        issuer_field = self.fields["issuer"]
        assert isinstance(issuer_field, forms.ModelChoiceField)
        issuer_field.queryset = Issuer.objects.filter(pk__in=[i.pk for i in issuers]).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “đến ngày”."))
        return data


def register_view(request):
    issuers = clerk_issuers(request.user)
    if not issuers:
        raise Http404
    form = RegisterForm(request.GET, issuers)
    context = {"form": form, "columns": COLUMNS, "rows": [], "links": {}}
    if form.is_valid():
        issuer, start, end = form.cleaned_data["issuer"], form.cleaned_data["start"], form.cleaned_data["end"]
        query = urlencode({"from": start.isoformat(), "to": end.isoformat()})
        context.update(
            issuer=issuer, rows=[list(zip(COLUMNS, row, strict=False)) for row in rows(issuer, start, end)],
            links={fmt: f"{reverse(f'rest:api_register_{fmt}', args=[issuer.pk])}?{query}"
                   for fmt in ("csv", "xlsx")},
        )
    return TemplateResponse(request, "distribution/admin/register.html", context)
