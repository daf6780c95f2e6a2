"""The evaluation of alert rules: one pure function per rule kind (docs/alerts.md).

A rule is data (an `AlertRule` row: kind + parameters); `evaluate(kind, parameters, history)`
returns a `Finding` with the evidence that triggered it, or None. Evidence carries codes and
values, not sentences: the web layer words it in the user's language.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from decisions.history import FactorRecord, SiteHistory, VisitRecord, snippet, stem_pattern


@dataclass(frozen=True)
class Evidence:
    """One piece of data behind an alert: `code` says what it is, `values` the figures."""

    code: str
    on: datetime.date | None = None
    quote: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Param:
    kind: type
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None


Rule = Callable[[SiteHistory, Mapping[str, Any]], Finding | None]
_RULES: dict[str, Rule] = {}
PARAMETERS: dict[str, dict[str, Param]] = {}


def _rule(kind: str, **parameters: Param) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        _RULES[kind] = function
        PARAMETERS[kind] = parameters
        return function

    return register


def parameter_errors(kind: str, parameters: Mapping[str, Any]) -> list[str]:
    """What is wrong with a rule's parameters (unknown kind, unknown or mistyped names, out of range)."""
    if kind not in PARAMETERS:
        return [f"ukendt regeltype: {kind!r}"]
    schema = PARAMETERS[kind]
    errors = [f"ukendt parameter: {name!r}" for name in parameters if name not in schema]
    for name, spec in schema.items():
        if name not in parameters:
            continue
        value = parameters[name]
        if spec.kind is list:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                errors.append(f"{name} skal være en liste af tekster")
            continue
        if spec.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, spec.kind) or isinstance(value, bool) != (spec.kind is bool):
            errors.append(f"{name} skal være af typen {spec.kind.__name__}")
            continue
        if spec.minimum is not None and value < spec.minimum:
            errors.append(f"{name} skal være mindst {spec.minimum}")
        if spec.maximum is not None and value > spec.maximum:
            errors.append(f"{name} må højst være {spec.maximum}")
    return errors


def resolved(kind: str, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters with the defaults of their kind filled in."""
    values = {name: spec.default for name, spec in PARAMETERS[kind].items()}
    values.update(parameters)
    return values


def evaluate(kind: str, parameters: Mapping[str, Any], history: SiteHistory) -> Finding | None:
    errors = parameter_errors(kind, parameters)
    if errors:
        raise ValueError("; ".join(errors))
    return _RULES[kind](history, resolved(kind, parameters))


def kinds() -> tuple[str, ...]:
    return tuple(_RULES)


def _last(visits: tuple[VisitRecord, ...], count: int) -> tuple[VisitRecord, ...]:
    return visits[-count:] if count > 0 else ()


def _matching_factors(factors: list[FactorRecord], pattern, valence: str) -> list[tuple[FactorRecord, Any]]:
    hits = []
    for factor in factors:
        if valence and factor.valence != valence:
            continue
        match = pattern.search(factor.statement)
        if match:
            hits.append((factor, match))
    return hits


@_rule("keyword_absent", stems=Param(list, []), visits=Param(int, 3, minimum=1))
def keyword_absent(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """None of the last `visits` held visits mentions any of `stems` (e.g. supervision)."""
    pattern = stem_pattern(p["stems"])
    window = _last(history.visits, p["visits"])
    if pattern is None or len(window) < p["visits"]:
        return None
    if any(pattern.search(visit.text) for visit in window):
        return None
    evidence = [
        Evidence(
            "visits_without_mention",
            on=window[0].held_on,
            values={"count": len(window), "stems": ", ".join(p["stems"]), "until": window[-1].held_on},
        )
    ]
    earlier = [visit for visit in history.visits[: -len(window)] if pattern.search(visit.text)]
    if earlier:
        match = pattern.search(earlier[-1].text)
        evidence.append(
            Evidence("last_mention", on=earlier[-1].held_on, quote=snippet(earlier[-1].text, match))
        )
    else:
        evidence.append(Evidence("never_mentioned", values={"visits": len(history.visits)}))
    return Finding(tuple(evidence))


@_rule(
    "keyword_unanswered",
    trigger_stems=Param(list, []),
    answer_stems=Param(list, []),
    visits=Param(int, 3, minimum=1),
)
def keyword_unanswered(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """A trigger (new staff, substitutes) is mentioned in the last `visits` visits, and no answer
    (an introduction) is mentioned at that visit or after it."""
    trigger = stem_pattern(p["trigger_stems"])
    answer = stem_pattern(p["answer_stems"])
    if trigger is None or answer is None:
        return None
    window = _last(history.visits, p["visits"])
    first = next((index for index, visit in enumerate(window) if trigger.search(visit.text)), None)
    if first is None:
        return None
    since = window[first:]
    if any(answer.search(visit.text) for visit in since):
        return None
    evidence = [
        Evidence("mention", on=visit.held_on, quote=snippet(visit.text, match))
        for visit in since
        if (match := trigger.search(visit.text))
    ]
    evidence.append(Evidence("answer_missing", values={"stems": ", ".join(p["answer_stems"])}))
    return Finding(tuple(evidence))


@_rule(
    "keyword_present",
    stems=Param(list, []),
    valence=Param(str, "inhibitor"),
    visits=Param(int, 3, minimum=1),
    min_mentions=Param(int, 1, minimum=1),
    clear_stems=Param(list, []),
)
def keyword_present(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """At least `min_mentions` factors of `valence` in the last `visits` visits match `stems`, and no
    later factor of the opposite valence matches `clear_stems` (e.g. "alle medarbejdere")."""
    pattern = stem_pattern(p["stems"])
    window = _last(history.visits, p["visits"])
    if pattern is None or not window:
        return None
    ids = {visit.visit_id for visit in window}
    hits = _matching_factors(history.factors_at(ids), pattern, p["valence"])
    if len(hits) < p["min_mentions"]:
        return None
    clear = stem_pattern(p["clear_stems"])
    if clear is not None:
        order = {visit.visit_id: index for index, visit in enumerate(history.visits)}
        last_hit = max(order[factor.visit_id] for factor, _ in hits)
        later = {visit.visit_id for visit in history.visits[last_hit + 1 :]}
        opposite = "promoter" if p["valence"] == "inhibitor" else "inhibitor" if p["valence"] else ""
        if _matching_factors(history.factors_at(later), clear, opposite):
            return None
    dates = {visit.visit_id: visit.held_on for visit in window}
    return Finding(
        tuple(
            Evidence(
                "factor",
                on=dates[factor.visit_id],
                quote=factor.statement,
                values={"valence": factor.valence},
            )
            for factor, _ in hits
        )
    )


@_rule(
    "trial_actions_unfollowed",
    consecutive=Param(int, 2, minimum=1),
    failing_outcomes=Param(list, ["", "not_done", "dropped"]),
)
def trial_actions_unfollowed(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """At each of the last `consecutive` visits that agreed trial actions (and have had a visit since),
    none of them was carried out: all were never followed up or had a failing outcome."""
    held = [visit.visit_id for visit in history.visits]
    position = {visit_id: index for index, visit_id in enumerate(held)}
    by_visit: dict[int, list] = {}
    for action in history.trial_actions:
        if action.agreed_visit_id in position and position[action.agreed_visit_id] < len(held) - 1:
            by_visit.setdefault(action.agreed_visit_id, []).append(action)
    checked = sorted(by_visit, key=position.__getitem__)[-p["consecutive"] :]
    if len(checked) < p["consecutive"]:
        return None
    failing = set(p["failing_outcomes"])
    if not all(all(action.outcome in failing for action in by_visit[visit_id]) for visit_id in checked):
        return None
    evidence = []
    for visit_id in checked:
        agreed_on = history.visits[position[visit_id]].held_on
        for action in by_visit[visit_id]:
            outcome = action.outcome if action.followed_up_visit_id is not None else ""
            evidence.append(
                Evidence("trial_action", on=agreed_on, quote=action.aim, values={"outcome": outcome})
            )
    return Finding(tuple(evidence))


def _reference_day(history: SiteHistory) -> datetime.date | None:
    return history.visits[-1].held_on if history.visits else None


@_rule("team_without_management", roles=Param(list, ["manager", "department_manager"]))
def team_without_management(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """At the latest held visit no team member has a management role."""
    day = _reference_day(history)
    if day is None:
        return None
    serving = [member for member in history.team if member.serves_on(day)]
    if any(member.role in p["roles"] for member in serving):
        return None
    evidence = [Evidence("team_at", on=day, values={"members": len(serving)})]
    left = [m for m in history.team if m.role in p["roles"] and m.ends_on is not None and m.ends_on < day]
    if left:
        evidence.append(Evidence("manager_left", on=max(m.ends_on for m in left)))
    elif not any(m.role in p["roles"] for m in history.team):
        evidence.append(Evidence("never_manager"))
    else:
        evidence.append(
            Evidence("manager_joins_later", on=min(m.starts_on for m in history.team if m.role in p["roles"]))
        )
    return Finding(tuple(evidence))


@_rule(
    "team_dissolving", share=Param(float, 0.5, minimum=0.0, maximum=1.0), min_members=Param(int, 2, minimum=1)
)
def team_dissolving(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """By the latest held visit at least `share` of everyone who joined the team has left it."""
    day = _reference_day(history)
    joined = [member for member in history.team if day is not None and member.starts_on <= day]
    if len(joined) < p["min_members"]:
        return None
    left = [member for member in joined if member.ends_on is not None and member.ends_on < day]
    if len(left) / len(joined) < p["share"]:
        return None
    return Finding(
        (
            Evidence(
                "team_left",
                on=day,
                values={"left": len(left), "joined": len(joined), "share": len(left) / len(joined)},
            ),
        )
    )


@_rule("phase_relapse", visits=Param(int, 2, minimum=1))
def phase_relapse(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """One of the last `visits` visits is in an earlier phase than the site had reached before it."""
    ranked = [visit for visit in history.visits if visit.phase_rank is not None]
    recent = {visit.visit_id for visit in _last(history.visits, p["visits"])}
    best: VisitRecord | None = None
    for visit in ranked:
        if best is not None and visit.visit_id in recent and visit.phase_rank < best.phase_rank:
            return Finding(
                (
                    Evidence("phase_reached", on=best.held_on, values={"phase": best.phase}),
                    Evidence("phase_now", on=visit.held_on, values={"phase": visit.phase}),
                )
            )
        if best is None or visit.phase_rank > best.phase_rank:
            best = visit
    return None


def _inhibitor_share(factors: list[FactorRecord]) -> float:
    return sum(factor.valence == "inhibitor" for factor in factors) / len(factors)


@_rule(
    "pressure_inhibitor_rise",
    kinds=Param(list, []),
    visits_before=Param(int, 2, minimum=1),
    visits_after=Param(int, 2, minimum=1),
    min_rise=Param(float, 0.15, minimum=0.0, maximum=1.0),
    min_factors=Param(int, 3, minimum=1),
)
def pressure_inhibitor_rise(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """An external pressure began, and the share of inhibitors in the visits since it (at most the last
    `visits_after`) is at least `min_rise` above the share in the `visits_before` visits before it."""
    for event in sorted(history.events, key=lambda e: e.starts_on, reverse=True):
        if p["kinds"] and event.kind not in p["kinds"]:
            continue
        before = [visit for visit in history.visits if visit.held_on < event.starts_on][-p["visits_before"] :]
        after = [
            visit for visit in _last(history.visits, p["visits_after"]) if visit.held_on >= event.starts_on
        ]
        if not before or not after:
            continue
        if event.ends_on is not None and event.ends_on < after[0].held_on:
            continue
        factors_before = history.factors_at({visit.visit_id for visit in before})
        factors_after = history.factors_at({visit.visit_id for visit in after})
        if len(factors_before) < p["min_factors"] or len(factors_after) < p["min_factors"]:
            continue
        share_before, share_after = _inhibitor_share(factors_before), _inhibitor_share(factors_after)
        if share_after - share_before >= p["min_rise"]:
            return Finding(
                (
                    Evidence(
                        "pressure", on=event.starts_on, quote=event.description, values={"kind": event.kind}
                    ),
                    Evidence(
                        "inhibitor_share",
                        values={
                            "before": share_before,
                            "after": share_after,
                            "factors_before": len(factors_before),
                            "factors_after": len(factors_after),
                        },
                    ),
                )
            )
    return None


@_rule(
    "anchoring_stalled",
    visits=Param(int, 3, minimum=2),
    max_rating=Param(int, 2, minimum=1, maximum=5),
    from_visit=Param(int, 4, minimum=1),
)
def anchoring_stalled(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """From the `from_visit`th visit on, the last `visits` anchoring ratings stay at or below
    `max_rating` without rising."""
    if len(history.visits) < p["from_visit"]:
        return None
    rated = [visit for visit in history.visits if visit.anchoring is not None][-p["visits"] :]
    if len(rated) < p["visits"]:
        return None
    ratings = [visit.anchoring for visit in rated]
    if max(ratings) > p["max_rating"] or ratings[-1] > ratings[0]:
        return None
    return Finding(
        tuple(Evidence("anchoring", on=visit.held_on, values={"rating": visit.anchoring}) for visit in rated)
    )


@_rule(
    "driver_inhibitor_share",
    driver=Param(str, "leadership"),
    visits=Param(int, 3, minimum=1),
    min_share=Param(float, 0.6, minimum=0.0, maximum=1.0),
    min_factors=Param(int, 3, minimum=1),
)
def driver_inhibitor_share(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """In the last `visits` visits, at least `min_share` of the (at least `min_factors`) factors coded
    to `driver` are inhibitors."""
    window = _last(history.visits, p["visits"])
    factors = [f for f in history.factors_at({visit.visit_id for visit in window}) if f.driver == p["driver"]]
    if len(factors) < p["min_factors"]:
        return None
    share = _inhibitor_share(factors)
    if share < p["min_share"]:
        return None
    inhibitors = [factor for factor in factors if factor.valence == "inhibitor"]
    dates = {visit.visit_id: visit.held_on for visit in window}
    evidence = [
        Evidence(
            "driver_share",
            on=window[0].held_on,
            values={
                "driver": p["driver"],
                "inhibitors": len(inhibitors),
                "total": len(factors),
                "share": share,
            },
        )
    ]
    evidence.extend(
        Evidence("factor", on=dates[factor.visit_id], quote=factor.statement, values={"valence": "inhibitor"})
        for factor in inhibitors[-3:]
    )
    return Finding(tuple(evidence))


@_rule("assessment_style", leadership_styles=Param(list, []), culture_types=Param(list, []))
def assessment_style(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """The latest site assessment records one of `leadership_styles` or `culture_types`."""
    if not history.assessments:
        return None
    latest = max(history.assessments, key=lambda assessment: assessment.assessed_on)
    evidence = []
    if latest.leadership_style and latest.leadership_style in p["leadership_styles"]:
        evidence.append(
            Evidence("leadership_style", on=latest.assessed_on, values={"style": latest.leadership_style})
        )
    if latest.culture_type and latest.culture_type in p["culture_types"]:
        evidence.append(
            Evidence("culture_type", on=latest.assessed_on, values={"culture": latest.culture_type})
        )
    return Finding(tuple(evidence)) if evidence else None


@_rule("visits_cancelled", consecutive=Param(int, 2, minimum=1))
def visits_cancelled(history: SiteHistory, p: Mapping[str, Any]) -> Finding | None:
    """The last `consecutive` visits that were due (held or cancelled) were all cancelled."""
    due = sorted(
        [(visit.held_on, False) for visit in history.visits] + [(day, True) for day in history.cancelled]
    )[-p["consecutive"] :]
    if len(due) < p["consecutive"] or not all(cancelled for _, cancelled in due):
        return None
    return Finding(tuple(Evidence("cancelled", on=day) for day, _ in due))
