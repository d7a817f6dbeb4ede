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
        limit_image_pixels()


def limit_image_pixels() -> None:
    """Decompression bombs in images (Wagtail images, seals, scans): Pillow refuses to decode more than
    settings.IMAGE_MAX_PIXELS pixels. Pillow only warns between the limit and twice it; that warning is made an
    error so the configured number is the real cap."""
    import warnings

    from django.conf import settings
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
    warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
