"""The analysis's sentences (analysis.computations.phrase) in the active language: the Danish template
through the catalogue, then each value rendered the same way. Text that is not a Phrase (free text, a
finding an evaluator typed into the rules) is shown as it is."""

from django.utils.formats import number_format
from django.utils.translation import gettext

from analysis.computations.phrase import Number, Phrase


def render(value) -> str:
    if isinstance(value, Phrase):
        template = gettext(value.template)
        return (
            template % {name: render(item) for name, item in value.params.items()}
            if value.params
            else template
        )
    if isinstance(value, Number):
        return number_format(value.value, value.places)
    if isinstance(value, list | tuple):
        return ", ".join(render(item) for item in value)
    return "" if value is None else str(value)


def render_all(values) -> list[str]:
    """Each of a list of sentences (a classification's provisional reasons) rendered."""
    return [render(value) for value in values or []]
