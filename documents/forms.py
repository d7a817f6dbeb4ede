"""The admin form of every document kind (DocumentPage.base_form_class).

A clerk never sees a slug or an issuer to choose: the issuer is the one of the section the document is created
under, and the page's address is derived from its number and trích yếu (DocumentPage.full_clean).
"""
from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm


class DocumentPageForm(WagtailAdminPageForm):
    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        section_issuer = getattr(parent_page.specific if parent_page is not None else None, "issuer_id", None)
        field = self.fields.get("issuer")
        if field is not None and section_issuer is not None:
            if self.instance.issuer_id is None:
                self.initial["issuer"] = section_issuer
            if self.instance.issuer_id in (None, section_issuer):
                # A document belongs to the section it is created under: the issuer follows it, never typed.
                field.disabled = True
                field.queryset = field.queryset.filter(pk=section_issuer)
                self.initial["issuer"] = section_issuer

    def _post_clean(self):
        # The parent is known before the page is added: the slug is derived and checked against its siblings now.
        if self.parent_page is not None and self.instance.pk is None:
            self.instance._cached_parent_obj = self.parent_page
        super()._post_clean()
