"""Embedded backend: full-text search inside the project's own database, no server needed."""
from .backend import ENTRY, FTS, LEAD_TOKENS, PRINCIPAL, STATE, STATE_PK, TEXT, EmbeddedBackend, prepare

__all__ = ["ENTRY", "FTS", "LEAD_TOKENS", "PRINCIPAL", "STATE", "STATE_PK", "TEXT", "EmbeddedBackend", "prepare"]
