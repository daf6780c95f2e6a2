"""A small site world in the database for the selector and service tests."""

import datetime

from codebook.models import Code, CodebookVersion
from coding.models import CodedPassage
from fieldwork.models import ExternalEvent, Score, SiteAssessment, TrialAction
from fieldwork.tests.factories import FactorFactory, ReportFactory, VisitFactory
from registry.tests.factories import AssignmentFactory, ProgrammeFactory, SiteFactory, TeamMemberFactory

D = datetime.date


def code(kind: str, key: str) -> Code:
    return Code.objects.get(kind=kind, key=key)


def build_site(site_code: str, programme: str = "MG", visits: int = 3) -> dict:
    """A site with a manager and a staff member in its team, `visits` held visits with reports,
    two factors per report, a trial action, a coded passage, an assessment and a score."""
    site = SiteFactory(code=site_code, programme=ProgrammeFactory(code=programme, name=programme))
    TeamMemberFactory(site=site, role="manager", starts_on=D(2018, 1, 1))
    TeamMemberFactory(site=site, role="staff", starts_on=D(2018, 1, 1), ends_on=D(2018, 5, 1))
    AssignmentFactory(site=site)
    version = CodebookVersion.objects.order_by("-number").first()
    phases = ["preparation", "prerequisite_analysis", "capacity_building", "prerequisite_analysis"]
    reports = []
    for index in range(visits):
        day = D(2018, 2 + 3 * index, 1)
        visit = VisitFactory(site=site, planned_on=day, held_on=day, phase=phases[index % 4])
        report = ReportFactory(visit=visit, anchoring=1 + index)
        FactorFactory(
            report=report,
            valence="promoter",
            statement="Klare mål er delt med alle medarbejdere",
            driver=code("driver", "organisation"),
            mechanism=code("mechanism", "facilitative_administration"),
        )
        FactorFactory(
            report=report, valence="inhibitor", statement="Travl drift", driver=code("driver", "competence")
        )
        section = report.sections.first()
        CodedPassage.objects.create(
            section=section,
            start=0,
            end=5,
            text="tekst",
            codebook_version=version,
            attention_point=code("attention_point", "clear_goals"),
        )
        reports.append(report)
    first, second = reports[0].visit, reports[1].visit
    TrialAction.objects.create(agreed_at=first, aim="Prøve", followed_up_at=second, outcome="done")
    assessment = SiteAssessment.objects.create(
        site=site, assessed_on=D(2019, 6, 1), leadership_style="democratic", culture_type="collaboration"
    )
    assessment.attention_points_worked.add(code("attention_point", "ongoing_supervision"))
    Score.objects.create(
        site=site, kind="fidelity", period_start=D(2019, 1, 1), period_end=D(2019, 12, 31), value=3.5
    )
    ExternalEvent.objects.create(site=site, kind="savings", starts_on=D(2018, 6, 1))
    return {"site": site, "reports": reports}
