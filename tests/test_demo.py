"""The demonstration (issue 2, item 7): `manage.py load_demo` loads phường La Gi and running it again adds nothing."""
from __future__ import annotations

import datetime
import io
import os
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from cms.models import HomePage
from documents.models import DocumentPage, DocumentRecipient, Issuer, IssuerIndexPage, RegisterEntry, Term

# The demo `make run` serves on SQLite; its content does not depend on the engine (PostgreSQL loads it in
# the Chromium pass).
pytestmark = pytest.mark.sqlite_pass

PASSWORD = "demo-test-password"
DEMO_USERNAMES = ["vanthu", "soanthao", "lanhdao", "thanhvien", "quantri"]
CONTRACT_KEYS = {
    "id", "url", "kind", "number", "notation", "issued_on", "place", "issuer", "title", "bases", "signer",
    "recipients", "status", "visibility",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches the site root paths; a rolled-back test must not leave its site behind for the next one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "issuers": Issuer.objects.count(), "terms": Term.objects.count(), "pages": Page.objects.count(),
        "documents": DocumentPage.objects.count(), "users": get_user_model().objects.count(),
        "register": RegisterEntry.objects.count(), "recipients": DocumentRecipient.objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.fixture
def demo(db, settings):
    settings.DEMO_PASSWORD = PASSWORD
    return load_demo()


def seed() -> DocumentPage:
    return DocumentPage.objects.get(notation="01-QC/BCĐ").specific


def test_refuses_without_a_password(db, settings):
    settings.DEMO_PASSWORD = ""
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("load_demo", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_prints_the_url_and_the_accounts_first(demo):
    head = demo.splitlines()[:8]
    assert head[0].startswith("Trang web: http://")
    assert any(PASSWORD in line for line in head)
    for username in DEMO_USERNAMES:
        assert any(line.strip().startswith(username) for line in head)


def test_second_run_duplicates_nothing(demo):
    before = counts()
    load_demo()
    assert counts() == before


def test_issuers_term_and_site_of_la_gi(demo):
    bcd = Issuer.objects.get(code="BCĐ")
    assert bcd.name == "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"
    assert bcd.printed_superior == "ĐẢNG ỦY PHƯỜNG LA GI"
    assert bcd.superior.code == "ĐU" and bcd.superior.superior.code == "TU"
    assert bcd.office.code == "VPĐU"
    assert Issuer.objects.get(code="UBND").system == "state"
    term = Term.for_issuer(bcd, datetime.date(2026, 1, 5))
    assert term is not None and term.starts_on == datetime.date(2025, 7, 22)
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert IssuerIndexPage.objects.count() == Issuer.objects.count()
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()  # Wagtail's welcome page is gone


def test_demo_users_can_log_in(demo, client):
    for username in DEMO_USERNAMES:
        assert client.login(username=username, password=PASSWORD), username
        client.logout()
    assert get_user_model().objects.get(username="quantri").is_superuser
    assert get_user_model().objects.get(username="vanthu").email == "vanthu@lagi.example"


def test_seed_is_issued_public_and_served(demo, client):
    page = seed()
    assert (page.kind_slug, page.number, page.issued_on) == ("quy_che", 1, datetime.date(2026, 1, 5))
    assert (page.state, page.visibility, page.live) == ("issued", "public", True)
    response = client.get(page.url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Số 01-QC/BCĐ" in text and "La Gi, ngày 05 tháng 01 năm 2026" in text
    assert "Nguyễn Quốc Nam" in text


def test_seed_in_the_api_with_the_contract_fields(demo, client):
    page = seed()
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert CONTRACT_KEYS <= set(data)
    assert (data["kind"], data["notation"], data["issued_on"], data["place"]) == ("quy_che", "01-QC/BCĐ", "2026-01-05", "La Gi")
    assert data["issuer"]["code"] == "BCĐ" and data["issuer"]["superior"] == "ĐẢNG ỦY PHƯỜNG LA GI"
    assert len(data["bases"]) == 4
    assert len(data["recipients"]) == 11 and data["recipients"][-1]["archive"] is True
    assert data["signer"] == {"authority": "", "position": "BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO", "name": "Nguyễn Quốc Nam"}


def test_every_kind_has_an_issued_example(demo):
    kinds = set(DocumentPage.objects.filter(state="issued").values_list("kind_slug", flat=True))
    assert {"quy_che", "quyet_dinh", "ke_hoach", "bao_cao", "bien_ban"} <= kinds


def test_home_page_lists_the_seed(demo, client):
    response = client.get("/")
    assert response.status_code == 200
    assert "01-QC/BCĐ" in response.content.decode()


def test_the_feed_names_each_document_by_type_number_and_trich_yeu(demo, client):
    """As the home page and the search results do: "Quy chế 01-QC/BCĐ hoạt động …", "Báo cáo 05-BC/BCĐ kết quả …"
    (not "Kết quả"), and an unnumbered biên bản by its type."""
    feed = client.get("/feed/").content.decode()
    assert "<title>Quy chế 01-QC/BCĐ hoạt động của Ban Chỉ đạo" in feed
    assert "<title>Báo cáo 05-BC/BCĐ kết quả thực hiện" in feed
    assert "<title>Biên bản họp Ban Chỉ đạo" in feed
    # Dated and ordered by ngày ban hành (it said the moment the demo was loaded, for every document).
    import xml.etree.ElementTree as ET
    from email.utils import parsedate_to_datetime

    items = ET.fromstring(client.get("/feed/").content).iter("item")
    dates = [parsedate_to_datetime(item.findtext("pubDate")).date() for item in items]
    issued = list(DocumentPage.objects.filter(state="issued", visibility="public").exclude(issued_on=None)
                  .order_by("-issued_on").values_list("issued_on", flat=True))
    assert dates[:len(issued)] == issued and len(set(dates)) > 1


def test_search_results_and_suggestions_read_the_type_then_the_trich_yeu(demo, client):
    results = client.get("/tim-kiem/", {"q": "bao cao ket qua"}).content.decode()
    assert "Báo cáo kết quả thực hiện" in results and "Báo cáo Kết quả" not in results
    labels = [s["label"] for s in client.get("/api/search/suggest/", {"q": "bao cao ket q"}).json()["suggestions"]]
    assert any(label.startswith("Báo cáo kết quả thực hiện") for label in labels), labels


@pytest.mark.django_db
def test_the_demo_site_is_named_where_it_is_served(settings, client):
    """`make run` serves on BASE_URL (from PORT): the sitemap and the pages API name the pages there, not at
    Wagtail's placeholder http://localhost/ (port 80, where nothing answers)."""
    from cms.demo.issuers import load_issuers
    from cms.demo.site import load_site

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    load_issuers(io.StringIO())
    load_site(io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    section = IssuerIndexPage.objects.first()
    assert section.full_url.startswith("http://127.0.0.1:8123/")
    assert "http://127.0.0.1:8123/" in client.get("/sitemap.xml").content.decode()
    site.hostname, site.port = "vanban.example.vn", 443  # an address set by hand is kept
    site.save()
    load_site(io.StringIO())
    assert Site.objects.get(is_default_site=True).hostname == "vanban.example.vn"


@pytest.mark.django_db
def test_the_home_page_says_the_sites_name_once_and_has_an_icon(client):
    """The browser tab read "Văn bản Đảng ủy phường La Gi · Văn bản Đảng ủy phường La Gi"; /favicon.ico was asked
    for (404) on every page for want of an icon."""
    from cms.demo.issuers import load_issuers
    from cms.demo.site import load_site

    load_issuers(io.StringIO())
    load_site(io.StringIO())
    site = Site.objects.get(is_default_site=True)
    home = client.get("/").content.decode()
    title = home[home.index("<title>") + 7:home.index("</title>")].strip()
    assert title == site.site_name
    assert 'rel="icon" href="/static/cms/favicon.svg"' in home
    section = IssuerIndexPage.objects.first()
    other = client.get(section.url).content.decode()
    assert other[other.index("<title>") + 7:other.index("</title>")].strip() == f"{section.title} · {site.site_name}"


def test_make_run_serves_the_demo_without_debug_pages():
    """`make run` serves as users meet the site (a wrong address gets the Vietnamese 404, not Django's English
    debug page) unless DEBUG=1 is asked for."""
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    plan = subprocess.run(["make", "-n", "run"], cwd=root, env=env, capture_output=True, text=True, check=True).stdout
    served = [line for line in plan.splitlines() if "runserver" in line]
    assert served and " DEBUG=0 " in served[0], plan
    asked = subprocess.run(["make", "-n", "run"], cwd=root, env={**env, "DEBUG": "1"}, capture_output=True, text=True,
                           check=True).stdout
    assert " DEBUG=1 " in next(line for line in asked.splitlines() if "runserver" in line)
