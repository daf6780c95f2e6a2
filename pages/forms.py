from django import forms
from django.utils.translation import gettext_lazy as _

from fieldwork.selectors import OVERVIEW_ORDERS, phase_choices
from registry.models import Programme, Region


class SiteOverviewFilterForm(forms.Form):
    """Filters and sorting of the overview of sites; unknown values fall back to the defaults."""

    programme = forms.ChoiceField(label=_("Program"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    phase = forms.ChoiceField(label=_("Fase"), required=False)
    q = forms.CharField(label=_("Navn eller kode"), required=False, max_length=100)
    order = forms.ChoiceField(
        label=_("Sortér efter"), required=False, choices=[(key, key) for key in OVERVIEW_ORDERS]
    )
    desc = forms.BooleanField(label=_("Faldende"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        self.fields["programme"].choices = everything + [
            (code, f"{code} – {name}") for code, name in Programme.objects.values_list("code", "name")
        ]
        self.fields["region"].choices = everything + list(Region.choices)
        self.fields["phase"].choices = everything + phase_choices()
        self.fields["q"].widget.attrs["type"] = "search"

    def filters(self) -> dict:
        if not self.is_valid():
            return {"order": "code"}
        data = self.cleaned_data
        return {
            "programme": data["programme"],
            "region": data["region"],
            "phase": data["phase"],
            "query": data["q"].strip(),
            "order": data["order"] or "code",
            "descending": data["desc"],
        }
