"""The quick widget renderer writes what Django's widget templates write, character for character."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy, override

from config.form_renderer import QuickWidgetRenderer
from fieldwork.forms import FactorForm, FollowUpForm, ReportForm, TrialActionForm
from fieldwork.tests.factories import VisitFactory
from pages.forms import SiteOverviewFilterForm

GROUPED = [("", "---"), ("Drivere", [("a", "Kompetence & <b>"), ("b", "Organisation")]), ("c", 'Ledelse "x"')]


class EveryWidget(forms.Form):
    grouped = forms.ChoiceField(choices=GROUPED)
    several = forms.MultipleChoiceField(choices=[("1", "Én"), ("2", "To")])
    maybe = forms.NullBooleanField()
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Søg"), "aria-describedby": "x"}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    count = forms.IntegerField(min_value=0, max_value=10)
    hidden = forms.CharField(widget=forms.HiddenInput)
    checked = forms.BooleanField(required=False)
    long = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    mail = forms.EmailField(required=False)


def _both(form_class, **kwargs) -> tuple[str, str]:
    slow = form_class(renderer=DjangoTemplates(), **kwargs)
    quick = form_class(renderer=QuickWidgetRenderer(), **kwargs)
    return (
        "".join(field.as_widget() for field in slow),
        "".join(field.as_widget() for field in quick),
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "grouped": "b",
            "several": ["1", "2"],
            "maybe": "true",
            "text": '<script>"&',
            "secret": "hemmelig",
            "day": "2024-02-29",
            "count": "7",
            "hidden": "skjult & ægte",
            "checked": "on",
            "long": "Første linje\n<b>anden</b> & tredje",
            "mail": "a@b.dk",
        },
        {"grouped": "zz", "count": "mange", "long": ""},
    ],
)
def test_every_widget_is_written_as_the_templates_write_it(data):
    slow, quick = _both(EveryWidget, data=data)
    assert quick == slow


def test_initial_values_and_english_labels_are_the_same():
    initial = {"day": datetime.date(2020, 1, 2), "count": 3, "checked": True, "long": "Tekst", "text": None}
    with override("en"):
        slow, quick = _both(EveryWidget, initial=initial)
    assert quick == slow


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [ReportForm, FactorForm, TrialActionForm, SiteOverviewFilterForm])
def test_the_project_forms_are_written_as_the_templates_write_them(form_class):
    slow, quick = _both(form_class)
    assert quick == slow
    assert "<select" in quick or "<textarea" in quick


@pytest.mark.django_db
def test_a_follow_up_form_is_written_as_the_templates_write_it():
    visit = VisitFactory()
    visits = type(visit).objects.filter(pk=visit.pk)
    slow, quick = _both(FollowUpForm, visits=visits)
    assert quick == slow


def test_the_widgets_take_the_quick_path(monkeypatch):
    """No widget template is rendered by the engine (else the equality above proves nothing)."""
    engine_rendered = []
    original = DjangoTemplates.render

    def counting(self, template_name, context, request=None):
        engine_rendered.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", counting)
    form = EveryWidget(renderer=QuickWidgetRenderer())
    html = "".join(field.as_widget() for field in form)
    assert "<select" in html and "<textarea" in html and engine_rendered == []
