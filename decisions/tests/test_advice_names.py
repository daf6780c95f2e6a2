"""Advice read across sites quotes no person's name."""

import pytest

from coding.models import Code
from decisions.selectors import high_group_promoters
from fieldwork.tests.factories import FactorFactory, ReportFactory, VisitFactory
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_promoters_for_advice_carry_no_person_names():
    site = SiteFactory(code="ADV1")
    FactorFactory(
        report=ReportFactory(visit=VisitFactory(site=site)),
        valence="promoter",
        statement="Hanne Holm tager supervision med ud i weekendvagten.",
        driver=Code.objects.get(kind="driver", key="competence"),
    )
    (record,) = high_group_promoters({"ADV1"})
    assert "Hanne" not in record.statement and "[navn]" in record.statement
