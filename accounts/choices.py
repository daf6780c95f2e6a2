"""Labels of a model's choice fields, looked up in a dict made once per field."""

import functools

from django.utils.encoding import force_str


@functools.cache
def _labels(field) -> dict:
    return dict(field.flatchoices)


class ChoiceLabels:
    """Put before models.Model: `get_FOO_display()` looks the value up in a dict made once per
    field, where Django's own makes the dict anew at every call (a twentieth of a site page's or the
    report editor's CPU time). Labels stay lazy, so each request's language is used."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(value, value), strings_only=True)
