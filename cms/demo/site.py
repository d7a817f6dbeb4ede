"""The site tree: HomePage as the default site root, one IssuerIndexPage per issuer."""
from __future__ import annotations

from typing import TextIO
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from cms.models import HomePage
from documents.models import IssuerIndexPage

from .issuers import ISSUERS, SECTION_TITLES, issuer

SITE_NAME = "Văn bản Đảng ủy phường La Gi"
HOME_TITLE = "Văn bản Đảng ủy phường La Gi"
HOME_INTRO = (
    "Văn bản của Đảng ủy phường La Gi, các ban, cơ quan trực thuộc và Ủy ban nhân dân phường: "
    "tra cứu theo số, ký hiệu, trích yếu, người ký và nội dung."
)


@transaction.atomic
def load_home() -> HomePage:
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = HomePage(title=HOME_TITLE, slug="trang-chu", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if (site.hostname, site.port) == ("localhost", 80):  # Wagtail's placeholder: name where it is served instead
        site.hostname, site.port = served_at()
    old_root_id = site.root_page_id
    site.root_page = home
    site.site_name = SITE_NAME
    site.is_default_site = True
    site.save()
    # Wagtail's "Welcome to your new Wagtail site!" page, if nothing else uses it.
    if old_root_id and old_root_id != home.pk:
        old = Page.objects.filter(pk=old_root_id).first()
        if old is not None and old.specific_class is Page and old.get_children_count() == 0:
            old.delete()
    return home


def served_at() -> tuple[str, int]:
    """Host and port of BASE_URL (``make run`` sets it from PORT): the API's ``html_url`` and the sitemap name pages
    there, not at http://localhost/ (port 80, where nothing answers)."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return base.hostname or "localhost", base.port or (443 if base.scheme == "https" else 80)


def load_sections(home: HomePage) -> int:
    created = 0
    for slug in ISSUERS:
        body = issuer(slug)
        if IssuerIndexPage.objects.filter(issuer=body).exists():
            continue
        section = IssuerIndexPage(title=SECTION_TITLES[slug], slug=slug, issuer=body)
        home.add_child(instance=section)
        section.save_revision().publish()
        created += 1
    return created


def load_site(stdout: TextIO) -> None:
    home = load_home()
    created = load_sections(home)
    stdout.write(f"  trang chủ “{home.title}”, {len(ISSUERS)} trang cơ quan ({created} mới).\n")
