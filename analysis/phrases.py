"""The analysis's sentences (analysis.computations.phrase) in the active language: the Danish template
through the catalogue, then each value rendered the same way. Text that is not a Phrase (free text, a
finding an evaluator typed into the rules) is shown as it is."""

from collections.abc import Callable

from django.utils.formats import get_format
from django.utils.translation import gettext

from analysis.computations.phrase import Number, Phrase


def render(value, plain: Callable[[str], str] | None = None) -> str:
    """`plain` rewrites the values that are plain text (the reports name a key such as a criterion or
    a leadership style by its label) and never the translated words around them."""
    if isinstance(value, Phrase):
        template = gettext(value.template)
        if not value.params:
            return template
        return template % {name: render(item, plain) for name, item in value.params.items()}
    if isinstance(value, Number):
        return f"{value.value:.{value.places}f}".replace(".", get_format("DECIMAL_SEPARATOR"))
    if isinstance(value, list | tuple):
        return ", ".join(render(item, plain) for item in value)
    text = "" if value is None else str(value)
    return plain(text) if plain and isinstance(value, str) else text


def render_all(values) -> list[str]:
    """Each of a list of sentences (a classification's provisional reasons) rendered."""
    return [render(value) for value in values or []]


def rendered_config(value):
    """A rule configuration with its sentences (findings, activity labels) in the active language,
    for showing the defaults; keys, stems and numbers stay as they are."""
    if isinstance(value, dict):
        return {key: rendered_config(item) for key, item in value.items()}
    if isinstance(value, list):
        return [rendered_config(item) for item in value]
    return render(value) if isinstance(value, Phrase) else value
