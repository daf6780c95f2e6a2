"""Forms of the fieldwork pages; every message is Danish and shown next to its field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.forms import VersionedForm
from codebook.models import Code
from fieldwork.models import Phase, Theme, TrialOutcome, VisitStatus
from registry.forms import date_field
from registry.models import TeamMember


def drivers():
    return Code.objects.filter(kind="driver", is_retired=False).order_by("sort_order", "key")


def mechanisms():
    return (
        Code.objects.filter(kind="mechanism", is_retired=False)
        .select_related("parent")
        .order_by("parent__sort_order", "sort_order", "key")
    )


class _LoadedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices are few: one plain query, not a server-side cursor (three round trips on PostgreSQL)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class LoadedChoiceField(forms.ModelChoiceField):
    iterator = _LoadedChoiceIterator


class CodeChoiceField(LoadedChoiceField):
    def label_from_instance(self, obj):
        if obj.kind == "mechanism" and obj.parent_id:
            return f"{obj.parent.label}: {obj.label}"
        return obj.label


class ParticipantsField(forms.ModelMultipleChoiceField):
    """Team members as checkboxes, each with their period on the team."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        period = f"{obj.starts_on:%d.%m.%Y}–{obj.ends_on:%d.%m.%Y}" if obj.ends_on else f"{obj.starts_on:%d.%m.%Y}–"
        return f"{obj.name} ({obj.get_role_display()}, {period})"


class VisitForm(forms.Form):
    """Plan a visit or record a held one (date, phase, participants from the team on that date)."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(VisitStatus.PLANNED, _("Planlagt")), (VisitStatus.HELD, _("Afholdt"))],
        widget=forms.RadioSelect,
    )
    date = date_field(_("Dato"))
    phase = forms.ChoiceField(label=_("Fase"), choices=[("", "—")] + list(Phase.choices), required=False)
    participants = ParticipantsField(
        label=_("Deltagere fra teamet"), queryset=TeamMember.objects.none(), required=False
    )
    other_participants = forms.CharField(
        label=_("Øvrige deltagere"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, site, on=None, **kwargs):
        """`on`: the visit's date, to offer only the team of that day (all members for a new visit)."""
        super().__init__(*args, **kwargs)
        self.fields["date"].site = site
        members = TeamMember.objects.filter(site=site)
        if on is not None and not self.is_bound:
            members = members.filter(starts_on__lte=on).exclude(ends_on__lt=on)
        self.fields["participants"].queryset = members.order_by("ends_on", "name")

    def clean(self):
        data = super().clean()
        status, date = data.get("status"), data.get("date")
        outside = [m for m in data.get("participants") or () if date and not m.starts_on <= date <= (m.ends_on or date)]
        if outside:
            self.add_error(
                "participants",
                _("%(names)s var ikke med i teamet den %(date)s.")
                % {"names": ", ".join(m.name for m in outside), "date": date.strftime("%d.%m.%Y")},
            )
        if status == VisitStatus.HELD and date and date > timezone.localdate():
            self.add_error("date", _("Et afholdt besøg kan ikke ligge i fremtiden."))
        if status == VisitStatus.HELD and not data.get("phase"):
            self.add_error("phase", _("Angiv fasen for det afholdte besøg."))
        return data


class ReportForm(VersionedForm):
    """The report in six themes, the anchoring and the validation; `version` guards against overwrites."""

    introduction = forms.CharField(
        label=_("Indledning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    anchoring = forms.TypedChoiceField(
        label=_("Grad af forankring"),
        choices=[("", _("Ikke vurderet"))] + [(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = ikke forankret, 5 = fuldt forankret"),
    )
    validated_on = date_field(_("Valideret med teamet den"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for theme in Theme:
            self.fields[f"section_{theme.value}"] = forms.CharField(
                label=theme.label, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )

    def theme_fields(self):
        return [self[f"section_{theme.value}"] for theme in Theme]

    def sections(self) -> dict[str, str]:
        return {theme.value: self.cleaned_data.get(f"section_{theme.value}", "") for theme in Theme}

    def clean(self):
        data = super().clean()
        if self.data.get("action") == "validate":
            if not data.get("validated_on"):
                self.add_error("validated_on", _("Angiv datoen, hvor rapporten blev valideret med teamet."))
            elif data["validated_on"] > timezone.localdate():
                self.add_error("validated_on", _("Valideringsdatoen kan ikke ligge i fremtiden."))
        return data


class FactorForm(forms.Form):
    """A promoter or inhibitor: statement, quote, theme, driver and mechanism."""

    valence = forms.ChoiceField(
        label=_("Fremmer eller hæmmer"),
        choices=[("promoter", _("Fremmer")), ("inhibitor", _("Hæmmer"))],
    )
    statement = forms.CharField(label=_("Udsagn"), widget=forms.Textarea(attrs={"rows": 2}))
    quote = forms.CharField(label=_("Citat"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    theme = forms.ChoiceField(label=_("Tema"), choices=[("", "—")] + list(Theme.choices), required=False)
    driver = CodeChoiceField(label=_("Driver"), queryset=Code.objects.none(), required=False)
    mechanism = CodeChoiceField(label=_("Mekanisme"), queryset=Code.objects.none(), required=False)

    def __init__(self, *args, meeting_sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["driver"].queryset = drivers()
        self.fields["mechanism"].queryset = mechanisms()
        if meeting_sites is not None:
            self.fields["site"] = forms.ModelChoiceField(
                label=_("Sted (hvis det vides)"), queryset=meeting_sites, required=False
            )

    def clean(self):
        data = super().clean()
        driver, mechanism = data.get("driver"), data.get("mechanism")
        if mechanism is not None:
            if driver is None:
                self.add_error("mechanism", _("En mekanisme kræver en driver."))
            elif mechanism.parent_id != driver.pk:
                self.add_error("mechanism", _("Mekanismen hører til en anden driver end den valgte."))
        return data


class FactorEditForm(VersionedForm, FactorForm):
    """A promoter or inhibitor changed after it was added."""


class TrialActionForm(forms.Form):
    aim = forms.CharField(label=_("Formål"), widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(
        label=_("Handling"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    carried_by = forms.CharField(label=_("Hvem bærer den"), required=False, max_length=300)
    driver = CodeChoiceField(label=_("Driver"), queryset=Code.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["driver"].queryset = drivers()


class TrialActionEditForm(VersionedForm, TrialActionForm):
    """A trial action changed after it was agreed."""


class FollowUpForm(VersionedForm):
    """The follow-up of an earlier trial action at a later held visit."""

    visit = LoadedChoiceField(label=_("Fulgt op ved besøg"), queryset=None, empty_label=None)
    outcome = forms.ChoiceField(label=_("Resultat"), choices=[("", "—")] + list(TrialOutcome.choices))
    learning = forms.CharField(
        label=_("Hvad blev lært"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, visits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit"].queryset = visits
        self.fields["visit"].label_from_instance = lambda v: v.date.strftime("%d.%m.%Y")
        self.fields["visit"].error_messages["invalid_choice"] = _(
            "Vælg et senere afholdt besøg på samme sted."
        )


class JointMeetingForm(forms.Form):
    held_on = date_field(_("Dato"))
    title = forms.CharField(label=_("Titel"), max_length=200)
    minutes = forms.CharField(label=_("Referat"), required=False, widget=forms.Textarea(attrs={"rows": 12}))
    sites = forms.ModelMultipleChoiceField(label=_("Deltagende steder"), queryset=None)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = sites.order_by("code")
        self.fields["sites"].error_messages["required"] = _("Vælg mindst ét deltagende sted.")


class JointMeetingEditForm(VersionedForm, JointMeetingForm):
    """A joint meeting changed after it was created."""


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Søg"), max_length=200, required=False)
