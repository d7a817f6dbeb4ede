"""The login forms of the Wagtail admin and the Django admin, reporting the login policy in Vietnamese."""
from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .login_policy import bad_credentials_message, login_wait, too_many_attempts_message


class PolicyMessagesMixin:
    """One message whichever part was wrong; the wait when the policy refused the attempt."""

    def get_invalid_login_error(self):
        if wait := login_wait(self.request):
            return forms.ValidationError(too_many_attempts_message(wait), code="throttled")
        return forms.ValidationError(bad_credentials_message(), code="invalid_login")


class AdminLoginForm(PolicyMessagesMixin, WagtailLoginForm):
    """settings.WAGTAILADMIN_USER_LOGIN_FORM; Wagtail's password field has no label of its own ("Password"), and
    its username placeholder puts the field's capitalised name mid-sentence ("Nhập Tên đăng nhập")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["placeholder"] = _("Nhập tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        self.fields["remember"].label = _("Ghi nhớ đăng nhập")


class DjangoAdminLoginForm(PolicyMessagesMixin, AdminAuthenticationForm):
    """admin.site.login_form (cms/urls.py)"""
