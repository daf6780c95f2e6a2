import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.privacy import CPR_MASK
from accounts.tests.factories import UserFactory
from audit.versions import EditConflict
from codebook.models import Code
from fieldwork import services
from fieldwork.models import ImplementationReport, JointMeeting, ReportStatus, VisitStatus
from fieldwork.tests.factories import ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

CPR = "010203-1234"


def _save(visit, version, author, **sections):
    return services.report_save(
        visit=visit,
        expected_version=version,
        introduction="",
        sections=sections,
        anchoring=3,
        author=author,
    )


class TestReportSave:
    def test_first_save_creates_report_with_six_sections(self):
        visit = VisitFactory()
        author = UserFactory()
        saved = _save(visit, 0, author, leadership="Ledelsen går forrest.")
        report = saved.obj
        assert report.version == 1 and report.author == author and report.status == ReportStatus.DRAFT
        assert report.sections.count() == 6
        assert report.sections.get(theme="leadership").text == "Ledelsen går forrest."

    def test_each_save_increments_the_version(self):
        report = ReportFactory()
        saved = _save(report.visit, report.version, UserFactory(), leadership="Ny tekst")
        assert saved.obj.version == report.version + 1

    def test_stale_version_raises_conflict_and_keeps_the_stored_text(self):
        report = ReportFactory(sections={"leadership": "Oprindelig"})
        first, second = UserFactory(username="first"), UserFactory(username="second")
        _save(report.visit, 1, first, leadership="Første persons tekst")
        with pytest.raises(EditConflict) as caught:
            _save(report.visit, 1, second, leadership="Anden persons tekst")
        conflict = caught.value
        assert conflict.version == 2
        assert conflict.theirs["section_leadership"] == "Første persons tekst"
        assert conflict.conflicts == ("section_leadership",)
        stored = ImplementationReport.objects.get(pk=report.pk)
        assert stored.version == 2
        assert stored.sections.get(theme="leadership").text == "Første persons tekst"

    def test_after_a_conflict_saving_with_the_new_version_succeeds(self):
        report = ReportFactory()
        _save(report.visit, 1, UserFactory(), leadership="A")
        with pytest.raises(EditConflict) as caught:
            _save(report.visit, 1, UserFactory(), leadership="B")
        saved = _save(report.visit, caught.value.version, UserFactory(), leadership="A og B flettet")
        assert saved.obj.version == 3
        assert saved.obj.sections.get(theme="leadership").text == "A og B flettet"

    def test_two_first_saves_of_the_same_report_conflict(self):
        visit = VisitFactory()
        _save(visit, 0, UserFactory(), leadership="Først")
        with pytest.raises(EditConflict):
            _save(visit, 0, UserFactory(), leadership="Også først")

    def test_cpr_numbers_are_masked_in_every_theme_and_counted(self):
        visit = VisitFactory()
        saved = services.report_save(
            visit=visit,
            expected_version=0,
            introduction=f"Ung {CPR}",
            sections={"leadership": f"Bror 0102031235 og {CPR}", "anchoring": "Intet"},
            anchoring=None,
            author=UserFactory(),
        )
        assert saved.masked == 3
        report = saved.obj
        assert CPR not in report.introduction and CPR_MASK in report.introduction
        assert report.sections.get(theme="leadership").text.count(CPR_MASK) == 2

    def test_report_only_for_a_held_visit(self):
        visit = VisitFactory(status=VisitStatus.PLANNED, held_on=None, phase="")
        with pytest.raises(ValidationError):
            _save(visit, 0, UserFactory(), leadership="x")
        assert not ImplementationReport.objects.exists()

    def test_save_with_validation_date_validates(self):
        visit = VisitFactory(planned_on=datetime.date(2019, 3, 1))
        saved = services.report_save(
            visit=visit,
            expected_version=0,
            introduction="",
            sections={},
            anchoring=4,
            author=UserFactory(),
            validated_on=datetime.date(2019, 4, 1),
        )
        assert saved.obj.status == ReportStatus.VALIDATED
        assert saved.obj.validated_on == datetime.date(2019, 4, 1)

    def test_validation_before_the_visit_is_refused(self):
        report = ReportFactory(visit=VisitFactory(planned_on=datetime.date(2019, 3, 1)))
        with pytest.raises(ValidationError):
            services.report_validate(report=report, validated_on=datetime.date(2019, 2, 1))

    def test_a_validated_report_saved_again_is_a_draft(self):
        report = ReportFactory(status=ReportStatus.VALIDATED, validated_on=datetime.date(2018, 4, 1))
        saved = _save(report.visit, report.version, UserFactory(), leadership="Ændret")
        assert saved.obj.status == ReportStatus.DRAFT and saved.obj.validated_on is None


class TestTrialActions:
    def _visits(self):
        site = SiteFactory()
        first = VisitFactory(site=site, planned_on=datetime.date(2019, 1, 10))
        second = VisitFactory(site=site, planned_on=datetime.date(2019, 4, 10))
        return first, second

    def test_follow_up_at_a_later_visit(self):
        first, second = self._visits()
        action = services.trial_action_agree(visit=first, aim="Prøve følelseskompasset").obj
        saved = services.trial_action_follow_up(
            trial_action=action,
            expected_version=action.version,
            visit=second,
            outcome="done",
            learning="Det virkede.",
        )
        assert saved.obj.followed_up_at == second and saved.obj.outcome == "done"

    def test_follow_up_at_the_same_or_an_earlier_visit_is_refused(self):
        first, second = self._visits()
        action = TrialActionFactory(agreed_at=second)
        for visit in (first, second):
            with pytest.raises(ValidationError):
                services.trial_action_follow_up(
                    trial_action=action, expected_version=action.version, visit=visit, outcome="done"
                )
        action.refresh_from_db()
        assert action.followed_up_at is None

    def test_follow_up_at_another_sites_visit_is_refused(self):
        first, _ = self._visits()
        action = TrialActionFactory(agreed_at=first)
        other = VisitFactory(planned_on=datetime.date(2019, 6, 1))
        with pytest.raises(ValidationError):
            services.trial_action_follow_up(
                trial_action=action, expected_version=action.version, visit=other, outcome="done"
            )

    def test_follow_up_at_a_planned_visit_is_refused(self):
        first, _ = self._visits()
        planned = VisitFactory(
            site=first.site, planned_on=datetime.date(2019, 9, 1), held_on=None, status=VisitStatus.PLANNED
        )
        with pytest.raises(ValidationError):
            services.trial_action_follow_up(
                trial_action=TrialActionFactory(agreed_at=first),
                expected_version=1,
                visit=planned,
                outcome="done",
            )

    def test_follow_up_needs_an_outcome(self):
        first, second = self._visits()
        with pytest.raises(ValidationError):
            services.trial_action_follow_up(
                trial_action=TrialActionFactory(agreed_at=first), expected_version=1, visit=second, outcome=""
            )

    def test_an_action_followed_up_at_one_visit_is_not_followed_up_again_elsewhere(self):
        first, second = self._visits()
        third = VisitFactory(site=first.site, planned_on=datetime.date(2019, 8, 1))
        action = TrialActionFactory(agreed_at=first)
        services.trial_action_follow_up(
            trial_action=action, expected_version=action.version, visit=second, outcome="partly"
        )
        services.trial_action_follow_up(
            trial_action=action, expected_version=action.version, visit=second, outcome="done"
        )
        with pytest.raises(ValidationError):
            services.trial_action_follow_up(
                trial_action=action, expected_version=action.version, visit=third, outcome="done"
            )
        action.refresh_from_db()
        assert action.followed_up_at == second and action.outcome == "done"

    def test_agree_only_at_a_held_visit_and_mask_cpr(self):
        first, _ = self._visits()
        planned = VisitFactory(site=first.site, held_on=None, status=VisitStatus.PLANNED, phase="")
        with pytest.raises(ValidationError):
            services.trial_action_agree(visit=planned, aim="x")
        saved = services.trial_action_agree(visit=first, aim=f"Tale med {CPR}", carried_by="Anna")
        assert saved.masked == 1 and CPR not in saved.obj.aim

    def test_learning_is_masked(self):
        first, second = self._visits()
        saved = services.trial_action_follow_up(
            trial_action=TrialActionFactory(agreed_at=first),
            expected_version=1,
            visit=second,
            outcome="done",
            learning=CPR,
        )
        assert saved.masked == 1 and saved.obj.learning == CPR_MASK


class TestFactors:
    def test_mechanism_must_belong_to_the_driver(self):
        report = ReportFactory()
        competence = Code.objects.get(kind="driver", key="competence")
        leadership = Code.objects.get(kind="driver", key="leadership")
        mechanism = Code.objects.filter(kind="mechanism", parent=competence).first()
        with pytest.raises(ValidationError):
            services.factor_add(
                report=report, valence="promoter", statement="x", driver=leadership, mechanism=mechanism
            )
        saved = services.factor_add(
            report=report, valence="promoter", statement="x", driver=competence, mechanism=mechanism
        )
        assert saved.obj.mechanism == mechanism

    def test_statement_and_quote_are_masked(self):
        saved = services.factor_add(
            report=ReportFactory(), valence="inhibitor", statement=f"Pigen {CPR}", quote="0102031235"
        )
        assert saved.masked == 2
        assert saved.obj.statement == f"Pigen {CPR_MASK}" and saved.obj.quote == CPR_MASK

    def test_update_and_delete(self):
        factor = services.factor_add(report=ReportFactory(), valence="promoter", statement="Sparring").obj
        services.factor_update(
            factor=factor,
            expected_version=factor.version,
            valence="inhibitor",
            statement=f"Alene på vagt {CPR}",
        )
        factor.refresh_from_db()
        assert factor.valence == "inhibitor" and CPR_MASK in factor.statement
        services.factor_delete(factor=factor)
        assert not type(factor).objects.filter(pk=factor.pk).exists()

    def test_meeting_factor_site_must_have_taken_part(self):
        a, b = SiteFactory(), SiteFactory()
        meeting = services.joint_meeting_save(
            held_on=datetime.date(2019, 5, 1), title="Møde", minutes="", sites=[a]
        ).obj
        with pytest.raises(ValidationError):
            services.factor_add(joint_meeting=meeting, site=b, valence="promoter", statement="x")
        assert (
            services.factor_add(joint_meeting=meeting, site=a, valence="promoter", statement="x").obj.site
            == a
        )


class TestVisitsAndMeetings:
    def test_plan_then_record(self):
        site = SiteFactory()
        member = TeamMemberFactory(site=site)
        visit = services.visit_plan(site=site, planned_on=datetime.date(2019, 3, 1)).obj
        assert visit.status == VisitStatus.PLANNED
        saved = services.visit_record(
            site=site,
            visit=visit,
            held_on=datetime.date(2019, 3, 2),
            phase="capacity_building",
            participants=[member],
            other_participants=f"Forælder {CPR}",
        )
        visit.refresh_from_db()
        assert visit.status == VisitStatus.HELD and visit.held_on == datetime.date(2019, 3, 2)
        assert list(visit.participants.all()) == [member]
        assert saved.masked == 1 and CPR not in visit.other_participants

    def test_record_needs_a_phase_and_a_past_date(self):
        site = SiteFactory()
        with pytest.raises(ValidationError):
            services.visit_record(site=site, held_on=datetime.date(2019, 3, 2), phase="")
        with pytest.raises(ValidationError):
            services.visit_record(
                site=site, held_on=datetime.date.today() + datetime.timedelta(days=3), phase="preparation"
            )

    def test_a_visit_with_a_report_cannot_become_planned(self):
        report = ReportFactory()
        with pytest.raises(ValidationError):
            services.visit_plan(
                site=report.visit.site, visit=report.visit, planned_on=datetime.date(2030, 1, 1)
            )

    def test_meeting_minutes_masked_and_sites_required(self):
        with pytest.raises(ValidationError):
            services.joint_meeting_save(held_on=datetime.date(2019, 5, 1), title="Møde", minutes="", sites=[])
        assert not JointMeeting.objects.exists()
        saved = services.joint_meeting_save(
            held_on=datetime.date(2019, 5, 1), title="Møde", minutes=f"Dreng {CPR}", sites=[SiteFactory()]
        )
        assert saved.masked == 1 and CPR_MASK in saved.obj.minutes
