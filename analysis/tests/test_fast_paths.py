"""The faster paths of the analysis give the results of the plain definitions, on the demo data
and on hand-built records with codes outside the codebook, sites outside the analysis and
statements without site: the profiles summed per level equal one `driver_profile` over each
level's factors (with the other codes in the order they first occur), the coded
counts of a site read from its tallied codings equal a count over its statements and passages,
the one scan for all activity stems finds the topics that a search per topic finds, the
capacity cells read from the profiles' shared counts hold each cell's own count of statements,
and the frequent statements counted per wording equal a count per driver, valence and wording
(the phase trajectories: test_fast_phases.py)."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from analysis.computations.attention import attention_point_table
from analysis.computations.capacity import capacity_status, driver_capacity
from analysis.computations.config import DEFAULT_CAPACITY_RULE, DEFAULT_PHASE_ACTIVITIES
from analysis.computations.counts import FactorCounts
from analysis.computations.criteria import _coded
from analysis.computations.overview import data_overview
from analysis.computations.pressures import pressures
from analysis.computations.profiles import driver_profile, driver_profiles, frequent_statements
from analysis.computations.records import (
    EventRecord,
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


def _plain_frequent(factors, top):
    """Per driver the `top` most frequent wordings (case and spaces folded) of each valence."""
    groups: dict[tuple, list] = {}
    for f in factors:
        if f.driver and f.valence in ("promoter", "inhibitor"):
            groups.setdefault((f.driver, f.valence, " ".join(f.statement.lower().split())), []).append(f)
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    result = {driver: [] for driver in ("competence", "organisation", "leadership")}
    for (driver, valence, _), items in ranked:
        shown = result.setdefault(driver, [])
        if sum(item[1] == valence for item in shown) < top:
            quotes = list(dict.fromkeys(f.quote for f in items if f.quote))[:3]
            sites = {f.site for f in items if f.site}
            shown.append((driver, valence, items[0].statement, len(items), len(sites), tuple(quotes)))
    return result


@pytest.mark.parametrize("shared_wording", [False, True])
def test_frequent_statements_equal_a_count_per_wording(shared_wording):
    """Both ways of counting: per wording alone, and per driver and valence too when a wording
    occurs under two drivers or valences."""
    other = "organisation" if shared_wording else "competence"
    factors = [
        factor("A", "promoter", "Tid til refleksion", D(2019, 1, 1), "competence", quote="q1"),
        factor("B", "promoter", "tid til  Refleksion", D(2019, 2, 1), "competence", quote="q2"),
        factor("B", "promoter", "Tid til refleksion", D(2019, 3, 1), other, quote="q1"),
        factor("A", "inhibitor", "Travlhed", D(2019, 1, 2), "leadership", quote="q3"),
        factor("", "inhibitor", "Travlhed", D(2019, 1, 3), "leadership", quote="q4"),
        factor("A", "inhibitor", "Uklare mål", D(2019, 1, 4), "", quote="q5"),
        *(factor("C", "inhibitor", f"Udsagn {n % 3}", D(2020, 1, n + 1), "ethics") for n in range(7)),
    ]
    found = {
        driver: [(s.driver, s.valence, s.statement, s.count, s.sites, s.quotes) for s in shown]
        for driver, shown in frequent_statements(factors, top=2).items()
    }
    assert found == _plain_frequent(factors, top=2)
    assert found["leadership"] == [("leadership", "inhibitor", "Travlhed", 2, 1, ("q3", "q4"))]
