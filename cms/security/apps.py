from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Its own app (label vanban_security), so its tables and migrations never collide with cms's."""

    name = "cms.security"
    label = "vanban_security"
    verbose_name = _("Bảo mật")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (tokens revoked on password change and deactivation)
