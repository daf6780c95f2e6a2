import json

from analysis.computations.capacity import driver_capacity
from analysis.computations.config import DEFAULT_CAPACITY_RULE, resolve_config
from analysis.computations.overview import data_overview
from analysis.computations.pressures import pressures
from analysis.computations.profiles import driver_profiles
from analysis.computations.records import (
    AssignmentRecord,
    CapacityConfirmation,
    EventRecord,
    JointMeetingRecord,
    ScoreRecord,
    TeamMemberRecord,
    VisitRecord,
)
from analysis.computations.result import run_analysis, site_status
from analysis.computations.scores import pearson, score_relation
from analysis.computations.serialize import analysis_json
from analysis.computations.sitedata import group_by_site
from analysis.tests.computations.builders import D, data, factor, site, visits


def test_capacity_per_site_period_and_mechanism_with_confirmation():
    factors = [
        factor("A", "promoter", "x", D(2018, 3, 1), "competence", "coaching"),
        factor("A", "promoter", "x", D(2018, 5, 1), "competence", "coaching"),
        factor("A", "inhibitor", "x", D(2018, 5, 1), "competence", "coaching"),
        factor("A", "inhibitor", "x", D(2019, 3, 1), "competence", "coaching"),
        factor("A", "promoter", "x", D(2019, 3, 1), "competence", "training"),
    ]
    confirmation = CapacityConfirmation("A", "2019", "training", "partly", "Kun nogle er uddannet")
    table = driver_capacity(data(sites=[site("A")], factors=factors), DEFAULT_CAPACITY_RULE, [confirmation])
    assert table.periods == ["2018", "2019"]
    assert table.cells["A"]["2018"]["coaching"].status == "partly"  # 2 of 3 promoters < 0.67
    assert table.cells["A"]["2019"]["coaching"].status == "not_in_place"
    assert table.cells["A"]["2018"]["training"].status is None
    cell = table.cells["A"]["2019"]["training"]
    assert (cell.proposed, cell.status) == ("in_place", "partly")


def test_pressure_compares_inhibitor_share_before_and_after():
    factors = [
        factor("A", "promoter", "x", D(2019, 12, 1), "competence"),
        factor("A", "promoter", "x", D(2020, 1, 1), "competence"),
        factor("A", "inhibitor", "x", D(2020, 2, 1), "competence"),
        factor("A", "inhibitor", "x", D(2020, 4, 1), "competence"),
        factor("B", "inhibitor", "x", D(2020, 5, 1), "competence"),
        factor("B", "promoter", "x", D(2020, 6, 1), "competence"),
    ]
    events = [
        EventRecord(1, "pandemic", D(2020, 3, 11)),
        EventRecord(2, "savings", D(2020, 1, 15), site="B"),
    ]
    records = data(sites=[site("A"), site("B")], factors=factors, events=events)
    result = pressures(records, group_by_site(records), 182)
    pandemic = next(e for e in result.events if e.event.kind == "pandemic")
    assert pandemic.sites == 2
    assert pandemic.before.inhibitor_share == round(1 / 3, 3) and pandemic.after.inhibitor_share == round(
        2 / 3, 3
    )
    assert pandemic.change == round(2 / 3 - 1 / 3, 3)
    savings = next(e for e in result.events if e.event.kind == "savings")
    assert savings.sites == 1 and savings.before.inhibitor_share is None and savings.change is None
    assert [p.period for p in result.timeline] == ["2019-H2", "2020-H1"]
    assert result.timeline[1].events == ("pandemic", "savings")
    assert result.by_kind["pandemic"]["mean_change"] == pandemic.change


def test_scores_correlate_only_with_enough_points():
    assert pearson([1, 2, 3], [2, 4, 6]) == 1.0
    assert pearson([1, 1, 1], [2, 4, 6]) is None
    codes = ["A", "B", "C", "D", "E"]
    scores = [
        ScoreRecord(c, "fidelity", float(i), D(2019, 1, 1), D(2019, 12, 31)) for i, c in enumerate(codes)
    ]
    records = data(sites=[site(c) for c in codes], scores=scores)
    grouped = group_by_site(records)
    balances = {c: i / 4 for i, c in enumerate(codes)}
    degrees = dict(zip(codes, ["low", "low", "some", "high", "high"], strict=True))
    relation = score_relation(grouped, balances, degrees, 5)
    by = {(c.kind, c.against): c for c in relation.correlations}
    assert by[("fidelity", "driver_balance")].r == 1.0
    assert by[("fidelity", "degree")].r > 0.9
    assert relation.by_degree["fidelity"] == {"low": 0.5, "some": 2.0, "high": 3.5}
    few = score_relation(grouped, balances, degrees, 6)
    assert few.correlations[0].r is None and "n=5" in few.correlations[0].note


def test_overview_counts_visits_reports_changes_and_background():
    records = data(
        sites=[
            site(
                "A", places=8, permanent_staff=15, departments=2, separate_departments=1, internal_school=True
            ),
            site("B", places=14, permanent_staff=30, departments=1),
            site("R", "RP", left_on=D(2019, 12, 31), left_reason="Ungeafdelingen lukket"),
        ],
        visits=visits("A", ["preparation", "preparation"])
        + [
            VisitRecord(50, "B", D(2018, 4, 1), None, "cancelled"),
            VisitRecord(51, "B", D(2020, 9, 1), None, "planned"),
        ],
        assignments=[
            AssignmentRecord("R", 1, D(2018, 1, 1), D(2018, 12, 31)),
            AssignmentRecord("R", 2, D(2019, 1, 1), reason="Jobskifte"),
        ],
        team_members=[
            TeamMemberRecord("A", "manager", D(2018, 1, 1)),
            TeamMemberRecord("A", "staff", D(2018, 1, 1)),
        ],
        joint_meetings=[JointMeetingRecord(1, D(2019, 5, 1), "Møde", ("A", "R"))],
    )
    overview = data_overview(records)
    assert overview.sites_per_programme == {"MG": 2, "RP": 1}
    assert overview.visits_per_year == {
        2018: {"held": 2, "planned": 0, "cancelled": 1},
        2020: {"held": 0, "planned": 1, "cancelled": 0},
    }
    assert overview.reports_per_programme == {"MG": 2}
    assert overview.period == (D(2018, 2, 1), D(2018, 6, 1))
    assert [(c.site, c.reason) for c in overview.consultant_changes] == [("R", "Jobskifte")]
    assert overview.sites_left[0].site == "R"
    mg = overview.background["MG"]
    assert (mg.places.minimum, mg.places.maximum, mg.several_departments, mg.separate_addresses) == (
        8,
        14,
        1,
        1,
    )
    assert (mg.internal_schools, mg.teams_with_management, mg.team_size.maximum) == (1, 1, 2)
    assert overview.joint_meetings == 1


def test_profiles_per_scope_and_frequent_statements():
    factors = [
        factor(
            "A",
            "promoter",
            "Kollegial sparring",
            D(2018, 3, 1),
            "competence",
            "coaching",
            quote="Vi taler sammen",
        ),
        factor("B", "promoter", "kollegial  sparring", D(2019, 3, 1), "competence", "coaching"),
        factor("A", "inhibitor", "Travl drift", D(2019, 3, 1), "competence"),
        factor("R", "inhibitor", "Ledelsen er væk", D(2019, 3, 1), "leadership"),
        factor("R", "promoter", "Ikke kodet", D(2019, 3, 1)),
    ]
    profiles = driver_profiles(data(sites=[site("A"), site("B"), site("R", "RP")], factors=factors))
    assert (
        profiles.overall.drivers["competence"].promoters == 2
        and profiles.overall.drivers["competence"].inhibitors == 1
    )
    assert profiles.overall.mechanisms["coaching"].promoters == 2
    assert profiles.overall.uncoded.promoters == 1
    assert profiles.per_programme["RP"].drivers["leadership"].balance == -1.0
    assert profiles.per_site["A"].drivers["competence"].balance == 0.0
    assert profiles.per_period["2019"].total.total == 4
    assert profiles.per_site_period["B|2019"].drivers["competence"].promoters == 1
    top = profiles.frequent["competence"][0]
    assert (top.statement, top.count, top.sites, top.quotes) == (
        "Kollegial sparring",
        2,
        2,
        ("Vi taler sammen",),
    )


def test_whole_analysis_json_and_site_status():
    records = data(
        sites=[site("A"), site("R", "RP")],
        visits=visits("A", ["preparation", "capacity_building"]) + visits("R", ["preparation"], start_id=10),
        factors=[factor("A", "promoter", "Kollegial sparring", D(2018, 2, 1), "competence", "coaching")],
    )
    result = run_analysis(records, resolve_config())
    payload = json.loads(json.dumps(analysis_json(result)))
    first = payload["sites"][0]
    assert set(first) >= {
        "code",
        "programme",
        "degree",
        "degree_criteria",
        "relapses",
        "trial_actions",
        "attention_points",
        "balance",
    }
    assert set(first["trial_actions"]) >= {"agreed", "followed_up", "done"}
    assert first["balance"] == {"competence": 1.0, "organisation": None, "leadership": None}
    assert set(payload["degree_counts"]) >= {"high", "some", "low"}
    assert payload["driver_matrix"]["cells"]["A"]["competence"]["statement_ids"]
    figures = {p["programme"]: p for p in payload["programmes"]["programmes"]}
    assert figures["RP"]["few_sites"] and figures["RP"]["notice"]
    status = site_status(records, resolve_config(), "A")
    assert status.trajectory.current_phase == "capacity_building"
    assert status.balance_over_time["2018"]["competence"].promoters == 1
    assert len(status.attention_points_not_worked) == 10
    assert status.matrix["competence"] == 1


def test_programmes_compared_on_matrix_capacity_and_pressure():
    factors = [
        factor("A", "promoter", "x", D(2020, 1, 1), "competence", "coaching", report_id=1),
        factor("A", "promoter", "x", D(2020, 2, 1), "competence", "coaching", report_id=2),
        factor("A", "inhibitor", "x", D(2020, 4, 1), "leadership", report_id=3),
        factor("R", "inhibitor", "x", D(2020, 1, 1), "competence", "coaching", report_id=4),
        factor("R", "inhibitor", "x", D(2020, 5, 1), "competence", report_id=5),
    ]
    records = data(
        sites=[site("A"), site("R", "RP")],
        factors=factors,
        events=[EventRecord(1, "pandemic", D(2020, 3, 11))],
    )
    result = run_analysis(records, resolve_config({"comparison": {"few_sites": 2}}))
    mg, rp = result.programmes.programmes
    assert (mg.programme, mg.few_sites, rp.few_sites) == ("MG", True, True)
    assert mg.matrix_mean == {"competence": 2.0, "organisation": None, "leadership": -1.0}
    assert mg.capacity_in_place == {"2020": 1.0} and rp.capacity_in_place == {"2020": 0.0}
    assert mg.pressure_change == {"pandemic:2020-03-11": 1.0}
    assert rp.pressure_change == {"pandemic:2020-03-11": 0.0}
