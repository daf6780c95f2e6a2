"""Forms of the planning pages: visit plan, external events, assessments, scores, cancelling a visit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from codebook.models import Code
from fieldwork.models import CultureType, EventKind, LeadershipStyle, ScoreKind
from registry.forms import date_field


class VisitPlanForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    planned_visits = forms.IntegerField(label=_("Planlagte besøg"), min_value=0, max_value=24)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices)
    starts_on = date_field(_("Fra"))
    ends_on = date_field(_("Til"), required=False)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, sites=None, **kwargs):
        """`sites`: the sites the event may concern; given, the form offers "all sites" and each one."""
        super().__init__(*args, **kwargs)
        if sites is not None:
            self.fields["site"] = forms.ModelChoiceField(
                label=_("Sted"), queryset=sites.order_by("code"), required=False, empty_label=_("Alle steder")
            )
            self.order_fields(["site"])


class AssessmentForm(forms.Form):
    assessed_on = date_field(_("Vurderet dato"))
    leadership_style = forms.ChoiceField(
        label=_("Ledelsesstil"), choices=[("", "—"), *LeadershipStyle.choices], required=False
    )
    culture_type = forms.ChoiceField(
        label=_("Kulturtype"), choices=[("", "—"), *CultureType.choices], required=False
    )
    attention_points = forms.ModelMultipleChoiceField(
        label=_("Opmærksomhedspunkter arbejdet med"),
        queryset=Code.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Evaluators noter"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].site = site
        points = self.fields["attention_points"]
        points.queryset = Code.objects.filter(kind="attention_point").order_by("number", "sort_order")
        points.label_from_instance = lambda code: code.label


class ScoreForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ScoreKind.choices)
    instrument = forms.CharField(label=_("Instrument"), max_length=200, required=False)
    period_start = date_field(_("Periode fra"))
    period_end = date_field(_("Periode til"))
    value = forms.FloatField(label=_("Værdi"))

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_start"].site = site
        self.fields["period_end"].site = site


class CancelVisitForm(forms.Form):
    cancel_reason = forms.CharField(
        label=_("Årsag til aflysningen"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
