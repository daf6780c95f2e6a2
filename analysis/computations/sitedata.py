"""All records of one site, grouped once and sorted by date, for the per-site analyses."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from analysis.computations.records import (
    AnalysisInput,
    AssessmentRecord,
    FactorRecord,
    PassageRecord,
    ScoreRecord,
    SiteRecord,
    TeamMemberRecord,
    TrialActionRecord,
    VisitRecord,
)

_FACTOR_CODING = attrgetter("driver", "mechanism", "valence")
_PASSAGE_CODING = attrgetter("driver", "mechanism", "attention_point", "valence")
_DATE_ID, _AGREED_ID = attrgetter("date", "id"), attrgetter("agreed_on", "id")
_ASSESSED, _STARTS = attrgetter("assessed_on"), attrgetter("starts_on")


@dataclass
class SiteData:
    site: SiteRecord
    visits: list[VisitRecord] = field(default_factory=list)
    factors: list[FactorRecord] = field(default_factory=list)
    passages: list[PassageRecord] = field(default_factory=list)
    trial_actions: list[TrialActionRecord] = field(default_factory=list)
    assessments: list[AssessmentRecord] = field(default_factory=list)
    scores: list[ScoreRecord] = field(default_factory=list)
    team: list[TeamMemberRecord] = field(default_factory=list)

    @cached_property
    def held(self) -> list[VisitRecord]:
        """The held visits in order, read by most criteria and the phases (group_by_site has
        sorted the visits before any reads it)."""
        return [visit for visit in self.visits if visit.status == "held" and visit.held_on]

    @cached_property
    def factor_codings(self) -> Counter:
        """(driver, mechanism, valence) → how many of the site's statements have it: the one pass
        over the statements that the codings, the valences and the uncoded count are read from."""
        return Counter(map(_FACTOR_CODING, self.factors))

    @cached_property
    def codings(self) -> Counter:
        """(driver, mechanism, attention point, valence) → how many coded statements and passages
        have it; counted once, then every criterion over a slice of the codebook reads it."""
        counts = Counter()
        for (driver, mechanism, valence), count in self.factor_codings.items():
            if driver:
                counts[(driver, mechanism, None, valence)] = count
        counts.update(map(_PASSAGE_CODING, self.passages))
        return counts

    @cached_property
    def valences(self) -> Counter:
        """Valence → how many of the site's statements (coded or not) have it."""
        counts = Counter()
        for (_driver, _mechanism, valence), count in self.factor_codings.items():
            counts[valence] += count
        return counts

    @cached_property
    def days(self) -> dict[str, list]:
        """The dates of the site's statements per valence, each in order (for windows; group_by_site
        has sorted the statements by date); promoters and inhibitors are always there."""
        days: dict[str, list] = {"promoter": [], "inhibitor": []}
        for factor in self.factors:  # one loop: cheaper than a pass per valence for small sites
            dates = days.get(factor.valence)
            if dates is None:
                dates = days[factor.valence] = []
            dates.append(factor.date)
        return days

    @cached_property
    def uncoded(self) -> int:
        """Statements recorded with a valence but not yet coded to a driver."""
        return sum(count for (driver, _m, _v), count in self.factor_codings.items() if not driver)

    def report_order(self) -> list[int]:
        """Report ids in the order of their held visits."""
        return [visit.report_id for visit in self.held if visit.report_id is not None]


def group_by_site(data: AnalysisInput) -> dict[str, SiteData]:
    """One SiteData per site in `data.sites`; records of other sites are ignored."""
    grouped = {site.code: SiteData(site=site) for site in data.sites}
    buckets = (
        ("visits", data.visits),
        ("factors", data.factors),
        ("passages", data.passages),
        ("trial_actions", data.trial_actions),
        ("assessments", data.assessments),
        ("scores", data.scores),
        ("team", data.team_members),
    )
    for attribute, records in buckets:
        per_site = defaultdict(list)
        for record in records:
            per_site[record.site].append(record)
        for code, items in per_site.items():
            if code in grouped:
                setattr(grouped[code], attribute, items)
    for site_data in grouped.values():
        site_data.visits.sort(key=lambda v: (v.date, v.id))
        site_data.factors.sort(key=_DATE_ID)
        site_data.passages.sort(key=_DATE_ID)
        site_data.trial_actions.sort(key=_AGREED_ID)
        site_data.assessments.sort(key=_ASSESSED)
        site_data.team.sort(key=_STARTS)
    return grouped
