"""Wagtail auto-imports this module; each area registers its hooks in its own module, imported here."""
from documents import terms_admin  # noqa: F401
from documents.distribution import wagtail_hooks as distribution_hooks  # noqa: F401
from documents.importing import hooks as importing_hooks  # noqa: F401
from documents.output import hooks as output_hooks  # noqa: F401
from documents.workflow import (
    document_admin,  # noqa: F401
    editor_hooks,  # noqa: F401
    review_admin,  # noqa: F401
)
from documents.workflow import hooks as workflow_hooks  # noqa: F401
