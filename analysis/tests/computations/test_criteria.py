"""Edge cases of each degree criterion (issue 12): replaced leavers, missing attention points,
uncoded statements, half-done trial actions, pace, stalls and relapses, and the score's
denominator when evidence is missing."""

from analysis.computations.config import resolve_config
from analysis.computations.criteria import setbacks
from analysis.computations.records import AssessmentRecord, PassageRecord, TeamMemberRecord, TrialActionRecord
from analysis.computations.result import run_analysis
from analysis.tests.computations.builders import D, data, factor, site, visits

PHASES = ["preparation", "prerequisite_analysis", "capacity_building", "adaptation_anchoring"]


def _classify(**records):
    records.setdefault("visits", visits("S", PHASES))
    return run_analysis(data(sites=[site("S")], **records), resolve_config()).site("S").classification


def _criterion(classification, key):
    return next(c for c in classification.criteria if c.key == key)


def _team(*periods):
    return [TeamMemberRecord("S", "staff", start, end) for start, end in periods]


def test_replaced_leavers_count_as_turnover():
    start, first_visit = D(2018, 1, 1), D(2018, 2, 1)
    stable = _classify(team_members=_team(*[(start, None)] * 4))
    assert _criterion(stable, "team_persists").value == 1.0
    half_replaced = _team(
        (start, None), (start, None), (start, D(2018, 7, 1)), (start, D(2018, 9, 1)),
        (D(2018, 8, 1), None), (D(2018, 10, 1), None),
    )  # fmt: skip
    turned_over = _criterion(_classify(team_members=half_replaced), "team_persists")
    assert turned_over.value == 0.0
    assert turned_over.counts == {"founding": 4, "leavers": 2, "joined_later": 2}
    one_of_four = _team(
        (start, None), (start, None), (start, None), (start, D(2018, 7, 1)), (D(2018, 8, 1), None)
    )
    assert _criterion(_classify(team_members=one_of_four), "team_persists").value == 0.5
    assert first_visit == visits("S", PHASES)[0].held_on


def test_an_assessment_without_attention_points_is_missing_evidence_not_zero():
    bare = [AssessmentRecord("S", D(2019, 6, 1), "democratic", "collaboration", ())]
    points = _criterion(_classify(assessments=bare), "attention_points")
    assert points.value is None and points.missing
    coded = [PassageRecord(1, "S", D(2018, 6, 1), "tekst", "organisation", "", "promoter", 4, report_id=2)]
    found = _criterion(_classify(assessments=bare, passages=coded), "attention_points")
    assert found.value == 0.0 and found.counts == {"worked": 1}  # 1 point: below the ramp's start


def test_uncoded_statements_count_for_valence_but_not_for_drivers_and_say_so():
    day = D(2018, 2, 1)
    uncoded = [factor("S", "promoter", "Godt", day), factor("S", "promoter", "Fint", day),
               factor("S", "inhibitor", "Svært", day)]  # fmt: skip
    classification = _classify(factors=uncoded)
    assert _criterion(classification, "promoter_share").value == 1.0  # 2 of 3 = 2:1
    balance = _criterion(classification, "driver_balance")
    assert balance.value is None and "3 udsagn er ikke kodet endnu" in balance.missing
    assert classification.provisional and "3 udsagn er ikke kodet endnu" in classification.provisional_reasons
    assert classification.evidence.uncoded_statements == 3 and classification.evidence.statements == 3
    coded = [
        factor("S", "promoter", "Godt", day, "competence"),
        factor("S", "inhibitor", "Svært", day, "leadership"),
    ]
    balance = _criterion(_classify(factors=coded), "driver_balance")
    assert balance.value == 0.5  # competence 1.0, leadership 0.0
    assert "ikke kodet" not in " ".join(_classify(factors=coded).provisional_reasons)


def test_half_done_scores_a_half_and_never_followed_up_counts_against():
    vs = visits("S", PHASES)
    days = [v.held_on for v in vs]

    def action(n, followed=None, outcome=""):
        return TrialActionRecord(n, "S", days[0], "a", "competence", followed, outcome)

    half = [action(1, days[1], "done"), action(2)]  # the second never followed up
    assert _criterion(_classify(trial_actions=half), "trial_follow_through").value == 0.5
    partly = [action(1, days[1], "done"), action(2, days[1], "partly")]
    assert _criterion(_classify(trial_actions=partly), "trial_follow_through").value == 0.75
    open_only = [TrialActionRecord(3, "S", days[-1], "b", "competence")]
    assert _criterion(_classify(trial_actions=open_only), "trial_follow_through").value is None


def test_pace_rewards_getting_far_early_not_only_the_last_phase():
    early = _classify(visits=visits("S", PHASES[:2] + ["capacity_building"] + ["adaptation_anchoring"] * 5))
    late = _classify(visits=visits("S", PHASES[:1] * 3 + PHASES[1:2] * 2 + PHASES[2:3] * 2 + PHASES[3:]))
    assert _criterion(early, "phase_progress").value > 0.6 > 0.4 > _criterion(late, "phase_progress").value
    assert _criterion(early, "steady_progress").value == 1.0
    assert _criterion(late, "steady_progress").value < 1.0  # one visit too many in preparation


def test_stalls_relapses_and_recovery():
    assert setbacks([0, 1, 2, 3, 3, 3], 3, 2) == (0, 0, 0)  # staying anchored is no stall
    assert setbacks([0, 1, 2, 2, 2, 3], 3, 2) == (1, 0, 0)  # a third visit without a new phase
    assert setbacks([0, 1, 2, 1, 2, 3], 3, 2) == (1, 1, 1)  # relapse recovered; no net progress
    assert setbacks([0, 1, 2, 1, 1, 1], 3, 2) == (2, 1, 0)  # relapse not recovered, then stalls
    assert setbacks([0, 1, 0, 1, 0, 1], 3, 2) == (2, 2, 2)  # back and forth is a stall too
    recovered = _classify(visits=visits("S", PHASES[:3] + PHASES[1:]))
    lost = _classify(visits=visits("S", PHASES[:3] + PHASES[1:2] * 3))
    assert _criterion(recovered, "steady_progress").value == 0.4  # 1 stall + ½ relapse over 5
    assert _criterion(lost, "steady_progress").value == 0.0  # 2 stalls + 1 relapse over 5


def test_anchoring_is_its_own_rating_and_missing_without_two():
    vs = visits("S", ["adaptation_anchoring"] * 4, anchoring=[1, 2, 2, 2])
    rated = _classify(visits=vs)
    assert _criterion(rated, "anchoring").value == 0.0  # anchoring phase, rating still 2
    assert _criterion(rated, "phase_progress").value == 1.0
    assert _criterion(_classify(visits=visits("S", PHASES[:1])), "anchoring").value is None


def test_missing_criteria_leave_the_denominator_and_few_reports_are_provisional():
    records = {
        "visits": visits("S", PHASES[:2]),
        "factors": [factor("S", "promoter", "x", D(2018, 2, 1))],
        "team_members": [TeamMemberRecord("S", "manager", D(2018, 1, 1))],
    }
    classification = _classify(**records)
    missing = classification.missing_evidence
    assert "attention_points" in missing and classification.score is not None
    without = resolve_config({"degree": {"criteria": {key: {"weight": 0} for key in missing}}})
    same = run_analysis(data(sites=[site("S")], **records), without).site("S").classification
    assert same.score == classification.score  # missing counts as absent, not as 0
    assert "kun 2 rapport(er)" in classification.provisional_reasons
    assert any("kriterier mangler data" in reason for reason in classification.provisional_reasons)
    weighted_missing = [c for c in classification.criteria if c.weight > 0 and c.value is None]
    evidence = classification.evidence
    assert evidence.criteria_present == evidence.criteria_total - len(weighted_missing) == 4


def test_one_aspect_measured_several_ways_has_one_vote():
    """Three phase criteria at 1 and one trial criterion at 0 give 0.5, not 0.71."""
    vs = visits("S", PHASES[:2] + PHASES[3:] * 4, anchoring=[4, 4, 4, 4, 4, 4])
    failed = [TrialActionRecord(1, "S", vs[0].held_on, "a", "competence", vs[1].held_on, "not_done")]
    only = {key: {"weight": 0} for key in resolve_config()["degree"]["criteria"]}
    for key in ("phase_progress", "steady_progress", "anchoring", "trial_follow_through"):
        only[key] = {"weight": 1}
    config = resolve_config({"degree": {"criteria": only}})
    result = run_analysis(data(sites=[site("S")], visits=vs, trial_actions=failed), config)
    classification = result.site("S").classification
    phases = [c.value for c in classification.criteria if c.key in ("steady_progress", "anchoring")]
    assert phases == [1.0, 1.0] and classification.score < 0.5 + 0.01


def test_culture_and_style_read_coded_passages_without_an_assessment_never_words():
    def passage(n, kind, key, text):
        return PassageRecord(n, "S", D(2018, 6, 1), text, extra_kind=kind, extra_key=key, report_id=2)

    coded = [
        passage(1, "leadership_style", "democratic", "Lederen er enerådig"),  # the code decides
        passage(2, "leadership_style", "authoritarian", "Dialog"),
        passage(3, "culture_type", "collaboration", "x"),
    ]
    classification = _classify(passages=coded)
    style = _criterion(classification, "democratic_leadership")
    assert (style.value, style.source, style.counts) == (0.5, "passages", {"passages": 2})
    assert _criterion(classification, "collaboration_culture").value == 1.0
    words_only = [factor("S", "promoter", "En demokratisk ledelse med dialog", D(2018, 2, 1), "leadership")]
    assert _criterion(_classify(factors=words_only), "democratic_leadership").value is None
    assessed = [AssessmentRecord("S", D(2019, 6, 1), "authoritarian", "control", (1,))]
    first = _classify(passages=coded, assessments=assessed)
    assert _criterion(first, "democratic_leadership").source == "site_assessments"


def test_a_score_near_a_threshold_is_provisional():
    records = {
        "visits": visits("S", PHASES * 2),
        "team_members": [TeamMemberRecord("S", "manager", D(2018, 1, 1))],
    }
    classification = _classify(**records)
    score = classification.score
    config = resolve_config({"degree": {"thresholds": {"high": score + 0.01}}})
    near = run_analysis(data(sites=[site("S")], **records), config).site("S").classification
    assert any("tæt på grænsen til høj" in reason for reason in near.provisional_reasons)
    far = resolve_config({"degree": {"thresholds": {"high": min(1.0, score + 0.2)}}})
    assert not any(
        "grænsen til høj" in reason
        for reason in run_analysis(data(sites=[site("S")], **records), far)
        .site("S")
        .classification.provisional_reasons
    )
