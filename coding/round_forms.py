"""Forms of the coding rounds and the suggestions (Danish messages next to each field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from codebook.models import Code, CodeKind, Valence


class ReportChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.visit.site.code} · {obj.visit.date:%d.%m.%Y}"


class CoderChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reports = ReportChoices(
        label=_("Rapporter"), queryset=None, widget=forms.SelectMultiple(attrs={"size": 10})
    )
    coders = CoderChoices(label=_("Kodere"), queryset=None, widget=forms.CheckboxSelectMultiple)
    is_blind = forms.BooleanField(
        label=_("Blind kodning"),
        required=False,
        initial=True,
        help_text=_("Koderne ser ikke hinandens koder, før runden er afsluttet."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = (
            permissions.visible_reports(user)
            .select_related("visit__site")
            .order_by("visit__site__code", "visit__held_on")
        )
        self.fields["coders"].queryset = permissions.coders().order_by("username")


class UnitCodeForm(forms.Form):
    """Driver, mechanism (under the driver) and valence for one unit or one suggestion."""

    driver = forms.ModelChoiceField(label=_("Driver"), queryset=None, empty_label=_("(vælg)"))
    mechanism = forms.ModelChoiceField(
        label=_("Mekanisme"), queryset=None, required=False, empty_label=_("(ingen)")
    )
    valence = forms.ChoiceField(
        label=_("Valens"), choices=[("", _("(ingen)")), *Valence.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["driver"].queryset = Code.objects.filter(kind=CodeKind.DRIVER, is_retired=False)
        self.fields["mechanism"].queryset = Code.objects.filter(
            kind=CodeKind.MECHANISM, is_retired=False
        ).select_related("parent")
        self.fields["mechanism"].label_from_instance = lambda code: f"{code.parent.label}: {code.label}"

    def clean(self):
        cleaned = super().clean()
        driver, mechanism = cleaned.get("driver"), cleaned.get("mechanism")
        if driver and mechanism and mechanism.parent_id != driver.pk:
            self.add_error("mechanism", _("Mekanismen hører ikke under den valgte driver."))
        return cleaned


class UnitForm(UnitCodeForm):
    """A unit's place in the report: the section and the character span."""

    section = forms.IntegerField(widget=forms.HiddenInput)
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
