"""The pure parts of the dashboard and the advice, on hand-built data."""

import datetime
from xml.etree import ElementTree

from analysis.computations.charts import balance_chart
from analysis.computations.profiles import Tally
from decisions.advice import PromoterRecord, driver_advice
from decisions.dashboard import (
    anchoring_trend,
    changes_since_last_visit,
    standing,
    trial_actions_due,
)
from decisions.figures import balance_svg
from decisions.history import EventRecord, FactorRecord, SiteHistory, TrialRecord, VisitRecord

D = datetime.date


def history() -> SiteHistory:
    return SiteHistory(
        visits=(
            VisitRecord(1, D(2018, 3, 1), "preparation", 0, 1),
            VisitRecord(2, D(2018, 9, 1), "capacity_building", 2, 2),
            VisitRecord(3, D(2019, 3, 1), "capacity_building", 2, 3),
        ),
        factors=(
            FactorRecord(2, "promoter", "Sparring", "competence"),
            FactorRecord(3, "promoter", "Fælles sprog", "competence"),
            FactorRecord(3, "inhibitor", "Travlhed", "organisation"),
            FactorRecord(3, "inhibitor", "Ingen rammer", "leadership"),
        ),
        trial_actions=(
            TrialRecord(1, "Læsegruppe"),
            TrialRecord(2, "Følelseskompasset", followed_up_visit_id=3, outcome="done"),
            TrialRecord(3, "Praksisfortælling"),
        ),
        events=(
            EventRecord("savings", D(2018, 5, 1), description="Kommunen sparer"),
            EventRecord("pandemic", D(2019, 1, 10)),
        ),
        next_planned=D(2019, 9, 1),
    )


def test_standing_at_the_latest_visit():
    result = standing(history())
    assert (result.visits_held, result.phase, result.anchoring, result.trend) == (
        3,
        "capacity_building",
        3,
        "rising",
    )
    assert standing(SiteHistory()).trend == "unknown"


def test_anchoring_trend():
    assert anchoring_trend([1, 1, 3, 3]) == "rising"
    assert anchoring_trend([4, 4, 2, 3]) == "falling"
    assert anchoring_trend([2, 3, 3, 2]) == "flat"
    assert anchoring_trend([2]) == "unknown"


def test_changes_since_the_last_visit():
    changes = changes_since_last_visit(history())
    assert (changes.previous, changes.latest) == (D(2018, 9, 1), D(2019, 3, 1))
    assert not changes.phase_moved
    assert (changes.anchoring_before, changes.anchoring_after) == (2, 3)
    assert [(c.driver, c.promoters, c.inhibitors) for c in changes.factors] == [
        ("competence", 1, 0),
        ("organisation", 0, 1),
        ("leadership", 0, 1),
    ]
    assert [a.aim for a in changes.followed_up] == ["Følelseskompasset"]
    assert [a.aim for a in changes.agreed] == ["Praksisfortælling"]
    assert [event.kind for event in changes.events] == ["pandemic"]


def test_trial_actions_due_newest_first_with_visits_waiting():
    due = trial_actions_due(history())
    assert [(item.action.aim, item.visits_waiting, item.due_on) for item in due] == [
        ("Praksisfortælling", 0, D(2019, 9, 1)),
        ("Læsegruppe", 2, D(2019, 9, 1)),
    ]


def test_trial_actions_agreed_at_a_visit_not_held_are_due_too():
    """Every action not followed up is open, as the analysis counts them (TrialCounts.not_followed_up)."""
    base = history()
    planned = TrialRecord(99, "Aftalt ved aflyst besøg", agreed_on=D(2018, 6, 1))
    due = trial_actions_due(SiteHistory(visits=base.visits, trial_actions=(*base.trial_actions, planned)))
    assert [(item.action.aim, item.visits_waiting) for item in due][-2:] == [
        ("Læsegruppe", 2),
        ("Aftalt ved aflyst besøg", 2),
    ]


def test_balance_figure_is_valid_svg_with_escaped_labels():
    chart = balance_chart(
        {
            "2018": {"competence": Tally(1, 0), "organisation": Tally(0, 0), "leadership": Tally(0, 0)},
            "2019": {"competence": Tally(1, 0), "organisation": Tally(0, 1), "leadership": Tally(0, 2)},
        }
    )
    svg = balance_svg(
        chart,
        driver_labels={
            "competence": "Kompetence",
            "organisation": "Organisation <&>",
            "leadership": "Ledelse",
        },
        title="Fremmere & hæmmere",
        promoter_label="fremmere",
        inhibitor_label="hæmmere",
    )
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Fremmere & hæmmere"
    texts = [element.text for element in root.iter(f"{ns}text")]
    assert "Organisation <&>" in texts and "2019" in texts
    assert "style" not in svg and "<script" not in svg
    assert len([r for r in root.iter(f"{ns}rect") if r.get("class") == "bar-inhibitor"]) == 2 + 1
    heights = [float(r.get("height")) for r in root.iter(f"{ns}rect") if r.get("class") == "bar-inhibitor"]
    assert heights[0] * 2 == heights[1]  # every panel on the scale of the largest count


def promoters():
    return [
        PromoterRecord("H1", "competence", "coaching", "Ekstern supervision hver måned."),
        PromoterRecord("H2", "competence", "coaching", "ekstern  supervision hver måned"),
        PromoterRecord("H2", "competence", "coaching", "Sparring ved vagtskiftet på Egely."),
        PromoterRecord("H3", "competence", "coaching", "Sparring ved vagtskiftet på Egely."),
        PromoterRecord("H3", "competence", "training", "Læsegruppe i huset."),
        PromoterRecord("H1", "leadership", "adaptive_leadership", "Lederen går forrest."),
    ]


def test_advice_counts_per_mechanism_and_quotes_only_shared_practices():
    (competence,) = driver_advice(promoters(), drivers=("competence",), visible=set(), min_sites=2)
    assert (competence.mentions, competence.sites) == (5, 3)
    coaching, training = competence.mechanisms
    assert (coaching.mechanism, coaching.mentions, coaching.sites) == ("coaching", 4, 3)
    assert [(p.statement, p.mentions, p.sites, p.visible_sites) for p in coaching.practices] == [
        ("Ekstern supervision hver måned.", 2, 2, ()),
        ("Sparring ved vagtskiftet på Egely.", 2, 2, ()),
    ]
    assert training.practices == () and training.unquoted == 1


def test_advice_never_quotes_a_statement_naming_a_hidden_site():
    (competence,) = driver_advice(
        promoters(), drivers=("competence",), visible={"H1"}, hidden_names={"Egely", "H2", "H3"}, min_sites=2
    )
    coaching = competence.mechanisms[0]
    assert [p.statement for p in coaching.practices] == ["Ekstern supervision hver måned."]
    assert coaching.practices[0].visible_sites == ("H1",)
    assert coaching.unquoted == 2


def test_advice_names_sites_only_to_those_who_may_see_them():
    (competence,) = driver_advice(promoters(), drivers=("competence",), visible={"H1", "H2", "H3"})
    training = competence.mechanisms[1]
    assert [(p.statement, p.visible_sites) for p in training.practices] == [("Læsegruppe i huset.", ("H3",))]


def test_advice_quotes_a_practice_only_when_three_sites_reported_it():
    three = [*promoters(), PromoterRecord("H3", "competence", "coaching", "Ekstern supervision hver måned")]
    (competence,) = driver_advice(three, drivers=("competence",), visible=set())
    coaching = competence.mechanisms[0]
    assert [(p.statement, p.sites) for p in coaching.practices] == [("Ekstern supervision hver måned.", 3)]
    assert coaching.unquoted == 2
