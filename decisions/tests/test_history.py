"""A site's history is built from the analysis's records of it (pure, hand-built records)."""

import datetime

from analysis.computations.records import (
    AnalysisInput,
    EventRecord,
    FactorRecord,
    ReportTextRecord,
    SiteRecord,
    TeamMemberRecord,
    TrialActionRecord,
    VisitRecord,
)
from decisions.history import history_from_records

D = datetime.date


def records() -> AnalysisInput:
    return AnalysisInput(
        sites=[SiteRecord("A", "Engly", "MG")],
        visits=[
            VisitRecord(
                2, "A", D(2019, 3, 1), D(2019, 3, 1), "held", "capacity_building", report_id=20, anchoring=2
            ),
            VisitRecord(
                1, "A", D(2018, 9, 1), D(2018, 9, 1), "held", "preparation", report_id=10, anchoring=1
            ),
            VisitRecord(3, "A", D(2019, 6, 1), None, "cancelled"),
            VisitRecord(4, "A", D(2019, 9, 1), None, "planned"),
            VisitRecord(5, "A", D(2018, 1, 1), None, "planned"),
        ],
        factors=[
            FactorRecord(
                7, "A", "inhibitor", "Travlhed", D(2019, 3, 1), "organisation", report_id=20, quote="Vi løber"
            ),
            FactorRecord(8, "A", "promoter", "Fra mødet", D(2019, 5, 1), "competence", meeting_id=3),
        ],
        trial_actions=[
            TrialActionRecord(
                9, "A", D(2018, 9, 1), "Læsegruppe", agreed_visit_id=1, description="Hver fredag"
            ),
        ],
        events=[
            EventRecord(1, "pandemic", D(2020, 3, 11)),
            EventRecord(2, "savings", D(2019, 1, 1), site="B"),
        ],
        team_members=[TeamMemberRecord("A", "manager", D(2018, 1, 1))],
        report_texts=[
            ReportTextRecord(10, "leadership", "Ledelsen går forrest."),
            ReportTextRecord(99, "x", "Andet"),
        ],
    )


def test_the_history_holds_the_held_visits_with_everything_said_at_them():
    history = history_from_records(records(), "A", today=D(2019, 7, 1))
    assert [(v.visit_id, v.phase_rank, v.anchoring) for v in history.visits] == [(1, 0, 1), (2, 2, 2)]
    assert history.visits[0].text == "Ledelsen går forrest.\nLæsegruppe\nHver fredag"
    assert history.visits[1].text == "Travlhed\nVi løber"
    assert [(f.visit_id, f.statement) for f in history.factors] == [(2, "Travlhed")]  # a meeting's: no visit
    assert [(t.agreed_visit_id, t.trial_id, t.agreed_on) for t in history.trial_actions] == [
        (1, 9, D(2018, 9, 1))
    ]
    assert [e.kind for e in history.events] == ["pandemic"]  # every site's, not another site's
    assert [m.role for m in history.team] == ["manager"]
    assert history.cancelled == (D(2019, 6, 1),)
    assert history.next_planned == D(2019, 9, 1)  # planned before today does not count
