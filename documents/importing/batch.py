"""Importing many files: each one read, fingerprinted, checked against what is already in, and built in its own
transaction together with its ImportRecord, so a run killed half-way leaves whole documents only and the next
run over the same files imports just the rest ("đã có" for the others).

"Already in" means: the same bytes (SHA-256) imported before, or the same document (issuer, notation, date)
under any file name. ``import_one`` is the unit; ``run_batch`` feeds it to 1..N processes (documents/importing/
workers.py) and hands each outcome back to the caller for its progress bar and report.
"""
from __future__ import annotations

import contextlib
import datetime
import hashlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.distribution.directory import recipient_matcher
from documents.models import DocumentPage, DocumentState, ImportRecord, Issuer, document_type_name
from documents.permissions import is_clerk

from . import wagtail_index
from .builder import ImportFailure, kind_specs
from .reader import ReadError, read_bytes
from .service import joined_notes, prepare, write
from .sources import Source, read_sources
from .tree import ParsedDocument

IMPORTED, EXISTING, REVIEW, FAILED = "imported", "existing", "review", "failed"
RESULT_LABELS = {
    IMPORTED: gettext_lazy("đã nhập"),
    EXISTING: gettext_lazy("đã có"),
    REVIEW: gettext_lazy("cần rà soát"),
    FAILED: gettext_lazy("lỗi"),
}


@dataclass
class Outcome:
    """What became of one file; plain data, so worker processes can send it back."""

    file: str
    result: str
    kind: str = ""
    notation: str = ""
    date: str = ""  # ISO 8601, as Excel and people both read it
    issuer: str = ""  # as readers write it (Issuer.display_name), not the capitals of the letterhead
    reason: str = ""  # what is missing (cần rà soát) or why the file was refused (lỗi)
    page_id: int | None = None
    label: str = ""
    notes: list[str] = field(default_factory=list)
    issued: bool = False

    @property
    def created(self) -> bool:
        return self.result in (IMPORTED, REVIEW)


@dataclass
class Options:
    issue: bool = False
    issuer_id: int | None = None
    visibility: str | None = None
    user_id: int | None = None
    # The admin imports as the clerk: only documents of issuers they keep the register of.
    clerk_only: bool = False
    fallback_issuer_id: int | None = None  # the issuer of a document whose own is not recognised


class _Context:
    """Per-process lookups made once per batch rather than once per document."""

    def __init__(self, options: Options) -> None:
        from django.contrib.auth import get_user_model

        self.options = options
        # index_page: display_name, and the parent of the pages created; terms: the numbering series of each
        # document (Term.for_issuer walks the issuer's lineage, which is wired below from this same list).
        self.issuers = list(Issuer.objects.select_related("index_page").prefetch_related("terms"))
        by_pk = {issuer.pk: issuer for issuer in self.issuers}
        for issuer in self.issuers:
            if issuer.superior_id in by_pk:
                issuer.superior = by_pk[issuer.superior_id]
        self.forced = next((i for i in self.issuers if i.pk == options.issuer_id), None)
        self.fallback = next((i for i in self.issuers if i.pk == options.fallback_issuer_id), None)
        self.user = get_user_model().objects.filter(pk=options.user_id).first() if options.user_id else None
        self.specs = kind_specs()
        # The directory as the batch began: a Nơi nhận entry added meanwhile is matched by the next batch.
        self.match_recipient = recipient_matcher()


_local = threading.local()  # one context per thread: the admin may run batches beside each other
# Taken around each file's write transaction; workers on SQLite (one writer at a time) set a shared lock.
write_guard: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext


def context(options: Options) -> _Context:
    key = (options.issuer_id, options.user_id, options.issue, options.visibility, options.clerk_only,
           options.fallback_issuer_id)
    cached = getattr(_local, "context", None)
    if cached is None or cached[0] != key:
        _local.context = cached = (key, _Context(options))
    return cached[1]


def reset_context() -> None:
    """Forget cached issuers and user (a new batch, or a forked worker with new connections)."""
    _local.context = None


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_key(issuer: Issuer, key: str, day: datetime.date) -> str:
    """ImportRecord.document_key: the issuer, notation key and date of a document."""
    return f"{issuer.pk}|{key}|{day.isoformat()}"


def document_key(issuer: Issuer, parsed: ParsedDocument) -> str:
    if parsed.notation is None or not parsed.number or parsed.date is None:
        return ""
    return record_key(issuer, parsed.notation.key, parsed.date)


def same_document(issuer: Issuer, key: str, day: datetime.date, *, exclude: int | None = None) -> int | None:
    """The id of the document that has this issuer, notation key and date, registered or imported before
    (``exclude``: a document being corrected, which is not its own duplicate)."""
    # Ids first: nearly every file is new, and a page's full row (some hundred columns to compile and read) is
    # then never needed (2.1 → 1.35 ms of CPU a file).
    pages = DocumentPage.objects.filter(issuer=issuer, notation_key=key, issued_on=day)
    records = ImportRecord.objects.filter(document_key=record_key(issuer, key, day), page__isnull=False)
    if exclude is not None:
        pages, records = pages.exclude(pk=exclude), records.exclude(page_id=exclude)
    found = pages.values_list("pk", flat=True).first()
    return found if found is not None else records.values_list("page_id", flat=True).first()


def existing_document(issuer: Issuer, parsed: ParsedDocument) -> DocumentPage | None:
    """The document this one already is: the same issuer, notation and date, registered or imported before."""
    if not document_key(issuer, parsed) or parsed.notation is None or parsed.date is None:
        return None
    found = same_document(issuer, parsed.notation.key, parsed.date)
    return DocumentPage.objects.get(pk=found) if found is not None else None


def _existing(name: str, page: DocumentPage, why: str) -> Outcome:
    return Outcome(name, EXISTING, kind=document_type_name(page),
                   notation=page.notation, date=page.issued_on.isoformat() if page.issued_on else "",
                   issuer=page.issuer.display_name, reason=why, page_id=page.pk, label=page.title, issued=page.is_issued)


def _existing_by_file(name: str, record: ImportRecord, options: Options | None = None) -> Outcome:
    assert record.page is not None
    page = record.page.specific
    hint = _draft_hint(page, options) if options is not None else ""
    return _existing(name, page, _("Tệp này đã được nhập (%(file)s).") % {"file": record.file_name} + hint)


def import_one(name: str, data: bytes, options: Options) -> Outcome:
    """Import one file's bytes, or say why not; never raises for bad input, and a failure keeps nothing."""
    try:
        return _import_one(name, data, options)
    except ImportFailure as exc:
        return Outcome(name, FAILED, reason=str(exc))
    except Exception as exc:  # a bug must not stop the batch; the file is reported, nothing of it kept
        return Outcome(name, FAILED, reason=_("lỗi không mong đợi (%(error)s)") % {
            "error": f"{type(exc).__name__}: {exc}"})


def _import_one(name: str, data: bytes, options: Options) -> Outcome:
    try:  # what the file is comes first: a file that cannot be read is refused whatever the database holds
        read = read_bytes(data, name.rsplit("/", 1)[-1])
    except ReadError as exc:
        raise ImportFailure(str(exc)) from None
    sha = fingerprint(data)
    record = ImportRecord.objects.filter(fingerprint=sha).first()  # its page only read when there is one
    replaced: DocumentPage | None = None
    if record is not None and record.page_id is not None:
        replaced = _draft_to_replace(record.page_id, options)
        if replaced is None:
            return _existing_by_file(name, record, options)
    stale = record is not None  # its document was deleted since: the file may come in again
    ctx = context(options)
    prepared = prepare(read, issuer=ctx.forced, specs=ctx.specs, issuers=ctx.issuers, fallback=ctx.fallback)
    target, parsed = prepared.issuer, prepared.parsed
    if options.clerk_only and not is_clerk(ctx.user, target):
        raise ImportFailure(_("Bạn không phải văn thư của %(issuer)s: không nhập văn bản của cơ quan này.")
                            % {"issuer": target.name})
    found = existing_document(target, parsed) if replaced is None else None
    if found is not None:
        replaced = _draft_to_replace(found.pk, options)
        if replaced is None:
            return _existing(name, found.specific, _("Văn bản này đã có (cùng cơ quan, số ký hiệu và ngày).")
                             + _draft_hint(found, options))

    def record_file(page: DocumentPage) -> None:
        if stale:
            ImportRecord.objects.filter(fingerprint=sha).delete()
        ImportRecord.objects.create(fingerprint=sha, page=page, file_name=name[-500:],
                                    document_key=document_key(target, parsed))

    try:
        with write_guard(), transaction.atomic():
            if replaced is not None:  # the untouched draft goes, in the transaction that registers its document
                _delete_draft(replaced)
            result = write(prepared, issue=options.issue, visibility=options.visibility, user=ctx.user,
                           match_recipient=ctx.match_recipient, also=record_file)
    except (ImportFailure, IntegrityError, ValidationError) as exc:
        # Another worker may have taken this file or this number a moment ago: then it is already in (not so for
        # the draft this file was to replace, back after the rollback: the failure is the answer then).
        record = ImportRecord.objects.filter(fingerprint=sha, page__isnull=False).select_related("page").first()
        if record is not None and (replaced is None or record.page_id != replaced.pk):
            return _existing_by_file(name, record)
        found = existing_document(target, parsed)
        if found is not None and (replaced is None or found.pk != replaced.pk):
            return _existing(name, found.specific, _("Văn bản này đã có (cùng cơ quan, số ký hiệu và ngày)."))
        if isinstance(exc, ValidationError):
            raise ImportFailure(" ".join(exc.messages)) from None
        if isinstance(exc, IntegrityError):
            raise ImportFailure(_("Không ghi được văn bản (%(error)s).") % {"error": exc}) from None
        raise
    page = result.page
    review = joined_notes(parsed.review)
    notation = page.notation or parsed.notation_text.replace(" ", "")
    return Outcome(
        name, REVIEW if review else IMPORTED, kind=parsed.type_name, notation=notation,
        date=parsed.date.isoformat() if parsed.date else "", issuer=target.display_name, reason=review, page_id=page.pk,
        label=result.label, issued=page.is_issued,
        notes=[*([str(REPLACED_DRAFT)] if replaced is not None else []), *(str(n) for n in result.notes)],
    )


REPLACED_DRAFT = gettext_lazy("thay bản dự thảo đã nhập trước đây của văn bản này")


def _draft_to_replace(page_id: int, options: Options) -> DocumentPage | None:
    """A draft this importer made of the document and nobody has touched since (one revision, still dự thảo):
    imported again as issued, it gives way to the registered document, so a clerk who forgot to tick "Văn bản đã
    ban hành" imports the file again rather than hunting for the draft."""
    from wagtail.models import Revision

    if not options.issue:
        return None
    page = DocumentPage.objects.filter(pk=page_id, state=DocumentState.DRAFT).first()
    if page is None or not ImportRecord.objects.filter(page_id=page_id).exists():
        return None
    if Revision.page_revisions.filter(object_id=str(page_id)).count() != 1 or page.current_workflow_state:
        return None
    return page


def _draft_hint(found: DocumentPage, options: Options) -> str:
    """What to do when the document is a draft already worked on: the clerk decides, nothing is deleted here."""
    if not options.issue or found.state != DocumentState.DRAFT:
        return ""
    return " " + _("Bản đã có là dự thảo (“%(title)s”) đã được sửa sau khi nhập: để đăng ký như văn bản đã ban hành, "
                   "hãy xóa bản dự thảo đó rồi nhập lại tệp.") % {"title": found.title}


def _delete_draft(page: DocumentPage) -> None:
    originals = [a.document for a in page.specific.attachments.select_related("document") if a.is_original]
    ImportRecord.objects.filter(page_id=page.pk).delete()
    page.specific.delete()
    for document in originals:  # its stored copy of the file: the new document keeps its own
        document.delete()


def iter_tasks(sources: list[Source]) -> Iterator[tuple[str, bytes | None, str]]:
    for source, data, error in read_sources(sources):
        yield source.name, data, error


def run_task(task: tuple[str, bytes | None, str], options: Options) -> Outcome:
    name, data, error = task
    if data is None:
        return Outcome(name, FAILED, reason=error)
    return import_one(name, data, options)


def run_batch(sources: list[Source], options: Options, *, jobs: int = 1,
              on_outcome: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Import every source (``jobs`` processes), calling ``on_outcome`` in this process as each one finishes.

    Index updates are written to the queue with each document and applied in bulk at the end
    (documents.signals.import_batch_started / import_batch_finished, which the search app listens to). Wagtail's
    own index is held likewise and written in bulk for every document created or found (wagtail_index.py).
    """
    from documents.signals import import_batch_finished, import_batch_started

    from .workers import imap_outcomes

    reset_context()
    outcomes: list[Outcome] = []
    import_batch_started.send(sender=Outcome)
    wagtail_index.hold()
    try:
        for outcome in imap_outcomes(iter_tasks(sources), options, jobs):
            outcomes.append(outcome)
            on_outcome(outcome)
    finally:
        try:  # workers' saves were held in their processes: the outcomes name their documents
            wagtail_index.index_pages(wagtail_index.release() | {o.page_id for o in outcomes if o.page_id})
        finally:
            import_batch_finished.send(sender=Outcome, created=sum(o.created for o in outcomes))
    return outcomes
