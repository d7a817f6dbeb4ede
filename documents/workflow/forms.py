"""Forms of the workflow actions: the modals of Wagtail's workflow and the document's own action pages."""
import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

from documents.forms import day_field


class ReturnForm(TaskStateCommentForm):
    """Returning a document for revision always says why."""

    comment = forms.CharField(label=_("Ý kiến (bắt buộc)"), widget=forms.Textarea({"rows": 3}), required=True)


class CommentForm(TaskStateCommentForm):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea({"rows": 3}), required=False)


class IssueForm(TaskStateCommentForm):
    """Cấp số và ban hành: the date printed on the document (today unless said otherwise) and the copies made."""

    issued_on = day_field(_("Ngày ban hành"), required=False,  # empty: today
                          help_text=_("Ngày/tháng/năm, ví dụ 05/01/2026; để trống là ngày hôm nay."))
    copies = forms.IntegerField(label=_("Số lượng bản"), min_value=1, required=False,
                                error_messages={"min_value": _("Số lượng bản ít nhất là 1.")})
    comment = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea({"rows": 2}), required=False)
    field_order = ["issued_on", "copies", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()

    def clean_issued_on(self) -> datetime.date:
        day = self.cleaned_data["issued_on"] or timezone.localdate()
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày ban hành không được sau ngày hôm nay."))
        return day


class ReasonForm(forms.Form):
    """Ngừng quy trình: a confirmation, with an optional reason kept in the audit log."""

    comment = forms.CharField(label=_("Lý do"), widget=forms.Textarea({"rows": 3}), required=False)
