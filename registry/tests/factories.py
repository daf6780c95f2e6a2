import datetime

import factory

from registry import models


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme
        django_get_or_create = ["code"]

    code = "MG"
    name = "Mentaliseringsguiden"
    provider = "Center for Mentalisering"
    training_months = 30


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Site

    code = factory.Sequence(lambda n: f"S{n:03d}")
    name = factory.Sequence(lambda n: f"Opholdsstedet {n}")
    programme = factory.SubFactory(ProgrammeFactory)
    region = models.Region.MIDTJYLLAND
    ownership = models.Ownership.SELF_OWNING
    places = 12
    permanent_staff = 20
    age_min = 12
    age_max = 18
    joined_on = datetime.date(2018, 1, 1)


class ConsultantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Consultant

    name = factory.Sequence(lambda n: f"Konsulent {n}")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConsultantAssignment

    site = factory.SubFactory(SiteFactory)
    consultant = factory.SubFactory(ConsultantFactory)
    starts_on = datetime.date(2018, 1, 1)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TeamMember

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"Medarbejder {n}")
    role = models.TeamRole.STAFF
    starts_on = datetime.date(2018, 1, 1)
