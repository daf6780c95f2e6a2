"""Phase trajectories: the phase at each visit, relapses, and per phase its duration and the share
of its activities completed, in the manner of the Stages of Implementation Completion (SIC).

An activity counts as completed when the data document it (config `phase_activities`): a factor
statement, coded passage or trial-action aim with one of its keyword stems, a factor coded to one
of its mechanisms, an attention point worked with, the team rows, or trial actions agreed/followed
up. Where a phase was never reached its activities still show, with the evidence found so far.
"""

import datetime
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from analysis.computations.records import (
    PHASE_ORDER,
    PHASES,
    FactorRecord,
    PassageRecord,
    TrialActionRecord,
)
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


_DAY = itemgetter(0)
_STATEMENT, _AIM, _VALENCE = attrgetter("statement"), attrgetter("aim"), attrgetter("valence")


@dataclass(frozen=True)
class _Activity:
    """One configured activity's settings (config `phase_activities`), read once per analysis."""

    topic: str
    key: str
    label: str
    stems: bool
    valence: str
    mechanisms: tuple[str, ...]
    late: bool
    trial_actions: str | None
    both_valences: bool
    team: bool
    attention_points: frozenset[int]
    mechanism_keys: tuple  # what the first factor per mechanism (and valence) is found under
    not_done: ActivityEvidence  # shared by every site without evidence (it is frozen)

    @classmethod
    def of(cls, phase: str, key: str, spec: dict) -> "_Activity":
        valence = spec.get("valence", "")
        mechanisms = tuple(dict.fromkeys(spec.get("mechanisms", [])))
        return cls(
            topic=f"{phase}.{key}",
            key=key,
            label=spec.get("label", key),
            stems=bool(spec.get("stems", [])),
            valence=valence,
            mechanisms=mechanisms,
            late=bool(spec.get("late")),
            trial_actions=spec.get("trial_actions"),
            both_valences=bool(spec.get("both_valences")),
            team=bool(spec.get("team")),
            attention_points=frozenset(spec.get("attention_points", [])),
            mechanism_keys=tuple((m, valence) if valence else m for m in mechanisms if m),
            not_done=ActivityEvidence(key, spec.get("label", key), False),
        )


class PhaseActivities:
    """The phase activities of a configuration with the matcher of their stems, prepared once
    and shared by every site of an analysis."""

    def __init__(self, activities: dict):
        self.matcher = activity_matcher(activities)
        self.phases = {
            phase: [_Activity.of(phase, key, spec) for key, spec in activities.get(phase, {}).items()]
            for phase in PHASES
        }


class _SiteIndex:
    """What the activities look up in one site's records, found in one pass over each kind (they
    are sorted by date, so the first found is the earliest): the first factor, passage and trial
    action per topic (and per valence), the first factor per mechanism (and per valence), the
    first promoter and inhibitor, and the earliest record of each attention point."""

    def __init__(self, site_data: SiteData, matcher: TopicMatcher):
        factors = site_data.factors
        # Each kind is walked backwards, so that the earliest record of a key is written last.
        self.factors: dict[tuple[str, str], FactorRecord] = {}
        found = self.factors
        for factor, topics in reversed(
            list(zip(factors, matcher.each(list(map(_STATEMENT, factors))), strict=True))
        ):
            for topic in topics:
                found[(topic, "")] = found[(topic, factor.valence)] = factor
        backwards = factors[::-1]
        self.by_mechanism = dict(zip(map(attrgetter("mechanism"), backwards), backwards, strict=True))
        self.by_mechanism_valence = dict(
            zip(map(attrgetter("mechanism", "valence"), backwards), backwards, strict=True)
        )
        self.passages: dict[tuple[str, str], PassageRecord] = {}
        passages = site_data.passages
        found = self.passages
        for passage, topics in reversed(
            list(zip(passages, matcher.each([p.text or "" for p in passages]), strict=True))
        ):
            for topic in topics:
                found[(topic, "")] = found[(topic, passage.valence)] = passage
        self.trials: dict[str, TrialActionRecord] = {}
        actions = site_data.trial_actions
        for action, topics in reversed(
            list(zip(actions, matcher.each(list(map(_AIM, actions))), strict=True))
        ):
            for topic in topics:
                self.trials[topic] = action
        by_valence = dict(zip(map(_VALENCE, backwards), backwards, strict=True))
        self.first_promoter, self.first_inhibitor = by_valence.get("promoter"), by_valence.get("inhibitor")
        self.attention_dates: dict[int, datetime.date] = {
            passage.attention_point: passage.date
            for passage in reversed(passages)
            if passage.attention_point is not None
        }
        for assessment in site_data.assessments:
            for number in assessment.attention_points:
                self._attention(number, assessment.assessed_on)

    def _attention(self, number: int, day: datetime.date) -> None:
        known = self.attention_dates.get(number)
        if known is None or day < known:
            self.attention_dates[number] = day


def _activity(
    activity: _Activity,
    site_data: SiteData,
    attention_worked: set[int],
    late_from: datetime.date | None,
    index: _SiteIndex,
) -> ActivityEvidence:
    valence = activity.valence
    candidates: list[tuple[datetime.date, str, str]] = []
    if activity.late:
        late = late_from is not None and next(
            (
                f
                for f in site_data.factors
                if f.date >= late_from
                and (not valence or f.valence == valence)
                and f.mechanism in activity.mechanisms
            ),
            None,
        )
        if late:
            candidates.append((late.date, "factor", late.statement))
    else:  # the first factor on the activity's topic and on each of its mechanisms
        found = index.factors.get((activity.topic, valence)) if activity.stems else None
        if found is not None:
            candidates.append((found.date, "factor", found.statement))
        first_of = index.by_mechanism_valence if valence else index.by_mechanism
        for key in activity.mechanism_keys:
            found = first_of.get(key)
            if found is not None:
                candidates.append((found.date, "factor", found.statement))
    if activity.stems:
        passage = index.passages.get((activity.topic, valence))
        if passage is not None:
            candidates.append((passage.date, "passage", passage.text))
        action = index.trials.get(activity.topic)
        if action is not None:
            candidates.append((action.agreed_on, "trial_action", action.aim))
    wanted = activity.trial_actions
    if wanted == "agreed" and site_data.trial_actions:
        action = site_data.trial_actions[0]
        candidates.append((action.agreed_on, "trial_action", action.aim))
    if wanted == "followed_up":
        followed = [a for a in site_data.trial_actions if a.followed_up_on]
        if followed:
            action = min(followed, key=lambda a: a.followed_up_on)
            candidates.append((action.followed_up_on, "trial_action", action.aim))
    if activity.both_valences:
        if index.first_promoter and index.first_inhibitor:
            candidates.append((max(index.first_promoter.date, index.first_inhibitor.date), "factor", ""))
    if activity.team:
        roles = {member.role for member in site_data.team}
        if roles & {"manager", "department_manager"} and "staff" in roles:
            candidates.append((min(m.starts_on for m in site_data.team), "team", ""))
    points = activity.attention_points and attention_worked & activity.attention_points
    if points:
        dates = [index.attention_dates[n] for n in points if n in index.attention_dates]
        candidates.append((min(dates), "attention_point", ", ".join(str(n) for n in sorted(points))))
    if not candidates:
        return activity.not_done
    first_seen, kind, text = min(candidates, key=_DAY)
    return ActivityEvidence(activity.key, activity.label, True, first_seen, kind, text)


def phase_trajectory(
    site_data: SiteData,
    activities: dict,
    attention_worked: set[int],
    prepared: PhaseActivities | None = None,
) -> PhaseTrajectory:
    """`prepared` (PhaseActivities(activities)) may be shared between sites."""
    prepared = prepared or PhaseActivities(activities)
    index = _SiteIndex(site_data, prepared.matcher)
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
                    _activity(activity, site_data, attention_worked, late_from, index)
                    for activity in prepared.phases[phase]
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
