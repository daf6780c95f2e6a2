import datetime

import pytest
from django.db import IntegrityError, transaction

from registry.tests.factories import AssignmentFactory, SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_team_member_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMemberFactory(starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2018, 1, 1))


def test_assignment_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2018, 1, 1))


def test_site_that_left_has_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteFactory(left_on=datetime.date(2019, 12, 31))
    site = SiteFactory(left_on=datetime.date(2019, 12, 31), left_reason="Ungeafdelingen lukket")
    assert site.left_on.year == 2019


def test_age_range_is_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteFactory(age_min=18, age_max=12)
