"""The services check the permission table themselves: a user acting outside their scope is refused
by the service whatever path called it, and nothing is written; system writes (no user) pass."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from accounts.tests.factories import UserFactory
from audit.services import acting_as
from fieldwork import services as fieldwork_services
from fieldwork import site_records
from fieldwork.models import Factor, JointMeeting, TrialAction, Visit
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory, VisitFactory
from registry import services as registry_services
from registry.models import Site
from registry.tests.factories import AssignmentFactory, ConsultantFactory, SiteFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2019, 5, 1)


@pytest.fixture
def world():
    own, other = SiteFactory(code="OWN"), SiteFactory(code="OTH")
    consultant = UserFactory(role=Role.CONSULTANT)
    AssignmentFactory(site=own, consultant=ConsultantFactory(user=consultant))
    return {
        "own": own,
        "other": other,
        "consultant": consultant,
        "team": UserFactory(role=Role.TEAM_MEMBER, site=own),
        "evaluator": UserFactory(role=Role.EVALUATOR),
    }


def _refused(user, write) -> bool:
    with acting_as(user):
        try:
            write()
        except PermissionDenied:
            return True
    return False


def test_a_consultant_writes_fieldwork_of_their_own_sites_only(world):
    other_visit = VisitFactory(site=world["other"], planned_on=DAY)
    other_report = ReportFactory(visit=other_visit)
    other_factor = FactorFactory(report=other_report)
    writes = {
        "plan a visit": lambda s: fieldwork_services.visit_plan(
            site=s, planned_on=datetime.date(2026, 12, 20)
        ),
        "record a visit": lambda s: fieldwork_services.visit_record(site=s, held_on=DAY, phase="preparation"),
        "add a statement": lambda s: fieldwork_services.factor_add(
            report=ReportFactory(visit=VisitFactory(site=s, planned_on=DAY)),
            valence="promoter",
            statement="Godt.",
        ),
        "agree a trial action": lambda s: fieldwork_services.trial_action_agree(
            visit=VisitFactory(site=s, planned_on=DAY), aim="Afprøve"
        ),
    }
    for name, write in writes.items():
        assert _refused(world["consultant"], lambda write=write: write(world["other"])), name
        assert not _refused(world["consultant"], lambda write=write: write(world["own"])), name
    before = Factor.objects.count()
    assert _refused(world["consultant"], lambda: fieldwork_services.factor_delete(factor=other_factor))
    assert Factor.objects.count() == before
    assert _refused(
        world["evaluator"], lambda: fieldwork_services.visit_cancel(visit=other_visit, reason="Syg")
    )


def test_a_team_member_follows_up_their_own_trial_actions_only(world):
    own_action = TrialActionFactory(agreed_at=VisitFactory(site=world["own"], planned_on=DAY))
    other_action = TrialActionFactory(agreed_at=VisitFactory(site=world["other"], planned_on=DAY))
    for action, refused in ((other_action, True), (own_action, False)):
        write = lambda action=action: fieldwork_services.trial_action_update(  # noqa: E731
            trial_action=action, expected_version=action.version, aim="Ny ordlyd"
        )
        assert _refused(world["team"], write) is refused
    assert TrialAction.objects.get(pk=other_action.pk).aim != "Ny ordlyd"


def test_joint_meeting_minutes_are_changed_only_by_who_writes_for_every_home(world):
    with acting_as(world["consultant"]):
        meeting = fieldwork_services.joint_meeting_save(
            held_on=DAY, title="Fællesmøde", minutes="Referat", sites=[world["own"], world["other"]]
        ).obj

    def update():
        fieldwork_services.joint_meeting_save(
            held_on=DAY,
            title="Ændret",
            minutes="Ændret",
            sites=[world["own"]],
            meeting=meeting,
            expected_version=meeting.version,
        )

    assert _refused(world["consultant"], update)
    assert JointMeeting.objects.get(pk=meeting.pk).title == "Fællesmøde"
    statement = lambda site: fieldwork_services.factor_add(  # noqa: E731
        joint_meeting=meeting, site=site, valence="inhibitor", statement="For lidt tid."
    )
    assert _refused(world["consultant"], lambda: statement(world["other"]))
    assert not _refused(world["consultant"], lambda: statement(world["own"]))


def test_registry_writes_follow_the_table(world):
    assert _refused(world["consultant"], lambda: registry_services.site_create(code="NEW", joined_on=DAY))
    assert not Site.objects.filter(code="NEW").exists()
    assert _refused(
        world["consultant"],
        lambda: registry_services.consultant_assign(
            site=world["own"], consultant=ConsultantFactory(), starts_on=DAY
        ),
    )
    assert _refused(world["team"], lambda: registry_services.site_update(site=world["other"], places=3))
    assert not _refused(world["team"], lambda: registry_services.site_update(site=world["own"], places=3))
    assert _refused(
        world["team"],
        lambda: registry_services.visit_plan_set(site=world["own"], year=2019, planned_visits=3),
    )
    assert _refused(
        world["consultant"],
        lambda: site_records.site_assessment_create(
            site=world["own"], assessed_on=DAY, leadership_style="", culture_type=""
        ),
    )


def test_system_writes_pass(world):
    visit = fieldwork_services.visit_record(site=world["other"], held_on=DAY, phase="preparation").obj
    assert Visit.objects.filter(pk=visit.pk).exists()
