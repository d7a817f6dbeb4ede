"""No 500 for bad input (issue 14, item 5): every GET route of the URL conf, as anonymous, drafter and
superuser, with the inputs of the report and a generated set, answers 2xx, 3xx or 4xx."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client

from tests.permission_setup import build_world, make_document
from tests.url_enumeration import HUGE, examples, routes

# Hunts engine-specific failures (NUL bytes, integer overflow) on the engine production runs: the
# PostgreSQL pass runs it; it runs on SQLite too when asked.
pytestmark = [pytest.mark.django_db, pytest.mark.postgres_pass]

# The inputs of the report, each an exact query string.
REPORTED = [
    "/api/v2/pages/?search=%22", "/api/v2/pages/?search=a%22b", "/api/v2/pages/?search=%00",
    "/api/v2/pages/?search=%20%20", "/api/v2/pages/?search=%09", "/api/v2/images/?search=%22",
    "/api/v2/pages/?search=a&search_operator=xor", f"/api/v2/pages/?offset={HUGE}", "/api/v2/pages/find/?id=abc",
    f"/api/search/?issuer={HUGE}", f"/tim-kiem/?issuer={HUGE}",
]
# Generated: quotes, NUL and other controls, huge and odd numbers, unknown operators, over-long text, broken UTF-8.
BAD_VALUES = [
    quote('"'), quote('a"b'), quote("'"), "%00", "a%00b", "%1b", "%20%20", "%09", HUGE, "-1", "1.5", "%C2%B2",
    "xor", "root", quote("x" * 3000), "%FF%FE", "%C3", quote("(a) OR NEAR(b)*"), quote("../../etc"), "",
]
# The parameters each public route reads (by route prefix); every other route gets OTHER_PARAMETERS.
ROUTE_PARAMETERS = {
    "api/v2/": ["search", "search_operator", "offset", "limit", "id", "child_of", "descendant_of", "ancestor_of",
                "order", "fields", "type", "html_path", "translation_of"],
    "api/search/": ["q", "issuer", "kind", "year", "signer", "status", "sort", "page", "page_size"],
    "tim-kiem/": ["q", "issuer", "kind", "year", "signer", "status", "sort", "page", "page_size"],
    "api/registers/": ["from", "to"],
}
OTHER_PARAMETERS = ["q", "next", "page"]
OTHER_VALUES = [quote('"'), "%00", HUGE, quote("x" * 3000), "%FF%FE"]
ADMIN_PARAMETERS = ["q", "p", "ordering", "search", "id"]
ADMIN_VALUES = [quote('"'), HUGE, quote("x" * 3000), "%FF"]
PEOPLE = ("anonymous", "soanthao", "quantri")
DELIBERATE_ERROR = "admin/failwhale/"  # Wagtail's view that raises on purpose, to test error reporting


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            public = make_document(world, "public", "issued")
            make_document(world, "restricted", "issued")
            make_document(world, "internal", "draft")
            attachment = public.attachments.first().document
            ids = {"int": str(public.pk), "file": str(attachment.pk), "page_path": public.url}
            yield world, ids
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(world, person: str) -> Client:
    client = Client(raise_request_exception=False)
    if person != "anonymous":
        client.force_login(world.users[person])
    return client


def _server_errors(client: Client, urls: list[str]) -> list[str]:
    failed = []
    for url in urls:
        status = client.get(url).status_code
        if status >= 500:
            failed.append(f"{status} {url}")
    return failed


@pytest.mark.parametrize("person", PEOPLE)
def test_reported_inputs_answer_4xx(site, person):
    world, _ids = site
    client = _client(world, person)
    statuses = {url: client.get(url).status_code for url in REPORTED}
    assert all(status < 500 for status in statuses.values()), statuses


@pytest.mark.parametrize("person", PEOPLE)
def test_public_routes_never_answer_5xx(site, person):
    world, ids = site
    urls = []
    for route in routes():
        if route.is_admin:
            continue
        paths = examples(route, ids)
        urls += paths
        names = next((names for prefix, names in ROUTE_PARAMETERS.items() if route.text.startswith(prefix)), None)
        values = BAD_VALUES if names else OTHER_VALUES
        urls += [f"{paths[0]}?{name}={value}" for name in names or OTHER_PARAMETERS for value in values]
    assert len(urls) > 1000
    failed = _server_errors(_client(world, person), urls)
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("person", PEOPLE)
def test_admin_routes_never_answer_5xx(site, person):
    world, ids = site
    urls = []
    for route in routes():
        if not route.is_admin or route.text == DELIBERATE_ERROR:
            continue
        paths = examples(route, ids)
        urls += paths
        if "<" not in route.text and person != "anonymous":  # listings and searches: fuzz their parameters
            urls += [f"{paths[0]}?{name}={value}" for name in ADMIN_PARAMETERS for value in ADMIN_VALUES]
    assert len(urls) > 400
    failed = _server_errors(_client(world, person), urls)
    assert not failed, "\n".join(failed)


def test_a_refused_query_string_is_the_sites_page_for_a_person_and_json_for_the_api(client):
    """A search box pasted full (over MAX_QUERY_VALUE_CHARS) answers 400 with the reason inside the site's own
    page and a way on, not a bare line of text; the APIs keep their JSON error."""
    long = quote("sô ́truy vâń " * 200)
    page = client.get(f"/tim-kiem/?q={long}")
    html = page.content.decode()
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")
    assert "Tham số truy vấn quá dài (tối đa 2000 ký tự)." in html and 'href="/tim-kiem/"' in html
    assert "<title>" in html and "Yêu cầu không hợp lệ" in html
    api = client.get(f"/api/search/?q={long}")
    assert api.status_code == 400 and "quá dài" in api.json()["detail"]
    assert client.get(f"/api/v2/pages/?search={long}").json() == {"detail": "Tham số truy vấn quá dài (tối đa 2000 ký tự)."}
