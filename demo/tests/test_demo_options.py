"""`drivkraft demo` options: refusal on a non-empty database, --reset, --seed, --sites, --truth."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fieldwork.models import Factor, ImplementationReport, ReportSection
from registry.models import Site
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def demo(*args):
    call_command("demo", *args, stdout=StringIO(), stderr=StringIO())


def fingerprint() -> tuple:
    return (
        Site.objects.count(),
        ImplementationReport.objects.count(),
        Factor.objects.count(),
        tuple(Site.objects.order_by("code").values_list("code", "name")),
    )


def test_refuses_a_database_with_sites_and_changes_nothing(tmp_path):
    SiteFactory(code="EGET1", name="Et rigtigt sted")
    before = fingerprint()
    with pytest.raises(CommandError, match="indeholder allerede"):
        demo("--truth", str(tmp_path / "truth.json"))
    assert fingerprint() == before
    assert not (tmp_path / "truth.json").exists()


def test_reset_replaces_data_and_another_seed_gives_other_data_of_the_same_shape(settings):
    SiteFactory(code="EGET1")
    demo("--reset")
    first = json.loads((settings.DRIVKRAFT_VAR_DIR / "demo-truth.json").read_text(encoding="utf-8"))
    assert not Site.objects.filter(code="EGET1").exists()
    texts = set(ReportSection.objects.values_list("text", flat=True)[:200])
    names = set(Site.objects.values_list("name", flat=True))
    demo("--reset", "--seed", "7")
    second = json.loads((settings.DRIVKRAFT_VAR_DIR / "demo-truth.json").read_text(encoding="utf-8"))
    assert second["seed"] == 7 and first["seed"] == 2018
    assert Counter(Site.objects.values_list("programme__code", flat=True)) == {"MG": 11, "RP": 3}
    assert Counter(ImplementationReport.objects.values_list("visit__site__programme__code", flat=True)) == {
        "MG": 88,
        "RP": 20,
    }
    assert [s["degree"] for s in first["sites"]] != [s["degree"] for s in second["sites"]] or names != set(
        Site.objects.values_list("name", flat=True)
    )
    assert len(texts & set(ReportSection.objects.values_list("text", flat=True))) < len(texts) * 0.2
    degrees = Counter(s["degree"] for s in second["sites"])
    assert 3 <= degrees["high"] <= 4 and 6 <= degrees["some"] <= 7 and 4 <= degrees["low"] <= 5


def test_same_seed_gives_the_same_data(settings):
    demo()
    first = list(
        ReportSection.objects.order_by(
            "report__visit__site__code", "report__visit__held_on", "theme"
        ).values_list("text", flat=True)
    )
    demo("--reset")
    second = list(
        ReportSection.objects.order_by(
            "report__visit__site__code", "report__visit__held_on", "theme"
        ).values_list("text", flat=True)
    )
    assert first == second


def test_sites_option_scales_with_the_same_proportions(tmp_path):
    path = tmp_path / "elsewhere" / "truth.json"
    demo("--sites", "40", "--truth", str(path))
    planted = json.loads(path.read_text(encoding="utf-8"))
    assert len(planted["sites"]) == 40 == Site.objects.count()
    programmes = Counter(Site.objects.values_list("programme__code", flat=True))
    assert programmes["MG"] == 31 and programmes["RP"] == 9
    degrees = Counter(s["degree"] for s in planted["sites"])
    assert 8 <= degrees["high"] <= 12 and 16 <= degrees["some"] <= 21 and 11 <= degrees["low"] <= 15
    assert len(set(Site.objects.values_list("code", flat=True))) == 40
    assert ImplementationReport.objects.count() >= 40 * 6
