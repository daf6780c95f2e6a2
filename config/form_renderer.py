"""Django's form widgets rendered in Python: the same HTML as Django's widget templates without a
template render per widget and per option (a select of forty codes cost about a millisecond).

Only Django's own templates for selects, inputs and text areas take the quick path; every other
template (and a project's override of one of these) is rendered by the template engine as usual.
`config/tests/test_form_renderer.py` checks the output against the templates character for character.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
OPTION = WIDGETS + "select_option.html"
INPUTS = {
    WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "hidden.html",
        "number.html",
        "date.html",
        "email.html",
        "url.html",
        "password.html",
        "checkbox.html",
    )
}


def _escaped(value) -> str:
    return conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name."""
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict) -> str:
    return f'<option value="{_escaped(option["value"])}"{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>'


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append("\n  " + _option(option) + "\n")  # the option template ends with a newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
    return f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget: dict) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


class QuickWidgetRenderer(DjangoTemplates):
    """FORM_RENDERER: Django's widget templates in Python, the rest through the templates."""

    def _quick(self, template_name: str, widget: dict) -> str | None:
        if template_name == WIDGETS + "select.html":
            return _select(widget)
        if template_name in INPUTS:
            return _input(widget)
        if template_name == WIDGETS + "textarea.html":
            return _textarea(widget)
        return None

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = self._quick(template_name, widget) if isinstance(widget, dict) else None
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)  # noqa: S308 — every value above is escaped
