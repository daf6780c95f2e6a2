"""The sentences the analysis writes (criterion evidence, missing-data and provisional reasons, phase
activity labels, notices), kept as a Danish template with its values so that a page can show them in
the reader's language (`analysis.phrases.render`). A Phrase is the Danish text itself (a str), so the
JSON output, the shared cache and every comparison read the same Danish text as before."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Number:
    """A decimal number written with the language's decimal sign (Danish: a comma)."""

    value: float
    places: int

    def __str__(self) -> str:
        return f"{self.value:.{self.places}f}".replace(".", ",")


def danish(value) -> str:
    """A value put into a template, in Danish: a list is joined with commas."""
    if isinstance(value, list | tuple):  # text items (phrases) join as they are: no str() copy
        return ", ".join([item if isinstance(item, str) else danish(item) for item in value])
    return str(value)


class Phrase(str):
    """`template` is the Danish msgid with %(name)s placeholders, `params` its values: text (written
    as is), numbers, Number, nested phrases or lists of them. str(phrase) is the Danish sentence."""

    __slots__ = ("params", "template")

    def __new__(cls, template: str, **params):
        text = template
        if params:  # %s writes str(value), as danish() does for anything but a list
            for value in params.values():
                if isinstance(value, (list, tuple)):
                    text %= {
                        name: danish(item) if isinstance(item, (list, tuple)) else item
                        for name, item in params.items()
                    }
                    break
            else:  # no list: the values as they are (most phrases; copying them costs a third)
                text %= params
        phrase = str.__new__(cls, text)  # not super(): a lookup less per phrase
        phrase.template, phrase.params = template, params
        return phrase

    def __getnewargs_ex__(self):
        return (self.template,), self.params
