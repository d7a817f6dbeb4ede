"""Rà soát văn bản nhập in the admin: the form (review.py does the writing), its button on the document's listing
row, its URL and its line in the document's history. Opening such a document's editor leads its clerk here too
(workflow/hooks.py, refuse_editing_issued)."""
from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from documents.forms import day_field
from documents.models import DocumentPage, SignerAuthority, System
from documents.models.base import PARTY_AUTHORITIES, STATE_AUTHORITIES
from documents.permissions import is_clerk

from .admin_views import DocumentActionView
from .review import can_review, correct_import, recipient_entries
from .review_suggestions import SuggestingInput, known_signers

# What a log line names as corrected ("review_notes" is told by the lines it quotes as checked).
FIELD_LABELS = {"number": gettext_lazy("số"), "notation": gettext_lazy("số và ký hiệu"),
                "issued_on": gettext_lazy("ngày ban hành"), "place": gettext_lazy("địa danh"),
                "rule_set": gettext_lazy("quy định thể thức"),
                "title": gettext_lazy("trích yếu"), "signer_authority": gettext_lazy("thẩm quyền ký"),
                "signer_authority_body": gettext_lazy("tập thể ký thay"), "signer_position": gettext_lazy("chức vụ người ký"),
                "signer_name": gettext_lazy("người ký"), "bases": gettext_lazy("căn cứ"),
                "recipients": gettext_lazy("nơi nhận")}


class ReviewForm(forms.Form):
    # Top to bottom as on the paper: số và ký hiệu (left), địa danh and date (right), then trích yếu and the rest.
    number = forms.IntegerField(label=gettext_lazy("Số"), min_value=1, max_value=999999, required=False,
                                help_text=gettext_lazy("Số in trên bản gốc. Chỉ sửa số thì số và ký hiệu đổi theo."))
    notation = forms.CharField(
        label=gettext_lazy("Số và ký hiệu"), max_length=80, required=False,
        help_text=gettext_lazy("Như trên bản gốc, ví dụ 105-QĐ/ĐU hoặc 68/KH-UBND; sửa được cả ký hiệu loại văn bản."))
    issued_on = day_field(gettext_lazy("Ngày ban hành"), help_text=gettext_lazy("Ngày/tháng/năm, ví dụ 05/01/2026."))
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=100, required=False,
                            help_text=gettext_lazy("Trước ngày tháng trên bản gốc, ví dụ La Gi."))
    title = forms.CharField(label=gettext_lazy("Trích yếu"), widget=AdminAutoHeightTextInput({"rows": 2}),
                            max_length=255)
    signer_authority = forms.ChoiceField(label=gettext_lazy("Thẩm quyền ký"), choices=SignerAuthority.choices,
                                         required=False)
    signer_authority_body = forms.CharField(
        label=gettext_lazy("Tập thể hoặc người đứng đầu"), required=False, max_length=255,
        help_text=gettext_lazy("Sau T/M, K/T…: ví dụ BAN THƯỜNG VỤ, TRƯỞNG BAN."))
    signer_position = forms.CharField(label=gettext_lazy("Chức vụ người ký"), required=False, max_length=255)
    signer_name = forms.CharField(label=gettext_lazy("Họ tên người ký"), required=False, max_length=255)
    bases = forms.CharField(label=gettext_lazy("Căn cứ (mỗi căn cứ một dòng)"), required=False,
                            widget=AdminAutoHeightTextInput({"rows": 4}))
    recipients = forms.CharField(
        label=gettext_lazy("Nơi nhận (mỗi nơi nhận một dòng)"), required=False,
        widget=AdminAutoHeightTextInput({"rows": 4}),
        help_text=gettext_lazy("Như trên bản gốc, mục đích trong ngoặc, ví dụ “Thường trực Đảng ủy (b/c)”, “Lưu VP”. "
                               "Nơi nhận không có trong danh bạ được đánh dấu để văn thư xem lại."))
    review_notes = forms.CharField(
        label=gettext_lazy("Cần rà soát"), required=False, widget=AdminAutoHeightTextInput({"rows": 2}),
        help_text=gettext_lazy("Xóa những dòng đã đối chiếu với bản gốc; để trống khi đã rà soát xong."))


class ReviewView(DocumentActionView):
    page_title = gettext_lazy("Rà soát văn bản nhập")
    header_icon = "doc-full"
    submit_label = gettext_lazy("Lưu rà soát")
    intro = gettext_lazy("Đối chiếu với bản gốc và sửa những gì máy đọc sai: số, số và ký hiệu, ngày ban hành, địa "
                         "danh, trích yếu, khối chữ ký, căn cứ, nơi nhận. Sổ đăng ký văn bản đi và các trích dẫn đến văn bản này "
                         "đổi theo; loại và nội dung văn bản giữ như đã nhập. Mỗi lần sửa được ghi vào nhật ký văn bản.")

    def dispatch(self, request, page_id: int, *args, **kwargs):
        document = get_object_or_404(Page, id=page_id).specific
        if (isinstance(document, DocumentPage) and document.is_registered and not document.needs_review
                and is_clerk(request.user, document.issuer)):  # an old link: say it is done
            messages.info(request, _("Văn bản “%(title)s” đã rà soát xong.") % {"title": document.title})
            return redirect("vanban_view", document.pk)
        return super().dispatch(request, page_id, *args, **kwargs)

    def permitted(self, document: DocumentPage, user) -> bool:
        return can_review(user, document)

    def get_form(self, data=None) -> forms.Form:
        page = self.document
        bases = "\n".join(b.text for b in page.bases.order_by("sort_order", "pk"))
        form = ReviewForm(data, initial={"number": page.number, "notation": page.notation,
                                         "issued_on": page.issued_on, "place": page.place, "title": page.title, "signer_authority": page.signer_authority,
                                         "signer_authority_body": page.signer_authority_body,
                                         "signer_position": page.signer_position,
                                         "signer_name": page.signer_name, "bases": bases,
                                         "recipients": "\n".join(recipient_entries(page)),
                                         "review_notes": page.review_notes})
        form.fields["number"].required = page.number is not None  # a registered number is corrected, not removed
        allowed = PARTY_AUTHORITIES if page.issuer.system == System.PARTY else STATE_AUTHORITIES
        authority = form.fields["signer_authority"]
        assert isinstance(authority, forms.ChoiceField)
        authority.choices = [(value, label) for value, label in SignerAuthority.choices
                             if value in allowed or value == page.signer_authority]
        names, positions = known_signers(page.issuer)
        form.fields["signer_name"].widget = SuggestingInput(names)
        form.fields["signer_position"].widget = SuggestingInput(positions)
        return form

    def perform(self, data: dict):
        changed = correct_import(self.document, self.request.user, title=data["title"],
                                 signer_authority=data["signer_authority"],
                                 signer_authority_body=data["signer_authority_body"],
                                 signer_position=data["signer_position"], signer_name=data["signer_name"],
                                 bases=data["bases"].splitlines(), recipients=data["recipients"].splitlines(),
                                 review_notes=data["review_notes"],
                                 number=data["number"], notation=data["notation"], issued_on=data["issued_on"],
                                 place=data["place"])
        if not changed:
            messages.info(self.request, _("Không có gì thay đổi."))
            return redirect(self.request.path)
        done = not (self.document.review_notes or "").strip()
        message = (_("Đã rà soát xong văn bản “%(title)s”.") if done
                   else _("Đã lưu rà soát văn bản “%(title)s”; vẫn còn mục cần rà soát."))
        return self.done(message % {"title": self.document.title})


@hooks.register("register_page_listing_buttons")
def review_listing_button(page, user, next_url=None):
    document = page.specific_deferred
    if isinstance(document, DocumentPage) and can_review(user, document):
        yield ListingButton(_("Rà soát"), reverse("vanban_review", args=[page.pk]), icon_name="doc-full",
                            priority=15, attrs={"aria-label": _("Rà soát văn bản nhập")})


@hooks.register("register_admin_urls")
def review_urls():
    return [path("van-ban/<int:page_id>/ra-soat/", ReviewView.as_view(), name="vanban_review")]


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    @actions.register_action("vanban.review")
    class ReviewFormatter(LogFormatter):
        label = gettext_lazy("Rà soát văn bản nhập")

        def format_message(self, log_entry):
            names = [str(FIELD_LABELS[name]) for name in log_entry.data.get("changed", []) if name in FIELD_LABELS]
            parts = [_("sửa %(fields)s") % {"fields": ", ".join(names)}] if names else []
            if log_entry.data.get("replaced_original"):  # the stored PDF printed the misread values
                parts.append(_("bản PDF lưu trữ được tạo lại ở lần tải sau"))
            resolved = log_entry.data.get("resolved", [])
            if resolved:
                parts.append(_("đã đối chiếu: %(lines)s") % {"lines": "; ".join(f"“{line}”" for line in resolved)})
            return _("Đã rà soát: %(what)s") % {"what": "; ".join(parts)} if parts else _("Đã rà soát")
