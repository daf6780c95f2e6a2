"""Forms of the registry pages; the messages are Danish, say what is wrong and sit by their field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.dates import date_problem
from registry.models import Consultant, Ownership, Programme, Region, TeamRole

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    """A text field in Danish format (dd.mm.åååå), whatever the browser's own locale."""

    def __init__(self, attrs=None):
        attrs = {
            "placeholder": _("dd.mm.åååå"),
            "inputmode": "numeric",
            "autocomplete": "off",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format="%d.%m.%Y")


class PlausibleDateField(forms.DateField):
    """A date after 2000 and not decades ahead; `site` narrows it to the site's membership."""

    def __init__(self, *args, site=None, **kwargs):
        self.site = site
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        problem = date_problem(value, site=self.site)
        if problem:
            raise forms.ValidationError(problem, code="implausible")


def date_field(label, required=True, site=None, **kwargs) -> forms.DateField:
    return PlausibleDateField(
        label=label,
        required=required,
        site=site,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "invalid": _("Skriv datoen som dd.mm.åååå."),
            "required": _("Angiv en dato."),
        },
        **kwargs,
    )


class SiteProfileForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    programme = forms.ModelChoiceField(label=_("Program"), queryset=Programme.objects.order_by("code"))
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    ownership = forms.ChoiceField(label=_("Ejerform"), choices=Ownership.choices)
    places = forms.IntegerField(label=_("Pladser"), min_value=0, max_value=500)
    permanent_staff = forms.IntegerField(label=_("Fastansatte medarbejdere"), min_value=0, max_value=2000)
    age_min = forms.IntegerField(label=_("Alder fra"), min_value=0, max_value=30)
    age_max = forms.IntegerField(label=_("Alder til"), min_value=0, max_value=30)
    internal_school = forms.BooleanField(label=_("Intern skole"), required=False)
    target_group_notes = forms.CharField(
        label=_("Målgruppe"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("age_min") is not None
            and data.get("age_max") is not None
            and data["age_min"] > data["age_max"]
        ):
            self.add_error("age_max", _("Alderen til ligger under alderen fra."))
        return data


class SiteCreateForm(SiteProfileForm):
    code = forms.CharField(label=_("Kortkode"), max_length=20)
    joined_on = date_field(_("Kom med i projektet"))

    field_order = ["code", "name", "joined_on"]


class MembershipForm(forms.Form):
    joined_on = date_field(_("Kom med i projektet"))
    left_on = date_field(_("Forlod projektet"), required=False)
    left_reason = forms.CharField(
        label=_("Årsag til at stedet forlod projektet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    separate_address = forms.BooleanField(label=_("På separat adresse"), required=False)


class TeamMemberForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    role = forms.ChoiceField(label=_("Rolle"), choices=TeamRole.choices)
    is_lead = forms.BooleanField(label=_("Implementeringsansvarlig"), required=False)
    starts_on = date_field(_("Med i teamet fra"))
    ends_on = date_field(_("Med i teamet til"), required=False)


class AssignmentForm(forms.Form):
    consultant = forms.ModelChoiceField(label=_("Konsulent"), queryset=Consultant.objects.order_by("name"))
    starts_on = date_field(_("Fra"))
    reason = forms.CharField(
        label=_("Årsag til skiftet"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].site = site
