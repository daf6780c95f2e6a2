import datetime

import factory

from fieldwork import models, services
from registry.tests.factories import SiteFactory


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Visit

    site = factory.SubFactory(SiteFactory)
    planned_on = datetime.date(2018, 3, 1)
    held_on = factory.LazyAttribute(lambda v: v.planned_on)
    status = models.VisitStatus.HELD
    phase = models.Phase.PREPARATION


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ImplementationReport
        skip_postgeneration_save = True

    visit = factory.SubFactory(VisitFactory)
    anchoring = 2

    @factory.post_generation
    def sections(report, create, extracted, **kwargs):
        if not create:
            return
        texts = extracted or {}
        for theme in models.Theme:
            models.ReportSection.objects.create(report=report, theme=theme, text=texts.get(theme.value, ""))


class FactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Factor

    report = factory.SubFactory(ReportFactory)
    valence = "promoter"
    statement = "Kollegial sparring i teamet styrker brugen af redskaberne."


class TrialActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TrialAction

    agreed_at = factory.SubFactory(VisitFactory)
    aim = "Afprøve følelseskompasset ved morgenmødet"


def write_first_section(report, text):
    """As a consultant writes a report: its first section through the service, with the report's
    other fields as they were."""
    sections = {section.theme: section.text for section in report.sections.all()}
    sections[report.sections.order_by("pk").first().theme] = text
    services.report_save(
        visit=report.visit,
        expected_version=report.version,
        introduction=report.introduction,
        sections=sections,
        anchoring=report.anchoring,
        author=report.author,
    )
