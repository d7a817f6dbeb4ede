"""Start a document from a file in the admin: upload a .docx, .txt, .doc, .odt, PDF or scan under an issuer's
section, get a draft
(the importer of service.py reads, converts legacy encodings, parses and builds it) and continue in the editor."""
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

from .builder import ImportFailure
from .reader import SUPPORTED_SUFFIXES
from .service import import_bytes

ACCEPTED = SUPPORTED_SUFFIXES


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp văn bản (.docx, .doc, .odt, .txt, PDF hoặc ảnh quét .jpg, .png, .tif)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(_("Chỉ nhận tệp %(suffixes)s.") % {"suffixes": ", ".join(ACCEPTED)})
        return upload


def section_issuer(page):
    """The issuer of an issuer's section page (IssuerIndexPage), or None for any other page."""
    return getattr(page.specific, "issuer", None) if hasattr(page.specific, "issuer_id") else None


def can_start_from_file(user, page) -> bool:
    from documents.models import DocumentPage

    specific = page.specific
    return (not isinstance(specific, DocumentPage) and section_issuer(page) is not None
            and page.permissions_for_user(user).can_add_subpage())


class ImportDocumentView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/importing/upload.html"
    page_title = gettext_lazy("Tạo văn bản từ tệp")
    header_icon = "doc-full"

    def dispatch(self, request, section_id: int, *args, **kwargs):
        self.section = get_object_or_404(Page, id=section_id).specific
        if not can_start_from_file(request.user, self.section):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.section.title

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_explore", args=[self.section.pk]), "label": self.section.title},
                {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UploadForm())
        back = reverse("wagtailadmin_explore", args=[self.section.pk])
        return super().get_context_data(section=self.section, back_url=back, **kwargs)

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_bytes(upload.read(), upload.name, issuer=section_issuer(self.section),
                                      user=request.user)
            except ImportFailure as failure:
                form.add_error("file", str(failure))
            else:
                notes = "; ".join(str(note) for note in result.notes)
                messages.success(request, _("Đã tạo dự thảo “%(title)s” từ tệp %(name)s. Kiểm tra rồi trình ký.")
                                 % {"title": result.page.title, "name": upload.name} + (f" ({notes})" if notes else ""))
                return redirect("wagtailadmin_pages:edit", result.page.pk)
        return self.render_to_response(self.get_context_data(form=form))
