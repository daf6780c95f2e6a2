import factory

from codebook.selectors import current_codebook_version
from coding import models
from fieldwork.tests.factories import ReportFactory


def code(kind: str, key: str) -> models.Code:
    return models.Code.objects.get(kind=kind, key=key)


class PassageFactory(factory.django.DjangoModelFactory):
    """A coded passage over the first characters of a report's leadership section."""

    class Meta:
        model = models.CodedPassage

    section = factory.LazyFunction(
        lambda: ReportFactory(sections={"leadership": "Ledelsen går forrest med klare rammer."}).sections.get(
            theme="leadership"
        )
    )
    start = 0
    end = 8
    text = factory.LazyAttribute(lambda p: p.section.text[p.start : p.end])
    codebook_version = factory.LazyFunction(current_codebook_version)
    driver = factory.LazyFunction(lambda: code("driver", "leadership"))
    valence = models.Valence.PROMOTER


class MemoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Memo

    title = factory.Sequence(lambda n: f"Memo {n}")
    text = "Ledelsen virker tydeligere end sidst."
    target = models.MemoTarget.SITE
