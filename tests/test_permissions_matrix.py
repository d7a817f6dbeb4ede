"""The permission matrix (tests/permission_matrix.py), enumerated: every person × channel × visibility × state.

One quy chế per (visibility, state) is built once for the module through the real workflow, inside a transaction
rolled back at the end; each case then asks its channel as that person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client

from documents.permissions import document_principals
from search.service import parse_params
from tests.permission_matrix import LISTING_CHANNELS, STATES, VISIBILITIES, cases, expected
from tests.permission_setup import World, build_world, make_document

pytestmark = [pytest.mark.matrix, pytest.mark.django_db]

SEARCH_WORD = "matran"  # in every title; each title also has its own suffix


@dataclass
class Matrix:
    world: World
    documents: dict
    listings: dict = field(default_factory=dict)  # (person, channel) → set of ids or text

    def client(self, person: str) -> Client:
        client = Client()
        if person != "anonymous":
            client.force_login(self.world.users[person])
        return client


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    from search.queue import process_queue

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            documents = {}
            for visibility in VISIBILITIES:
                for state in STATES:
                    suffix = f"{visibility[:2]}{state[:3]}"
                    documents[visibility, state] = make_document(
                        world, visibility, state, title=f"quy chế {SEARCH_WORD} {SEARCH_WORD}{suffix}")
            process_queue()  # the search index, as after commit
            yield Matrix(world, documents)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _status(response, ok: str = "ok") -> str:
    if response.status_code == 200:
        return ok
    if response.status_code == 302 and response["Location"].startswith("/dang-nhap/"):
        return "login"
    if response.status_code == 404:
        return "hidden"
    if response.status_code == 410 and "Văn bản đã bị thu hồi" in response.content.decode():
        return "recalled"
    return f"status {response.status_code}"


def _listing(matrix: Matrix, person: str, channel: str):
    """What a listing channel shows this person (fetched once per person and channel)."""
    key = (person, channel)
    if key in matrix.listings:
        return matrix.listings[key]
    client = matrix.client(person)
    index = matrix.world.bcd_index
    if channel == "api_listing":
        data = client.get(f"/api/v2/pages/?child_of={index.pk}&fields=*&limit=20").json()
        found = {item["id"] for item in data["items"]}
    elif channel == "api_search":
        data = client.get(f"/api/v2/pages/?search={SEARCH_WORD}&limit=20").json()
        found = {item["id"] for item in data["items"]}
    elif channel == "api_documents":
        data = client.get("/api/v2/documents/?limit=20").json()
        found = {item["id"] for item in data["items"]}
    elif channel in ("admin_api_listing", "admin_api_search"):
        query = f"child_of={index.pk}" if channel == "admin_api_listing" else f"search={SEARCH_WORD}"
        response = client.get(f"/admin/api/main/pages/?{query}&limit=20")
        found = {item["id"] for item in response.json()["items"]} if response.status_code == 200 else set()
    elif channel in ("admin_page_search", "admin_chooser_search"):
        search_url = "/admin/pages/search/" if channel == "admin_page_search" else "/admin/choose-page/search/"
        response = client.get(search_url, {"q": SEARCH_WORD})
        pattern = r'id="page_(\d+)_title"' if channel == "admin_page_search" else r'data-id="(\d+)"'
        body = response.content.decode() if response.status_code == 200 else ""
        found = {int(pk) for pk in re.findall(pattern, body)}
    elif channel in ("sitemap", "feed"):
        found = client.get("/sitemap.xml" if channel == "sitemap" else "/feed/").content.decode()
    elif channel == "search_api":
        data = client.get(f"/api/search/?q={SEARCH_WORD}&page_size=50").json()
        found = {item["id"] for item in data["results"]}
    else:
        raise ValueError(channel)
    matrix.listings[key] = found
    return found


def observe(matrix: Matrix, person: str, channel: str, page) -> str:
    attachment = page.attachments.select_related("document").first().document
    if channel in LISTING_CHANNELS:
        found = _listing(matrix, person, channel)
        if channel in ("sitemap", "feed"):
            listed = re.search(re.escape(page.url) + r"<", found) is not None
        else:
            listed = (attachment.pk if channel == "api_documents" else page.pk) in found
        return "listed" if listed else "absent"
    if channel == "principals":
        principals = parse_params({}, matrix.world.users.get(person)).principals  # as the search API filters
        if principals is None:
            return "match"  # not filtered (superusers)
        return "match" if set(principals) & set(document_principals(page)) else "no"
    client = matrix.client(person)
    if channel == "page":
        return _status(client.get(page.url))
    if channel == "api_detail":
        return _status(client.get(f"/api/v2/pages/{page.pk}/"))
    if channel == "file":
        response = client.get(attachment.url)
        if response.status_code == 200:
            b"".join(response.streaming_content)  # close the file
        return _status(response)
    if channel == "admin_edit":
        return "ok" if client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200 else "refused"
    if channel == "admin_revision":
        revision = page.get_latest_revision()
        response = client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
        return "ok" if response.status_code == 200 else "refused"
    if channel == "admin_explore":
        return "ok" if client.get(f"/admin/pages/{page.pk}/").status_code == 200 else "refused"
    if channel == "admin_api_detail":
        return "ok" if client.get(f"/admin/api/main/pages/{page.pk}/").status_code == 200 else "refused"
    raise ValueError(channel)


@pytest.mark.parametrize(("person", "channel", "visibility", "state"), cases())
def test_matrix(matrix, person, channel, visibility, state):
    page = matrix.documents[visibility, state]
    assert observe(matrix, person, channel, page) == expected(person, channel, visibility, state)
