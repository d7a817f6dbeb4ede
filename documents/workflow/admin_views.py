"""Admin action "Thu hồi" (recall) for clerks on issued documents."""
from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from documents.models import DocumentPage

from .transitions import TransitionError, can_recall, recall


class RecallForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do thu hồi"), widget=forms.Textarea({"rows": 4}), required=True)


class RecallView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/workflow/recall.html"
    page_title = gettext_lazy("Thu hồi văn bản")
    header_icon = "warning"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        self.document = get_object_or_404(Page, id=page_id).specific
        if not isinstance(self.document, DocumentPage) or not can_recall(request.user, self.document):
            raise PermissionDenied
        self.next_url = reverse("wagtailadmin_explore", args=[self.document.get_parent().id])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.document.get_admin_display_title()

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", RecallForm())
        return super().get_context_data(document=self.document, next_url=self.next_url, **kwargs)

    def post(self, request, *args, **kwargs):
        form = RecallForm(request.POST)
        if form.is_valid():
            try:
                recall(self.document, request.user, form.cleaned_data["reason"])
            except TransitionError as error:
                form.add_error("reason", error.messages[0])
            else:
                messages.success(request, _("Đã thu hồi văn bản “%(title)s”.") % {"title": self.document.title})
                return redirect(self.next_url)
        return self.render_to_response(self.get_context_data(form=form))
