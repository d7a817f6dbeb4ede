"""Wagtail's own database search backend (settings.WAGTAILSEARCH_BACKENDS: admin page search, choosers, API v2
`?search=`), with the query reduced to its words first.

The vendor backends pass text to the database's full-text syntax unescaped: a lone quote is a syntax error in
SQLite FTS5 and blank text breaks the query compiler, both as 500s. The backends match words only, so keeping
the words changes no result; a query without any word matches nothing.
"""
from __future__ import annotations

import re

from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.query import MATCH_NONE

from documents.text.vietnamese import nfc

WORD = re.compile(r"\w+")
OPERATORS = (None, "and", "or")


def clean_query(query):
    """The words of a text query (MATCH_NONE when there are none); query objects pass through."""
    if not isinstance(query, str):
        return query
    words = WORD.findall(nfc(query))
    return " ".join(words) if words else MATCH_NONE


class CleanQueryMixin:
    def search(self, query, model_or_queryset, *args, operator=None, **kwargs):
        return super().search(clean_query(query), model_or_queryset, *args,
                              operator=operator if operator in OPERATORS else None, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, operator=None, **kwargs):
        query = clean_query(query)
        if query is MATCH_NONE:
            return super().search(query, model_or_queryset, *args, **kwargs)
        return super().autocomplete(query, model_or_queryset, *args,
                                     operator=operator if operator in OPERATORS else None, **kwargs)


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks up in a backend module)
    backend = vendor_backend(params)
    backend.__class__ = type(f"Clean{type(backend).__name__}", (CleanQueryMixin, type(backend)), {})
    return backend
