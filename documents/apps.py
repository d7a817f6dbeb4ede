from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .distribution import receivers  # noqa: F401
        from .workflow import receivers as workflow_receivers

        workflow_receivers.connect()
        from . import citations
        from .output import receivers as output_receivers  # noqa: F401

        citations.connect()
