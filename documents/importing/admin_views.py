"""Start a document from a file in the admin: upload a .docx, .txt, .doc, .odt, PDF or scan under an issuer's
section, get a draft
(the importer of service.py reads, converts legacy encodings, parses and builds it) and continue in the editor.

The import runs in a thread (background.py): a file read within IMPORT_WAIT_SECONDS goes straight to the
editor; a longer one (a scan of many pages read by OCR) shows a page that reloads itself until the draft is
made, then goes to the editor, or back to the form with the reason it could not be."""
from __future__ import annotations

import uuid

from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .background import Job, run_job
from .reader import SUPPORTED_SUFFIXES
from .service import import_bytes, joined_notes

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
            data, name, user = upload.read(), upload.name, request.user
            issuer = section_issuer(self.section)

            def work() -> Job:
                result = import_bytes(data, name, issuer=issuer, user=user)
                return {"page": result.page.pk, "title": result.page.title,
                        "notes": joined_notes(result.notes)}

            job = {"id": uuid.uuid4().hex, "owner": user.pk, "section": self.section.pk, "file": name,
                   "status": "running"}
            ended = run_job(job, _key(job["id"]), work, name=f"admin-import-{job['id']}")
            if ended is None:
                return redirect("vanban_import_wait", self.section.pk, job["id"])
            if ended["status"] == "done":
                return _to_editor(request, ended)
            form.add_error("file", ended["error"])
        return self.render_to_response(self.get_context_data(form=form))


def _key(job_id: str) -> str:
    return f"admin-import-job:{job_id}"


def _to_editor(request, job: Job):
    notes = job.get("notes", "")
    messages.success(request, _("Đã tạo dự thảo “%(title)s” từ tệp %(name)s. Kiểm tra rồi trình ký.")
                     % {"title": job["title"], "name": job["file"]} + (f" ({notes})" if notes else ""))
    return redirect("wagtailadmin_pages:edit", job["page"])


class ImportWaitView(WagtailAdminTemplateMixin, TemplateView):
    """While a long file is read: a page that reloads itself, then the editor or the form with the reason."""

    template_name = "documents/importing/wait.html"
    page_title = gettext_lazy("Đang đọc tệp")
    header_icon = "doc-full"

    def get(self, request, section_id: int, job_id: str, *args, **kwargs):
        job = cache.get(_key(job_id))
        if job is None or job["owner"] != request.user.pk or job["section"] != section_id:
            raise Http404
        if job["status"] == "done":
            return _to_editor(request, job)
        if job["status"] == "failed":
            messages.error(request, _("Không tạo được dự thảo từ tệp %(name)s: %(error)s")
                           % {"name": job["file"], "error": job["error"]})
            return redirect("vanban_import", section_id)
        self.section = get_object_or_404(Page, id=section_id).specific
        return self.render_to_response(self.get_context_data(job=job))

    def get_page_subtitle(self):
        return self.section.title

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_explore", args=[self.section.pk]), "label": self.section.title},
                {"url": reverse("vanban_import", args=[self.section.pk]), "label": ImportDocumentView.page_title},
                {"url": "", "label": self.page_title}]
