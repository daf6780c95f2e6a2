from django import template

from decisions import presentation

register = template.Library()


@register.filter
def code_label(code) -> str:
    """A codebook entry's label in the active language."""
    return presentation.code_label(code) if code is not None else ""


@register.filter
def day(value) -> str:
    return presentation.day(value)


@register.filter
def phase(value: str) -> str:
    return presentation.phase_label(value) if value else ""


@register.filter
def outcome(value: str) -> str:
    return presentation.outcome_label(value)


@register.filter
def percent(value) -> str:
    return presentation.percent(value)


@register.filter
def event_kind(value: str) -> str:
    return presentation.event_kind_label(value)
