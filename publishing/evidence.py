"""What the prose quotes and gives as examples, with provenance: the quotes of the reports (site and
report date) and the trial actions with how they went. Pure, over the analysis's input records.

The analysis result counts; the report also needs the words behind the counts, attributed to a site's
pseudonym (its code) and the date of the report, never to a person.
"""

import datetime
from dataclasses import dataclass, field

from analysis.computations.records import AnalysisInput
from analysis.computations.sitedata import group_by_site
from analysis.computations.trials import site_trial_states


@dataclass(frozen=True)
class Quote:
    site: str
    programme: str
    date: datetime.date
    driver: str
    mechanism: str
    valence: str
    text: str


@dataclass(frozen=True)
class TrialAction:
    """A trial action and its state: done, partly, not_done, dropped, never (followed up) or open."""

    site: str
    programme: str
    driver: str
    aim: str
    state: str
    agreed_on: datetime.date


@dataclass
class Agreement:
    """Agreement between coders in one closed coding round."""

    round: str
    units: int
    alpha: float | None
    percent: float | None


@dataclass
class ReportEvidence:
    quotes: list[Quote] = field(default_factory=list)
    trial_actions: list[TrialAction] = field(default_factory=list)
    agreement: list[Agreement] = field(default_factory=list)
    reports_per_site: dict[str, int] = field(default_factory=dict)
    sites_without_assessment: list[str] = field(default_factory=list)

    def quotes_for(self, programme: str, driver: str) -> list[Quote]:
        return [q for q in self.quotes if q.programme == programme and q.driver == driver]

    def actions_for(self, programme: str, driver: str) -> list[TrialAction]:
        return [a for a in self.trial_actions if a.programme == programme and a.driver == driver]


def report_evidence(data: AnalysisInput, agreement: list[Agreement] | None = None) -> ReportEvidence:
    programme_of = {site.code: site.programme for site in data.sites}
    quotes = sorted(
        {
            Quote(
                f.site,
                programme_of[f.site],
                f.date,
                f.driver,
                f.mechanism,
                f.valence,
                " ".join(f.quote.split()),
            )
            for f in data.factors
            if f.quote and f.site in programme_of and f.driver and f.valence in ("promoter", "inhibitor")
        },
        key=lambda q: (q.programme, q.driver, q.date, q.site, q.text),
    )
    actions = []
    for code, site_data in group_by_site(data).items():
        for action, state in site_trial_states(site_data):
            actions.append(
                TrialAction(code, programme_of[code], action.driver, action.aim, state, action.agreed_on)
            )
    reports: dict[str, int] = {code: 0 for code in programme_of}
    for visit in data.visits:
        if visit.report_id is not None and visit.site in reports:
            reports[visit.site] += 1
    assessed = {a.site for a in data.assessments}
    return ReportEvidence(
        quotes=quotes,
        trial_actions=sorted(actions, key=lambda a: (a.programme, a.driver, a.agreed_on, a.site)),
        agreement=agreement or [],
        reports_per_site=reports,
        sites_without_assessment=sorted(code for code in programme_of if code not in assessed),
    )


class QuoteLedger:
    """Every quote the report has used, so no quote appears twice in one document."""

    def __init__(self):
        self.used: set[str] = set()

    def key(self, text: str) -> str:
        return " ".join(text.lower().split())

    def take(self, candidates: list[Quote], limit: int) -> list[Quote]:
        """Up to `limit` unused quotes, preferring different sites and both valences; marks them used."""
        chosen: list[Quote] = []
        sites: set[str] = set()
        for spread in (True, False):
            for quote in candidates:
                if len(chosen) >= limit:
                    break
                if self.key(quote.text) in self.used or (spread and quote.site in sites):
                    continue
                chosen.append(quote)
                sites.add(quote.site)
                self.used.add(self.key(quote.text))
        return sorted(chosen, key=lambda q: (q.date, q.site))

    def plan(self, pools: dict, limit: int) -> dict:
        """Quotes for several sections at once, one round at a time (each section one quote a
        round, the section with the fewest quotes first, different sites first), so no section is left
        without quotes that the others used up."""
        chosen: dict = {key: [] for key in pools}
        scarcest_first = sorted(pools, key=lambda key: len({self.key(q.text) for q in pools[key]}))
        for _round in range(limit):
            for key in scarcest_first:
                candidates = pools[key]
                sites = {q.site for q in chosen[key]}
                fresh = [q for q in candidates if self.key(q.text) not in self.used]
                pick = next((q for q in fresh if q.site not in sites), None) or next(iter(fresh), None)
                if pick is not None:
                    chosen[key].append(pick)
                    self.used.add(self.key(pick.text))
        return {key: sorted(quotes, key=lambda q: (q.date, q.site)) for key, quotes in chosen.items()}
