from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.accounts import (
    AdminLoginView,
    LoginView,
    LogoutView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from cms.api import api_router
from cms.auth_api import RotateTokenView, TokenDetailView, TokenListView
from cms.rest.api import api as rest_api
from cms.security.forms import DjangoAdminLoginForm
from cms.syndication import IssuedDocumentsFeed, sitemap

admin.site.login_form = DjangoAdminLoginForm  # the login policy's messages (cms/security/login_policy.py)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),  # members land on the site
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/", rest_api.urls),  # issue 13: the write API (ninja); paths it does not know fall through
    path("", include("search.urls")),
    path("", include("documents.distribution.urls")),
    path("", include("documents.output.urls")),  # issue 11: PDF, DOCX, verification
    # Authentication: token and logout are API operations (cms/rest/tokens.py); these manage a user's tokens.
    path("api/auth/token/rotate/", RotateTokenView.as_view(), name="api-auth-token-rotate"),
    path("api/auth/tokens/", TokenListView.as_view(), name="api-auth-tokens"),
    path("api/auth/tokens/<int:token_id>/", TokenDetailView.as_view(), name="api-auth-token-detail"),
    path("dang-nhap/", LoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feed/", IssuedDocumentsFeed(), name="feed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
