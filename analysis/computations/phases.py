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

from analysis.computations.frozen import frozen_instance
from analysis.computations.records import (
    PHASE_ORDER,
    PHASES,
    PassageRecord,
)
from analysis.computations.sitedata import SiteData
from analysis.computations.text import activity_matcher


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
_CODES = attrgetter("statement", "valence", "mechanism")
_PASSAGE_CODES, _AIM = attrgetter("text", "valence", "attention_point"), attrgetter("aim")


@dataclass(frozen=True)
class _Activity:
    """One configured activity's settings (config `phase_activities`), read once per analysis;
    the slots say where its first factor, passage and trial action are in a _SiteIndex."""

    key: str
    label: str
    valence: str
    mechanisms: tuple[str, ...]
    late: bool
    trial_actions: str | None
    both_slots: tuple[int, int] | None  # the first promoter and inhibitor, if it needs both
    team: bool
    attention_points: frozenset[int]
    attention_slots: dict[int, int]  # the first passage of each of its attention points
    factor_slots: tuple[int, ...]  # its first factors: on its topic, then per mechanism
    topic_slot: int | None  # its first passage and trial action on its topic (None: no stems)
    more: bool  # whether any of trial_actions, both_slots, team, attention_points applies
    not_done: ActivityEvidence  # shared by every site without evidence (it is frozen)


class _Memo(dict):
    """`compute(key)` once per distinct key, read with the dict's own lookup."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self[key] = self.compute(key)
        return value


class PhaseActivities:
    """The phase activities of a configuration with the matcher of their stems, prepared once
    and shared by every site of an analysis.

    What the activities look up in a site is numbered (`slots`): per activity with stems its
    topic (met by a record whose text holds a stem, and whose valence is the activity's if it
    has one), each ("mechanism", code, valence) an activity asks for (valence "" for any), the
    ("valence", ...) of the first promoter and inhibitor if an activity needs both, and the
    ("attention_point", n) of the activities' points. Which slots a record meets is worked out
    once per distinct text and codes (statements recur across sites) and numbered as a set."""

    def __init__(self, activities: dict):
        self.matcher = activity_matcher(activities)
        self.slots: dict = {}
        self._valence_of: dict[str, str] = {}
        self.phases = {
            phase: [self._activity(phase, key, spec) for key, spec in activities.get(phase, {}).items()]
            for phase in PHASES
        }
        self.slot_sets: list[tuple[int, ...]] = [()]
        self._set_ids: dict[tuple[int, ...], int] = {(): 0}
        self.factor_slots = _Memo(self._factor_slots)
        self.passage_slots = _Memo(self._passage_slots)
        self.trial_slots = _Memo(self._trial_slots)

    def _slot(self, key: tuple) -> int:
        return self.slots.setdefault(key, len(self.slots))

    def _activity(self, phase: str, key: str, spec: dict) -> _Activity:
        valence = spec.get("valence", "")
        mechanisms = tuple(dict.fromkeys(spec.get("mechanisms", [])))
        late, topic = bool(spec.get("late")), f"{phase}.{key}"
        topic_slot = None
        if spec.get("stems", []):
            topic_slot = self._slot(("topic", topic))
            self._valence_of[topic] = valence
        first_factors = ()
        if not late:
            first_factors = (() if topic_slot is None else (topic_slot,)) + tuple(
                self._slot(("mechanism", m, valence)) for m in mechanisms if m
            )
        points = frozenset(spec.get("attention_points", []))
        return _Activity(
            key=key,
            label=spec.get("label", key),
            valence=valence,
            mechanisms=mechanisms,
            late=late,
            trial_actions=spec.get("trial_actions"),
            both_slots=(self._slot(("valence", "promoter")), self._slot(("valence", "inhibitor")))
            if spec.get("both_valences")
            else None,
            team=bool(spec.get("team")),
            attention_points=points,
            attention_slots={n: self._slot(("attention_point", n)) for n in sorted(points)},
            factor_slots=first_factors,
            topic_slot=topic_slot,
            more=bool(spec.get("trial_actions") or spec.get("both_valences") or spec.get("team") or points),
            not_done=ActivityEvidence(key, spec.get("label", key), False),
        )

    def _topic_slots(self, text: str, valence: str | None = None) -> list[int]:
        """Those of the topics in `text` (of any valence where `valence` is None)."""
        wanted = self._valence_of
        return [
            self.slots[("topic", topic)]
            for topic in self.matcher.topics(text)
            if topic in wanted and (valence is None or wanted[topic] in ("", valence))
        ]

    def _coded_slots(self, slots: list[int], *keys: tuple) -> int:
        return self._set_id(slots + [self.slots[key] for key in keys if key in self.slots])

    def _factor_slots(self, codes: tuple[str, str, str]) -> int:
        statement, valence, mechanism = codes
        return self._coded_slots(
            self._topic_slots(statement, valence),
            ("mechanism", mechanism, ""),
            ("mechanism", mechanism, valence),
            ("valence", valence),
        )

    def _passage_slots(self, codes: tuple[str | None, str, int | None]) -> int:
        text, valence, point = codes
        return self._coded_slots(self._topic_slots(text or "", valence), ("attention_point", point))

    def _trial_slots(self, aim: str) -> int:
        return self._set_id(self._topic_slots(aim))

    def _set_id(self, slots: list[int]) -> int:
        """A number for the set of slots, its position in `slot_sets` (0: none)."""
        key = tuple(sorted(set(slots)))
        if key not in self._set_ids:
            self._set_ids[key] = len(self.slot_sets)
            self.slot_sets.append(key)
        return self._set_ids[key]

    def firsts(self, records: list, set_ids: list[int]) -> list:
        """The first record in each slot, where `set_ids` numbers each record's set of slots:
        found per distinct set, in the order they first occur (a site's ~100 records share a
        few), rather than per record."""
        found = [None] * len(self.slots)
        for set_id in dict.fromkeys(set_ids):
            for slot in self.slot_sets[set_id]:
                if found[slot] is None:
                    found[slot] = records[set_ids.index(set_id)]
        return found


class _SiteIndex:
    """What the activities look up in one site's records (they are sorted by date, so the first
    found is the earliest): the first factor, passage and trial action in each slot of
    PhaseActivities."""

    def __init__(self, site_data: SiteData, prepared: PhaseActivities):
        factors, passages, actions = site_data.factors, site_data.passages, site_data.trial_actions
        self.factors = prepared.firsts(
            factors, list(map(prepared.factor_slots.__getitem__, map(_CODES, factors)))
        )
        self.passages = prepared.firsts(
            passages, list(map(prepared.passage_slots.__getitem__, map(_PASSAGE_CODES, passages)))
        )
        self.trials = prepared.firsts(
            actions, list(map(prepared.trial_slots.__getitem__, map(_AIM, actions)))
        )


def _attention_date(number: int, passage: PassageRecord | None, site_data: SiteData) -> datetime.date | None:
    """The earliest of the first passage on an attention point and the assessments naming it."""
    dates = [a.assessed_on for a in site_data.assessments if number in a.attention_points]
    if passage is not None:
        dates.insert(0, passage.date)
    return min(dates, default=None)


def _activity(
    activity: _Activity,
    site_data: SiteData,
    attention_worked: set[int],
    late_from: datetime.date | None,
    index: _SiteIndex,
) -> ActivityEvidence:
    """The earliest of the activity's candidates, the first of equal dates (as min() picks)."""
    candidates: list[tuple[datetime.date, str, str]] = []
    if activity.late and late_from is not None:
        valence = activity.valence
        late = next(
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
    factors = index.factors
    for slot in activity.factor_slots:
        found = factors[slot]
        if found is not None:
            candidates.append((found.date, "factor", found.statement))
    slot = activity.topic_slot
    if slot is not None:
        passage = index.passages[slot]
        if passage is not None:
            candidates.append((passage.date, "passage", passage.text))
        action = index.trials[slot]
        if action is not None:
            candidates.append((action.agreed_on, "trial_action", action.aim))
    if activity.more:
        _more_candidates(candidates, activity, site_data, attention_worked, index)
    if not candidates:
        return activity.not_done
    first_seen, kind, text = min(candidates, key=_DAY) if len(candidates) > 1 else candidates[0]
    return frozen_instance(
        ActivityEvidence,
        {
            "key": activity.key,
            "label": activity.label,
            "done": True,
            "first_seen": first_seen,
            "kind": kind,
            "text": text,
        },
    )


def _more_candidates(
    candidates: list, activity: _Activity, site_data: SiteData, attention_worked: set[int], index: _SiteIndex
) -> None:
    """The candidates from trial actions agreed or followed up, the first promoter and
    inhibitor, the team and attention points, in this order after the others."""
    wanted = activity.trial_actions
    if wanted == "agreed" and site_data.trial_actions:
        action = site_data.trial_actions[0]
        candidates.append((action.agreed_on, "trial_action", action.aim))
    if wanted == "followed_up":
        followed = [a for a in site_data.trial_actions if a.followed_up_on]
        if followed:
            action = min(followed, key=lambda a: a.followed_up_on)
            candidates.append((action.followed_up_on, "trial_action", action.aim))
    if activity.both_slots:
        promoter, inhibitor = index.factors[activity.both_slots[0]], index.factors[activity.both_slots[1]]
        if promoter and inhibitor:
            candidates.append((max(promoter.date, inhibitor.date), "factor", ""))
    if activity.team:
        roles = {member.role for member in site_data.team}
        if roles & {"manager", "department_manager"} and "staff" in roles:
            candidates.append((min(m.starts_on for m in site_data.team), "team", ""))
    points = activity.attention_points and attention_worked & activity.attention_points
    if points:
        dates = [_attention_date(n, index.passages[activity.attention_slots[n]], site_data) for n in points]
        candidates.append(
            (
                min(d for d in dates if d is not None),
                "attention_point",
                ", ".join(str(n) for n in sorted(points)),
            )
        )


def phase_trajectory(
    site_data: SiteData,
    activities: dict,
    attention_worked: set[int],
    prepared: PhaseActivities | None = None,
) -> PhaseTrajectory:
    """`prepared` (PhaseActivities(activities)) may be shared between sites."""
    prepared = prepared or PhaseActivities(activities)
    index = _SiteIndex(site_data, prepared)
    points = []
    dated = []  # (date, phase rank) of each point
    dates_in: dict[str, list[datetime.date]] = {phase: [] for phase in PHASES}
    previous = -1  # no rank is lower, so the first visit is no relapse
    for visit in site_data.held:
        rank = PHASE_ORDER.get(visit.phase)
        if rank is None:
            continue
        day = visit.held_on
        points.append(
            frozen_instance(
                PhasePoint,
                {"visit_id": visit.id, "date": day, "phase": visit.phase, "relapse": rank < previous},
            )
        )
        dated.append((day, rank))
        dates_in[visit.phase].append(day)
        previous = rank
    late_from = dates_in["adaptation_anchoring"][0] if dates_in["adaptation_anchoring"] else None
    stages = []
    for rank, phase in enumerate(PHASES):
        in_phase = dates_in[phase]
        start = end = later = None
        if in_phase:
            start = in_phase[0]
            later = next((day for day, after in dated if after > rank and day > start), None)
            end = in_phase[-1] if later is None else later
        stages.append(
            PhaseStage(
                phase=phase,
                reached=bool(in_phase),
                start=start,
                end=end,
                duration_days=(end - start).days if start else None,
                visits=len(in_phase),
                ongoing=bool(in_phase) and later is None,
                activities=[
                    _activity(activity, site_data, attention_worked, late_from, index)
                    for activity in prepared.phases[phase]
                ],
            )
        )
    return PhaseTrajectory(
        site=site_data.site.code,
        programme=site_data.site.programme,
        points=points,
        relapses=sum(p.relapse for p in points),
        highest_phase=PHASES[max(rank for _, rank in dated)] if dated else None,
        current_phase=points[-1].phase if points else None,
        stages=stages,
    )
