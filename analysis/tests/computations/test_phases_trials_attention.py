from analysis.computations.attention import attention_point_table
from analysis.computations.config import DEFAULT_PHASE_ACTIVITIES
from analysis.computations.phases import phase_trajectory
from analysis.computations.records import AssessmentRecord, PassageRecord, TeamMemberRecord, TrialActionRecord
from analysis.computations.sitedata import group_by_site
from analysis.computations.trials import trial_action_summary
from analysis.tests.computations.builders import D, data, factor, site, visits

PHASES = [
    "preparation",
    "prerequisite_analysis",
    "capacity_building",
    "prerequisite_analysis",
    "capacity_building",
    "adaptation_anchoring",
]


def test_trajectory_flags_relapses_and_durations():
    grouped = group_by_site(data(sites=[site("A")], visits=visits("A", PHASES)))
    path = phase_trajectory(grouped["A"], DEFAULT_PHASE_ACTIVITIES, set())
    assert [p.relapse for p in path.points] == [False, False, False, True, False, False]
    assert path.relapses == 1
    assert path.highest_phase == path.current_phase == "adaptation_anchoring"
    stages = {s.phase: s for s in path.stages}
    # capacity building started Oct 2018 and was left for adaptation only in Oct 2019
    assert (stages["capacity_building"].start, stages["capacity_building"].end) == (
        D(2018, 10, 1),
        D(2019, 10, 1),
    )
    assert stages["capacity_building"].visits == 2
    assert stages["preparation"].duration_days == (D(2018, 6, 1) - D(2018, 2, 1)).days
    assert stages["adaptation_anchoring"].ongoing and stages["adaptation_anchoring"].duration_days == 0


def test_phase_activities_are_documented_from_the_data():
    records = data(
        sites=[site("A")],
        visits=visits("A", ["preparation", "capacity_building", "adaptation_anchoring"]),
        team_members=[
            TeamMemberRecord("A", "manager", D(2018, 1, 1)),
            TeamMemberRecord("A", "staff", D(2018, 1, 1)),
        ],
        factors=[
            factor(
                "A", "promoter", "Målene er afklaret og delt med personalet", D(2018, 2, 1), "organisation"
            ),
            factor("A", "inhibitor", "Travl drift tager tiden", D(2018, 6, 1), "competence"),
            factor("A", "promoter", "Supervision hver måned", D(2018, 6, 1), "competence", "coaching"),
            factor("A", "promoter", "Supervisionen fortsætter", D(2018, 10, 1), "competence", "coaching"),
        ],
        trial_actions=[TrialActionRecord(1, "A", D(2018, 2, 1), "Følelseskompasset laminerest og hænges op")],
        passages=[PassageRecord(1, "A", D(2018, 10, 1), "tekst", attention_point=7, report_id=3)],
    )
    grouped = group_by_site(records)
    worked = set(attention_point_table(records, grouped).sites[0].worked)
    path = phase_trajectory(grouped["A"], DEFAULT_PHASE_ACTIVITIES, worked)
    done = {a.key: a for s in path.stages for a in s.activities if a.done}
    assert {"team_appointed", "goals_clarified", "factors_named", "supervision", "tools_visible"} <= set(done)
    assert done["continued_supervision"].first_seen == D(2018, 10, 1)  # only after reaching adaptation
    assert done["written_into_documentation"].kind == "attention_point"
    assert "own_model" not in done
    prep = path.stages[0]
    assert prep.completed_share == 0.5  # team and goals, not staff informed or training planned


def test_trial_actions_counted_with_never_followed_up_and_open():
    records = data(
        sites=[site("A"), site("B", "RP")],
        visits=visits("A", ["preparation", "capacity_building", "capacity_building"])
        + visits("B", ["preparation"], start_id=10),
        trial_actions=[
            TrialActionRecord(1, "A", D(2018, 2, 1), "a", "competence", D(2018, 6, 1), "done"),
            TrialActionRecord(2, "A", D(2018, 2, 1), "b", "leadership", D(2018, 6, 1), "partly"),
            TrialActionRecord(
                3, "A", D(2018, 6, 1), "c", "leadership"
            ),  # a later visit was held: never followed up
            TrialActionRecord(4, "A", D(2018, 10, 1), "d", "organisation"),  # last visit: still open
            TrialActionRecord(5, "B", D(2018, 2, 1), "e", "competence", D(2018, 6, 1), "dropped"),
        ],
    )
    summary = trial_action_summary(group_by_site(records))
    a = summary.per_site["A"]
    assert (a.agreed, a.followed_up, a.done, a.partly, a.never_followed_up, a.open) == (4, 2, 1, 1, 1, 1)
    assert a.follow_through == 0.5  # (1 + 0.5) / 3 actions that had a chance
    assert summary.per_programme["RP"].dropped == 1
    assert summary.per_driver["leadership"].agreed == 2
    assert [u.id for u in summary.never_followed_up] == [3]


def test_attention_points_from_assessments_and_passages():
    records = data(
        sites=[site("A"), site("B")],
        assessments=[
            AssessmentRecord("A", D(2019, 6, 1), attention_points=(1, 4)),
            AssessmentRecord("A", D(2020, 6, 1), attention_points=(5,)),
        ],
        passages=[
            PassageRecord(1, "A", D(2018, 3, 1), "t", attention_point=4),
            PassageRecord(2, "B", D(2018, 3, 1), "t", attention_point=10),
        ],
    )
    table = attention_point_table(records)
    by_site = {s.site: s for s in table.sites}
    assert by_site["A"].worked == [1, 4, 5]
    assert by_site["A"].cells[4].from_assessment and by_site["A"].cells[4].passages == 1
    assert by_site["B"].worked == [10]
    assert len(by_site["B"].not_worked) == 9
    assert table.coverage[4] == 1 and table.coverage[2] == 0
    assert [p["number"] for p in table.points] == list(range(1, 11))
