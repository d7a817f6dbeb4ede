from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.accounts import LoginView, LogoutView
from cms.api import api_router
from cms.rest.api import api as rest_api
from cms.syndication import IssuedDocumentsFeed, sitemap

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/", rest_api.urls),  # issue 13: the write API (ninja); paths it does not know fall through
    path("", include("search.urls")),
    path("", include("documents.distribution.urls")),
    # Issue 3: authentication (its API operations are in cms/rest/tokens.py), public syndication.
    path("dang-nhap/", LoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feed/", IssuedDocumentsFeed(), name="feed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
