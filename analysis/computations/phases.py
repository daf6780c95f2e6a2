"""Phase trajectories: the phase at each visit, relapses, and per phase its duration and the share
of its activities completed, in the manner of the Stages of Implementation Completion (SIC).

An activity counts as completed when the data document it (config `phase_activities`): a factor
statement, coded passage or trial-action aim with one of its keyword stems, a factor coded to one
of its mechanisms, an attention point worked with, the team rows, or trial actions agreed/followed
up. Where a phase was never reached its activities still show, with the evidence found so far.
"""

import datetime
from dataclasses import dataclass, field

from analysis.computations.records import PHASE_ORDER, PHASES
from analysis.computations.sitedata import SiteData
from analysis.computations.text import TopicMatcher, activity_matcher


@dataclass(frozen=True)
class PhasePoint:
    visit_id: int
    date: datetime.date
    phase: str
    relapse: bool


@dataclass(frozen=True)
class ActivityEvidence:
    """One SIC activity: done or not, first documented when, and by what (`kind`: factor, passage,
    trial_action, team, attention_point); `text` may be free text about the site."""

    key: str
    label: str
    done: bool
    first_seen: datetime.date | None = None
    kind: str = ""
    text: str = ""


@dataclass
class PhaseStage:
    phase: str
    reached: bool
    start: datetime.date | None
    end: datetime.date | None
    duration_days: int | None
    visits: int
    ongoing: bool
    activities: list[ActivityEvidence] = field(default_factory=list)

    @property
    def completed_share(self) -> float:
        return sum(a.done for a in self.activities) / len(self.activities) if self.activities else 0.0


@dataclass
class PhaseTrajectory:
    """The phase of every held visit in order; `relapses` counts visits in an earlier phase than
    the visit before them."""

    site: str
    programme: str
    points: list[PhasePoint]
    relapses: int
    highest_phase: str | None
    current_phase: str | None
    stages: list[PhaseStage]


def _first(candidates: list[tuple[datetime.date, str, str]]) -> tuple[datetime.date, str, str] | None:
    return min(candidates, key=lambda c: c[0]) if candidates else None


class _SiteIndex:
    """The first factor, passage and trial action per topic (and per valence), and the first
    factor per mechanism, found in one pass over the site's records (they are sorted by date)."""

    def __init__(self, site_data: SiteData, matcher: TopicMatcher):
        self.factors: dict[tuple[str, str], object] = {}
        self.passages: dict[tuple[str, str], object] = {}
        self.trials: dict[str, object] = {}
        self.first_promoter = next((f for f in site_data.factors if f.valence == "promoter"), None)
        self.first_inhibitor = next((f for f in site_data.factors if f.valence == "inhibitor"), None)
        for factor in site_data.factors:
            keys = list(matcher.topics(factor.statement))
            if factor.mechanism:
                keys.append(f"mechanism:{factor.mechanism}")
            for key in keys:
                self.factors.setdefault((key, ""), factor)
                self.factors.setdefault((key, factor.valence), factor)
        for passage in site_data.passages:
            for key in matcher.topics(passage.text) if passage.text else ():
                self.passages.setdefault((key, ""), passage)
                self.passages.setdefault((key, passage.valence), passage)
        for action in site_data.trial_actions:
            for key in matcher.topics(action.aim):
                self.trials.setdefault(key, action)


def _activity(
    topic: str,
    spec: dict,
    site_data: SiteData,
    attention_worked: set[int],
    late_from: datetime.date | None,
    index: _SiteIndex,
) -> ActivityEvidence:
    key = topic.split(".", 1)[1]
    stems = spec.get("stems", [])
    valence = spec.get("valence", "")
    mechanisms = set(spec.get("mechanisms", []))
    candidates: list[tuple[datetime.date, str, str]] = []
    if spec.get("late"):
        late = late_from is not None and next(
            (
                f
                for f in site_data.factors
                if f.date >= late_from and (not valence or f.valence == valence) and f.mechanism in mechanisms
            ),
            None,
        )
        if late:
            candidates.append((late.date, "factor", late.statement))
    else:
        keys = ([topic] if stems else []) + [f"mechanism:{m}" for m in mechanisms]
        for found in filter(None, (index.factors.get((k, valence)) for k in keys)):
            candidates.append((found.date, "factor", found.statement))
    if stems:
        passage = index.passages.get((topic, valence))
        if passage is not None:
            candidates.append((passage.date, "passage", passage.text))
        action = index.trials.get(topic)
        if action is not None:
            candidates.append((action.agreed_on, "trial_action", action.aim))
    wanted = spec.get("trial_actions")
    if wanted == "agreed" and site_data.trial_actions:
        action = site_data.trial_actions[0]
        candidates.append((action.agreed_on, "trial_action", action.aim))
    if wanted == "followed_up":
        followed = [a for a in site_data.trial_actions if a.followed_up_on]
        if followed:
            action = min(followed, key=lambda a: a.followed_up_on)
            candidates.append((action.followed_up_on, "trial_action", action.aim))
    if spec.get("both_valences"):
        if index.first_promoter and index.first_inhibitor:
            candidates.append((max(index.first_promoter.date, index.first_inhibitor.date), "factor", ""))
    if spec.get("team"):
        roles = {member.role for member in site_data.team}
        if roles & {"manager", "department_manager"} and "staff" in roles:
            candidates.append((min(m.starts_on for m in site_data.team), "team", ""))
    points = attention_worked & set(spec.get("attention_points", []))
    if points:
        dates = [p.date for p in site_data.passages if p.attention_point in points]
        dates += [a.assessed_on for a in site_data.assessments if points & set(a.attention_points)]
        candidates.append((min(dates), "attention_point", ", ".join(str(n) for n in sorted(points))))
    first = _first(candidates)
    if first is None:
        return ActivityEvidence(key=key, label=spec.get("label", key), done=False)
    return ActivityEvidence(
        key=key, label=spec.get("label", key), done=True, first_seen=first[0], kind=first[1], text=first[2]
    )


def phase_trajectory(
    site_data: SiteData, activities: dict, attention_worked: set[int], matcher: TopicMatcher | None = None
) -> PhaseTrajectory:
    """`matcher` (from text.activity_matcher(activities)) may be shared between sites."""
    index = _SiteIndex(site_data, matcher or activity_matcher(activities))
    held = [v for v in site_data.held if v.phase in PHASE_ORDER]
    points = []
    previous = None
    for visit in held:
        relapse = previous is not None and PHASE_ORDER[visit.phase] < PHASE_ORDER[previous]
        points.append(PhasePoint(visit_id=visit.id, date=visit.held_on, phase=visit.phase, relapse=relapse))
        previous = visit.phase
    late_from = next((p.date for p in points if p.phase == "adaptation_anchoring"), None)
    stages = []
    for phase in PHASES:
        in_phase = [p for p in points if p.phase == phase]
        start = in_phase[0].date if in_phase else None
        later = [
            p.date for p in points if start and p.date > start and PHASE_ORDER[p.phase] > PHASE_ORDER[phase]
        ]
        end = later[0] if later else (in_phase[-1].date if in_phase else None)
        stages.append(
            PhaseStage(
                phase=phase,
                reached=bool(in_phase),
                start=start,
                end=end,
                duration_days=(end - start).days if start and end else None,
                visits=len(in_phase),
                ongoing=bool(in_phase) and not later,
                activities=[
                    _activity(f"{phase}.{key}", spec, site_data, attention_worked, late_from, index)
                    for key, spec in activities.get(phase, {}).items()
                ],
            )
        )
    highest = max((p.phase for p in points), key=PHASE_ORDER.__getitem__, default=None)
    return PhaseTrajectory(
        site=site_data.site.code,
        programme=site_data.site.programme,
        points=points,
        relapses=sum(p.relapse for p in points),
        highest_phase=highest,
        current_phase=points[-1].phase if points else None,
        stages=stages,
    )
