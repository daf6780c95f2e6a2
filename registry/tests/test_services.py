import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.privacy import CPR_MASK
from registry import services
from registry.dates import date_problem
from registry.models import ConsultantAssignment, Site, TeamMember, VisitPlan
from registry.tests.factories import AssignmentFactory, ConsultantFactory, ProgrammeFactory, SiteFactory

pytestmark = pytest.mark.django_db


def _profile(**overrides):
    profile = {
        "name": "Engbo",
        "programme": ProgrammeFactory(),
        "region": "midtjylland",
        "ownership": "private",
        "places": 8,
        "permanent_staff": 14,
        "age_min": 10,
        "age_max": 17,
        "internal_school": True,
        "target_group_notes": "Unge med omsorgssvigt, fx 010190-1234.",
    }
    profile.update(overrides)
    return profile


class TestDates:
    def test_plausible_dates(self):
        site = SiteFactory.build(joined_on=datetime.date(2018, 1, 1), left_on=datetime.date(2019, 12, 31))
        today = datetime.date(2026, 1, 1)
        assert date_problem(datetime.date(2019, 5, 1), site=site, today=today) is None
        assert date_problem(datetime.date(1999, 12, 31), today=today) == "Datoen ligger før år 2000."
        assert "fremtiden" in date_problem(datetime.date(9999, 12, 31), today=today)
        assert date_problem(datetime.date(2020, 1, 1), site=site, today=today) == (
            "Datoen ligger efter, at stedet forlod projektet 31.12.2019."
        )
        assert "kom med i projektet 01.01.2018" in date_problem(
            datetime.date(2017, 6, 1), site=site, today=today
        )


class TestSites:
    def test_create_masks_the_target_group_and_validates(self):
        site = services.site_create(code="ENG", joined_on=datetime.date(2020, 1, 1), **_profile())
        assert CPR_MASK in site.target_group_notes and "1234" not in site.target_group_notes
        with pytest.raises(ValidationError):
            services.site_create(
                code="ENG2", joined_on=datetime.date(2020, 1, 1), **_profile(age_min=18, age_max=12)
            )
        assert Site.objects.count() == 1

    def test_update_changes_only_the_profile(self):
        site = SiteFactory(places=12)
        services.site_update(site=site, places=6, internal_school=True)
        site.refresh_from_db()
        assert site.places == 6 and site.internal_school
        with pytest.raises(ValidationError):
            services.site_update(site=site, joined_on=datetime.date(2000, 1, 1))

    def test_leaving_needs_a_reason_and_comes_after_the_last_visit(self):
        site = SiteFactory(joined_on=datetime.date(2018, 1, 1))
        with pytest.raises(ValidationError) as error:
            services.site_membership_set(
                site=site, joined_on=site.joined_on, left_on=datetime.date(2019, 12, 31)
            )
        assert "årsagen" in str(error.value)
        services.site_membership_set(
            site=site, joined_on=site.joined_on, left_on=datetime.date(2019, 12, 31), left_reason="Lukket"
        )
        site.refresh_from_db()
        assert site.left_on == datetime.date(2019, 12, 31) and site.left_reason == "Lukket"
        services.site_membership_set(site=site, joined_on=site.joined_on)
        site.refresh_from_db()
        assert site.left_on is None and site.left_reason == ""


class TestTeamAndConsultants:
    def test_team_member_ends_and_stays_in_the_history(self):
        site = SiteFactory()
        member = services.team_member_save(
            site=site, name="Anna", role="manager", is_lead=True, starts_on=datetime.date(2018, 2, 1)
        )
        services.team_member_save(
            site=site,
            member=member,
            name="Anna",
            role="manager",
            is_lead=True,
            starts_on=datetime.date(2018, 2, 1),
            ends_on=datetime.date(2020, 6, 30),
        )
        assert TeamMember.objects.get().ends_on == datetime.date(2020, 6, 30)
        assert list(services.team_on(site, datetime.date(2019, 1, 1))) == [member]
        assert not services.team_on(site, datetime.date(2021, 1, 1)).exists()
        with pytest.raises(ValidationError):
            services.team_member_save(
                site=site,
                name="Bo",
                role="staff",
                is_lead=False,
                starts_on=datetime.date(2020, 1, 1),
                ends_on=datetime.date(2019, 1, 1),
            )

    def test_a_change_of_consultant_ends_the_current_one_with_its_reason(self):
        site = SiteFactory()
        first = AssignmentFactory(site=site, starts_on=datetime.date(2018, 1, 1))
        second = ConsultantFactory()
        with pytest.raises(ValidationError) as error:
            services.consultant_assign(site=site, consultant=second, starts_on=datetime.date(2020, 1, 1))
        assert "årsagen" in str(error.value)
        services.consultant_assign(
            site=site, consultant=second, starts_on=datetime.date(2020, 1, 1), reason="Barsel"
        )
        first.refresh_from_db()
        assert first.ends_on == datetime.date(2019, 12, 31)
        history = list(ConsultantAssignment.objects.filter(site=site).order_by("starts_on"))
        assert [a.consultant for a in history] == [first.consultant, second]
        assert history[1].reason == "Barsel" and history[1].ends_on is None

    def test_visit_plan_per_year_is_replaced(self):
        site = SiteFactory()
        services.visit_plan_set(site=site, year=2019, planned_visits=3)
        services.visit_plan_set(site=site, year=2019, planned_visits=2)
        assert list(VisitPlan.objects.values_list("year", "planned_visits")) == [(2019, 2)]
        with pytest.raises(ValidationError):
            services.visit_plan_set(site=site, year=1990, planned_visits=3)
