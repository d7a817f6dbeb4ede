"""Bench corpus into the database: site, issuers and their pages, then documents bulk-inserted as pages.

Pages are bulk-inserted (Page, DocumentPage and kind rows, treebeard paths computed here) because creating
100,000 pages one by one through Wagtail would dominate the run.
"""
from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from documents.kinds import kind_classes
from documents.models import (
    DocumentBasis,
    DocumentPage,
    DocumentRecipient,
    DocumentState,
    Issuer,
    IssuerIndexPage,
    Term,
)
from documents.models.base import default_rule_set
from search.bench.corpus import ISSUERS, TYPE_CODES, Generator


def create_site_and_issuers() -> tuple[dict, dict]:
    """A site root, issuers and their section pages; returns (section page by code, issuer id by code).

    A plain Wagtail page stands for the site's home: no search engine reads it, so the benchmark needs nothing
    from the cms app.
    """
    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="Văn bản phường La Gi", slug="bench-home"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    issuers: list[Issuer] = []
    for name, code, system, kind, superior, _share in ISSUERS:
        issuer = Issuer.objects.create(
            name=name, code=code, system=system, kind=kind, place_name="La Gi", slug=f"co-quan-{len(issuers)}",
            superior=issuers[superior] if superior is not None else None,
        )
        issuers.append(issuer)
        if system == "party" and superior is None:
            Term.objects.create(issuer=issuer, name="2020–2025", starts_on=datetime.date(2020, 10, 1),
                                ends_on=datetime.date(2025, 7, 21))
            Term.objects.create(issuer=issuer, name="2025–2030", starts_on=datetime.date(2025, 7, 22))
    pages = {}
    for issuer in issuers:
        pages[issuer.code] = home.add_child(instance=IssuerIndexPage(title=issuer.name, slug=issuer.slug, issuer=issuer))
    return pages, {i.code: i.pk for i in issuers}


def _insert(model, objs, fields, chunk: int = 200) -> None:
    for start in range(0, len(objs), chunk):
        model._base_manager._insert(objs[start:start + chunk], fields=fields)


def create_corpus(size: int, seed: int, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Bulk-insert ``size`` issued, published documents; returns issuer ids by code."""

    index_pages, issuer_ids = create_site_and_issuers()
    classes = kind_classes()
    content_types = {kind: ContentType.objects.get_for_model(cls) for kind, cls in classes.items()}
    locale_id = Locale.get_default().pk
    codes = [code for _n, code, *_rest in ISSUERS]
    systems = [system for _n, _c, system, *_rest in ISSUERS]
    steps = {code: 0 for code in codes}
    now = timezone.now()
    done = 0
    batch: list = []

    def flush() -> None:
        nonlocal batch, done
        if not batch:
            return
        with transaction.atomic():
            Page.objects.bulk_create([page for page, _d in batch], batch_size=200)
            for page, _d in batch:
                page.page_ptr_id = page.documentpage_ptr_id = page.id
            _insert(DocumentPage, [p for p, _d in batch], DocumentPage._meta.local_concrete_fields)
            for cls in classes.values():
                objs = [p for p, _d in batch if type(p) is cls]
                if objs:
                    _insert(cls, objs, cls._meta.local_concrete_fields)
            DocumentBasis.objects.bulk_create(
                [DocumentBasis(page_id=p.id, text=t, sort_order=i) for p, d in batch for i, t in enumerate(d.bases)],
                batch_size=500)
            DocumentRecipient.objects.bulk_create(
                [DocumentRecipient(page_id=p.id, name=n, sort_order=i, archive=n.startswith("Lưu"))
                 for p, d in batch for i, n in enumerate(d.recipients)], batch_size=500)
        done += len(batch)
        batch = []
        if progress:
            progress(done)

    for doc in Generator(seed).documents(size):
        code = codes[doc.issuer]
        parent = index_pages[code]
        steps[code] += 1
        cls = classes[doc.kind]
        slug = f"vb-{done + len(batch) + 1}"
        published = timezone.make_aware(datetime.datetime.combine(doc.issued_on, datetime.time(9)))
        page = cls(
            title=doc.title, draft_title=doc.title, slug=slug, content_type=content_types[doc.kind],
            locale_id=locale_id, translation_key=uuid.uuid4(), path=Page._get_path(parent.path, parent.depth + 1, steps[code]),
            depth=parent.depth + 1, numchild=0, url_path=f"{parent.url_path}{slug}/", live=True,
            has_unpublished_changes=False, first_published_at=published, last_published_at=published,
            latest_revision_created_at=now,
            kind_slug=doc.kind, issuer_id=issuer_ids[code], type_code=TYPE_CODES[doc.kind], number=doc.number,
            notation=doc.notation, notation_key=doc.notation_key, issued_on=doc.issued_on, place="La Gi",
            preamble=doc.preamble, signer_position=doc.signer_position, signer_name=doc.signer_name,
            state=DocumentState.ISSUED, legal_status=doc.legal_status, visibility=doc.visibility,
            rule_set=default_rule_set(systems[doc.issuer], doc.issued_on),
        )
        page.body = doc.body
        batch.append((page, doc))
        if len(batch) >= 500:
            flush()
    flush()
    for code, parent in index_pages.items():
        Page.objects.filter(pk=parent.pk).update(numchild=steps[code])
    return issuer_ids
