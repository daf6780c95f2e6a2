"""`{{ value|rendered }}`: an analysis sentence in the page's language; a list gives a list of them (so
`{{ reasons|rendered|join:"; " }}` works)."""

from django import template

from analysis.phrases import render, render_all

register = template.Library()


@register.filter
def rendered(value):
    return render_all(value) if isinstance(value, list) else render(value)
