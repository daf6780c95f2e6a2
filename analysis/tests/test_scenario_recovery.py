"""The degree classification holds on a second, independently written scenario (issue 12): the
same default rule, through the plain records and through the JSON import path, coded or not.

The planted degrees are read here, in the test, only; the analysis never sees them.
"""

import io
import json

import pytest
from django.core.management import call_command

from analysis.computations.config import resolve_config
from analysis.computations.result import run_analysis
from analysis.services import analyse
from analysis.tests.scenarios.generator import Options, contrasted, scenario, to_input
from analysis.tests.scenarios.recovery import recovery


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_second_scenario_recovers_at_least_12_of_14(seed):
    hits, _pairs, misses = recovery(seed)
    assert hits >= 12, misses


def test_recovery_falls_as_the_degrees_move_together():
    """A rule that only matched one generator would not degrade gradually: pulling high and low
    towards some must cost hits, and never turn a planted low into high."""
    sharp = sum(recovery(seed)[0] for seed in (1, 2, 3, 4))
    blurred = 0
    for seed in (1, 2, 3, 4):
        hits, pairs, _misses = recovery(seed, contrasted(0.4))
        blurred += hits
        assert pairs["low", "high"] == 0 and pairs["high", "low"] == 0
    assert blurred < sharp


def test_uncoded_statements_make_the_site_provisional_and_leave_driver_criteria_missing():
    dataset, _truth = scenario(5, options=Options(coded=0.0))
    site = run_analysis(to_input(dataset), resolve_config()).sites[0]
    classification = site.classification
    uncoded = classification.evidence.uncoded_statements
    assert uncoded == classification.evidence.statements > 0
    assert f"{uncoded} udsagn er ikke kodet endnu" in classification.provisional_reasons
    balance = next(c for c in classification.criteria if c.key == "driver_balance")
    assert balance.value is None and f"{uncoded} udsagn er ikke kodet endnu" in balance.missing
    assert classification.proposed is not None  # valence, phases, trials and team still speak


@pytest.mark.django_db
@pytest.mark.parametrize("coded", [1.0, 0.0])
def test_recovery_holds_through_the_import_command(coded, tmp_path):
    dataset, truth = scenario(2, options=Options(coded=coded))
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(dataset, ensure_ascii=False), encoding="utf-8")
    call_command("import", str(path), stdout=io.StringIO())
    result = analyse()
    misses = [f"{s.code}: {truth[s.code]} → {s.degree}" for s in result.sites if s.degree != truth[s.code]]
    assert len(result.sites) == 14 and len(misses) <= 2, misses
    provisional = [s for s in result.sites if s.classification.provisional]
    assert bool(provisional) == (coded == 0.0)
    out = io.StringIO()
    call_command("analyse", "--json", stdout=out)
    first = json.loads(out.getvalue())["sites"][0]
    uncoded = first["degree_evidence"]["uncoded_statements"]
    assert first["degree_provisional"] == bool(uncoded) == (coded == 0.0)
    if uncoded:
        assert f"{uncoded} udsagn er ikke kodet endnu" in first["degree_provisional_reasons"]


def test_the_evaluations_findings_come_out_of_the_classified_groups():
    """High sites (as classified) have more promoters than inhibitors in each driver, more trial
    actions done, and further and steadier phase progress than the others."""
    groups: dict[str, list] = {"high": [], "some": [], "low": []}
    for seed in range(1, 7):
        dataset, _truth = scenario(seed)
        for site in run_analysis(to_input(dataset), resolve_config()).sites:
            groups[site.degree].append(site)

    def mean(degree, value):
        items = [value(site) for site in groups[degree]]
        return sum(items) / len(items)

    def criterion(key):
        return lambda site: next(c.value for c in site.classification.criteria if c.key == key)

    def balance(driver):
        return lambda site: site.balance[driver]

    for driver in ("competence", "organisation", "leadership"):
        assert mean("high", balance(driver)) > 0 > mean("low", balance(driver)), driver
    for key in ("trial_follow_through", "phase_progress", "steady_progress"):
        assert mean("high", criterion(key)) > mean("some", criterion(key)) > mean("low", criterion(key)), key
