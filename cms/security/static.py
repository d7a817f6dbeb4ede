"""Static files storage of settings.production."""
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ForgivingManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """A name missing from the manifest (static files collected with other settings, a template naming a file
    added since) is hashed on the fly instead of raising ValueError, which turned every HTML page into a 500."""

    manifest_strict = False
