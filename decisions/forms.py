from django import forms
from django.utils.translation import gettext_lazy as _

from audit.forms import VersionedForm
from decisions import readiness
from decisions.models import Severity
from decisions.presentation import localised


class ReadinessForm(forms.Form):
    """The self-assessment: one field per question of the questionnaire (data), plus who and which programme."""

    label = forms.CharField(
        label=_("Sted eller gruppe (valgfrit)"),
        max_length=200,
        required=False,
        help_text=_('Fx stedets navn eller "ledergruppen". Skriv ingen personoplysninger.'),
    )
    programme_code = forms.ChoiceField(label=_("Hvilket program overvejer I?"), required=False)

    def __init__(self, *args, questionnaire: dict, programmes: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["programme_code"].choices = [("", _("Ikke besluttet"))] + programmes
        for question in questionnaire["questions"]:
            choices = [(option["value"], localised(option)) for option in question["options"]]
            if question["kind"] == "multiple":
                field = forms.MultipleChoiceField(
                    label=localised(question), choices=choices, widget=forms.CheckboxSelectMultiple
                )
            else:
                field = forms.ChoiceField(
                    label=localised(question), choices=choices, widget=forms.RadioSelect
                )
            field.driver = question["driver"]
            self.fields[f"q_{question['key']}"] = field

    def questions_by_driver(self) -> list[tuple[str, list]]:
        grouped: dict[str, list] = {driver: [] for driver in readiness.DRIVERS}
        for question in self.questionnaire["questions"]:
            grouped[question["driver"]].append(self[f"q_{question['key']}"])
        return list(grouped.items())

    def clean(self):
        cleaned = super().clean()
        answers = self.answers()
        for key, problem in readiness.answer_errors(self.questionnaire, answers).items():
            name = f"q_{key}"
            if name in self.fields and name not in self.errors:
                if problem == "exclusive":
                    self.add_error(name, _('"Ingen" kan ikke vælges sammen med andre svar.'))
                else:
                    self.add_error(name, _("Vælg et svar."))
        return cleaned

    def answers(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        answers = {}
        for question in self.questionnaire["questions"]:
            value = data.get(f"q_{question['key']}")
            if value not in (None, "", []):
                answers[question["key"]] = list(value) if question["kind"] == "multiple" else value
        return answers

    @staticmethod
    def initial_from(answers: dict, *, label: str = "", programme_code: str = "") -> dict:
        initial = {f"q_{key}": value for key, value in answers.items()}
        initial.update(label=label, programme_code=programme_code)
        return initial


class AlertRuleForm(VersionedForm):
    """What an evaluator tunes in a rule of the alert table (docs/alerts.md lists each kind's parameters)."""

    enabled = forms.BooleanField(label=_("Aktiv"), required=False)
    severity = forms.ChoiceField(label=_("Alvor"), choices=Severity.choices)
    sort_order = forms.IntegerField(label=_("Rækkefølge"), min_value=0, max_value=32767)
    parameters = forms.JSONField(
        label=_("Parametre"),
        required=False,
        help_text=_("Tærskler, ordstammer og antal besøg som JSON, fx {\"visits\": 3}."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "mono"}),
    )
    title_da = forms.CharField(label=_("Dansk titel"), max_length=200)
    explanation_da = forms.CharField(label=_("Dansk forklaring"), widget=forms.Textarea(attrs={"rows": 3}))
    title_en = forms.CharField(label=_("Engelsk titel"), max_length=200, required=False)
    explanation_en = forms.CharField(
        label=_("Engelsk forklaring"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    finding = forms.CharField(
        label=_("Evalueringens fund"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean_parameters(self):
        value = self.cleaned_data["parameters"]
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Parametrene skal være et JSON-objekt."))
        return value
