"""The document's workflow actions in the admin, each on its own page with the box it needs:
Ký duyệt (kèm ý kiến), Trả lại, Cấp số và ban hành (ngày ban hành, số lượng bản), Ngừng quy trình, Thu hồi."""
from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from documents.models import DocumentPage, DocumentState
from documents.numbering import expected_notation

from . import transitions
from .actions import available_actions
from .forms import CommentForm, IssueForm, ReasonForm, ReturnForm
from .notes import sign_note, submit_note
from .transitions import TransitionError


class RecallForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do thu hồi"), widget=forms.Textarea({"rows": 4}), required=True)


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A refusal on the form: beside each field it names that the form has, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, " ".join(error.messages))


class DocumentActionView(WagtailAdminTemplateMixin, TemplateView):
    """One action on one document: GET shows what will happen and the form, POST does it through transitions."""

    template_name = "documents/workflow/action.html"
    action = ""
    form_class: type[forms.Form] = CommentForm
    submit_label: str | Promise = ""
    intro: str | Promise = ""

    def dispatch(self, request, page_id: int, *args, **kwargs):
        self.document = get_object_or_404(Page, id=page_id).specific
        if not isinstance(self.document, DocumentPage) or not self.permitted(self.document, request.user):
            raise PermissionDenied
        self.back_url = self.get_back_url()
        return super().dispatch(request, *args, **kwargs)

    def permitted(self, document: DocumentPage, user) -> bool:
        return self.action in available_actions(document, user)

    def get_back_url(self) -> str:
        """The document: its editor, or once registered (its editor refuses) its Xem văn bản page."""
        name = "vanban_view" if self.document.is_registered else "wagtailadmin_pages:edit"
        return reverse(name, args=[self.document.pk])

    def get_page_subtitle(self):
        return self.document.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_explore", args=[self.document.get_parent().id]),
             "label": self.document.get_parent().title},
            {"url": self.back_url, "label": self.document.get_admin_display_title()[:60]},
            {"url": "", "label": self.page_title},
        ]

    def get_form(self, data=None) -> forms.Form:
        return self.form_class(data)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        who, note = submit_note(self.document) if self.document.state == DocumentState.SUBMITTED else ("", "")
        signer, signed = sign_note(self.document) if self.document.state == DocumentState.SIGNED else ("", "")
        return super().get_context_data(
            document=self.document, back_url=self.back_url, submit_label=self.submit_label, intro=self.intro,
            submit_note=note, submit_note_by=who, sign_note=signed, sign_note_by=signer, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                response = self.perform(form.cleaned_data)
            except ValidationError as error:  # a TransitionError, or a rule's refusal naming the field it concerns
                add_errors(form, error)
            else:
                return response
        return self.render_to_response(self.get_context_data(form=form))

    def perform(self, data: dict):
        raise NotImplementedError

    def done(self, message: str, url: str | None = None, buttons: list | None = None):
        messages.success(self.request, message, buttons=buttons)
        return redirect(url or reverse("wagtailadmin_explore", args=[self.document.get_parent().id]))


class SignView(DocumentActionView):
    action = "sign"
    page_title = gettext_lazy("Ký duyệt")
    header_icon = "success"
    submit_label = gettext_lazy("Ký duyệt")
    @property
    def intro(self) -> str:  # type: ignore[override]
        if self.request.GET.get("y-kien"):  # the comment is required there: not "(nếu có)"
            return _("Ký duyệt văn bản đúng như đã trình, kèm ý kiến của bạn; ý kiến được ghi vào nhật ký văn bản "
                     "và gửi đến văn thư.")
        return _("Ký duyệt văn bản đúng như đã trình. Ý kiến (nếu có) được ghi vào nhật ký văn bản.")

    def get_form(self, data=None):
        form = CommentForm(data)
        if self.request.GET.get("y-kien"):  # "Ký duyệt kèm ý kiến": the comment is the point
            form.fields["comment"].required = True
            form.fields["comment"].label = _("Ý kiến khi ký (bắt buộc)")
        return form

    def perform(self, data):
        page = transitions.approve(self.document, self.request.user, data.get("comment", ""))
        return self.done(_("Đã ký duyệt văn bản “%(title)s”; văn thư được báo để cấp số và ban hành.")
                         % {"title": page.title})


class ReturnView(DocumentActionView):
    action = "return"
    form_class = ReturnForm
    page_title = gettext_lazy("Trả lại văn bản")
    header_icon = "arrow-left"  # Wagtail's sprite has no "undo"
    submit_label = gettext_lazy("Trả lại")
    intro = gettext_lazy("Văn bản trở lại dự thảo; người soạn được báo kèm ý kiến của bạn và phải trình ký lại.")

    def perform(self, data):
        page = transitions.reject(self.document, self.request.user, data["comment"])
        return self.done(_("Đã trả lại văn bản “%(title)s” để sửa.") % {"title": page.title})


class IssueView(DocumentActionView):
    action = "issue"
    form_class = IssueForm
    page_title = gettext_lazy("Cấp số và ban hành")
    header_icon = "success"
    submit_label = gettext_lazy("Cấp số và ban hành")
    @property
    def intro(self) -> str:  # type: ignore[override]
        text = _("Văn bản được cấp số tiếp theo trong sổ văn bản đi, ban hành và gửi đến Nơi nhận.")
        expected = expected_notation(self.document)
        if expected:  # the notation kept on one line ("113-" | "QĐ/ĐU" read as two things)
            sentence = _("Nếu ban hành hôm nay, số và ký hiệu sẽ là %(notation)s (số chính thức được cấp khi bấm "
                         "“Cấp số và ban hành”).")
            before, _marker, after = sentence.partition("%(notation)s")
            return format_html('{} {}<span class="vanban-nowrap">{}</span>{}', text, before, expected, after)
        return text

    def get_form(self, data=None):
        form = IssueForm(data)
        recipients = self.document.recipients.count()
        form.fields["copies"].initial = self.document.copies or (recipients or None)
        return form

    def perform(self, data):
        page = transitions.approve(self.document, self.request.user, data.get("comment", ""),
                                   issued_on=data["issued_on"], copies=data.get("copies"))
        # The clerk's next step is sending: the message leads there, and to the document as issued.
        return self.done(
            _("Đã cấp số %(notation)s, ngày %(day)s và ban hành văn bản “%(title)s”.")
            % {"notation": page.notation, "day": formats.date_format(page.issued_on, "d/m/Y"), "title": page.title},
            buttons=[messages.button(reverse("distribution_admin:tracking", args=[page.pk]), _("Theo dõi gửi văn bản")),
                     messages.button(reverse("vanban_view", args=[page.pk]), _("Xem văn bản"))])


class CancelView(DocumentActionView):
    action = "cancel"
    form_class = ReasonForm
    page_title = gettext_lazy("Ngừng quy trình")
    header_icon = "error"
    submit_label = gettext_lazy("Ngừng quy trình")
    intro = gettext_lazy("Văn bản trở lại dự thảo, chữ ký (nếu đã ký) không còn giá trị: muốn ban hành phải "
                         "trình ký lại. Việc ngừng được ghi vào nhật ký văn bản.")

    def perform(self, data):
        page = transitions.cancel(self.document, self.request.user, data.get("comment", ""))
        return self.done(_("Đã ngừng quy trình; văn bản “%(title)s” trở lại dự thảo.") % {"title": page.title},
                         reverse("wagtailadmin_pages:edit", args=[page.pk]))


class RecallView(DocumentActionView):
    action = "recall"
    form_class = RecallForm
    template_name = "documents/workflow/recall.html"
    page_title = gettext_lazy("Thu hồi văn bản")
    header_icon = "warning"

    @property
    def explorer_url(self) -> str:
        return reverse("wagtailadmin_explore", args=[self.document.get_parent().id])

    def post(self, request, *args, **kwargs):
        form = RecallForm(request.POST)
        if form.is_valid():
            try:
                transitions.recall(self.document, request.user, form.cleaned_data["reason"])
            except TransitionError as error:
                form.add_error("reason", error.messages[0])
            else:
                messages.success(request, _("Đã thu hồi văn bản “%(title)s”.") % {"title": self.document.title})
                return redirect(self.explorer_url)
        return self.render_to_response(self.get_context_data(form=form))
