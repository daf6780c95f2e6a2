"""Every rule of the shipped alert table on hand-built site histories: it fires, and it does not."""

import datetime
import json
from pathlib import Path

import pytest

from decisions.alerts import evaluate, kinds, parameter_errors
from decisions.history import (
    AssessmentRecord,
    EventRecord,
    FactorRecord,
    SiteHistory,
    TeamRecord,
    TrialRecord,
    VisitRecord,
)

RULES = {
    rule["key"]: rule
    for rule in json.loads(
        (Path(__file__).resolve().parents[1] / "data" / "alert_rules.json").read_text("utf-8")
    )
}
PHASES = ["preparation", "prerequisite_analysis", "capacity_building", "adaptation_anchoring"]


def fires(key: str, history: SiteHistory):
    rule = RULES[key]
    return evaluate(rule["kind"], rule["parameters"], history)


def visits(
    *texts: str, start=datetime.date(2018, 3, 1), phases=None, anchoring=None
) -> tuple[VisitRecord, ...]:
    phases = phases or ["capacity_building"] * len(texts)
    anchoring = anchoring or [None] * len(texts)
    return tuple(
        VisitRecord(
            visit_id=index + 1,
            held_on=start + datetime.timedelta(days=120 * index),
            phase=phases[index],
            phase_rank=PHASES.index(phases[index]),
            anchoring=anchoring[index],
            text=text,
        )
        for index, text in enumerate(texts)
    )


def test_every_kind_in_the_table_exists_and_parameters_are_valid():
    for rule in RULES.values():
        assert rule["kind"] in kinds()
        assert parameter_errors(rule["kind"], rule["parameters"]) == [], rule["key"]


def test_parameter_errors_catch_bad_rows():
    assert parameter_errors("nonsense", {}) == ["ukendt regeltype: 'nonsense'"]
    assert "ukendt parameter: 'visit'" in parameter_errors("keyword_absent", {"visit": 3})
    assert "visits skal være af typen int" in parameter_errors("keyword_absent", {"visits": "3"})
    assert "visits skal være mindst 1" in parameter_errors("keyword_absent", {"visits": 0})
    assert "stems skal være en liste af tekster" in parameter_errors(
        "keyword_absent", {"stems": "supervision"}
    )
    with pytest.raises(ValueError):
        evaluate("keyword_absent", {"visits": True}, SiteHistory())


class TestNoSupervision:
    def test_fires_when_the_last_three_visits_never_mention_it(self):
        history = SiteHistory(
            visits=visits(
                "Ekstern supervision hver måned.", "Travl hverdag.", "Fokus på STORM.", "Morgenmøder."
            )
        )
        finding = fires("no-supervision", history)
        assert finding is not None
        assert [e.code for e in finding.evidence] == ["visits_without_mention", "last_mention"]
        assert finding.evidence[1].on == datetime.date(2018, 3, 1)
        assert "supervision" in finding.evidence[1].quote

    def test_quiet_when_one_recent_visit_mentions_supervisionen(self):
        history = SiteHistory(visits=visits("Travl hverdag.", "Supervisionen er flyttet.", "Morgenmøder."))
        assert fires("no-supervision", history) is None

    def test_quiet_with_too_few_visits(self):
        assert fires("no-supervision", SiteHistory(visits=visits("Travl hverdag.", "Morgenmøder."))) is None

    def test_stem_must_start_a_word(self):
        history = SiteHistory(visits=visits("Vi talte om ikke-supervisorer.", "x", "y"))
        assert fires("no-supervision", history) is None
        history = SiteHistory(visits=visits("Vi talte om supersupervision.", "x", "y"))
        assert fires("no-supervision", history) is not None


class TestNewStaffWithoutIntroduction:
    def test_fires_when_substitutes_are_mentioned_and_no_introduction(self):
        history = SiteHistory(visits=visits("Alt roligt.", "Mange vikarer i weekenden.", "Travlt."))
        finding = fires("new-staff-without-introduction", history)
        assert finding is not None
        assert finding.evidence[0].code == "mention"
        assert "vikarer" in finding.evidence[0].quote
        assert finding.evidence[-1].code == "answer_missing"

    def test_quiet_when_an_introduction_follows(self):
        history = SiteHistory(
            visits=visits("To nye medarbejdere.", "Introduktionskursus for nye holdt i marts.", "Travlt.")
        )
        assert fires("new-staff-without-introduction", history) is None

    def test_an_introduction_before_the_new_staff_does_not_answer(self):
        history = SiteHistory(visits=visits("Introduktion af programmet.", "Nyansatte i huset.", "Travlt."))
        assert fires("new-staff-without-introduction", history) is not None

    def test_quiet_when_nothing_about_new_staff(self):
        assert fires("new-staff-without-introduction", SiteHistory(visits=visits("a", "b", "c"))) is None


def trial(visit_id, aim="Prøv følelseskompasset", followed=None, outcome=""):
    return TrialRecord(agreed_visit_id=visit_id, aim=aim, followed_up_visit_id=followed, outcome=outcome)


class TestTrialActionsNotFollowedUp:
    def test_fires_after_two_visits_in_a_row_without_follow_up(self):
        history = SiteHistory(
            visits=visits("a", "b", "c", "d"),
            trial_actions=(
                trial(1, followed=2, outcome="done"),
                trial(2),
                trial(3, followed=4, outcome="dropped"),
            ),
        )
        finding = fires("trial-actions-not-followed-up", history)
        assert finding is not None
        assert [(e.on, e.values["outcome"]) for e in finding.evidence] == [
            (datetime.date(2018, 6, 29), ""),
            (datetime.date(2018, 10, 27), "dropped"),
        ]

    def test_quiet_when_one_of_them_was_done(self):
        history = SiteHistory(
            visits=visits("a", "b", "c", "d"),
            trial_actions=(
                trial(2),
                trial(3, followed=4, outcome="dropped"),
                trial(3, followed=4, outcome="partly"),
            ),
        )
        assert fires("trial-actions-not-followed-up", history) is None

    def test_actions_from_the_latest_visit_are_not_yet_due(self):
        history = SiteHistory(visits=visits("a", "b", "c"), trial_actions=(trial(2), trial(3)))
        assert fires("trial-actions-not-followed-up", history) is None


class TestTeamWithoutManagement:
    def test_fires_when_only_staff_serve_at_the_latest_visit(self):
        history = SiteHistory(
            visits=visits("a", "b", "c"),
            team=(
                TeamRecord("staff", datetime.date(2018, 1, 1)),
                TeamRecord("manager", datetime.date(2018, 1, 1), datetime.date(2018, 5, 1)),
            ),
        )
        finding = fires("team-without-management", history)
        assert [e.code for e in finding.evidence] == ["team_at", "manager_left"]
        assert finding.evidence[0].values == {"members": 1}

    def test_quiet_with_a_department_manager(self):
        history = SiteHistory(
            visits=visits("a"),
            team=(
                TeamRecord("staff", datetime.date(2018, 1, 1)),
                TeamRecord("department_manager", datetime.date(2018, 1, 1)),
            ),
        )
        assert fires("team-without-management", history) is None

    def test_quiet_before_any_visit(self):
        assert (
            fires(
                "team-without-management", SiteHistory(team=(TeamRecord("staff", datetime.date(2018, 1, 1)),))
            )
            is None
        )


class TestTeamDissolving:
    def test_fires_when_half_have_left(self):
        history = SiteHistory(
            visits=visits("a", "b", "c", "d"),
            team=(
                TeamRecord("staff", datetime.date(2018, 1, 1), datetime.date(2018, 8, 1)),
                TeamRecord("staff", datetime.date(2018, 1, 1), datetime.date(2018, 9, 1)),
                TeamRecord("manager", datetime.date(2018, 1, 1)),
                TeamRecord("staff", datetime.date(2018, 1, 1)),
            ),
        )
        assert fires("team-dissolving", history).evidence[0].values["share"] == 0.5

    def test_quiet_when_most_stay(self):
        history = SiteHistory(
            visits=visits("a", "b", "c", "d"),
            team=(
                TeamRecord("staff", datetime.date(2018, 1, 1), datetime.date(2018, 8, 1)),
                TeamRecord("manager", datetime.date(2018, 1, 1)),
                TeamRecord("staff", datetime.date(2018, 1, 1), datetime.date(2030, 1, 1)),
            ),
        )
        assert fires("team-dissolving", history) is None


def factor(visit_id, valence, statement="Udsagn", driver="organisation"):
    return FactorRecord(visit_id=visit_id, valence=valence, statement=statement, driver=driver)


class TestPartialStaff:
    def test_fires_on_an_a_team_and_b_team(self):
        history = SiteHistory(
            visits=visits("a", "b"), factors=(factor(2, "inhibitor", "Der er et A-hold og B-hold i huset."),)
        )
        finding = fires("partial-staff", history)
        assert finding.evidence[0].quote == "Der er et A-hold og B-hold i huset."

    def test_cleared_by_a_later_promoter_about_all_staff(self):
        history = SiteHistory(
            visits=visits("a", "b", "c"),
            factors=(
                factor(1, "inhibitor", "Kun en del af medarbejderne er med."),
                factor(3, "promoter", "Nu deltager alle medarbejdere i undervisningen."),
            ),
        )
        assert fires("partial-staff", history) is None

    def test_a_promoter_with_the_words_does_not_fire(self):
        history = SiteHistory(
            visits=visits("a"), factors=(factor(1, "promoter", "Der er ikke længere et A-hold."),)
        )
        assert fires("partial-staff", history) is None

    def test_old_mentions_outside_the_window_do_not_fire(self):
        history = SiteHistory(
            visits=visits("a", "b", "c", "d"), factors=(factor(1, "inhibitor", "A-hold og B-hold."),)
        )
        assert fires("partial-staff", history) is None


class TestUnclearGoals:
    def test_fires_on_unclear_goals(self):
        history = SiteHistory(
            visits=visits("a"), factors=(factor(1, "inhibitor", "Uklare mål for arbejdet."),)
        )
        assert fires("unclear-goals", history) is not None

    def test_clear_goals_promoter_does_not_fire(self):
        history = SiteHistory(
            visits=visits("a"), factors=(factor(1, "promoter", "Klare mål, delt af alle."),)
        )
        assert fires("unclear-goals", history) is None


class TestPhaseRelapse:
    def test_fires_when_the_latest_visit_is_in_an_earlier_phase(self):
        history = SiteHistory(
            visits=visits("a", "b", "c", phases=["preparation", "capacity_building", "prerequisite_analysis"])
        )
        finding = fires("phase-relapse", history)
        assert [e.values["phase"] for e in finding.evidence] == ["capacity_building", "prerequisite_analysis"]

    def test_quiet_when_phases_only_move_forward_or_stay(self):
        history = SiteHistory(
            visits=visits("a", "b", "c", phases=["preparation", "capacity_building", "capacity_building"])
        )
        assert fires("phase-relapse", history) is None

    def test_an_old_relapse_is_not_current(self):
        phases = ["capacity_building", "preparation", "capacity_building", "adaptation_anchoring"]
        assert fires("phase-relapse", SiteHistory(visits=visits("a", "b", "c", "d", phases=phases))) is None


class TestPressureRisingInhibitors:
    def history(self, after_valences):
        factors = [
            factor(1, "promoter"),
            factor(1, "promoter"),
            factor(2, "promoter"),
            factor(2, "inhibitor"),
        ]
        factors += [factor(3 + index // 2, valence) for index, valence in enumerate(after_valences)]
        return SiteHistory(
            visits=visits("a", "b", "c", "d"),
            factors=tuple(factors),
            events=(EventRecord("pandemic", datetime.date(2018, 9, 1), description="Coronakrisen"),),
        )

    def test_fires_when_inhibitors_rise_after_the_pressure(self):
        finding = fires(
            "pressure-rising-inhibitors", self.history(["inhibitor", "inhibitor", "inhibitor", "promoter"])
        )
        share = finding.evidence[1].values
        assert (share["before"], share["after"]) == (0.25, 0.75)
        assert finding.evidence[0].values == {"kind": "pandemic"}

    def test_quiet_when_the_share_stays(self):
        assert (
            fires(
                "pressure-rising-inhibitors", self.history(["inhibitor", "promoter", "promoter", "promoter"])
            )
            is None
        )

    def test_quiet_without_any_pressure(self):
        history = self.history(["inhibitor"] * 4)
        assert (
            fires("pressure-rising-inhibitors", SiteHistory(visits=history.visits, factors=history.factors))
            is None
        )

    def test_an_ended_pressure_is_not_current(self):
        history = self.history(["inhibitor"] * 4)
        ended = EventRecord("savings", datetime.date(2018, 9, 1), datetime.date(2018, 9, 30))
        assert (
            fires(
                "pressure-rising-inhibitors",
                SiteHistory(visits=history.visits, factors=history.factors, events=(ended,)),
            )
            is None
        )


class TestAnchoringStalled:
    def test_fires_when_low_and_flat(self):
        history = SiteHistory(visits=visits("a", "b", "c", "d", anchoring=[1, 2, 2, 1]))
        assert [e.values["rating"] for e in fires("anchoring-stalled", history).evidence] == [2, 2, 1]

    def test_quiet_when_rising(self):
        assert (
            fires("anchoring-stalled", SiteHistory(visits=visits("a", "b", "c", "d", anchoring=[1, 1, 1, 2])))
            is None
        )
        assert (
            fires("anchoring-stalled", SiteHistory(visits=visits("a", "b", "c", "d", anchoring=[1, 2, 3, 3])))
            is None
        )

    def test_quiet_early_in_the_process(self):
        assert (
            fires("anchoring-stalled", SiteHistory(visits=visits("a", "b", "c", anchoring=[1, 1, 1]))) is None
        )


class TestLeadershipInhibitors:
    def test_fires_when_leadership_statements_are_mostly_inhibitors(self):
        history = SiteHistory(
            visits=visits("a", "b"),
            factors=(
                factor(1, "inhibitor", "Ledelsen er fraværende.", "leadership"),
                factor(2, "inhibitor", "Beslutninger trækkes ned over hovedet.", "leadership"),
                factor(2, "promoter", "Lederen deltog.", "leadership"),
                factor(2, "promoter", "Godt samarbejde.", "organisation"),
            ),
        )
        finding = fires("leadership-inhibitors", history)
        assert finding.evidence[0].values["inhibitors"] == 2 and finding.evidence[0].values["total"] == 3

    def test_quiet_when_balanced_or_too_few(self):
        history = SiteHistory(
            visits=visits("a"),
            factors=(
                factor(1, "inhibitor", driver="leadership"),
                factor(1, "inhibitor", driver="leadership"),
            ),
        )
        assert fires("leadership-inhibitors", history) is None


class TestAssessmentStyle:
    def assessments(self, *rows):
        return SiteHistory(
            assessments=tuple(
                AssessmentRecord(datetime.date(2019, 6, 1 + i), *row) for i, row in enumerate(rows)
            )
        )

    def test_authoritarian_fires_on_the_latest_assessment(self):
        history = self.assessments(("democratic", "collaboration"), ("authoritarian", "collaboration"))
        assert fires("authoritarian-leadership", history).evidence[0].values == {"style": "authoritarian"}
        assert fires("control-culture", history) is None

    def test_an_improved_latest_assessment_is_quiet(self):
        history = self.assessments(("authoritarian", "control"), ("democratic", "collaboration"))
        assert fires("authoritarian-leadership", history) is None
        assert fires("control-culture", history) is None

    def test_control_culture_fires(self):
        assert fires("control-culture", self.assessments(("democratic", "control"))) is not None


class TestVisitsCancelled:
    def test_fires_after_two_cancellations_in_a_row(self):
        history = SiteHistory(
            visits=visits("a"), cancelled=(datetime.date(2018, 9, 1), datetime.date(2018, 12, 1))
        )
        assert len(fires("visits-cancelled", history).evidence) == 2

    def test_quiet_when_a_visit_was_held_in_between(self):
        history = SiteHistory(
            visits=visits("a", "b", start=datetime.date(2018, 6, 1)),
            cancelled=(datetime.date(2018, 5, 1), datetime.date(2018, 9, 1)),
        )
        assert fires("visits-cancelled", history) is None
