import pytest

from codebook.models import Code, CodebookVersion

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
