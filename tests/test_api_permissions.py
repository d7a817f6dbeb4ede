"""The write API's permission matrix: people × actions × visibility × state (issue 13), read off the grids of
tests/permission_matrix.py for reading and off the workflow's roles for changing.

One quy chế per (visibility, state) is built once for the module through the real workflow; every changing
call runs inside a savepoint rolled back at once, so each case meets the document in its original state.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction

from tests.api_helpers import ApiCaller
from tests.permission_matrix import PEOPLE, STATES, VISIBILITIES, reads_in_any_state
from tests.permission_setup import World, build_world, make_document

pytestmark = [pytest.mark.matrix, pytest.mark.django_db]

WORKFLOW = ("submit", "sign", "return", "issue", "recall")
ACTIONS = ("read", "list", "patch", "delete") + WORKFLOW
# Who works on the issuer's documents (a drafting role or superuser): the only people told "409, not now".
HANDLERS = {"soanthao", "lanhdao", "vanthu", "quantri"}
# Who may take each action in the one state where it exists (the superuser always may).
ALLOWED = {
    ("patch", "draft"): {"soanthao", "lanhdao", "vanthu"},
    ("delete", "draft"): {"soanthao", "lanhdao", "vanthu"},  # Wagtail's "change" deletes an unpublished page
    ("submit", "draft"): {"soanthao", "lanhdao", "vanthu"},
    ("sign", "submitted"): {"lanhdao"},
    ("return", "submitted"): {"lanhdao"},
    ("return", "signed"): {"vanthu"},
    ("issue", "signed"): {"vanthu"},
    ("recall", "issued"): {"vanthu"},
}


def expected(person: str, action: str, visibility: str, state: str) -> str:
    readable = reads_in_any_state(person, visibility, state)
    if action == "read":
        return "ok" if readable else "404"
    if person == "anonymous":
        return "401"
    if not readable:
        return "404"
    if action == "list":
        return "ok"
    if person not in HANDLERS:
        return "403"
    if (action, state) not in ALLOWED:
        return "409"
    return "ok" if person == "quantri" or person in ALLOWED[action, state] else "403"


@dataclass
class Matrix:
    world: World
    documents: dict
    callers: dict


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            documents = {(v, s): make_document(world, v, s) for v in VISIBILITIES for s in STATES}
            callers = {p: ApiCaller(world.users.get(p)) for p in PEOPLE}
            yield Matrix(world, documents, callers)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _call(caller: ApiCaller, action: str, doc_id: int):
    path = f"/api/documents/{doc_id}/"
    if action == "read":
        return caller.get(path)
    if action == "list":
        return caller.get(path + "transitions/")
    if action == "patch":
        return caller.patch(path, {"preamble": "Sửa lời dẫn"})
    if action == "delete":
        return caller.delete(path)
    return caller.act(doc_id, action, "Ý kiến")


def _outcome(response) -> str:
    if response.status_code in (200, 201, 204):
        return "ok"
    assert response["Content-Type"].startswith("application/problem+json"), response.content[:300]
    return str(response.status_code)


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("person", PEOPLE)
def test_api_permission_matrix(matrix, person, visibility, state):
    document = matrix.documents[visibility, state]
    caller = matrix.callers[person]
    got, want = {}, {}
    for action in ACTIONS:
        with transaction.atomic():
            response = _call(caller, action, document.pk)
            got[action] = _outcome(response)
            transaction.set_rollback(True)
        want[action] = expected(person, action, visibility, state)
        if action == "list" and got[action] == "ok":  # the actions listed are exactly the allowed ones
            listed = [a for a in WORKFLOW if expected(person, a, visibility, state) == "ok"]
            assert response.json() == {"state": state, "actions": listed}
    assert got == want
