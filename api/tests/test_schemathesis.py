"""Property-based API test: schemathesis generates requests for every operation of /api/schema/.

It runs in-process through the WSGI application (no live server), once as an evaluator and once as a
consultant (Bearer token), and asserts no server error and responses that conform to the schema.
"""

from io import StringIO

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from codebook.models import CodebookVersion
from coding.models import CodedPassage
from config.wsgi import application
from fieldwork.models import Factor

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(params=["evaluator", "consultant"])
def api_token(request, world):
    out = StringIO()
    call_command("token", world.users[request.param].username, stdout=out)
    return out.getvalue().strip()


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Like Django's test client: the WSGI handler must not close the connection holding the test's
    transaction at the end of each request (it would on PostgreSQL with CONN_MAX_AGE=0)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def known_ids(world):
    """Ids of real objects of the role's own site, so generated cases also reach existing objects;
    a joint meeting's statement too, whose null report the schema must allow."""
    Factor.objects.create(
        joint_meeting=world.joint_meeting,
        site=world.sites["allowed"],
        valence="inhibitor",
        statement="Travlhed i vagtplanen.",
    )
    passage = CodedPassage.objects.create(
        section=world.sections["allowed"],
        start=0,
        end=7,
        text=world.sections["allowed"].text[:7],
        coder=world.users["evaluator"],
        codebook_version=CodebookVersion.objects.get(number=1),
        driver=world.code,
    )
    return {
        "sites": world.sites["allowed"].pk,
        "visits": world.visits["allowed"].pk,
        "reports": world.reports["allowed"].pk,
        "factors": world.factors["allowed"].pk,
        "trial-actions": world.trial_actions["allowed"].pk,
        "codings": passage.pk,
        "joint-meetings": world.joint_meeting.pk,
    }


# Generated cases only (the coverage phase would enumerate thousands of edge cases per operation).
CONFIG = schemathesis.Config.from_dict(
    {
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": 6, "deterministic": True},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_api_conforms_to_its_schema(case, api_token, known_ids):
    resource = case.operation.path.split("/")[2]
    generated = (case.path_parameters or {}).get("id")
    if isinstance(generated, int) and generated % 2 == 0 and resource in known_ids:
        case.path_parameters["id"] = known_ids[resource]
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"}, checks=CHECKS)
