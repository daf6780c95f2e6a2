"""The faster paths of the analysis give the results of the plain definitions, on the demo data:
the profiles summed per level equal one `driver_profile` over each level's factors, the coded
counts of a site read from its tallied codings equal a count over its statements and passages,
the one scan for all activity stems finds the topics that a search per topic finds, and the
capacity cells read from the profiles' shared counts hold each cell's own count of statements."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from analysis.computations.capacity import capacity_status, driver_capacity
from analysis.computations.config import DEFAULT_CAPACITY_RULE, DEFAULT_PHASE_ACTIVITIES
from analysis.computations.criteria import _coded
from analysis.computations.profiles import driver_profile, driver_profiles, factor_counts
from analysis.computations.records import period_of
from analysis.computations.sitedata import group_by_site
from analysis.computations.text import TopicMatcher, activity_matcher, matches
from analysis.selectors import analysis_input

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


def test_profiles_per_level_equal_one_profile_over_the_level(demo):
    profiles = driver_profiles(demo)
    mechanisms = [key for key, _ in demo.mechanisms()]
    programme_of = {site.code: site.programme for site in demo.sites}
    known = [f for f in demo.factors if not f.site or f.site in programme_of]
    assert profiles.overall.drivers == driver_profile(known, mechanisms).drivers
    for code, profile in profiles.per_site.items():
        plain = driver_profile([f for f in demo.factors if f.site == code], mechanisms)
        assert (profile.drivers, profile.mechanisms, profile.uncoded) == (
            plain.drivers,
            plain.mechanisms,
            plain.uncoded,
        ), code
    for key, profile in profiles.per_programme_period.items():
        programme, period = key.split("|")
        chosen = [
            f for f in demo.factors if programme_of.get(f.site) == programme and period_of(f.date) == period
        ]
        assert profile.drivers == driver_profile(chosen, mechanisms).drivers, key
    assert len(profiles.per_site_period) > len(profiles.per_site)


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


def test_capacity_from_the_shared_counts_equals_a_count_per_cell(demo):
    table = driver_capacity(demo, DEFAULT_CAPACITY_RULE, [], factor_counts(demo))
    plain = Counter((f.site, period_of(f.date), f.mechanism, f.valence) for f in demo.factors if f.mechanism)
    cells = [cell for periods in table.cells.values() for row in periods.values() for cell in row.values()]
    assert len(cells) == len(demo.sites) * len(table.periods) * len(table.mechanisms)
    assert any(cell.promoters for cell in cells) and any(cell.proposed is None for cell in cells)
    for cell in cells:
        key = (cell.site, cell.period, cell.mechanism)
        promoters, inhibitors = plain[(*key, "promoter")], plain[(*key, "inhibitor")]
        assert (cell.promoters, cell.inhibitors) == (promoters, inhibitors), key
        assert cell.proposed == capacity_status(promoters, inhibitors, DEFAULT_CAPACITY_RULE), key
