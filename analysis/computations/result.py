"""The whole analysis in one result: `run_analysis` over an AnalysisInput, and `site_status` for
one site's team before its next visit. Both are pure; analysis.services feeds them."""

import datetime
from dataclasses import dataclass, field

from analysis.computations.attention import AttentionPointTable, attention_point_table
from analysis.computations.capacity import CapacityCell, CapacityTable, driver_capacity
from analysis.computations.counts import FactorCounts
from analysis.computations.degree import (
    DegreeClassification,
    classify_degree,
    degree_counts,
    latest_overrides,
)
from analysis.computations.matrix import (
    CoOccurrence,
    CrossCaseMatrix,
    Distinction,
    co_occurrence,
    coded_statements,
    cross_case_matrix,
    distinguishing,
)
from analysis.computations.overview import DataOverview, data_overview
from analysis.computations.phases import PhaseActivities, PhaseTrajectory, phase_trajectory
from analysis.computations.pressures import PressureAnalysis, pressures
from analysis.computations.profiles import DriverProfiles, Tally, driver_profiles
from analysis.computations.programmes import ComparisonExtras, ProgrammeComparison, compare_programmes
from analysis.computations.records import DRIVERS, AnalysisInput, SiteRecord, TrialActionRecord
from analysis.computations.scores import ScoreRelation, score_relation
from analysis.computations.sitedata import group_by_site
from analysis.computations.trials import (
    TrialActionSummary,
    TrialCounts,
    site_trial_states,
    trial_action_summary,
)


@dataclass
class SiteSummary:
    """One line per site: the figures the JSON output and the report's site tables show.

    `degree` is after the evaluator's override (see `classification.override`); `balance[driver]`
    is (promoters − inhibitors)/(promoters + inhibitors) over all the site's statements, None
    without statements; `attention_points` are the numbers (1-10) worked with.
    """

    code: str
    name: str
    programme: str
    degree: str | None
    classification: DegreeClassification
    relapses: int
    highest_phase: str | None
    current_phase: str | None
    trial_actions: TrialCounts
    attention_points: list[int]
    balance: dict[str, float | None]
    left_on: datetime.date | None = None


@dataclass
class AnalysisResult:
    """Everything the analysis produced for `programme` (None = all programmes).

    - `overview`: data collection in numbers and background per programme (issue item 1).
    - `profiles`: promoters/inhibitors by driver and mechanism per site, programme, period (2).
    - `driver_matrix`, `mechanism_matrix`: CFIR-style ratings with statements and confirmations;
      `distinguishing_drivers`/`distinguishing_mechanisms`: high vs low group; `co_occurrence` (3).
    - `capacity`: DBPA-style status per site × period × mechanism (3b).
    - `sites[i].classification` and `degree_counts`: the degree with its criteria (4).
    - `trajectories[site]`: phases, relapses, SIC-style stages (5).
    - `trial_actions` (6), `attention_points` (7), `pressures` (8), `programmes` (9), `scores` (10).
    - `config`: the rule configuration that was applied (defaults plus stored overrides).
    """

    programme: str | None
    config: dict
    overview: DataOverview
    sites: list[SiteSummary]
    degree_counts: dict[str, int]
    profiles: DriverProfiles
    driver_matrix: CrossCaseMatrix
    mechanism_matrix: CrossCaseMatrix
    distinguishing_drivers: list[Distinction]
    distinguishing_mechanisms: list[Distinction]
    co_occurrence: CoOccurrence
    capacity: CapacityTable
    trajectories: dict[str, PhaseTrajectory]
    trial_actions: TrialActionSummary
    attention_points: AttentionPointTable
    pressures: PressureAnalysis
    programmes: ProgrammeComparison
    scores: ScoreRelation
    labels: dict[str, str] = field(default_factory=dict)

    def site(self, code: str) -> SiteSummary:
        return next(site for site in self.sites if site.code == code)

    def sites_by_degree(self) -> dict[str, list[str]]:
        """Site codes grouped by degree (high, some, low, unclassified), for the matrix."""
        groups: dict[str, list[str]] = {"high": [], "some": [], "low": [], "unclassified": []}
        for site in self.sites:
            groups[site.degree or "unclassified"].append(site.code)
        return groups


@dataclass
class SiteStatus:
    """One site's status for its team before the next visit.

    `balance_over_time[period][driver]` is a Tally (promoters, inhibitors, balance);
    `open_trial_actions` are those not followed up yet (including ones never followed up);
    `attention_points_not_worked` are dicts with number, key, driver and label.
    """

    site: SiteRecord
    classification: DegreeClassification
    trajectory: PhaseTrajectory
    balance_over_time: dict[str, dict[str, Tally]]
    open_trial_actions: list[TrialActionRecord]
    trial_actions: TrialCounts
    attention_points_worked: list[int]
    attention_points_not_worked: list[dict]
    capacity: dict[str, dict[str, CapacityCell]]
    matrix: dict[str, int | None]


def run_analysis(data: AnalysisInput, config: dict, programme: str | None = None) -> AnalysisResult:
    grouped = group_by_site(data)
    attention = attention_point_table(data, grouped)
    attention_by_site = {item.site: item for item in attention.sites}
    trials = trial_action_summary(grouped)
    activities = PhaseActivities(config["phase_activities"])
    trajectories = {
        code: phase_trajectory(
            site, config["phase_activities"], set(attention_by_site[code].worked), activities
        )
        for code, site in grouped.items()
    }
    overrides = latest_overrides(data.degree_overrides)
    classifications = [
        classify_degree(
            site,
            config["degree"],
            trajectories[code],
            trials.per_site[code],
            attention_by_site[code],
            overrides.get(code),
        )
        for code, site in grouped.items()
    ]
    degree_of = {c.site: c.degree for c in classifications}
    counts = FactorCounts(data)
    profiles = driver_profiles(data, counts=counts)
    statements = coded_statements(data)
    driver_matrix = cross_case_matrix(data, "driver", config["matrix"], data.matrix_confirmations, statements)
    mechanism_matrix = cross_case_matrix(
        data, "mechanism", config["matrix"], data.matrix_confirmations, statements
    )
    balances = {code: profiles.per_site[code].total.balance for code in grouped}
    scores = score_relation(grouped, balances, degree_of, int(config["comparison"]["min_points"]))
    sites = []
    for classification in classifications:
        code = classification.site
        record = grouped[code].site
        sites.append(
            SiteSummary(
                code=code,
                name=record.name,
                programme=record.programme,
                degree=classification.degree,
                classification=classification,
                relapses=trajectories[code].relapses,
                highest_phase=trajectories[code].highest_phase,
                current_phase=trajectories[code].current_phase,
                trial_actions=trials.per_site[code],
                attention_points=attention_by_site[code].worked,
                balance={d: profiles.per_site[code].drivers[d].balance for d in DRIVERS},
                left_on=record.left_on,
            )
        )
    capacity = driver_capacity(data, config["capacity"], data.capacity_confirmations, counts)
    pressure = pressures(data, grouped, int(config["comparison"]["pressure_window_days"]))
    return AnalysisResult(
        programme=programme,
        config=config,
        overview=data_overview(data),
        sites=sites,
        degree_counts=degree_counts(classifications),
        profiles=profiles,
        driver_matrix=driver_matrix,
        mechanism_matrix=mechanism_matrix,
        distinguishing_drivers=distinguishing(driver_matrix, degree_of, config["matrix"]),
        distinguishing_mechanisms=distinguishing(mechanism_matrix, degree_of, config["matrix"]),
        co_occurrence=co_occurrence(data),
        capacity=capacity,
        trajectories=trajectories,
        trial_actions=trials,
        attention_points=attention,
        pressures=pressure,
        programmes=compare_programmes(
            grouped,
            profiles,
            classifications,
            trajectories,
            trials,
            attention,
            scores,
            int(config["comparison"]["few_sites"]),
            ComparisonExtras(driver_matrix, capacity, pressure),
        ),
        scores=scores,
        labels=data.labels(),
    )


def site_status(data: AnalysisInput, config: dict, code: str) -> SiteStatus:
    """The status of one site; `data` needs only that site's records (KeyError for another code)."""
    grouped = group_by_site(data)
    site = grouped[code]
    attention = attention_point_table(data, grouped)
    worked = next(item for item in attention.sites if item.site == code)
    trajectory = phase_trajectory(site, config["phase_activities"], set(worked.worked))
    trials = trial_action_summary(grouped)
    overrides = latest_overrides(data.degree_overrides)
    classification = classify_degree(
        site, config["degree"], trajectory, trials.per_site[code], worked, overrides.get(code)
    )
    profiles = driver_profiles(data)
    balance_over_time = {
        period: {d: profiles.per_site_period.get(f"{code}|{period}").drivers[d] for d in DRIVERS}
        for period in profiles.periods
        if f"{code}|{period}" in profiles.per_site_period
    }
    capacity = driver_capacity(data, config["capacity"], data.capacity_confirmations)
    matrix = cross_case_matrix(data, "driver", config["matrix"], data.matrix_confirmations)
    points = {p["number"]: p for p in attention.points}
    return SiteStatus(
        site=site.site,
        classification=classification,
        trajectory=trajectory,
        balance_over_time=balance_over_time,
        open_trial_actions=[
            action for action, state in site_trial_states(site) if state in ("open", "never")
        ],
        trial_actions=trials.per_site[code],
        attention_points_worked=worked.worked,
        attention_points_not_worked=[points.get(n, {"number": n}) for n in worked.not_worked],
        capacity=capacity.cells[code],
        matrix={driver: matrix.rating(code, driver) for driver in DRIVERS},
    )
