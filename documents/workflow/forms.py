"""Forms of the workflow action modals."""
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm


class ReturnForm(TaskStateCommentForm):
    """Returning a document for revision always says why."""

    comment = forms.CharField(label=_("Ý kiến (bắt buộc)"), widget=forms.Textarea({"rows": 3}), required=True)


class CommentForm(TaskStateCommentForm):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea({"rows": 3}), required=False)
