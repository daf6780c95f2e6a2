"""Labels of stored choice values, for annotated rows that carry only the value."""

from django import template

from fieldwork.models import Phase, Theme

register = template.Library()

_PHASES = dict(Phase.choices)
_THEMES = dict(Theme.choices)


@register.filter
def phase_label(value: str) -> str:
    return _PHASES.get(value, value or "")


@register.filter
def theme_label(value: str) -> str:
    return _THEMES.get(value, value or "")


@register.filter
def get_item(mapping, key):
    """`mapping[key]` in a template; empty when missing."""
    if mapping is None:
        return ""
    return mapping.get(key, "")
