"""The coded database of the REFI-QDA tests, for every test module of interop."""

from interop.tests.test_qdpx import coded  # noqa: F401 - a fixture, found by name
