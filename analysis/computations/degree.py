"""The degree of goal-directed implementation (high / some / low) from explicit criteria.

Each criterion of the configured rule (config.DEFAULT_DEGREE_RULE, builders in criteria.py) yields
a value from 0 to 1 with the data it came from, or is missing with the reason. The degree is the
weighted mean of the values present (the denominator is the weight of the criteria present)
against the rule's thresholds; with fewer than `min_criteria` criteria present the site stays
unclassified. Every classification says how much evidence it rests on and is provisional, with
the reasons, when statements are uncoded, reports are few or criteria are missing. Nothing here
knows a planted answer: only recorded fieldwork, coding and assessments are read.
"""

from dataclasses import dataclass, field

from analysis.computations import criteria as c
from analysis.computations.attention import SiteAttention
from analysis.computations.criteria import CriterionResult
from analysis.computations.frozen import frozen_instance
from analysis.computations.phases import PhaseTrajectory
from analysis.computations.phrase import Number, Phrase
from analysis.computations.records import DegreeOverrideRecord
from analysis.computations.sitedata import SiteData
from analysis.computations.trials import TrialCounts

DEGREES = ("high", "some", "low")
CULTURE_TYPE, LEADERSHIP_STYLE = Phrase("Kulturtype"), Phrase("Ledelsesstil")
TOPICS = {  # what the statements in each slice of the codebook are about (coded_balance)
    "management_backing": Phrase("ledelsen"),
    "all_staff": Phrase("uddannelse af medarbejderne"),
    "compatible_practice": Phrase("faglige drøftelser af praksis"),
    "clear_goals": Phrase("klare mål"),
}
NEAR = {"high": Phrase("høj"), "low": Phrase("lav")}


@dataclass(frozen=True)
class DegreeEvidence:
    """How much a classification rests on: reports, statements (coded or not), coded passages,
    site assessments and the weighted criteria with data."""

    reports: int = 0
    statements: int = 0
    uncoded_statements: int = 0
    passages: int = 0
    assessments: int = 0
    criteria_present: int = 0
    criteria_total: int = 0


@dataclass
class DegreeClassification:
    """The proposed degree, the criteria behind it, and the evaluator's override when there is one.

    `degree` is what to show and count (the override's degree when overridden, else `proposed`);
    None means too little evidence to classify (see `missing_evidence`). `provisional` with
    `provisional_reasons` (Phrases, Danish as str) says the proposal may move as evidence is added.
    """

    site: str
    programme: str
    proposed: str | None
    score: float | None
    criteria: list[CriterionResult]
    override: DegreeOverrideRecord | None = None
    evidence: DegreeEvidence = field(default_factory=DegreeEvidence)
    provisional_reasons: list[str] = field(default_factory=list)

    @property
    def degree(self) -> str | None:
        return self.override.degree if self.override else self.proposed

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_reasons)

    @property
    def held(self) -> list[str]:
        return [c.key for c in self.criteria if c.held]

    @property
    def not_held(self) -> list[str]:
        return [c.key for c in self.criteria if c.held is False]

    @property
    def missing_evidence(self) -> list[str]:
        return [c.key for c in self.criteria if c.value is None]


def _builders(site, trajectory, trial_counts, attention) -> dict:
    return {
        "team_with_management": lambda s: c.team_with_management(s, site),
        "team_persists": lambda s: c.team_persists(s, site),
        "collaboration_culture": lambda s: c.from_assessments(
            "collaboration_culture", s, site, "culture_type", "culture_type", CULTURE_TYPE
        ),
        "democratic_leadership": lambda s: c.from_assessments(
            "democratic_leadership", s, site, "leadership_style", "leadership_style", LEADERSHIP_STYLE
        ),
        "phase_progress": lambda s: c.phase_progress(s, trajectory),
        "steady_progress": lambda s: c.steady_progress(s, trajectory),
        "anchoring": lambda s: c.anchoring(s, site),
        "trial_follow_through": lambda s: c.trial_follow_through(s, trial_counts),
        "promoter_share": lambda s: c.promoter_share(s, site),
        "driver_balance": lambda s: c.driver_balance(s, site),
        "attention_points": lambda s: c.attention_points(s, site, attention),
        "management_backing": lambda s: c.coded_balance(
            "management_backing", s, site, TOPICS["management_backing"]
        ),
        "all_staff": lambda s: c.coded_balance("all_staff", s, site, TOPICS["all_staff"]),
        "compatible_practice": lambda s: c.coded_balance(
            "compatible_practice", s, site, TOPICS["compatible_practice"]
        ),
        "clear_goals": lambda s: c.coded_balance("clear_goals", s, site, TOPICS["clear_goals"]),
    }


def _reasons(rule: dict, evidence: DegreeEvidence, score: float | None, missing: list[str]) -> list[str]:
    """Why a classification is provisional (Phrases); empty when it is not."""
    spec = rule.get("provisional", {})
    reasons = []
    if evidence.uncoded_statements:
        reasons.append(Phrase("%(count)s udsagn er ikke kodet endnu", count=evidence.uncoded_statements))
    if evidence.reports < int(spec.get("min_reports", 3)):
        reasons.append(Phrase("kun %(count)s rapport(er)", count=evidence.reports))
    if (
        evidence.criteria_total
        and missing
        and (len(missing) / evidence.criteria_total > float(spec.get("max_missing_share", 0.25)))
    ):
        reasons.append(
            Phrase(
                "%(missing)s af %(total)s kriterier mangler data (%(keys)s)",
                missing=len(missing),
                total=evidence.criteria_total,
                keys=missing,
            )
        )
    margin = float(spec.get("margin", 0.03))
    if score is not None:
        for name, cut in rule["thresholds"].items():
            if abs(score - cut) < margin:
                reasons.append(
                    Phrase(
                        "scoren %(score)s ligger tæt på grænsen til %(degree)s (%(cut)s)",
                        score=Number(score, 2),
                        degree=NEAR["high"] if name == "high" else NEAR["low"],
                        cut=Number(cut, 2),
                    )
                )
    return reasons


def group_score(present: list[CriterionResult], rule: dict) -> float:
    """The mean over the aspects (`group` of each criterion) of the weighted mean of the present
    criteria in each: criteria that look at the same thing (phases, statements, team) share one
    vote, so one aspect measured three ways does not outvote the others."""
    criteria = rule["criteria"]
    groups: dict[str, tuple[list[float], list[float]]] = {}  # group -> (weight * value, weight)
    for item in present:
        group = criteria[item.key].get("group", item.key)
        parts = groups.get(group)
        if parts is None:
            parts = groups[group] = ([], [])
        parts[0].append(item.weight * item.value)
        parts[1].append(item.weight)
    means = [sum(products) / sum(weights) for products, weights in groups.values()]
    return sum(means) / len(means)


def classify_degree(
    site: SiteData,
    rule: dict,
    trajectory: PhaseTrajectory,
    trial_counts: TrialCounts,
    attention: SiteAttention,
    override: DegreeOverrideRecord | None = None,
) -> DegreeClassification:
    """Apply `rule` (config["degree"]) to one site's data."""
    builders = _builders(site, trajectory, trial_counts, attention)
    criteria = [builders[key](spec) for key, spec in rule["criteria"].items() if key in builders]
    weighted = [item for item in criteria if item.weight > 0]
    present = [item for item in weighted if item.value is not None]
    proposed = score = None
    if len(present) >= int(rule.get("min_criteria", 3)):
        score = round(group_score(present, rule), 3)
        thresholds = rule["thresholds"]
        proposed = "high" if score >= thresholds["high"] else "low" if score < thresholds["low"] else "some"
    evidence = frozen_instance(  # every field, in order
        DegreeEvidence,
        {
            "reports": len(site.report_order()),
            "statements": len(site.factors),
            "uncoded_statements": c.uncoded_statements(site),
            "passages": len(site.passages),
            "assessments": len(site.assessments),
            "criteria_present": len(present),
            "criteria_total": len(weighted),
        },
    )
    missing = [item.key for item in weighted if item.value is None]
    return DegreeClassification(
        site=site.site.code,
        programme=site.site.programme,
        proposed=proposed,
        score=score,
        criteria=criteria,
        override=override,
        evidence=evidence,
        provisional_reasons=_reasons(rule, evidence, score, missing),
    )


def degree_counts(classifications: list[DegreeClassification]) -> dict[str, int]:
    """How many sites in each degree (after overrides); 'unclassified' for too little evidence."""
    counts = {degree: 0 for degree in DEGREES}
    counts["unclassified"] = 0
    for item in classifications:
        counts[item.degree or "unclassified"] += 1
    return counts


def latest_overrides(overrides: list[DegreeOverrideRecord]) -> dict[str, DegreeOverrideRecord]:
    """The newest override per site (all are kept in the database; the newest applies)."""
    ordered = sorted(overrides, key=lambda item: (item.at is not None, item.at or 0))
    return {item.site: item for item in ordered}
