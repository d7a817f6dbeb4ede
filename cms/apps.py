from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Trang thông tin")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from documents.models import IssuerIndexPage

        from . import document_cache_receivers  # noqa: F401  (cached documents forgotten on every change)
        from .anonymous_cache import LISTINGS
        from .models import home_listing_version
        from .sites_admin import use_vietnamese_site_columns

        use_vietnamese_site_columns()
        LISTINGS["home"] = home_listing_version

        # The domain does not know the site: issuer sections sit directly under the home page.
        IssuerIndexPage.parent_page_types = ["cms.HomePage"]
