"""Reader-site login (settings.LOGIN_URL, /dang-nhap/), logout and password reset by mail, in Vietnamese.

The login policy of every password form applies (cms/security/login_policy.py, in the authentication backend).
"""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect
from django.template.loader import select_template
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import LoginView as WagtailLoginView

from cms.security.forms import PolicyMessagesMixin
from cms.security.login_policy import bad_credentials_message


class LoginForm(PolicyMessagesMixin, AuthenticationForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label=_("Mật khẩu"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def confirm_login_allowed(self, user):
        # One message whichever part was wrong (also for inactive accounts): no user enumeration.
        if not user.is_active:
            raise forms.ValidationError(bad_credentials_message(), code="invalid_login")


def _base_template() -> str:
    return select_template(["cms/base.html", "cms/auth_base.html"]).template.name


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "cms/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(base_template=_base_template(), **kwargs)


class AdminLoginView(WagtailLoginView):
    """Wagtail's login at /admin/login/, where a member (no admin access) who signs in lands on the site, at the
    page asked for or in the inbox, instead of "no permission" over a fresh login form."""

    def _reader(self) -> bool:
        user = self.request.user
        return user.is_authenticated and not user.has_perm("wagtailadmin.access_admin")

    def get_success_url(self) -> str:
        if not self._reader():
            return super().get_success_url()
        target = self.get_redirect_url()
        if target and not target.startswith(reverse("wagtailadmin_home")):
            return target
        messages.info(self.request, _("Tài khoản của bạn dùng để đọc và nhận văn bản: đây là hộp thư của bạn."))
        return reverse("distribution:inbox")

    def get(self, request, *args, **kwargs):
        if self._reader():
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), then back to the home page."""

    next_page = "/"


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by mail: the same answer whether or not the address is known (no user enumeration)."""

    form_class = PasswordResetForm
    template_name = "cms/password_reset_form.html"
    email_template_name = "cms/mail/password_reset.txt"
    subject_template_name = "cms/mail/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "cms/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "cms/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "cms/password_reset_complete.html"
