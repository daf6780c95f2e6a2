"""The degree classification's fast paths (evidence made without the frozen __init__, the group
score from one pass, dates formatted once per day, list values joined without copies) equal their
plain definitions on varied hand-built inputs."""

import random

from analysis.computations.config import resolve_config
from analysis.computations.criteria import CriterionResult, _day
from analysis.computations.degree import DegreeEvidence, group_score
from analysis.computations.phrase import Number, Phrase, danish
from analysis.computations.result import run_analysis
from analysis.computations.sitedata import group_by_site
from analysis.tests.computations.builders import D, data, factor, site, visits


def _plain_group_score(present: list[CriterionResult], rule: dict) -> float:
    groups: dict[str, list[CriterionResult]] = {}
    for item in present:
        groups.setdefault(rule["criteria"][item.key].get("group", item.key), []).append(item)
    means = [
        sum(item.weight * item.value for item in items) / sum(item.weight for item in items)
        for items in groups.values()
    ]
    return sum(means) / len(means)


def _plain_danish(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_plain_danish(item) for item in value)
    return str(value)


def test_group_score_equals_the_plain_mean_of_weighted_means():
    generator = random.Random(7)
    keys = [f"k{n}" for n in range(9)]
    for _ in range(300):
        rule = {"criteria": {k: {"group": generator.choice("abc")} for k in keys if generator.random() < 0.7}}
        present = [
            CriterionResult(key, key, generator.choice([0.5, 1.0, 1 / 3, 2.0]), generator.random(), "s", "")
            for key in rule["criteria"]
            if generator.random() < 0.8
        ]
        rule["criteria"]["alone"] = {}  # no group: its own aspect
        present.append(CriterionResult("alone", "alone", 1.0, generator.random(), "s", ""))
        assert group_score(present, rule) == _plain_group_score(present, rule)


def test_danish_joins_every_kind_of_value_as_its_plain_definition():
    values = [
        [Phrase("%(a)s dage", a=3), Phrase("b"), "c", 4, Number(2.5, 1)],
        (1, [2, (3, Phrase("%(x)s", x=[4, 5]))], "tekst"),
        [],
        [Number(0.125, 2)],
        7,
        Phrase("ord"),
    ]
    for value in values:
        assert danish(value) == _plain_danish(value)
        assert Phrase("%(v)s.", v=value) == f"{_plain_danish(value)}."


def test_dates_are_written_as_strftime_writes_them():
    for day in [D(2018, 1, 1), D(2019, 12, 31), D(999, 3, 4), D(2020, 2, 29), D(2018, 1, 1)]:
        assert _day(day) == day.strftime("%d.%m.%Y")


def test_evidence_made_without_init_equals_the_plain_one():
    config = resolve_config(None)
    records = data(
        sites=[site("A"), site("B")],
        visits=visits("A", ["preparation", "capacity_building"]) + visits("B", ["preparation"], start_id=9),
        factors=[
            factor("A", "promoter", "x", D(2018, 2, 1), "competence"),
            factor("A", "inhibitor", "y", D(2018, 2, 1)),
            factor("B", "promoter", "z", D(2018, 2, 1), "leadership", "adaptive_leadership"),
        ],
    )
    grouped = group_by_site(records)
    for summary in run_analysis(records, config).sites:
        made, one = summary.classification.evidence, grouped[summary.code]
        weighted = [item for item in summary.classification.criteria if item.weight > 0]
        plain = DegreeEvidence(
            reports=len(one.report_order()),
            statements=len(one.factors),
            uncoded_statements=sum(not f.driver for f in one.factors),
            passages=len(one.passages),
            assessments=len(one.assessments),
            criteria_present=sum(item.value is not None for item in weighted),
            criteria_total=len(weighted),
        )
        assert made == plain and hash(made) == hash(plain)
        assert made.statements == {"A": 2, "B": 1}[summary.code]
