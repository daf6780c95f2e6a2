"""A small hand-built world for the report tests: two programmes, five sites, a few visits each."""

import datetime

from codebook.models import Code
from fieldwork.models import (
    EventKind,
    ExternalEvent,
    Factor,
    Phase,
    SiteAssessment,
    TrialAction,
    TrialOutcome,
)
from fieldwork.tests.factories import ReportFactory, VisitFactory
from registry.tests.factories import (
    AssignmentFactory,
    ConsultantFactory,
    ProgrammeFactory,
    SiteFactory,
    TeamMemberFactory,
)

PHASES = [
    Phase.PREPARATION,
    Phase.PREREQUISITE_ANALYSIS,
    Phase.CAPACITY_BUILDING,
    Phase.PREREQUISITE_ANALYSIS,
    Phase.ADAPTATION_ANCHORING,
]
STATEMENTS = {
    ("competence", "coaching", "promoter"): "Kollegial sparring i teamet styrker brugen af redskaberne.",
    ("competence", "training", "inhibitor"): "Vikarer har ikke lært programmet.",
    ("organisation", "facilitative_administration", "promoter"): "Modellerne er synlige på kontortavlen.",
    ("organisation", "systems_intervention", "inhibitor"): "Besparelser fra kommunen fylder meget.",
    ("leadership", "adaptive_leadership", "promoter"): "Ledelsen går forrest og sætter klare rammer.",
    ("leadership", "technical_leadership", "inhibitor"): "Uklart hvem der har ansvaret, 010203-1234.",
}


def build_report_world(*, fictional: bool = True) -> dict:
    """Sites MG1-MG3 and RP1-RP2 with visits, reports, factors, trial actions and assessments."""
    codes = {
        (c.kind, c.key): c for c in Code.objects.filter(kind__in=("driver", "mechanism", "attention_point"))
    }
    points = {c.number: c for (kind, _k), c in codes.items() if kind == "attention_point"}
    mg = ProgrammeFactory(code="MG", name="Mentaliseringsguiden", provider="Center for Mentalisering")
    rp = ProgrammeFactory(
        code="RP", name="Robusthedsprogrammet", provider="Komitéen for Sundhedsoplysning", training_months=6
    )
    consultant, second = ConsultantFactory(), ConsultantFactory()
    sites = {}
    for index, (code, programme) in enumerate(
        [("MG1", mg), ("MG2", mg), ("MG3", mg), ("RP1", rp), ("RP2", rp)]
    ):
        left = code == "RP2"
        site = SiteFactory(
            code=code,
            programme=programme,
            is_fictional=fictional,
            left_on=datetime.date(2019, 12, 31) if left else None,
            left_reason="Ungeafdelingen lukkede." if left else "",
        )
        sites[code] = site
        AssignmentFactory(
            site=site,
            consultant=consultant,
            starts_on=datetime.date(2018, 1, 1),
            ends_on=datetime.date(2019, 6, 30) if programme == rp else None,
        )
        if programme == rp:
            AssignmentFactory(
                site=site,
                consultant=second,
                starts_on=datetime.date(2019, 7, 1),
                reason="Konsulenten skiftede job.",
            )
        TeamMemberFactory(site=site, role="manager", name=f"Leder {code}", is_lead=True)
        TeamMemberFactory(site=site, role="staff", name=f"Medarbejder {code}")
        visits = []
        for number, phase in enumerate(PHASES[: 5 - (1 if left else 0)]):
            day = datetime.date(2018, 3, 1) + datetime.timedelta(days=120 * number + index)
            visit = VisitFactory(site=site, planned_on=day, phase=phase)
            report = ReportFactory(visit=visit, anchoring=min(5, 1 + number))
            visits.append(visit)
            for (driver, mechanism, valence), text in STATEMENTS.items():
                if valence == "inhibitor" and index < 2 and number > 1:
                    continue
                Factor.objects.create(
                    report=report,
                    valence=valence,
                    statement=text,
                    quote="Vi taler mere om mentalisering nu." if valence == "promoter" else "",
                    driver=codes[("driver", driver)],
                    mechanism=codes[("mechanism", mechanism)],
                )
        TrialAction.objects.create(
            agreed_at=visits[0],
            aim="Afprøve følelseskompasset ved morgenmødet",
            driver=codes[("driver", "competence")],
            followed_up_at=visits[1],
            outcome=TrialOutcome.DONE,
        )
        TrialAction.objects.create(
            agreed_at=visits[-1],
            aim="Skrive STORM-modellen ind i behandlingsplanerne",
            driver=codes[("driver", "organisation")],
        )
        assessment = SiteAssessment.objects.create(
            site=site,
            assessed_on=datetime.date(2019, 6, 1),
            leadership_style="democratic" if index < 2 else "authoritarian",
            culture_type="collaboration" if index < 2 else "control",
        )
        assessment.attention_points_worked.set(
            [points[n] for n in range(1, 8 - 2 * index if index < 3 else 3)]
        )
    ExternalEvent.objects.create(kind=EventKind.PANDEMIC, starts_on=datetime.date(2020, 3, 11))
    return sites
