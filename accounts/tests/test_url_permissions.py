"""Every URL of the application × every role, for an allowed and a forbidden site.

The cases come from every `<app>/tests/url_permissions*.py` module (format in url_table.py). A named
URL pattern without a case fails `test_every_url_has_a_case`, and an operation of the OpenAPI schema
(path × method) without a case fails `test_every_api_operation_has_a_case`, so a new page or
endpoint cannot slip past the permission check. Each (role, site) request runs inside a savepoint that is rolled back, so a POST
by one role does not change what the next role sees.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from drf_spectacular.generators import SchemaGenerator

from accounts.tests.url_table import ROLES, build_world, collect_cases

SKIPPED_PREFIXES = ("admin/", "i18n/", "static/", "media/", "__debug__/")
API_TABLE = Path(settings.BASE_DIR) / "api" / "tests" / "url_permissions.py"
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _skipped(route: str) -> bool:
    if route.startswith(SKIPPED_PREFIXES):
        return True
    return route.startswith("api/") and not API_TABLE.exists()


def project_url_names() -> dict[str, str]:
    """Fully qualified name → route of every named URL pattern outside the skipped prefixes."""
    found: dict[str, str] = {}

    def walk(patterns, prefix: str, namespaces: tuple[str, ...]) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if _skipped(route):
                continue
            if isinstance(entry, URLResolver):
                inner = namespaces + ((entry.namespace,) if entry.namespace else ())
                walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                found.setdefault(":".join((*namespaces, entry.name)), route)

    walk(get_resolver().url_patterns, "", ())
    return found


CASES = collect_cases()


def test_every_url_has_a_case():
    covered = {case.url_name for case in CASES}
    missing = sorted(set(project_url_names()) - covered)
    assert not missing, (
        "URLs without a permission case (add them to <app>/tests/url_permissions.py): " + ", ".join(missing)
    )


def test_every_case_names_a_url():
    known = set(project_url_names())
    stale = sorted({case.url_name for case in CASES} - known)
    assert not stale, "Permission cases for URLs that do not exist: " + ", ".join(stale)


def api_operations() -> set[tuple[str, str]]:
    """(URL name, method) of every operation in the OpenAPI schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = set()
    for path, operations in schema["paths"].items():
        match = resolve(re.sub(r"\{[^}]+\}", "1", path))
        found |= {(f"{match.namespace}:{match.url_name}", method) for method in operations}
    return found


def test_every_api_operation_has_a_case():
    covered = {(case.url_name, case.method) for case in CASES}
    missing = sorted(api_operations() - covered)
    assert not missing, (
        "API operations without a permission case (api/tests/url_permissions.py): "
        + ", ".join(f"{method.upper()} {name}" for name, method in missing)
    )


def test_the_table_covers_every_role_for_each_case():
    incomplete = [
        f"{case.method} {case.url_name}"
        for case in CASES
        for table in (case.allowed, case.forbidden or case.allowed)
        if set(table) != set(ROLES)
    ]
    assert not incomplete, "Cases without an expected status for every role: " + ", ".join(incomplete)


def _request(client: Client, case, world, which: str):
    kwargs = case.kwargs(world, which) if case.kwargs else {}
    url = reverse(case.url_name, kwargs=kwargs)
    data = case.data(world, which) if case.data else None
    call = getattr(client, case.method)
    if data is None:
        return call(url, **case.extra)
    return call(url, data, **case.extra)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[f"{c.method}:{c.url_name}:{n}" for n, c in enumerate(CASES)])
def test_url_answers_every_role_as_expected(case):
    world = build_world()
    wrong = []
    for which in ("allowed", "forbidden") if case.forbidden is not None else ("allowed",):
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                client.force_login(world.users[role], backend=LOGIN_BACKEND)
            with transaction.atomic():
                response = _request(client, case, world, which)
                transaction.set_rollback(True)
            expected = case.expected(role, which)
            if response.status_code != expected:
                wrong.append(f"{role} on {which} site: {response.status_code}, expected {expected}")
    assert not wrong, f"{case.method.upper()} {case.url_name}: " + "; ".join(wrong)
