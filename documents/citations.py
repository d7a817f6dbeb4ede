"""Citations between documents (docs/domain.md §13): derived from the text, matched by notation key and date.

- ``refresh_citations(page)`` rewrites the rows of one source from its căn cứ and body (on every full save of a
  document: the admin's and the API's drafts, an import, a publish). Saving the same content again writes nothing.
- ``link_registered(page)`` is called when a document gets its number (ban hành, an import with --issue): the
  citations that wait for its notation key find it. ``relink_key(key)`` does it for any key (rà soát: a number
  corrected away from a key leaves its citations to find another document, or none).
- ``readable_cites`` / ``readable_cited_by`` are what a reader may be shown: a target the reader may not open is
  shown as the source's own words, with no link, exactly like a citation that matches nothing.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, Subquery
from django.db.models.signals import post_save

from documents.blocks import stream_text
from documents.kinds.van_ban_khac import VanBanKhacPage
from documents.models import REGISTERED_STATES, Citation, CitationPlace, DocumentPage
from documents.signals import document_issued
from documents.text.citations import find_citations
from documents.text.vietnamese import fold, nfc

# Fields of a kind that are running text besides its body (quyết định: "Xét đề nghị …"; biên bản: kết luận).
EXTRA_TEXT_FIELDS = ("preamble", "proposal", "conclusions")
_ROW_FIELDS = ("notation_key", "cited_date", "cited_year", "kind_word", "notation", "issuer_text", "text", "where",
               "position", "target_id")


class _Candidate(NamedTuple):
    pk: int
    issued_on: datetime.date | None


# -- from text to rows ------------------------------------------------------------------------------------
def citable_parts(page: DocumentPage) -> list[tuple[str, str]]:
    """(where, text) of a document in reading order: each căn cứ line, then the running text."""
    parts = [(CitationPlace.CAN_CU.value, basis.text) for basis in page.bases.all()]
    for name in EXTRA_TEXT_FIELDS:
        value = getattr(page, name, "")
        if value:
            parts.append((CitationPlace.BODY.value, value))
    body = getattr(page, "body", None)
    if body is not None:
        parts.append((CitationPlace.BODY.value, stream_text(body)))
    return parts


def _merge(rows: list[dict[str, Any]], where: str, found) -> None:
    """Add one mention unless it names a citation already kept: the same key with the same date, or one of
    the two without a date (the body repeats "Nghị quyết số 57-NQ/TW" after citing it in full)."""
    for row in rows:
        if found.key:
            if row["notation_key"] != found.key:
                continue
            if found.date and row["cited_date"] and found.date != row["cited_date"]:
                continue
            if found.date and not row["cited_date"]:
                row.update(cited_date=found.date, cited_year=found.date.year)
            return
        if not row["notation_key"] and fold(row["text"]).lower() == fold(found.text).lower():
            return
    rows.append({
        "notation_key": found.key, "cited_date": found.date, "cited_year": found.year, "kind_word": found.kind[:40],
        "notation": found.notation[:80], "issuer_text": found.issuer[:255], "text": nfc(found.text), "where": where,
        "position": len(rows), "target_id": None,
    })


def extract_rows(page: DocumentPage) -> list[dict[str, Any]]:
    """The citation rows a document's text gives, without targets. A statute cited by name counts only in
    the căn cứ (in the body, "theo Điều lệ Đảng" is no basis of the document)."""
    rows: list[dict[str, Any]] = []
    for where, text in citable_parts(page):
        for found in find_citations(text):
            if found.key or where == CitationPlace.CAN_CU:
                _merge(rows, where, found)
    return rows


# -- matching ---------------------------------------------------------------------------------------------
def pick_target(candidates: list[_Candidate], cited_date: datetime.date | None, cited_year: int | None,
                source_date: datetime.date | None) -> int | None:
    """The document a citation names among those with its notation key.

    The same notation recurs across terms and years: a date given must match (else its year, if only one
    document of that year has the key); without a date, the only candidate, or the latest one issued on or before
    the citing document. Ambiguous or contradicted: no target.
    """
    if cited_date is not None:
        exact = [c for c in candidates if c.issued_on == cited_date]
        if len(exact) == 1:
            return exact[0].pk
        if exact:
            return None
        cited_year = cited_date.year
    pool = candidates
    if cited_year is not None:
        pool = [c for c in candidates if c.issued_on is not None and c.issued_on.year == cited_year]
        return pool[0].pk if len(pool) == 1 else None
    if len(pool) == 1:
        return pool[0].pk
    earlier = [c for c in pool if c.issued_on is not None and (source_date is None or c.issued_on <= source_date)]
    return max(earlier, key=lambda c: (c.issued_on, c.pk)).pk if earlier else None


def _candidates(keys: set[str], exclude: int) -> dict[str, list[_Candidate]]:
    """Registered documents (issued or recalled: they have a number) by notation key, in one query."""
    found: dict[str, list[_Candidate]] = {}
    if not keys:
        return found
    rows = (DocumentPage.objects.filter(notation_key__in=keys, state__in=REGISTERED_STATES).exclude(pk=exclude)
            .values_list("pk", "notation_key", "issued_on"))
    for pk, key, issued_on in rows:
        found.setdefault(key, []).append(_Candidate(pk, issued_on))
    return found


def refresh_citations(page: DocumentPage, *, new: bool = False) -> None:
    """Rewrite the citations of ``page`` from its current text; nothing is written when they are unchanged.
    ``new``: the page was just created, it has none yet."""
    rows = extract_rows(page)
    candidates = _candidates({row["notation_key"] for row in rows if row["notation_key"]}, page.pk)
    for row in rows:
        if row["notation_key"]:
            row["target_id"] = pick_target(candidates.get(row["notation_key"], []), row["cited_date"],
                                           row["cited_year"], page.issued_on)
    if new:
        if rows:
            Citation.objects.bulk_create([Citation(source_id=page.pk, **row) for row in rows])
        return
    existing = list(Citation.objects.filter(source_id=page.pk).order_by("position").values(*_ROW_FIELDS))
    if existing == rows:
        return
    Citation.objects.filter(source_id=page.pk).delete()
    Citation.objects.bulk_create([Citation(source_id=page.pk, **row) for row in rows])


def link_registered(page: DocumentPage) -> int:
    """Match again every citation of ``page``'s notation key, now that it is registered; returns how many
    citations changed target."""
    if not page.notation_key:
        return 0
    return relink_key(page.notation_key, exclude_source=page.pk)


def relink_key(key: str, *, exclude_source: int | None = None) -> int:
    """Match again every citation of a notation key among the registered documents that have it now (a document
    registered under it, or corrected away from it or to another date); returns how many changed target.
    ``exclude_source``: a document whose own citations its refresh_citations matches."""
    citations = list(Citation.objects.filter(notation_key=key).exclude(source_id=exclude_source)
                     .values_list("pk", "source_id", "source__issued_on", "cited_date", "cited_year", "target_id"))
    if not citations:
        return 0
    everyone = DocumentPage.objects.filter(notation_key=key, state__in=REGISTERED_STATES).values_list("pk", "issued_on")
    pool = [_Candidate(pk, issued_on) for pk, issued_on in everyone]
    changed = 0
    for pk, source_id, source_date, cited_date, cited_year, target_id in citations:
        target = pick_target([c for c in pool if c.pk != source_id], cited_date, cited_year, source_date)
        if target != target_id:
            Citation.objects.filter(pk=pk).update(target_id=target)
            changed += 1
    return changed


# -- what a reader may see --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CitedItem:
    """One line of "Căn cứ" or "Được căn cứ bởi". ``page`` is None when there is nothing the reader may open:
    then only the source's own words (``text``, ``notation``, ``date`` as cited) are shown."""

    text: str
    notation: str
    date: datetime.date | None
    kind: str = ""
    page: DocumentPage | None = None
    where: str = ""  # CitationPlace: in the căn cứ, or named in the running text
    recalled: bool = False  # the cited document was recalled; ``page`` leads to its notice (cms/recalled.py)

    @property
    def title(self) -> str | None:
        return self.page.title if self.page is not None else None


def readable_cites(page: DocumentPage, user) -> list[CitedItem]:
    """What ``page`` cites, in order, each document once; one query."""
    from documents.permissions import known_recalled_documents, visible_documents

    readable = visible_documents(user).filter(pk=OuterRef("target_id"))
    known = known_recalled_documents(user).filter(pk=OuterRef("target_id"))
    rows = (Citation.objects.filter(source_id=page.pk).annotate(readable=Exists(readable), recalled=Exists(known))
            .select_related("target").order_by("position"))
    items: list[CitedItem] = []
    seen: set[int] = set()
    for row in rows:
        target = row.target
        if target is not None and (row.readable or row.recalled):
            if target.pk in seen:
                continue
            seen.add(target.pk)
            items.append(CitedItem(text=row.text, notation=target.notation, date=target.issued_on,
                                   kind=row.kind_word, page=target, where=row.where, recalled=row.recalled))
        else:  # unmatched, or a document this reader may not open: the source's words only
            items.append(CitedItem(text=row.text, notation=row.notation, date=row.cited_date, kind=row.kind_word,
                                   where=row.where))
    return items


def _type_word(type_name: str) -> str:
    """ "QUY CHẾ" → "Quy chế"."""
    type_name = str(type_name or "").strip().lower()
    return type_name[:1].upper() + type_name[1:]


def readable_cited_by(page: DocumentPage, user) -> list[CitedItem]:
    """Documents the reader may open that cite ``page``, each once, newest first; one query."""
    from documents.permissions import visible_documents

    printed = VanBanKhacPage.objects.filter(pk=OuterRef("source_id")).values("printed_type_name")[:1]
    rows = (Citation.objects.filter(target_id=page.pk, source__in=visible_documents(user).values("pk"))
            .annotate(printed_type=Subquery(printed)).select_related("source")
            .order_by("-source__issued_on", "-source_id", "position"))
    items: list[CitedItem] = []
    seen: set[int] = set()
    for row in rows:
        if row.source_id in seen:
            continue
        seen.add(row.source_id)
        source = row.source
        items.append(CitedItem(text=row.text, notation=source.notation, date=source.issued_on, page=source,
                               kind=_type_word(row.printed_type or getattr(source.specific_class, "type_name", ""))))
    return items


# -- wiring -----------------------------------------------------------------------------------------------
def _saved(sender, instance, created: bool = False, raw: bool = False, update_fields=None, **kwargs) -> None:
    # A full save of a document of a kind carries its whole content (a save of a few fields, or of the generic
    # row without its body, does not).
    if raw or update_fields is not None or not isinstance(instance, DocumentPage) or type(instance) is DocumentPage:
        return
    if getattr(instance, "defer_citations", False):  # the caller refreshes them once it has written the bases
        return
    refresh_citations(instance, new=created)


def _issued(sender, page: DocumentPage, **kwargs) -> None:
    link_registered(page)


def connect() -> None:
    post_save.connect(_saved, dispatch_uid="vanban_citations_saved")
    document_issued.connect(_issued, dispatch_uid="vanban_citations_issued")
