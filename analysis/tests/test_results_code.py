"""The shared cache outlives a deploy: what one version of the analysis code cached is never read by
another (its records may have another shape, its rules other results)."""

import pytest
from django.core.cache import caches

from analysis import results
from analysis.computations.result import AnalysisResult
from analysis.tests.factories import build_site

pytestmark = pytest.mark.django_db


def test_results_cached_by_other_analysis_code_are_not_read(monkeypatch):
    site = build_site("QZC01")["site"]
    monkeypatch.setattr(results, "CODE", "older-code")
    shared = caches[results.CACHE_ALIAS]
    shared.set(results._analysis_key(None), "cached by the older code")
    monkeypatch.setattr(results, "CODE", "newer-code")
    assert isinstance(results.analysis_result(), AnalysisResult)
    assert results.site_input(site.code).sites[0].code == site.code


def test_the_code_digest_is_part_of_every_key():
    assert len(results.CODE) == 12 and results.CODE in results._analysis_key(None)
