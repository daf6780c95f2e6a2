"""The degree of goal-directed implementation (high / some / low) from explicit criteria.

Each criterion of the configured rule (config.DEFAULT_DEGREE_RULE) yields a value from 0 to 1
(1 = favourable) with the data it came from, or is missing with the reason. The degree is the
weighted mean of the values present against the rule's thresholds; with fewer than `min_criteria`
criteria present the site stays unclassified. Nothing here knows a planted answer: only recorded
fieldwork, coding and assessments are read.
"""

import dataclasses
from dataclasses import dataclass, field

from analysis.computations.attention import SiteAttention
from analysis.computations.phases import PhaseTrajectory
from analysis.computations.records import DegreeOverrideRecord, FactorRecord
from analysis.computations.sitedata import SiteData
from analysis.computations.text import TopicMatcher, degree_matcher
from analysis.computations.trials import TrialCounts

DEGREES = ("high", "some", "low")

CRITERION_LABELS = {
    "clear_goals": "Klare mål fra starten",
    "team_with_management": "Team med ledere og medarbejdere fra starten",
    "team_persists": "Teamet består",
    "all_staff": "Alle medarbejdere deltager",
    "management_backing": "Ledelsens opbakning",
    "compatible_practice": "Praksis forenelig med programmet",
    "collaboration_culture": "Samarbejdsorienteret kultur",
    "democratic_leadership": "Demokratisk ledelse",
    "rising_anchoring": "Stigende forankring",
    "phase_progress": "Fremdrift i faserne",
    "trial_follow_through": "Prøvehandlinger fulgt op og gennemført",
    "promoter_share": "Andel fremmere",
    "attention_points": "Opmærksomhedspunkter arbejdet med",
}


@dataclass(frozen=True)
class CriterionResult:
    """One criterion for one site.

    `value` 0..1 (None when the evidence is missing), `held` when value >= 0.5, `source` names the
    data read (team_members, factors, site_assessments, reports, visits, trial_actions, passages),
    `evidence` says in Danish what was found, `counts` gives the numbers, `missing` why it could
    not be judged, `finding` the evaluation finding the criterion comes from.
    """

    key: str
    label: str
    weight: float
    value: float | None
    source: str
    evidence: str
    counts: dict = field(default_factory=dict)
    missing: str = ""
    finding: str = ""

    @property
    def held(self) -> bool | None:
        return None if self.value is None else self.value >= 0.5


@dataclass
class DegreeClassification:
    """The proposed degree, the criteria behind it, and the evaluator's override when there is one.

    `degree` is what to show and count (the override's degree when overridden, else `proposed`);
    None means too little evidence to classify (see `missing_evidence`).
    """

    site: str
    programme: str
    proposed: str | None
    score: float | None
    criteria: list[CriterionResult]
    override: DegreeOverrideRecord | None = None

    @property
    def degree(self) -> str | None:
        return self.override.degree if self.override else self.proposed

    @property
    def held(self) -> list[str]:
        return [c.key for c in self.criteria if c.held]

    @property
    def not_held(self) -> list[str]:
        return [c.key for c in self.criteria if c.held is False]

    @property
    def missing_evidence(self) -> list[str]:
        return [c.key for c in self.criteria if c.value is None]


def ramp(measure: float, low: float, high: float) -> float:
    """0 at or below `low`, 1 at or above `high`, linear between."""
    if high <= low:
        return 1.0 if measure >= high else 0.0
    return min(1.0, max(0.0, (measure - low) / (high - low)))


def _criterion(
    key: str, spec: dict, value, source: str, evidence: str, counts=None, missing=""
) -> CriterionResult:
    return CriterionResult(
        key=key,
        label=CRITERION_LABELS.get(key, key),
        weight=float(spec.get("weight", 1.0)),
        value=None if value is None else round(float(value), 3),
        source=source,
        evidence=evidence,
        counts=counts or {},
        missing=missing,
        finding=spec.get("finding", ""),
    )


def _balance(
    factors: list[FactorRecord], topic: str | None, drivers: list[str], matcher: TopicMatcher
) -> tuple[int, int]:
    promoters = inhibitors = 0
    for factor in factors:
        if drivers and factor.driver not in drivers:
            continue
        if topic and topic not in matcher.topics(factor.statement):
            continue
        if factor.valence == "promoter":
            promoters += 1
        elif factor.valence == "inhibitor":
            inhibitors += 1
    return promoters, inhibitors


def _text_criterion(key, spec, factors, where: str, matcher: TopicMatcher) -> CriterionResult:
    topic = key if spec.get("stems") else None
    promoters, inhibitors = _balance(factors, topic, spec.get("drivers", []), matcher)
    counts = {"promoters": promoters, "inhibitors": inhibitors}
    if promoters + inhibitors == 0:
        return _criterion(key, spec, None, "factors", "", counts, f"Ingen udsagn om emnet {where}.")
    share = promoters / (promoters + inhibitors)
    value = ramp(share, spec.get("low", 0.34), spec.get("high", 0.67))
    return _criterion(
        key, spec, value, "factors", f"{promoters} fremmere og {inhibitors} hæmmere om emnet {where}", counts
    )


def _clear_goals(spec: dict, site: SiteData, matcher: TopicMatcher) -> CriterionResult:
    first = set(site.report_order()[: int(spec.get("first_reports", 2))])
    early = [f for f in site.factors if f.report_id in first]
    if not first:
        return _criterion("clear_goals", spec, None, "factors", "", missing="Ingen rapporter endnu.")
    result = _text_criterion("clear_goals", spec, early, f"mål i de første {len(first)} rapporter", matcher)
    if result.value is None:
        return result
    promoters, inhibitors = result.counts["promoters"], result.counts["inhibitors"]
    value = 1.0 if promoters > inhibitors else 0.0 if promoters < inhibitors else 0.5
    return dataclasses.replace(result, value=value)


def _team_with_management(spec: dict, site: SiteData) -> CriterionResult:
    if not site.team:
        return _criterion(
            "team_with_management", spec, None, "team_members", "", missing="Ingen teammedlemmer registreret."
        )
    held = site.held
    start = held[0].held_on if held else (site.site.joined_on or site.team[0].starts_on)
    roles = set(spec.get("roles", ["manager", "department_manager"]))
    managers = [m for m in site.team if m.role in roles]
    from_start = [m for m in managers if m.starts_on <= start]
    counts = {"managers": len(managers), "managers_from_start": len(from_start), "members": len(site.team)}
    if from_start:
        text = f"{len(from_start)} leder(e) i teamet fra første besøg {start:%d.%m.%Y}"
    elif managers:
        text = f"Ledere kom først i teamet {min(m.starts_on for m in managers):%d.%m.%Y}, efter første besøg"
    else:
        text = "Ingen ledere i teamet"
    return _criterion("team_with_management", spec, 1.0 if from_start else 0.0, "team_members", text, counts)


def _team_persists(spec: dict, site: SiteData, matcher: TopicMatcher) -> CriterionResult:
    held = site.held
    if not site.team:
        fallback = {**spec, "drivers": ["organisation"]}
        result = _text_criterion(
            "team_persists", fallback, site.factors, "teamet (ingen teamrækker)", matcher
        )
        return result
    if len(held) < 2:
        return _criterion(
            "team_persists", spec, None, "team_members", "", missing="Færre end to afholdte besøg."
        )
    first, last = held[0].held_on, held[-1].held_on
    middle = first + (last - first) / 2
    early = [m for m in site.team if m.ends_on is not None and m.ends_on < middle]
    share = len(early) / len(site.team)
    counts = {"members": len(site.team), "left_before_middle": len(early)}
    value = 1.0 if share < float(spec.get("max_early_leavers", 0.5)) else 0.0
    text = f"{len(early)} af {len(site.team)} teammedlemmer stoppede før {middle:%d.%m.%Y} (midt i forløbet)"
    return _criterion("team_persists", spec, value, "team_members", text, counts)


def _from_assessments(
    key: str, spec: dict, site: SiteData, attribute: str, label: str, matcher: TopicMatcher
) -> CriterionResult:
    values = [getattr(a, attribute) for a in site.assessments if getattr(a, attribute)]
    favourable = set(spec.get("favourable", []))
    if values:
        share = sum(v in favourable for v in values) / len(values)
        text = f"{label} i stedsvurderingerne: " + ", ".join(values)
        return _criterion(key, spec, share, "site_assessments", text, {"assessments": len(values)})
    result = _text_criterion(key, spec, site.factors, f"{label.lower()} (ingen stedsvurdering)", matcher)
    if result.value is None:
        return _criterion(
            key,
            spec,
            None,
            "factors",
            "",
            result.counts,
            f"Ingen stedsvurdering af {label.lower()} og ingen udsagn om den.",
        )
    return result


def _rising_anchoring(spec: dict, site: SiteData) -> CriterionResult:
    ratings = [v.anchoring for v in site.held if v.anchoring is not None]
    if len(ratings) < 2:
        return _criterion(
            "rising_anchoring", spec, None, "reports", "", missing="Færre end to forankringsvurderinger."
        )
    first = sum(ratings[:2]) / len(ratings[:2])
    last = sum(ratings[-2:]) / len(ratings[-2:])
    low, high = float(spec.get("low", 2.0)), float(spec.get("high", 3.5))
    value = ramp(last, low, high) if last > first or last >= high else 0.0
    text = f"Forankring fra {first:.1f} til {last:.1f} (første og sidste to rapporter)"
    return _criterion("rising_anchoring", spec, value, "reports", text, {"ratings": ratings})


def _phase_progress(spec: dict, trajectory: PhaseTrajectory) -> CriterionResult:
    if not trajectory.points:
        return _criterion(
            "phase_progress", spec, None, "visits", "", missing="Ingen afholdte besøg med fase."
        )
    values = spec.get("values", {})
    recent = trajectory.points[-2:]
    best = max(recent, key=lambda p: values.get(p.phase, 0.0))
    text = (
        f"Fase ved de seneste besøg: {', '.join(p.phase for p in recent)}; {trajectory.relapses} tilbagefald"
    )
    return _criterion(
        "phase_progress",
        spec,
        values.get(best.phase, 0.0),
        "visits",
        text,
        {"relapses": trajectory.relapses, "highest": trajectory.highest_phase},
    )


def _trial_follow_through(spec: dict, counts: TrialCounts) -> CriterionResult:
    share = counts.follow_through
    if share is None:
        return _criterion(
            "trial_follow_through",
            spec,
            None,
            "trial_actions",
            "",
            missing="Ingen prøvehandlinger, der kunne følges op.",
        )
    text = (
        f"{counts.agreed} aftalt, {counts.followed_up} fulgt op, {counts.done} gennemført, "
        f"{counts.partly} delvist, {counts.never_followed_up} aldrig fulgt op"
    )
    value = ramp(share, float(spec.get("low", 0.3)), float(spec.get("high", 0.7)))
    return _criterion("trial_follow_through", spec, value, "trial_actions", text, {"share": round(share, 3)})


def _promoter_share(spec: dict, site: SiteData) -> CriterionResult:
    promoters = sum(f.valence == "promoter" for f in site.factors)
    inhibitors = sum(f.valence == "inhibitor" for f in site.factors)
    if promoters + inhibitors == 0:
        return _criterion(
            "promoter_share", spec, None, "factors", "", missing="Ingen fremmere eller hæmmere registreret."
        )
    share = promoters / (promoters + inhibitors)
    value = ramp(share, float(spec.get("low", 0.4)), float(spec.get("high", 0.62)))
    text = f"{promoters} fremmere og {inhibitors} hæmmere (andel fremmere {share:.0%})"
    return _criterion(
        "promoter_share", spec, value, "factors", text, {"promoters": promoters, "inhibitors": inhibitors}
    )


def _attention_points(spec: dict, attention: SiteAttention) -> CriterionResult:
    if not attention.has_evidence:
        return _criterion(
            "attention_points",
            spec,
            None,
            "passages",
            "",
            missing="Ingen stedsvurderinger og ingen kodede passager.",
        )
    worked = len(attention.worked)
    value = ramp(worked, float(spec.get("low", 2)), float(spec.get("high", 7)))
    text = f"{worked} af 10 punkter: " + ", ".join(str(n) for n in attention.worked)
    return _criterion("attention_points", spec, value, "site_assessments+passages", text, {"worked": worked})


def classify_degree(
    site: SiteData,
    rule: dict,
    trajectory: PhaseTrajectory,
    trial_counts: TrialCounts,
    attention: SiteAttention,
    override: DegreeOverrideRecord | None = None,
    matcher: TopicMatcher | None = None,
) -> DegreeClassification:
    """Apply `rule` (config["degree"]) to one site's data; `matcher` (text.degree_matcher(rule))
    may be shared between sites."""
    specs = rule["criteria"]
    m = matcher or degree_matcher(rule)
    factors = site.factors
    builders = {
        "clear_goals": lambda s: _clear_goals(s, site, m),
        "team_with_management": lambda s: _team_with_management(s, site),
        "team_persists": lambda s: _team_persists(s, site, m),
        "all_staff": lambda s: _text_criterion("all_staff", s, factors, "alle medarbejderes deltagelse", m),
        "management_backing": lambda s: _text_criterion("management_backing", s, factors, "ledelsen", m),
        "compatible_practice": lambda s: _text_criterion(
            "compatible_practice", s, factors, "programmets forenelighed med praksis", m
        ),
        "collaboration_culture": lambda s: _from_assessments(
            "collaboration_culture", s, site, "culture_type", "Kulturtype", m
        ),
        "democratic_leadership": lambda s: _from_assessments(
            "democratic_leadership", s, site, "leadership_style", "Ledelsesstil", m
        ),
        "rising_anchoring": lambda s: _rising_anchoring(s, site),
        "phase_progress": lambda s: _phase_progress(s, trajectory),
        "trial_follow_through": lambda s: _trial_follow_through(s, trial_counts),
        "promoter_share": lambda s: _promoter_share(s, site),
        "attention_points": lambda s: _attention_points(s, attention),
    }
    criteria = [
        builders[key](spec)
        for key, spec in specs.items()
        if key in builders and float(spec.get("weight", 0)) > 0
    ]
    present = [c for c in criteria if c.value is not None]
    proposed = score = None
    if len(present) >= int(rule.get("min_criteria", 3)):
        total = sum(c.weight for c in present)
        score = round(sum(c.weight * c.value for c in present) / total, 3)
        thresholds = rule["thresholds"]
        proposed = "high" if score >= thresholds["high"] else "low" if score < thresholds["low"] else "some"
    return DegreeClassification(
        site=site.site.code,
        programme=site.site.programme,
        proposed=proposed,
        score=score,
        criteria=criteria,
        override=override,
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
