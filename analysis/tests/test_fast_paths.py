"""The faster paths of the analysis give the results of the plain definitions, on the demo data
and on hand-built records with codes outside the codebook, sites outside the analysis and
statements without site: the profiles summed per level equal one `driver_profile` over each
level's factors (with the other codes in the order they first occur), the coded
counts of a site read from its tallied codings equal a count over its statements and passages,
the one scan for all activity stems finds the topics that a search per topic finds, the
capacity cells read from the profiles' shared counts hold each cell's own count of statements,
and the phase trajectories read from one index per site (with evidence made without the frozen
__init__) equal the plain rule on varied hand-built sites."""

import dataclasses
import datetime
import io
import pickle
import random
from collections import Counter

import pytest
from django.core.management import call_command

from analysis.computations.attention import attention_point_table
from analysis.computations.capacity import capacity_status, driver_capacity
from analysis.computations.config import DEFAULT_CAPACITY_RULE, DEFAULT_PHASE_ACTIVITIES
from analysis.computations.counts import FactorCounts
from analysis.computations.criteria import _coded
from analysis.computations.overview import data_overview
from analysis.computations.phases import (
    ActivityEvidence,
    PhaseActivities,
    PhasePoint,
    _frozen,
    phase_trajectory,
)
from analysis.computations.pressures import pressures
from analysis.computations.profiles import driver_profile, driver_profiles, frequent_statements
from analysis.computations.records import (
    PHASE_ORDER,
    AssessmentRecord,
    EventRecord,
    PassageRecord,
    TeamMemberRecord,
    TrialActionRecord,
    VisitRecord,
    half_year_of,
    period_of,
)
from analysis.computations.sitedata import group_by_site
from analysis.computations.text import TopicMatcher, activity_matcher, matches
from analysis.selectors import analysis_input
from analysis.tests.computations.builders import D, data, factor
from analysis.tests.computations.builders import site as site_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(tmp_path):
    call_command("demo", seed=2018, truth=tmp_path / "truth.json", stdout=io.StringIO())
    return analysis_input()


def _plain_coded(site, drivers=(), mechanisms=(), points=()):
    items = [(f.driver, f.mechanism, None, f.valence) for f in site.factors if f.driver]
    items += [(p.driver, p.mechanism, p.attention_point, p.valence) for p in site.passages]
    chosen = [
        valence
        for driver, mechanism, point, valence in items
        if (not drivers or driver in drivers)
        and (not mechanisms or mechanism in mechanisms)
        and (not points or point in points)
        and (driver or point)
    ]
    return chosen.count("promoter"), chosen.count("inhibitor")


def _plain_levels(records) -> dict[str, list]:
    """Each profile's promoters and inhibitors by the plain rule: a site outside the analysis counts nowhere, a
    statement without site counts overall and per period, a site with a programme also counts
    for its programme and itself."""
    programme_of = {s.code: s.programme for s in records.sites}
    levels: dict[str, list] = {"all": []}
    for f in records.factors:
        if f.valence not in ("promoter", "inhibitor") or (f.site and f.site not in programme_of):
            continue
        period = period_of(f.date)
        keys = ["all", f"period {period}"]
        if programme_of.get(f.site):
            programme = programme_of[f.site]
            keys += [f"programme {programme}", f"programme_period {programme}|{period}"]
            keys += [f"site {f.site}", f"site_period {f.site}|{period}"]
        for key in keys:
            levels.setdefault(key, []).append(f)
    return levels


def _assert_profiles_equal_plain(records):
    profiles = driver_profiles(records)
    mechanisms = [key for key, _ in records.mechanisms()]
    levels = _plain_levels(records)
    found = {"all": profiles.overall}
    found |= {f"programme {key}": profile for key, profile in profiles.per_programme.items()}
    found |= {f"site {key}": profile for key, profile in profiles.per_site.items()}
    found |= {f"period {key}": profile for key, profile in profiles.per_period.items()}
    found |= {f"programme_period {key}": profile for key, profile in profiles.per_programme_period.items()}
    found |= {f"site_period {key}": profile for key, profile in profiles.per_site_period.items()}
    assert set(levels) <= set(found)
    for key, profile in found.items():
        plain = driver_profile(levels.get(key, []), mechanisms)
        assert list(profile.drivers.items()) == list(plain.drivers.items()), key
        assert list(profile.mechanisms.items()) == list(plain.mechanisms.items()), key
        assert profile.uncoded == plain.uncoded, key
    kinds = ("period ", "programme_period ", "site_period ")
    assert {key for key in found if key.startswith(kinds)} == {key for key in levels if key.startswith(kinds)}
    assert profiles.periods == sorted(profiles.per_period)
    programme_of = {s.code: s.programme for s in records.sites}
    known = [f for f in records.factors if not f.site or f.site in programme_of]
    assert profiles.frequent == frequent_statements(known)
    plain = Counter(programme_of[f.site] for f in records.factors if f.site in programme_of)
    assert data_overview(records).factors_per_programme == dict(sorted(plain.items()))
    return profiles


def test_profiles_per_level_equal_one_profile_over_the_level(demo):
    profiles = _assert_profiles_equal_plain(demo)
    assert len(profiles.per_site_period) > len(profiles.per_site)


def test_profiles_show_other_codes_in_the_order_they_first_occur_at_each_level():
    factors = [
        factor("A", "promoter", "x", D(2018, 3, 1), "competence", "coaching"),
        factor("A", "inhibitor", "x", D(2018, 4, 1), "ethics", "dialogue"),
        factor("B", "promoter", "x", D(2019, 3, 1), "culture", "training"),
        factor("B", "inhibitor", "x", D(2019, 4, 1), "ethics", "mentoring"),
        factor("A", "promoter", "x", D(2019, 5, 1), "culture", "dialogue"),
        factor("", "inhibitor", "x", D(2019, 6, 1), "spirit", "rituals"),
        factor("Z", "promoter", "x", D(2020, 1, 1), "outside", "elsewhere"),
        factor("N", "promoter", "x", D(2020, 2, 1), "nameless", "programme"),
        factor("A", "neutral", "x", D(2021, 1, 1), "neutrality", "pause"),
        factor("R", "promoter", "x", D(2019, 7, 1), "", "mentoring"),
        factor("", "promoter", "x", D(2022, 1, 1), "competence", "coaching"),
    ]
    sites = [site_record("A"), site_record("B"), site_record("R", "RP"), site_record("N", "")]
    records = data(sites=sites, factors=factors)
    profiles = _assert_profiles_equal_plain(records)
    assert list(profiles.overall.drivers) == [
        "competence",
        "organisation",
        "leadership",
        "ethics",
        "culture",
        "spirit",
        "nameless",
    ]
    assert list(profiles.per_site["B"].drivers)[3:] == ["culture", "ethics"]
    assert profiles.periods == ["2018", "2019", "2020", "2022"]
    table = _assert_capacity_equal_plain(records)
    assert table.periods == ["2018", "2019", "2020"]


def test_coded_counts_equal_a_count_over_statements_and_passages(demo):
    slices = [(), (["leadership"], (), ()), ((), ["training", "coaching"], ()), ((), (), [4, 8])]
    for site in group_by_site(demo).values():
        assert _coded(site) == _plain_coded(site)
        for drivers, mechanisms, points in slices[1:]:
            assert _coded(site, drivers, mechanisms, points) == _plain_coded(
                site, drivers, mechanisms, points
            )


def test_one_scan_finds_the_topics_of_a_search_per_topic(demo):
    topics = {
        f"{phase}.{key}": spec.get("stems", [])
        for phase, specs in DEFAULT_PHASE_ACTIVITIES.items()
        for key, spec in specs.items()
    }
    matcher = activity_matcher(DEFAULT_PHASE_ACTIVITIES)
    texts = (
        {f.statement for f in demo.factors}
        | {p.text for p in demo.passages}
        | {t.aim for t in demo.trial_actions}
    )
    for text in texts:
        assert matcher.topics(text) == {name for name, stems in topics.items() if matches(text, stems)}, text


def test_a_stem_inside_a_longer_stem_of_another_topic_still_counts():
    matcher = TopicMatcher(
        {"new_staff": ["introduktion"], "course": ["introduktionskursus"], "words": ["sproget"]}
    )
    assert matcher.topics("Et Introduktionskursus") == {"new_staff", "course"}
    assert matcher.topics("fælles sproget") == {"words"}
    assert matcher.each(["introduktion", "formål", "introduktion"]) == [
        frozenset({"new_staff"}),
        frozenset(),
        frozenset({"new_staff"}),
    ]


def _assert_capacity_equal_plain(records):
    table = driver_capacity(records, DEFAULT_CAPACITY_RULE, [], FactorCounts(records))
    plain = Counter(
        (f.site, period_of(f.date), f.mechanism, f.valence) for f in records.factors if f.mechanism
    )
    periods = {
        period for site, period, _mechanism, valence in plain if site and valence in ("promoter", "inhibitor")
    }
    assert table.periods == sorted(
        periods | {period_of(v.held_on) for v in records.visits if v.status == "held"}
    )
    cells = [cell for periods in table.cells.values() for row in periods.values() for cell in row.values()]
    assert len(cells) == len(records.sites) * len(table.periods) * len(table.mechanisms)
    for cell in cells:
        key = (cell.site, cell.period, cell.mechanism)
        promoters, inhibitors = plain[(*key, "promoter")], plain[(*key, "inhibitor")]
        assert (cell.promoters, cell.inhibitors) == (promoters, inhibitors), key
        assert cell.proposed == capacity_status(promoters, inhibitors, DEFAULT_CAPACITY_RULE), key
    return table


def test_capacity_from_the_shared_counts_equals_a_count_per_cell(demo):
    cells = [
        cell
        for periods in _assert_capacity_equal_plain(demo).cells.values()
        for row in periods.values()
        for cell in row.values()
    ]
    assert any(cell.promoters for cell in cells) and any(cell.proposed is None for cell in cells)


def test_site_days_and_held_visits_equal_their_plain_definitions(demo):
    for site in group_by_site(demo).values():
        for valence in ("promoter", "inhibitor"):
            assert site.days[valence] == sorted(f.date for f in site.factors if f.valence == valence)
        assert site.held == [v for v in site.visits if v.status == "held" and v.held_on]


def test_pressure_timeline_equals_a_count_per_half_year():
    factors = [
        factor("A", "promoter", "x", D(2019, 3, 1), "competence"),
        factor("A", "inhibitor", "x", D(2019, 8, 1)),
        factor("B", "promoter", "x", D(2019, 9, 1)),
        factor("B", "neutral", "x", D(2020, 2, 1)),
        factor("Z", "inhibitor", "x", D(2021, 2, 1)),
    ]
    events = [EventRecord(1, "savings", D(2022, 1, 15), site="B")]
    records = data(sites=[site_record("A"), site_record("B")], factors=factors, events=events)
    timeline = pressures(records, group_by_site(records), 182).timeline
    known = [f for f in factors if f.site in ("A", "B")]
    periods = sorted({half_year_of(f.date) for f in known} | {"2022-H1"})
    assert [(p.period, p.promoters, p.inhibitors) for p in timeline] == [
        (
            period,
            sum(half_year_of(f.date) == period and f.valence == "promoter" for f in known),
            sum(half_year_of(f.date) == period and f.valence == "inhibitor" for f in known),
        )
        for period in periods
    ]
    assert [p.period for p in timeline] == ["2019-H1", "2019-H2", "2020-H1", "2022-H1"]


def test_shared_attention_cells_hold_each_site_and_point_own_counts(demo):
    grouped = group_by_site(demo)
    for site in attention_point_table(demo, grouped).sites:
        records = grouped[site.site]
        for number, cell in site.cells.items():
            assessed = any(number in a.attention_points for a in records.assessments)
            passages = sum(p.attention_point == number for p in records.passages)
            assert (cell.worked, cell.from_assessment, cell.passages) == (
                assessed or passages > 0,
                assessed,
                passages,
            ), (site.site, number)


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
        _frozen(
            ActivityEvidence,
            {"key": "k", "label": "L", "done": True, "first_seen": D(2019, 1, 2), "kind": "team", "text": ""},
        ),
        _frozen(PhasePoint, {"visit_id": 3, "date": D(2019, 1, 2), "phase": "preparation", "relapse": False}),
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
