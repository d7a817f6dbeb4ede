"""Downloads: /van-ban/<id>/pdf/ and /van-ban/<id>/docx/, and the verification API /api/verify/.

A download passes the page's own permission check (documents.permissions.can_view): one who may not read the
document gets 404, exactly as for a missing document. Drafts (not live) are open to those who may read them in the
admin (documents.permissions.can_read), marked DỰ THẢO.
"""
from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from documents.models import DocumentPage
from documents.permissions import can_read, can_view

from .pdf import filename

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def readable_document(request: HttpRequest, page_id: int) -> DocumentPage:
    page = DocumentPage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    allowed = can_view(request.user, page) or (not page.live and can_read(request.user, page))
    if not allowed:
        raise Http404
    return page.specific


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_pdf(request: HttpRequest, page_id: int) -> HttpResponse:
    from .original import served_pdf

    page = readable_document(request, page_id)
    return _download(served_pdf(page), PDF_TYPE, filename(page, "pdf"))


def document_docx(request: HttpRequest, page_id: int) -> HttpResponse:
    from .docx import render_docx

    page = readable_document(request, page_id)
    return _download(render_docx(page), DOCX_TYPE, filename(page, "docx"))


def output_urls(page: DocumentPage) -> dict[str, str]:
    """Absolute download URLs (settings BASE_URL) of a document the caller may read."""
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return {
        "pdf_url": base + reverse("output:pdf", args=[page.pk]),
        "docx_url": base + reverse("output:docx", args=[page.pk]),
    }


@csrf_exempt  # a file to check, nothing changes; open to anyone who holds the file
@require_POST
def verify_view(request: HttpRequest) -> JsonResponse:
    from .verify import verify_pdf

    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"detail": _("Hãy gửi tệp PDF cần kiểm tra trong trường “file”.")}, status=400)
    limit = getattr(settings, "DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
    if (upload.size or 0) > limit:
        return JsonResponse({"detail": _("Tệp quá lớn để kiểm tra.")}, status=400)
    report = verify_pdf(upload.read())
    data = report.as_json()
    if report.document is not None and not can_view(request.user, report.document):
        data["document"] = {"registered": True}  # say it is registered, not what it is, to one who may not read it
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
