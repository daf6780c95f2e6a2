"""Forms of the analysis pages: the matrix filter, a matrix cell's confirmation, a degree override."""

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.models import Degree
from codebook.models import CodeKind
from registry.models import Programme

RATINGS = [("", _("mangler")), ("2", "+2"), ("1", "+1"), ("0", "0"), ("-1", "−1"), ("-2", "−2")]


class MatrixFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Program"),
        queryset=Programme.objects.order_by("code"),
        required=False,
        empty_label=_("Alle programmer"),
        to_field_name="code",
    )
    kind = forms.ChoiceField(
        label=_("Kolonner"),
        choices=[(CodeKind.DRIVER, _("Drivere")), (CodeKind.MECHANISM, _("Mekanismer"))],
        required=False,
    )


class MatrixCellForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Bekræftet vurdering"), choices=RATINGS, coerce=int, empty_value=None, required=False
    )
    summary = forms.CharField(
        label=_("Sammenfatning"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class DegreeOverrideForm(forms.Form):
    degree = forms.ChoiceField(label=_("Grad af målrettet implementering"), choices=Degree.choices)
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("En tilsidesættelse kræver en begrundelse.")},
    )


class DegreeRulesForm(forms.Form):
    """The entries that differ from the documented rules; `based_on` is the active configuration the
    evaluator opened, so that a configuration saved meanwhile by someone else is not replaced unseen."""

    name = forms.CharField(label=_("Navn"), max_length=200)
    rules = forms.JSONField(
        label=_("Afvigelser fra standardreglerne"),
        required=False,
        help_text=_(
            'Kun det, der afviger, som JSON, fx {"degree": {"thresholds": {"high": 0.7}}}. Tom = standardreglerne.'
        ),
        widget=forms.Textarea(attrs={"rows": 8, "class": "mono"}),
    )
    note = forms.CharField(label=_("Begrundelse for ændringen"), widget=forms.Textarea(attrs={"rows": 3}))
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_rules(self):
        value = self.cleaned_data["rules"]
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Reglerne skal være et JSON-objekt."))
        return value
