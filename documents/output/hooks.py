"""Wagtail hooks of the official output: the audit-log line of a stored original."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_log_actions")
def register_output_log_actions(actions):
    @actions.register_action("vanban.original")
    class OriginalFormatter(LogFormatter):
        label = gettext_lazy("Lưu bản gốc")

        def format_message(self, log_entry):
            data = log_entry.data
            signed = ", ".join(data.get("signed_by") or []) or _("không ký số")
            return _("Đã lưu bản gốc PDF, SHA-256 %(sha)s (ký số: %(signed)s)") % {
                "sha": data.get("sha256", ""), "signed": signed}
