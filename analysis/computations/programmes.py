"""The programmes compared (MG against RP) on every analysis; a programme with fewer sites than
the configured `few_sites` carries a notice to show next to its figures rather than hiding them."""

from dataclasses import dataclass, field

from analysis.computations.attention import AttentionPointTable
from analysis.computations.capacity import CapacityTable
from analysis.computations.degree import DegreeClassification, degree_counts
from analysis.computations.matrix import CrossCaseMatrix
from analysis.computations.phases import PhaseTrajectory
from analysis.computations.phrase import Phrase
from analysis.computations.pressures import PressureAnalysis, event_effect
from analysis.computations.profiles import DriverProfiles
from analysis.computations.records import DRIVERS, PHASES
from analysis.computations.scores import ScoreRelation
from analysis.computations.sitedata import SiteData
from analysis.computations.trials import TrialActionSummary


@dataclass
class ProgrammeFigures:
    """One programme's figures. `few_sites` is True (and `notice` set) when it has fewer sites than
    the threshold, so every figure can carry the caveat."""

    programme: str
    sites: int
    few_sites: bool
    notice: str
    reports: int
    promoter_share: dict[str, float | None]
    balance: dict[str, float | None]
    degree_counts: dict[str, int]
    relapses_total: int
    sites_with_relapse: int
    highest_phase: dict[str, int]
    sic_completion: dict[str, float | None]
    trial_actions: dict[str, int]
    follow_through: float | None
    attention_points_mean: float | None
    attention_coverage: dict[int, int]
    mean_scores: dict[str, float] = field(default_factory=dict)
    matrix_mean: dict[str, float | None] = field(default_factory=dict)
    capacity_in_place: dict[str, float | None] = field(default_factory=dict)
    pressure_change: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ComparisonExtras:
    """The cross-site results compared per programme besides the site-level ones: the driver
    matrix (mean rating per driver), the capacity table (share of rated mechanism cells in place
    per period) and the events that touched every site (change in inhibitor share per event)."""

    matrix: CrossCaseMatrix
    capacity: CapacityTable
    pressures: PressureAnalysis


@dataclass
class ProgrammeComparison:
    few_sites_threshold: int
    programmes: list[ProgrammeFigures]


def compare_programmes(
    grouped: dict[str, SiteData],
    profiles: DriverProfiles,
    degrees: list[DegreeClassification],
    trajectories: dict[str, PhaseTrajectory],
    trials: TrialActionSummary,
    attention: AttentionPointTable,
    scores: ScoreRelation,
    few_sites: int,
    extras: ComparisonExtras | None = None,
) -> ProgrammeComparison:
    programmes = sorted({site.site.programme for site in grouped.values()})
    figures = []
    for programme in programmes:
        codes = [code for code, site in grouped.items() if site.site.programme == programme]
        profile = profiles.per_programme.get(programme)
        counts = trials.per_programme.get(programme)
        sites_attention = [s for s in attention.sites if s.programme == programme]
        paths = [trajectories[code] for code in codes]
        sic = {}
        for index, phase in enumerate(PHASES):
            shares = [path.stages[index].completed_share for path in paths if path.stages[index].activities]
            sic[phase] = round(sum(shares) / len(shares), 3) if shares else None
        highest = {phase: sum(1 for path in paths if path.highest_phase == phase) for phase in PHASES}
        mean_scores = {}
        for kind in sorted({p.kind for p in scores.points}):
            values = [p.value for p in scores.points if p.kind == kind and p.programme == programme]
            if values:
                mean_scores[kind] = round(sum(values) / len(values), 3)
        is_few = len(codes) < few_sites
        figures.append(
            ProgrammeFigures(
                programme=programme,
                sites=len(codes),
                few_sites=is_few,
                notice=(
                    Phrase(
                        "Kun %(n)s steder i %(programme)s: tallene bygger på få steder og skal læses med "
                        "forsigtighed.",
                        n=len(codes),
                        programme=programme,
                    )
                    if is_few
                    else ""
                ),
                reports=sum(
                    1 for code in codes for visit in grouped[code].visits if visit.report_id is not None
                ),
                promoter_share={d: profile.drivers[d].promoter_share if profile else None for d in DRIVERS},
                balance={d: profile.drivers[d].balance if profile else None for d in DRIVERS},
                degree_counts=degree_counts([d for d in degrees if d.programme == programme]),
                relapses_total=sum(path.relapses for path in paths),
                sites_with_relapse=sum(1 for path in paths if path.relapses),
                highest_phase=highest,
                sic_completion=sic,
                trial_actions=dict(counts.__dict__) if counts else {},
                follow_through=round(counts.follow_through, 3)
                if counts and counts.follow_through is not None
                else None,
                attention_points_mean=(
                    round(sum(len(s.worked) for s in sites_attention) / len(sites_attention), 2)
                    if sites_attention
                    else None
                ),
                attention_coverage={
                    number: sum(1 for s in sites_attention if s.cells[number].worked)
                    for number in attention.coverage
                },
                mean_scores=mean_scores,
                **(_extras(extras, codes, grouped) if extras else {}),
            )
        )
    return ProgrammeComparison(few_sites_threshold=few_sites, programmes=figures)


def _extras(extras: ComparisonExtras, codes: list[str], grouped: dict[str, SiteData]) -> dict:
    matrix_mean = {}
    for driver in extras.matrix.codes:
        ratings = [extras.matrix.rating(code, driver) for code in codes]
        rated = [r for r in ratings if r is not None]
        matrix_mean[driver] = round(sum(rated) / len(rated), 2) if rated else None
    capacity = {}
    for period in extras.capacity.periods:
        statuses = [
            cell.status
            for code in codes
            for cell in extras.capacity.cells[code][period].values()
            if cell.status is not None
        ]
        capacity[period] = round(statuses.count("in_place") / len(statuses), 3) if statuses else None
    sites = [grouped[code] for code in codes]
    changes = {}
    for effect in extras.pressures.events:
        if not effect.event.site:
            own = event_effect(effect.event, sites, extras.pressures.window_days)
            changes[f"{effect.event.kind}:{effect.event.starts_on.isoformat()}"] = own.change
    return {"matrix_mean": matrix_mean, "capacity_in_place": capacity, "pressure_change": changes}
