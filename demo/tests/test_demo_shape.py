"""The 14-site demo has the evaluation's shape and shows its planted profiles in ordinary data."""

import datetime
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from accounts import permissions
from accounts.models import Role, User
from audit.models import AuditEntry
from audit.services import acting_as
from coding.models import CodedPassage
from demo.loader import domain_data_delete
from fieldwork.models import (
    ExternalEvent,
    Factor,
    ImplementationReport,
    JointMeeting,
    TrialAction,
    Visit,
)
from registry.models import Site, VisitPlan

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def truth(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the default demo once for this module, and remove it again afterwards."""
    path = tmp_path_factory.mktemp("demo") / "truth.json"
    with django_db_blocker.unblock():
        call_command("demo", "--truth", str(path), stdout=StringIO(), stderr=StringIO())
        yield json.loads(path.read_text(encoding="utf-8"))
        with transaction.atomic(), acting_as(None, name="test"):
            domain_data_delete()
            User.objects.filter(username__in=["admin", "evaluator", "consultant1", "provider"]).delete()


def by_code(truth) -> dict:
    return {site["code"]: site for site in truth["sites"]}


def test_sites_per_programme_and_marked_fictional(truth):
    counts = Counter(Site.objects.values_list("programme__code", flat=True))
    assert counts == {"MG": 11, "RP": 3}
    assert all(site.is_fictional and "(fiktivt)" in site.name for site in Site.objects.all())


def test_visit_plan_and_reports(truth):
    for site in Site.objects.all():
        assert dict(site.visit_plans.values_list("year", "planned_visits")) == {2018: 3, 2019: 3, 2020: 2}
    assert VisitPlan.objects.count() == 42
    reports = Counter(ImplementationReport.objects.values_list("visit__site__programme__code", flat=True))
    assert reports == {"MG": 88, "RP": 20}
    assert Visit.objects.filter(status="held").count() == 108
    assert not Visit.objects.filter(status="held", report__isnull=True).exists()
    for visit in Visit.objects.filter(status="cancelled"):
        assert visit.cancel_reason and visit.held_on is None


def test_reports_have_six_danish_themes_and_are_validated_at_the_next_visit(truth):
    for site in Site.objects.all():
        held = list(site.visits.filter(status="held").order_by("held_on").select_related("report"))
        for visit, following in zip(held, held[1:] + [None], strict=True):
            report = visit.report
            texts = list(report.sections.values_list("text", flat=True))
            assert len(texts) == 6 and all(texts)
            assert 1 <= report.anchoring <= 5
            assert visit.phase
            if following:
                assert report.status == "validated" and report.validated_on == following.held_on
            else:
                assert report.status == "draft"
    words = [
        sum(len(t.split()) for t in r.sections.values_list("text", flat=True))
        for r in ImplementationReport.objects.all()
    ]
    assert sum(words) / len(words) >= 200


def test_the_rp_site_that_leaves(truth):
    leaving = Site.objects.get(left_on__isnull=False)
    assert leaving.programme.code == "RP"
    assert leaving.left_on == datetime.date(2019, 12, 31) and leaving.left_reason
    assert "misbrug" in leaving.target_group_notes and leaving.age_min >= 15
    assert not leaving.visits.filter(planned_on__year=2020).exists()
    assert leaving.visits.filter(status="held").count() == 6


def test_consultant_changes_keep_history(truth):
    changes = {
        site.code: list(site.assignments.order_by("starts_on"))
        for site in Site.objects.annotate(n=Count("assignments")).filter(n__gt=1)
    }
    rp = {code for code in changes if code.startswith("RP")}
    mg = {code for code in changes if code.startswith("MG")}
    assert len(rp) == 3 and len(mg) == 2
    for periods in changes.values():
        first, second = periods
        assert first.consultant_id != second.consultant_id
        assert first.ends_on < second.starts_on and second.reason
    for code in mg:
        assert changes[code][1].starts_on.year == 2020 and changes[code][1].starts_on.month in (3, 4, 5)


def test_team_sizes_roles_and_one_lead(truth):
    with_management = 0
    for site in Site.objects.prefetch_related("team_members"):
        members = list(site.team_members.all())
        low, high = (4, 14) if site.programme.code == "MG" else (2, 4)
        assert low <= len(members) <= high, site.code
        assert sum(m.is_lead for m in members) == 1
        has_manager = any(m.role in ("manager", "department_manager") for m in members)
        if site.programme.code == "MG":
            with_management += has_manager
    assert with_management == 10


def test_ownership_capacity_and_staff_ranges(truth):
    mg = Site.objects.filter(programme__code="MG")
    rp = Site.objects.filter(programme__code="RP")
    assert mg.filter(ownership="municipal").count() == 4
    assert not rp.filter(ownership="municipal").exists()
    assert sorted(mg.values_list("places", flat=True))[::10] == [9, 38]
    assert sorted(rp.values_list("places", flat=True))[::2] == [16, 26]
    assert sorted(mg.values_list("permanent_staff", flat=True))[::10] == [6, 80]
    assert sorted(rp.values_list("permanent_staff", flat=True))[::2] == [12, 35]
    assert Site.objects.annotate(n=Count("departments")).filter(n__gt=1).exists()
    assert Site.objects.filter(departments__separate_address=True).exists()


def test_joint_meetings_events_assessments(truth):
    meetings = list(JointMeeting.objects.all())
    assert len(meetings) == 3
    assert all(m.held_on.year == 2019 and m.held_on.month == 5 and m.minutes for m in meetings)
    assert all(m.factors.exists() and m.sites.count() >= 2 for m in meetings)
    pandemic = ExternalEvent.objects.filter(kind="pandemic", starts_on=datetime.date(2020, 3, 11))
    assert pandemic.values("site").distinct().count() == 14
    assert ExternalEvent.objects.exclude(kind="pandemic").exists()
    assert all(site.assessments.count() == 2 for site in Site.objects.all())


def test_planted_degree_mix_follows_the_contract(truth):
    degrees = Counter(site["degree"] for site in truth["sites"])
    assert 3 <= degrees["high"] <= 4 and 6 <= degrees["some"] <= 7 and 4 <= degrees["low"] <= 5
    ranges = {"high": (6, 8), "some": (3, 5), "low": (0, 2)}
    for site in truth["sites"]:
        low, high = ranges[site["degree"]]
        assert low <= site["favourable"] <= high
    assert {site["code"] for site in truth["sites"]} == set(Site.objects.values_list("code", flat=True))


def test_profile_shows_through_recorded_data(truth):
    planted = by_code(truth)
    shares = {"high": [], "some": [], "low": []}
    for site in Site.objects.all():
        profile = planted[site.code]
        first_two = ImplementationReport.objects.filter(visit__site=site).order_by("visit__held_on")[:2]
        goals = Factor.objects.filter(report__in=list(first_two), statement__icontains="mål")
        expected = "promoter" if profile["clear_goals"] else "inhibitor"
        assert goals.exists() and set(goals.values_list("valence", flat=True)) == {expected}
        first_visit = site.visits.filter(status="held").order_by("held_on").first().held_on
        early_manager = site.team_members.filter(
            role__in=["manager", "department_manager"], starts_on__lte=first_visit
        )
        assert early_manager.exists() == profile["team_with_management"]
        assessment = site.assessments.order_by("assessed_on").last()
        assert assessment.leadership_style == profile["leadership_style"]
        assert assessment.culture_type == profile["culture"]
        assert (
            sorted(c.number for c in assessment.attention_points_worked.all()) == profile["attention_points"]
        )
        factors = Factor.objects.filter(report__visit__site=site)
        share = factors.filter(valence="promoter").count() / factors.count()
        shares[profile["degree"]].append(share)
    mean = {degree: sum(values) / len(values) for degree, values in shares.items()}
    assert mean["high"] > mean["some"] > mean["low"]


def test_factors_trial_actions_and_passages_are_consistent(truth):
    for factor in Factor.objects.select_related("driver", "mechanism"):
        assert factor.driver and factor.mechanism and factor.mechanism.parent_id == factor.driver_id
    assert Factor.objects.exclude(quote="").exists()
    for action in TrialAction.objects.filter(followed_up_at__isnull=False).select_related(
        "agreed_at", "followed_up_at"
    ):
        assert action.followed_up_at.site_id == action.agreed_at.site_id
        assert action.followed_up_at.held_on > action.agreed_at.held_on
        assert action.outcome and action.learning
    assert TrialAction.objects.filter(followed_up_at__isnull=True).exists()
    passages = CodedPassage.objects.select_related("section", "joint_meeting", "coder", "codebook_version")
    assert passages.count() > 300
    for passage in passages:
        source = passage.section.text if passage.section else passage.joint_meeting.minutes
        assert source[passage.start : passage.end] == passage.text
        assert passage.coder.username == "evaluator" and passage.codebook_version.number == 1
    assert passages.filter(attention_point__isnull=False).exists()
    assert passages.filter(valence="neutral").exists()


def test_demo_users_and_audit(truth):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.role == Role.ADMINISTRATOR
    consultant = User.objects.get(username="consultant1")
    seen = permissions.visible_sites(consultant)
    assert 0 < seen.count() < Site.objects.count()
    team = User.objects.filter(role=Role.TEAM_MEMBER, username__startswith="team-")
    assert team.count() == 14 and all(u.site.code.lower() in u.username for u in team)
    assert permissions.visible_sites(team.first()).count() == 1
    assert User.objects.get(username="provider").role == Role.PROVIDER
    assert AuditEntry.objects.filter(action="bulk", model="demo").exists()
