import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from codebook.models import Code, CodebookVersion, CodeRevision

pytestmark = pytest.mark.django_db


def test_codebook_is_loaded_by_migration():
    assert CodebookVersion.objects.filter(number=1).exists()
    drivers = Code.objects.filter(kind="driver")
    assert sorted(drivers.values_list("key", flat=True)) == ["competence", "leadership", "organisation"]
    mechanisms = {c.key: c.parent.key for c in Code.objects.filter(kind="mechanism").select_related("parent")}
    assert mechanisms["coaching"] == "competence"
    assert mechanisms["adaptive_leadership"] == "leadership"
    points = Code.objects.filter(kind="attention_point").order_by("number")
    assert [p.number for p in points] == list(range(1, 11))
    assert [p.parent.key for p in points[:3]] == ["competence"] * 3
    assert Code.objects.filter(kind="theme").count() == 6
    assert Code.objects.filter(kind="phase").count() == 4


def test_every_shipped_code_and_its_first_revision_has_an_english_description():
    assert Code.objects.count() == 41
    assert not Code.objects.filter(description_en="").exists()
    first = CodeRevision.objects.filter(version__number=1)
    assert first.count() == 41 and not first.filter(description_en="").exists()


def test_description_follows_the_language_of_the_page_and_falls_back_to_danish():
    promoter = Code.objects.get(kind="valence", key="promoter")
    with translation.override("en"):
        assert promoter.description == "Conditions that promote the implementation."
        promoter.description_en = ""
        assert promoter.description == promoter.description_da
    promoter.description_en = "Conditions that promote the implementation."
    with translation.override("da"):
        assert promoter.description == "Forhold, der fremmer implementeringen."


def test_the_fill_leaves_a_rewritten_danish_description_without_english():
    fill = importlib.import_module("coding.migrations.0008_fill_code_description_en").fill_description_en
    Code.objects.update(description_en="")
    Code.objects.filter(kind="driver", key="leadership").update(description_da="Omskrevet.")
    fill(django_apps, None)
    assert Code.objects.get(kind="driver", key="leadership").description_en == ""
    assert Code.objects.filter(description_en="").count() == 1
