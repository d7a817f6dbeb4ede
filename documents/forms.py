"""The admin form of every document kind (DocumentPage.base_form_class).

A clerk never sees a slug or an issuer to choose: the issuer is the one of the section the document is created
under, and the page's address is derived from its number and trích yếu (DocumentPage.full_clean). A Nơi nhận line
may be just a directory entry (its name is printed), and a saved list of recipients is added in one choice. A new
document starts with the issuer's usual signer, căn cứ and Nơi nhận (documents/drafting.py: usual_start).
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput

DAY_FORMAT = "%d/%m/%Y"  # as the paper writes it (ngày 05 tháng 01 năm 2026) and as the register prints it


class DayInput(AdminDateInput):
    """The admin's date picker, told not to "correct" what the clerk typed when the field loses focus: it turned
    31/02/2026 into 03/03/2026 without a word, and the document was issued with that date. The date goes to the
    server as typed, which answers "Nhập một ngày hợp lệ." and changes nothing. Typing closes the calendar
    (day_input.js): left open, it took a click meant for the next field as a day."""

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={**(attrs or {}), "data-vanban-day": ""}, format=format)

    def get_config(self) -> dict:
        return {**super().get_config(), "validateOnBlur": False}

    @property
    def media(self):
        return super().media + forms.Media(js=["documents/day_input.js"])


def day_field(label, **kwargs) -> forms.DateField:
    """A date typed and shown day first with the admin's date picker (a browser's own date box shows 12/02/2026
    for 2 December when its language is English); ISO dates are accepted too (links, scripts)."""
    messages = {"invalid": _("Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 05/01/2026.")}
    return forms.DateField(label=label, input_formats=[DAY_FORMAT, "%Y-%m-%d"], widget=DayInput(format=DAY_FORMAT),
                           error_messages=messages, **kwargs)


def account_label(user) -> str:
    """ "Nguyễn Quốc Nam (lanhdao)": the name first, the login to tell two namesakes apart."""
    name = user.get_full_name().strip()
    return f"{name} ({user.get_username()})" if name else user.get_username()


class DocumentPageForm(WagtailAdminPageForm):
    apply_recipient_list: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Thêm danh sách nơi nhận đã lưu"),
        help_text=_("Các nơi nhận của danh sách được thêm vào cuối Nơi nhận khi lưu."),
    )

    def __init__(self, *args, parent_page=None, **kwargs):
        from documents.models import RecipientList

        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "apply_recipient_list" in self.fields:
            self.fields["apply_recipient_list"].queryset = RecipientList.objects.order_by("name")
        self._issuer_from_section(parent_page)
        signer = self.fields.get("signer_user")
        if isinstance(signer, forms.ModelChoiceField):  # people by name, as the office knows them
            signer.queryset = signer.queryset.filter(is_active=True).order_by("last_name", "first_name", "username")
            signer.label_from_instance = account_label
        if self.instance.pk is None:
            self._usual_start()
        recipients = self.formsets.get("recipients")
        if recipients is not None:
            for form in [*recipients.forms, recipients.empty_form]:
                form.fields["name"].required = False  # filled from the chosen directory entry

    def _issuer_from_section(self, parent_page) -> None:
        section_issuer = getattr(parent_page.specific if parent_page is not None else None, "issuer_id", None)
        field = self.fields.get("issuer")
        if field is None or section_issuer is None:
            return
        if self.instance.issuer_id in (None, section_issuer):
            # A document belongs to the section it is created under: the issuer follows it, never typed.
            field.disabled = True
            field.queryset = field.queryset.filter(pk=section_issuer)
            self.initial["issuer"] = section_issuer

    def _usual_start(self) -> None:
        """A new document starts as the issuer's usual one: its signer, căn cứ and Nơi nhận (drafting.usual_start),
        shown as new lines the drafter edits. Only on the blank form: a posted form keeps what was posted."""
        from documents.drafting import usual_start

        issuer = self.initial.get("issuer")
        if not issuer:
            return
        usual = usual_start(issuer, self.instance.kind)
        for name, value in usual.signer.items():
            if name in self.fields and not self.initial.get(name):
                self.initial[name] = value
        if self.is_bound:
            return
        for relation, rows in (("bases", usual.bases), ("recipients", usual.recipients)):
            formset = self.formsets.get(relation)
            if formset is not None and rows and not formset.initial_form_count():
                formset.extra, formset.initial_extra = len(rows), rows  # before its forms are built

    def clean(self):
        cleaned = super().clean()
        recipients = self.formsets.get("recipients")
        # On trình ký only: a draft may be saved while its articles are still being written.
        if "action-submit" in self.data and "body" in cleaned and recipients is not None and recipients.is_valid():
            from documents.article_refs import dangling_article_refs, dangling_refs_message
            from documents.blocks import stream_text

            names = [form.cleaned_data.get("name", "") for form in recipients.forms
                     if form.cleaned_data and not form.cleaned_data.get("DELETE")]
            missing = dangling_article_refs(names, stream_text(cleaned["body"]))
            if missing:
                self.add_error(None, dangling_refs_message(missing))
        return cleaned

    def _post_clean(self):
        # The parent is known before the page is added: the slug is derived and checked against its siblings now.
        if self.parent_page is not None and self.instance.pk is None:
            self.instance._cached_parent_obj = self.parent_page
        super()._post_clean()

    def save(self, commit=True):
        page = super().save(commit=False)
        chosen = self.cleaned_data.get("apply_recipient_list")
        if chosen is not None:
            self._append_recipients(page, chosen)
        if commit:
            page.save()
            self.save_m2m()
        return page

    @staticmethod
    def _append_recipients(page, recipient_list) -> None:
        from documents.models import DocumentRecipient

        lines = list(page.recipients.all())
        present = {line.recipient_id for line in lines if line.recipient_id}
        order = max((line.sort_order or 0 for line in lines), default=-1) + 1
        for entry in recipient_list.entries.select_related("recipient").order_by("sort_order"):
            if entry.recipient_id in present:
                continue
            lines.append(DocumentRecipient(name=entry.recipient.name, recipient=entry.recipient,
                                           purpose=entry.purpose, archive=entry.archive, sort_order=order))
            order += 1
        page.recipients = lines
