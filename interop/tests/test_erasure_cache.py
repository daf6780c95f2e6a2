"""After erase-site the shared analysis cache holds none of the site's texts: it is emptied once the
erasure commits, so no cached analysis or site record outlives the erased data."""

import pytest
from django.core.cache import caches
from django.core.management import call_command

from analysis import results
from analysis.tests.factories import build_site

pytestmark = pytest.mark.django_db


def test_erasure_empties_the_shared_analysis_cache(django_capture_on_commit_callbacks):
    site = build_site("QZE01")["site"]
    key = "drivkraft:probe"
    caches[results.CACHE_ALIAS].set(key, "Klare mål er delt med alle medarbejdere")
    assert any("Klare mål" in f.statement for f in results.site_input(site.code).factors)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_site", site.code, confirm=True)
    assert caches[results.CACHE_ALIAS].get(key) is None
    assert not any("Klare mål" in f.statement for f in results.site_input(site.code).factors)
