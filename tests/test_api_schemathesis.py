"""Schemathesis, a client nobody here wrote, against the live OpenAPI schema of /api/ (issue 13).

Every operation is called with generated data as anonymous, member, drafter, signer and clerk: no 5xx, every
response (status, media type, body) as the schema says. A stateful run follows the schema's links from a created
document to its transitions and reads. Bounded (few examples, derandomized) so the suite stays fast.
"""
from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from hypothesis import HealthCheck
from schemathesis import checks

from tests.api_helpers import ApiCaller
from tests.permission_setup import build_world, make_document

# Hunts engine-specific failures (NUL bytes, integer overflow) on the engine production runs: the
# PostgreSQL pass runs it; it runs on SQLite too when asked.
pytestmark = [pytest.mark.django_db, pytest.mark.postgres_pass]

ROLES = ("anonymous", "thanhvien", "soanthao", "lanhdao", "vanthu")
SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
SETTINGS = hypothesis.settings(
    max_examples=3, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
# "Schema-valid data must be accepted" cannot hold for rules the schema cannot state (the issuer exists, the
# caller holds the role, the document is in the right state): those answer 422/403/409 by design. Every other
# check of Schemathesis runs.
EXCLUDED = [checks.positive_data_acceptance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app closes the database connection after each request, as in production; here that connection
    holds the test's transaction, so keep it open (Django's own test client does the same)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def headers(django_db_setup, django_db_blocker):
    """Authorization headers per role, over a world with one document in each state of the workflow; built once
    for the module inside a transaction rolled back at the end (each test's own changes roll back with it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            for state in ("draft", "submitted", "signed", "issued"):
                make_document(world, "internal", state)
            raw = {role: ApiCaller(world.users.get(role)).headers for role in ROLES}
            yield {role: {"Authorization": h["HTTP_AUTHORIZATION"]} if h else {} for role, h in raw.items()}, world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@SCHEMA.parametrize()
@SETTINGS
@pytest.mark.parametrize("role", ROLES)
def test_every_operation_conforms_for_every_role(case, role, headers):
    by_role, _world = headers
    case.call_and_validate(headers=by_role[role], excluded_checks=EXCLUDED)


@pytest.mark.parametrize("role", ("soanthao", "vanthu"))
def test_stateful_links_from_a_created_document(role, headers):
    by_role, world = headers
    seen: list[tuple[str, str, int]] = []

    # The links live under /api/documents/: keep the walk there. A document created here is a draft, which is
    # never reviewed (only issued imports are): the review's calls could only fail, and the run above covers them.
    documents_only = SCHEMA.include(path_regex=r"^/api/documents/").exclude(path_regex=r"/review/$")

    class Workflow(documents_only.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case):
            case.headers = {**(case.headers or {}), **by_role[role]}
            # Generated bodies name random issuers; the document is created at the one the caller works for.
            if case.method == "POST" and case.path == "/api/documents/" and isinstance(case.body, dict):
                case.body["issuer"] = world.bcd.pk

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # The role's token replaces the Authorization value the state machine generated, which its
            # ignored_auth check then takes for an invalid credential; the run above checks authentication.
            case.validate_response(response, additional_checks=additional_checks,
                                   excluded_checks=[*EXCLUDED, checks.ignored_auth], transport_kwargs=kwargs)

        def after_call(self, response, case):
            seen.append((case.method, case.path, response.status_code))

    Workflow.run(settings=hypothesis.settings(SETTINGS, max_examples=6, stateful_step_count=5))
    created = [s for s in seen if s[:2] == ("POST", "/api/documents/") and s[2] == 201]
    followed = [s for s in seen if s[1].startswith("/api/documents/{document_id}/") and s[2] == 200]
    assert created and followed, seen  # a document was created and its links were followed
