"""The clerk's batch import in the admin: upload many files or a .zip, follow the progress, read and download
the per-file report.

The batch runs in a background thread of the web process and writes its progress to an ImportBatch row, which
the status page polls: a zip of a few hundred documents takes minutes, longer than a request may wait behind a
proxy. Each file is still its own transaction with its ImportRecord, so if the process stops mid-batch the row
is left "đang nhập" without updates, the page says the batch was interrupted, and uploading the same files again
imports only what is missing.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from documents.models import DocumentPage, ImportBatch, Issuer, Visibility
from documents.permissions import is_clerk
from documents.workflow.review import can_review

from .batch import IMPORTED, RESULT_LABELS, REVIEW, Options, Outcome, run_batch
from .report import HEADER, Tally, report_bytes
from .sources import ARCHIVE_SUFFIX, WALKABLE_SUFFIXES, Source, list_sources

logger = logging.getLogger(__name__)

MAX_UPLOADS = 500
SAVE_EVERY_SECONDS = 0.5
STALE_AFTER = timedelta(minutes=2)  # a running batch not updated for this long was interrupted


def is_batch_clerk(user) -> bool:
    return any(is_clerk(user, issuer) for issuer in Issuer.objects.select_related("office"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        # An empty file is refused by the import with a reason on its own row, not by the form for the whole batch
        # (which dropped every file chosen with it).
        super().__init__(*args, allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        return [single(None if isinstance(data, list | tuple) else data, initial)]


class BatchForm(forms.Form):
    uploads = MultipleFileField(
        label=gettext_lazy("Tệp văn bản (Word, PDF, ảnh quét, .txt) hoặc tệp .zip"),
        widget=MultipleFileInput(attrs={"accept": ",".join((*WALKABLE_SUFFIXES, ARCHIVE_SUFFIX))}),
        error_messages={"required": gettext_lazy("Hãy chọn ít nhất một tệp.")},
    )
    issue = forms.BooleanField(
        label=gettext_lazy("Văn bản đã ban hành: đăng ký vào sổ theo số và ngày gốc"), required=False, initial=True,
    )
    # Asked, not assumed: an office's archive holds internal documents too, and a public one is read by anyone.
    visibility = forms.ChoiceField(
        label=gettext_lazy("Phạm vi truy cập"), choices=Visibility.choices, initial=Visibility.INTERNAL,
        help_text=gettext_lazy("Công khai: ai cũng đọc và tìm được. Nội bộ: cán bộ của cơ quan ban hành và cấp trên. "
                               "Hạn chế: chỉ người được cấp quyền và nơi nhận."),
    )

    # Only where the document's own issuer is not recognised (no letterhead, a body not yet declared): one that
    # prints another issuer keeps it, so a batch from several bodies is never put under one.
    fallback_issuer = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan ban hành của văn bản không ghi rõ"), queryset=Issuer.objects.none(), required=False,
        empty_label=gettext_lazy("(không chọn: văn bản không rõ cơ quan sẽ báo lỗi)"),
        help_text=gettext_lazy("Dùng cho văn bản không nhận ra cơ quan ban hành (thiếu phần tiêu đề, bản chép lại). "
                               "Văn bản ghi rõ cơ quan ban hành vẫn theo cơ quan ghi trên văn bản."),
    )
    refused: list[tuple[str, str]] = []  # (file name, reason) of the uploads of another type

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kept = [i.pk for i in Issuer.objects.select_related("office") if user is not None and is_clerk(user, i)]
        fallback = self.fields["fallback_issuer"]
        assert isinstance(fallback, forms.ModelChoiceField)
        fallback.queryset = Issuer.objects.filter(pk__in=kept).order_by("name")

    def clean_uploads(self):
        uploads = self.cleaned_data["uploads"]
        if len(uploads) > MAX_UPLOADS:
            raise forms.ValidationError(_("Nhiều nhất %(n)d tệp mỗi lần; hãy gộp thành tệp .zip.") % {"n": MAX_UPLOADS})
        accepted = (*WALKABLE_SUFFIXES, ARCHIVE_SUFFIX)
        wrong = [u.name for u in uploads if not u.name.lower().endswith(accepted)]
        if len(wrong) == len(uploads):  # nothing to import: said here, the files stay chosen in the browser
            raise forms.ValidationError(_("Chỉ nhận tệp %(suffixes)s: %(names)s")
                                        % {"suffixes": ", ".join(accepted), "names": ", ".join(wrong[:5])})
        # Among others, a file of another type is refused on its own row of the report; the rest import.
        self.refused = [(name, _("Không nhận loại tệp này (chỉ nhận %(suffixes)s).") % {"suffixes": ", ".join(accepted)})
                        for name in wrong]
        return [u for u in uploads if u.name not in wrong]


class BatchImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/importing/batch.html"
    page_title = gettext_lazy("Nhập lô văn bản")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not is_batch_clerk(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", BatchForm(user=self.request.user))
        recent = ImportBatch.objects.filter(owner=self.request.user)[:10]
        return super().get_context_data(recent=recent, **kwargs)

    def post(self, request, *args, **kwargs):
        form = BatchForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        folder = Path(tempfile.mkdtemp(prefix="vanban-batch-"))
        for n, upload in enumerate(form.cleaned_data["uploads"]):
            # Each upload in a folder of its own: two files of the same name are both kept.
            target = folder / f"{n:03d}" / (get_valid_filename(Path(upload.name).name) or f"tep-{n}")
            target.parent.mkdir()
            with target.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        sources, _skipped = list_sources(sorted(p for p in folder.iterdir()), root=folder)
        sources = [s.__class__(s.name.split("/", 1)[1], s.path, s.member, s.error) for s in sources]
        sources += [Source(name, folder, error=reason) for name, reason in form.refused]
        batch = ImportBatch.objects.create(owner=request.user, issue=form.cleaned_data["issue"], total=len(sources))
        fallback = form.cleaned_data["fallback_issuer"]
        options = Options(issue=batch.issue, visibility=form.cleaned_data["visibility"], user_id=request.user.pk,
                          clerk_only=True, fallback_issuer_id=fallback.pk if fallback else None)
        thread = threading.Thread(target=_run, args=(batch.pk, sources, options, folder), daemon=True,
                                  name=f"import-batch-{batch.pk}")
        thread.start()
        if getattr(settings, "IMPORT_BATCH_WAIT", False):  # tests: the page shows the finished batch
            thread.join()
        return redirect("vanban_batch_status", batch.pk)


def _run(batch_id, sources, options: Options, folder: Path) -> None:
    rows: list[dict] = []
    last = 0.0

    def on_outcome(outcome: Outcome) -> None:
        nonlocal last
        rows.append(_row(outcome))
        if time.monotonic() - last >= SAVE_EVERY_SECONDS:
            last = time.monotonic()
            ImportBatch.objects.filter(pk=batch_id).update(rows=rows, updated=timezone.now())

    try:
        run_batch(sources, options, on_outcome=on_outcome)
        ImportBatch.objects.filter(pk=batch_id).update(rows=rows, status=ImportBatch.Status.DONE,
                                                       updated=timezone.now())
    except Exception as exc:  # what was imported stays; the page says the batch stopped and why
        logger.exception("batch import %s stopped", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(rows=rows, status=ImportBatch.Status.FAILED,
                                                       error=f"{type(exc).__name__}: {exc}", updated=timezone.now())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        connections.close_all()  # this thread's own connections


def _row(outcome: Outcome) -> dict:
    return {"file": outcome.file, "result": outcome.result, "kind": outcome.kind, "notation": outcome.notation,
            "date": outcome.date, "issuer": outcome.issuer, "reason": outcome.reason, "page_id": outcome.page_id,
            "label": outcome.label}


def _outcomes(batch: ImportBatch) -> list[Outcome]:
    return [Outcome(r["file"], r["result"], kind=r["kind"], notation=r["notation"], date=r["date"],
                    issuer=r["issuer"], reason=r["reason"], page_id=r["page_id"], label=r["label"])
            for r in batch.rows]


def _own_batch(request, batch_id) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    if batch.owner_id != request.user.pk:
        raise Http404
    return batch


def summary(batch: ImportBatch) -> dict:
    tally = Tally(total=batch.total)
    for outcome in _outcomes(batch):
        tally.add(outcome)
    interrupted = batch.status == ImportBatch.Status.RUNNING and timezone.now() - batch.updated > STALE_AFTER
    seconds = max((batch.updated - batch.created).total_seconds(), 0.001)
    return {
        "status": "interrupted" if interrupted else batch.status, "total": tally.total, "done": tally.done,
        "imported": tally.imported, "existing": tally.existing, "failed": tally.failed,
        "percent": int(100 * tally.done / tally.total) if tally.total else 100,
        "line": tally.line(seconds), "finished": batch.status != ImportBatch.Status.RUNNING or interrupted,
    }


class BatchStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/importing/batch_status.html"
    page_title = gettext_lazy("Kết quả nhập văn bản")
    header_icon = "upload"

    def dispatch(self, request, batch_id, *args, **kwargs):
        self.batch = _own_batch(request, batch_id)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "json":
            return JsonResponse(summary(self.batch))
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": reverse("vanban_batch_import"), "label": _("Nhập lô văn bản")},
                {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        rows = []
        links = document_links(self.request, [row["page_id"] for row in self.batch.rows if row["page_id"]])
        for row in self.batch.rows:
            shown_date = "/".join(reversed(row["date"].split("-"))) if row["date"] else ""  # 05/01/2026
            # A draft import registers nothing: its number and date are only what the paper says.
            draft = _("dự thảo") if not self.batch.issue and row["result"] in (IMPORTED, REVIEW) else ""
            meta = " · ".join(p for p in (draft, row["kind"], shown_date, row["issuer"]) if p)
            rows.append({**row, "result_label": RESULT_LABELS[row["result"]], "meta": meta,
                         "document_url": links.get(row["page_id"], "")})
        return super().get_context_data(batch=self.batch, rows=rows, summary=summary(self.batch), header=HEADER,
                                        **kwargs)


def document_links(request, page_ids: list[int]) -> dict[int, str]:
    """Where each document of a batch opens: an issued one still "cần rà soát" in the clerk's review form, other
    issued ones (their content is history, the editor would refuse them) in the admin's "Xem văn bản", where the
    clerk stays, a draft in the editor; none for a document deleted since. One query."""
    links = {}
    fields = ("id", "path", "url_path", "state", "review_notes", "issuer")
    for page in DocumentPage.objects.filter(pk__in=page_ids).select_related("issuer").only(*fields):
        if can_review(request.user, page):  # still "cần rà soát": to the clerk's form
            links[page.pk] = reverse("vanban_review", args=[page.pk])
            continue
        view = "vanban_view" if page.is_registered else "wagtailadmin_pages:edit"
        links[page.pk] = reverse(view, args=[page.pk])
    return links


def batch_report(request, batch_id) -> HttpResponse:
    batch = _own_batch(request, batch_id)
    response = HttpResponse(report_bytes(_outcomes(batch), for_people=True), content_type="text/csv; charset=utf-8")
    created = timezone.localtime(batch.created)  # the time the screen shows
    response["Content-Disposition"] = f'attachment; filename="bao-cao-nhap-{created:%Y%m%d-%H%M}.csv"'
    return response
