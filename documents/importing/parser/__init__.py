"""Text of an official document → ParsedDocument (domain.md §2, §4, §5, §6). No database."""
from .tail import DEFAULT_KINDS, REGULATION, SECTIONED, KindSpec, ParseError, detect_period, parse_document

__all__ = ["DEFAULT_KINDS", "REGULATION", "SECTIONED", "KindSpec", "ParseError", "detect_period", "parse_document"]
