"""Generated bad input for the JSON importer: a clear problem list or a clean import, never a crash,
never a partial write. The number of cases is set by FUZZ_EXAMPLES (default 60 per property)."""

import copy
import json
import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldwork.models import Factor, Visit
from interop.jsonio.checking import DatasetImportError, parse_document
from interop.jsonio.exporter import export_dataset
from interop.jsonio.importer import import_dataset
from interop.tests.test_jsonio import build_dataset, wipe
from registry.models import Site

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**6) | st.text(max_size=12) | st.just("2019-02-30"),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _mutate(document, path, action, value):
    document = copy.deepcopy(document)
    if not path:
        return value
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    else:
        parent[last] = value
    return document


@pytest.fixture(scope="module")
def valid_document(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            build_dataset()
            document = export_dataset()
            transaction.set_rollback(True)
    return document


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_mutated_documents_never_crash_and_never_write_half(valid_document, data):
    wipe()
    paths = list(_paths(valid_document))
    path = data.draw(st.sampled_from(paths))
    action = data.draw(st.sampled_from(["replace", "delete"])) if path else "replace"
    document = _mutate(valid_document, path, action, data.draw(json_values))
    try:
        import_dataset(document)
    except DatasetImportError as error:
        assert error.problems and all(p.place and p.message for p in error.problems)
        assert Site.objects.count() == 0 and Visit.objects.count() == 0 and Factor.objects.count() == 0


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bytes_are_refused_with_a_message(raw):
    try:
        document = parse_document(raw)
    except DatasetImportError as error:
        assert error.problems
    else:
        assert isinstance(document, dict)


def test_fuzz_helpers_cover_nested_paths():
    document = {"a": [{"b": 1}]}
    assert ("a", 0, "b") in list(_paths(document))
    assert _mutate(document, ("a", 0, "b"), "replace", 2) == {"a": [{"b": 2}]}
    assert json.dumps(_mutate(document, ("a", 0), "delete", None)) == '{"a": []}'
