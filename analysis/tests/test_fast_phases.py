"""The phase trajectories read from one index per site (with evidence made without the frozen
__init__) equal the plain rule on varied hand-built sites."""

import dataclasses
import datetime
import pickle
import random

import pytest

from analysis.computations.attention import attention_point_table
from analysis.computations.config import DEFAULT_PHASE_ACTIVITIES
from analysis.computations.frozen import frozen_instance
from analysis.computations.phases import (
    ActivityEvidence,
    PhaseActivities,
    PhasePoint,
    phase_trajectory,
)
from analysis.computations.records import (
    PHASE_ORDER,
    AssessmentRecord,
    PassageRecord,
    TeamMemberRecord,
    TrialActionRecord,
    VisitRecord,
)
from analysis.computations.sitedata import group_by_site
from analysis.computations.text import matches
from analysis.tests.computations.builders import D, data, factor
from analysis.tests.computations.builders import site as site_record


def _plain_evidence(key: str, spec: dict, site, worked: set[int], late_from) -> ActivityEvidence:
    """An activity's evidence by its plain rule: every candidate found by scanning the records
    (stems sought per activity), the earliest winning and the first of equal dates."""
    valence, stems = spec.get("valence", ""), spec.get("stems", [])

    def first(records, test):
        return next((r for r in records if test(r) and (not valence or r.valence == valence)), None)

    found = []
    if spec.get("late"):
        late = late_from and first(
            site.factors, lambda f: f.date >= late_from and f.mechanism in spec.get("mechanisms", [])
        )
        found.append(late and (late.date, "factor", late.statement))
    else:
        if stems:
            statement = first(site.factors, lambda f: matches(f.statement, stems))
            found.append(statement and (statement.date, "factor", statement.statement))
        for mechanism in dict.fromkeys(spec.get("mechanisms", [])):
            coded = mechanism and first(site.factors, lambda f, m=mechanism: f.mechanism == m)
            found.append(coded and (coded.date, "factor", coded.statement))
    if stems:
        passage = first(site.passages, lambda p: matches(p.text or "", stems))
        found.append(passage and (passage.date, "passage", passage.text))
        aim = next((t for t in site.trial_actions if matches(t.aim, stems)), None)
        found.append(aim and (aim.agreed_on, "trial_action", aim.aim))
    if spec.get("trial_actions") == "agreed" and site.trial_actions:
        found.append((site.trial_actions[0].agreed_on, "trial_action", site.trial_actions[0].aim))
    followed = sorted((t for t in site.trial_actions if t.followed_up_on), key=lambda t: t.followed_up_on)
    if spec.get("trial_actions") == "followed_up" and followed:
        found.append((followed[0].followed_up_on, "trial_action", followed[0].aim))
    promoter = next((f for f in site.factors if f.valence == "promoter"), None)
    inhibitor = next((f for f in site.factors if f.valence == "inhibitor"), None)
    if spec.get("both_valences") and promoter and inhibitor:
        found.append((max(promoter.date, inhibitor.date), "factor", ""))
    roles = {m.role for m in site.team}
    if spec.get("team") and roles & {"manager", "department_manager"} and "staff" in roles:
        found.append((min(m.starts_on for m in site.team), "team", ""))
    points = worked & set(spec.get("attention_points", []))
    passage_points = {p.attention_point for p in site.passages}
    if points:
        dates = [a.assessed_on for a in site.assessments for n in points if n in a.attention_points]
        dates += [
            [p.date for p in site.passages if p.attention_point == n][0]
            for n in points
            if n in passage_points
        ]
        found.append((min(dates), "attention_point", ", ".join(str(n) for n in sorted(points))))
    found = [candidate for candidate in found if candidate]
    label = spec.get("label", key)
    if not found:
        return ActivityEvidence(key, label, False)
    return ActivityEvidence(key, label, True, *min(found, key=lambda candidate: candidate[0]))


def _plain_stages(points: list[PhasePoint]) -> list[tuple]:
    stages = []
    for phase in PHASE_ORDER:
        in_phase = [p.date for p in points if p.phase == phase]
        later = [
            p.date
            for p in points
            if in_phase and p.date > in_phase[0] and PHASE_ORDER[p.phase] > PHASE_ORDER[phase]
        ]
        end = (later or in_phase or [None])[-1 if not later else 0]
        days = (end - in_phase[0]).days if in_phase else None
        stages.append((phase, bool(in_phase), in_phase[0] if in_phase else None, end, days, len(in_phase)))
    return stages


def _random_site(rng: random.Random, code: str, stems: list[str]) -> dict:
    """Records of one site with ties of dates, stems in any case, codes and points on and off."""
    days = [D(2018, 1, 1) + datetime.timedelta(days=rng.randrange(900)) for _ in range(6)]

    def text():
        words = rng.sample(stems, rng.randrange(3)) + rng.sample(["og", "formål", "tid", "Hverdag"], 2)
        rng.shuffle(words)
        return " ".join(word.upper() if rng.random() < 0.2 else word for word in words)

    def coded():
        return {
            "valence": rng.choice(["promoter", "inhibitor", "promoter", ""]),
            "mechanism": rng.choice(["training", "coaching", "staff_selection", ""]),
        }

    phases = [rng.choice(list(PHASE_ORDER) + ["unknown"]) for _ in range(rng.randrange(7))]
    return {
        "visits": [
            VisitRecord(i, code, d, d, "held", phase)
            for i, (d, phase) in enumerate(zip(sorted(rng.choices(days, k=len(phases))), phases, strict=True))
        ],
        "factors": [
            factor(code, statement=text(), day=rng.choice(days), **coded()) for _ in range(rng.randrange(12))
        ],
        "passages": [
            PassageRecord(
                i,
                code,
                rng.choice(days),
                rng.choice([text(), None]),
                **coded(),
                attention_point=rng.choice([None, 1, 2, 4, 6, 7]),
            )
            for i in range(rng.randrange(8))
        ],
        "trial_actions": [
            TrialActionRecord(i, code, rng.choice(days), text(), followed_up_on=rng.choice([None, *days]))
            for i in range(rng.randrange(4))
        ],
        "assessments": [
            AssessmentRecord(code, rng.choice(days), attention_points=tuple(rng.sample(range(1, 11), 3)))
            for _ in range(rng.randrange(3))
        ],
        "team_members": [
            TeamMemberRecord(code, rng.choice(["manager", "staff", "department_manager"]), rng.choice(days))
            for _ in range(rng.randrange(3))
        ],
    }


def test_phase_activities_from_the_shared_index_equal_their_plain_rule():
    """Varied hand-built sites, with the default activities and with ones that mix the rules."""
    mixed = {
        "preparation": {
            "late_by_stems": {"stems": ["tid"], "late": True, "mechanisms": ["coaching", ""], "valence": ""},
            "everything": {
                "stems": ["formål", "klare mål"],
                "mechanisms": ["training", "coaching", ""],
                "both_valences": True,
                "team": True,
                "trial_actions": "followed_up",
                "attention_points": [1, 2],
            },
        },
        "adaptation_anchoring": {
            "inhibited": {"stems": ["drift"], "valence": "inhibitor", "mechanisms": ["training"]}
        },
    }
    rng = random.Random(2018)
    for activities in (DEFAULT_PHASE_ACTIVITIES, mixed):
        stems = [
            stem for specs in activities.values() for spec in specs.values() for stem in spec.get("stems", [])
        ]
        per_site = [_random_site(rng, f"S{n}", stems) for n in range(150)]
        kinds = {kind: [r for site in per_site for r in site[kind]] for kind in per_site[0]}
        records = data(sites=[site_record(f"S{n}") for n in range(150)], **kinds)
        grouped = group_by_site(records)
        prepared = PhaseActivities(activities)
        for row in attention_point_table(records, grouped).sites:
            site, worked = grouped[row.site], set(row.worked)
            path = phase_trajectory(site, activities, worked, prepared)
            held = [v for v in site.held if v.phase in PHASE_ORDER]
            assert path.points == [
                PhasePoint(
                    v.id, v.held_on, v.phase, i > 0 and PHASE_ORDER[v.phase] < PHASE_ORDER[held[i - 1].phase]
                )
                for i, v in enumerate(held)
            ]
            late_from = next((v.held_on for v in held if v.phase == "adaptation_anchoring"), None)
            assert [(s.phase, s.reached, s.start, s.end, s.duration_days, s.visits) for s in path.stages] == (
                _plain_stages(path.points)
            )
            for stage in path.stages:
                assert stage.activities == [
                    _plain_evidence(key, spec, site, worked, late_from)
                    for key, spec in activities.get(stage.phase, {}).items()
                ]


def test_evidence_and_points_made_without_init_equal_the_plain_ones():
    made = [
        frozen_instance(
            ActivityEvidence,
            {"key": "k", "label": "L", "done": True, "first_seen": D(2019, 1, 2), "kind": "team", "text": ""},
        ),
        frozen_instance(
            PhasePoint, {"visit_id": 3, "date": D(2019, 1, 2), "phase": "preparation", "relapse": False}
        ),
    ]
    plain = [
        ActivityEvidence("k", "L", True, D(2019, 1, 2), "team", ""),
        PhasePoint(3, D(2019, 1, 2), "preparation", False),
    ]
    assert made == plain and [hash(m) for m in made] == [hash(p) for p in plain]
    assert [repr(m) for m in made] == [repr(p) for p in plain]
    assert pickle.dumps(made) == pickle.dumps(plain) and pickle.loads(pickle.dumps(made)) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].done = False
