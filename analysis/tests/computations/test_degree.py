import datetime

import pytest

from analysis.computations.config import resolve_config
from analysis.computations.records import (
    AssessmentRecord,
    DegreeOverrideRecord,
    TeamMemberRecord,
    TrialActionRecord,
)
from analysis.computations.result import run_analysis
from analysis.tests.computations.builders import D, data, factor, site, visits

GOOD_PHASES = [
    "preparation",
    "prerequisite_analysis",
    "capacity_building",
    "capacity_building",
    "adaptation_anchoring",
    "adaptation_anchoring",
]
POOR_PHASES = [
    "preparation",
    "prerequisite_analysis",
    "preparation",
    "prerequisite_analysis",
    "preparation",
    "prerequisite_analysis",
]


def _good(code: str) -> dict:
    vs = visits(code, GOOD_PHASES, start_id=1, anchoring=[2, 2, 3, 3, 4, 5])
    day = [v.held_on for v in vs]
    return {
        "visits": vs,
        "team_members": [
            TeamMemberRecord(code, "manager", D(2018, 1, 1)),
            TeamMemberRecord(code, "staff", D(2018, 1, 1)),
            TeamMemberRecord(code, "staff", D(2018, 1, 1)),
        ],
        "factors": [
            factor(
                code,
                "promoter",
                "Klare mål for arbejdet er delt",
                day[0],
                "organisation",
                "facilitative_administration",
                report_id=1,
            ),
            factor(
                code,
                "promoter",
                "Alle medarbejdere deltager i undervisningen",
                day[1],
                "organisation",
                report_id=2,
            ),
            factor(
                code, "promoter", "Ledelsen går forrest og sætter rammer", day[1], "leadership", report_id=2
            ),
            factor(code, "promoter", "Ledelsen bygger på dialog", day[2], "leadership", report_id=3),
            factor(
                code, "promoter", "Programmet passer med vores praksis", day[2], "competence", report_id=3
            ),
            factor(code, "promoter", "En samarbejdsorienteret kultur", day[3], "organisation", report_id=4),
            factor(code, "inhibitor", "Travl drift", day[3], "competence", report_id=4),
        ],
        "trial_actions": [
            TrialActionRecord(1, code, day[0], "a", "competence", day[1], "done"),
            TrialActionRecord(2, code, day[2], "b", "organisation", day[3], "done"),
        ],
        "assessments": [
            AssessmentRecord(code, D(2019, 6, 1), "democratic", "collaboration", tuple(range(1, 9)))
        ],
    }


def _poor(code: str) -> dict:
    vs = visits(code, POOR_PHASES, start_id=100, anchoring=[1, 1, 2, 1, 2, 1])
    day = [v.held_on for v in vs]
    return {
        "visits": vs,
        "team_members": [
            TeamMemberRecord(code, "staff", D(2018, 1, 1), D(2018, 8, 1)),
            TeamMemberRecord(code, "staff", D(2018, 1, 1), D(2018, 9, 1)),
            TeamMemberRecord(code, "manager", D(2019, 3, 1)),
        ],
        "factors": [
            factor(code, "inhibitor", "Målene er ikke afklaret", day[0], "organisation", report_id=100),
            factor(code, "inhibitor", "Et A-hold og B-hold", day[1], "organisation", report_id=101),
            factor(
                code,
                "inhibitor",
                "Programmet er gjort obligatorisk oppefra",
                day[1],
                "leadership",
                report_id=101,
            ),
            factor(code, "inhibitor", "Passer ikke til vores praksis", day[2], "competence", report_id=102),
            factor(
                code,
                "inhibitor",
                "En kultur præget af kontrol og regler",
                day[3],
                "organisation",
                report_id=103,
            ),
            factor(code, "promoter", "Studiegruppe", day[3], "competence", report_id=103),
        ],
        "trial_actions": [
            TrialActionRecord(3, code, day[0], "c", "competence"),
            TrialActionRecord(4, code, day[1], "d", "competence", day[2], "not_done"),
        ],
        "assessments": [AssessmentRecord(code, D(2019, 6, 1), "authoritarian", "control", (1,))],
    }


def _world(without_assessments: bool = False):
    good, poor = _good("G"), _poor("P")
    merged = {key: good[key] + poor[key] for key in good}
    if without_assessments:
        merged["assessments"] = []
    return data(sites=[site("G"), site("P")], **merged)


def test_favourable_site_is_high_and_unfavourable_low_with_criteria_shown():
    result = run_analysis(_world(), resolve_config())
    good, poor = result.site("G").classification, result.site("P").classification
    assert good.degree == "high" and poor.degree == "low"
    assert set(good.held) >= {
        "team_with_management",
        "team_persists",
        "democratic_leadership",
        "phase_progress",
        "driver_balance",
    }
    assert {
        "team_with_management",
        "team_persists",
        "steady_progress",
        "trial_follow_through",
        "driver_balance",
    } <= set(poor.not_held)
    culture = next(c for c in good.criteria if c.key == "collaboration_culture")
    assert culture.source == "site_assessments" and culture.value == 1.0 and culture.finding
    assert result.degree_counts == {"high": 1, "some": 0, "low": 1, "unclassified": 0}


def test_without_assessments_culture_and_style_are_missing_not_read_from_words():
    result = run_analysis(_world(without_assessments=True), resolve_config())
    good, poor = result.site("G").classification, result.site("P").classification
    assert (good.degree, poor.degree) == ("high", "low")
    for classification in (good, poor):
        assert {"collaboration_culture", "democratic_leadership", "attention_points"} <= set(
            classification.missing_evidence
        )
    culture = next(c for c in good.criteria if c.key == "collaboration_culture")
    assert culture.value is None and "stedsvurdering" in culture.missing


def test_override_is_applied_and_kept_beside_the_proposal():
    world = _world()
    world.degree_overrides = [
        DegreeOverrideRecord("P", "some", "Nyt materiale", "evaluator", datetime.datetime(2020, 7, 1)),
        DegreeOverrideRecord("P", "low", "Første vurdering", "evaluator", datetime.datetime(2020, 1, 1)),
    ]
    result = run_analysis(world, resolve_config())
    poor = result.site("P")
    assert poor.classification.proposed == "low" and poor.degree == "some"
    assert poor.classification.override.reason == "Nyt materiale"
    assert result.degree_counts["some"] == 1


def test_rule_is_configurable():
    strict = resolve_config(
        {"degree": {"thresholds": {"high": 0.95}, "criteria": {"attention_points": {"low": 9, "high": 10}}}}
    )
    good = run_analysis(_world(), strict).site("G").classification
    assert good.degree == "some" and good.score < 0.95
    only_team = {
        "degree": {
            "criteria": {
                key: {"weight": 0}
                for key in resolve_config()["degree"]["criteria"]
                if key != "team_with_management"
            }
        }
    }
    result = run_analysis(_world(), resolve_config(only_team))
    assert result.site("G").degree is None  # fewer than min_criteria present
    assert result.degree_counts["unclassified"] == 2


def test_config_rejects_unknown_or_mistyped_entries():
    with pytest.raises(ValueError, match="unknown"):
        resolve_config({"degree": {"thresholdz": {}}})
    with pytest.raises(ValueError, match="number"):
        resolve_config({"degree": {"thresholds": {"high": "høj"}}})
    with pytest.raises(ValueError, match="low < high"):
        resolve_config({"degree": {"thresholds": {"high": 0.2, "low": 0.5}}})
