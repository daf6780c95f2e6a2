"""Forms of the coding workspace, the codebook and memos (Danish messages next to each field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from audit.forms import VersionedForm
from codebook import selectors as codebook_selectors
from codebook.models import Code, CodeKind, Valence
from coding.models import MemoTarget
from registry.models import Programme

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label) -> forms.DateField:
    return forms.DateField(label=label, required=False, input_formats=DATE_FORMATS, widget=DateInput())


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} – {obj.name}"


class CodeSelect(forms.Select):
    """A select whose options carry their parent driver, so the page can filter mechanisms by driver,
    and the code's description as a tooltip, so a coder sees the definition while choosing."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and instance.parent_id:
            option["attrs"]["data-driver"] = str(instance.parent_id)
        if instance is not None and instance.description:
            option["attrs"]["title"] = instance.description
        return option


class CodeChoiceField(forms.ModelChoiceField):
    widget = CodeSelect

    def label_from_instance(self, obj) -> str:
        label = f"{obj.number}. {obj.label}" if obj.number else obj.label
        return f"{label} ({_('udgået')})" if obj.is_retired else label


class PeriodFilterMixin:
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Slutdatoen ligger før startdatoen."))
        return cleaned


class ReportFilterForm(PeriodFilterMixin, forms.Form):
    site = SiteChoiceField(label=_("Sted"), queryset=None, required=False, empty_label=_("Alle steder"))
    programme = forms.ModelChoiceField(
        label=_("Program"), queryset=Programme.objects.all(), required=False, empty_label=_("Alle programmer")
    )
    date_from = _date_field(_("Besøg fra"))
    date_to = _date_field(_("Besøg til"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = permissions.visible_sites(user).only("pk", "code", "name")


class CodingFields(forms.Form):
    """The codes a passage gets: driver, mechanism (under the driver), valence, attention point."""

    driver = CodeChoiceField(label=_("Driver"), queryset=None, required=False, empty_label=_("(ingen)"))
    mechanism = CodeChoiceField(label=_("Mekanisme"), queryset=None, required=False, empty_label=_("(ingen)"))
    valence = forms.ChoiceField(
        label=_("Valens"), choices=[("", _("(ingen)")), *Valence.choices], required=False
    )
    attention_point = CodeChoiceField(
        label=_("Opmærksomhedspunkt"), queryset=None, required=False, empty_label=_("(intet)")
    )

    def __init__(self, *args, keep=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, kind in (
            ("driver", CodeKind.DRIVER),
            ("mechanism", CodeKind.MECHANISM),
            ("attention_point", CodeKind.ATTENTION_POINT),
        ):
            offered = codebook_selectors.codes_for_coding(kind)
            kept = getattr(keep, f"{name}_id", None) if keep is not None else None
            if kept:
                offered = (offered | Code.objects.filter(pk=kept)).distinct()
            self.fields[name].queryset = offered
        self.fields["mechanism"].widget.attrs["data-filter-by"] = "driver"


class PassageForm(CodingFields):
    section = forms.ModelChoiceField(label=_("Afsnit"), queryset=None)
    start = forms.IntegerField(label=_("Fra tegn"), min_value=0)
    end = forms.IntegerField(label=_("Til tegn"), min_value=1)
    text = forms.CharField(
        label=_("Valgt passage"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "readonly": True}),
        error_messages={"required": _("Markér en passage i teksten først.")},
    )

    field_order = ["section", "start", "end", "text", "driver", "mechanism", "valence", "attention_point"]

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = report.sections.all()
        self.fields["section"].label_from_instance = lambda section: section.get_theme_display()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end <= start:
            self.add_error("end", _("Passagen skal slutte efter den begynder."))
        return cleaned


class PassageFilterForm(PeriodFilterMixin, forms.Form):
    code = CodeChoiceField(label=_("Kode"), queryset=None, required=False, empty_label=_("Alle koder"))
    site = SiteChoiceField(label=_("Sted"), queryset=None, required=False, empty_label=_("Alle steder"))
    programme = forms.ModelChoiceField(
        label=_("Program"), queryset=Programme.objects.all(), required=False, empty_label=_("Alle programmer")
    )
    valence = forms.ChoiceField(
        label=_("Valens"), choices=[("", _("Alle")), *Valence.choices], required=False
    )
    date_from = _date_field(_("Fra"))
    date_to = _date_field(_("Til"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = permissions.visible_sites(user).only("pk", "code", "name")
        self.fields["code"].queryset = Code.objects.filter(
            kind__in=[CodeKind.DRIVER, CodeKind.MECHANISM, CodeKind.ATTENTION_POINT, CodeKind.IMPORTED]
        ).order_by("kind", "sort_order")


class CodeDefinitionForm(forms.Form):
    label_da = forms.CharField(label=_("Dansk betegnelse"), max_length=200)
    name_en = forms.CharField(label=_("Engelsk betegnelse"), max_length=200)
    description_da = forms.CharField(
        label=_("Dansk beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    description_en = forms.CharField(
        label=_("Engelsk beskrivelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vises på engelske sider; står den tom, vises den danske."),
    )
    note = forms.CharField(
        label=_("Hvad er ændret og hvorfor"),
        required=False,
        max_length=500,
        help_text=_("Gemmes på den nye kodebogsversion."),
    )


class CodeCreateForm(CodeDefinitionForm):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[(value, label) for value, label in CodeKind.choices if value != CodeKind.IMPORTED],
    )
    key = forms.SlugField(
        label=_("Nøgle"), max_length=60, help_text=_("Engelsk navn i koden, fx 'peer_learning'.")
    )
    parent = CodeChoiceField(
        label=_("Overordnet driver"),
        queryset=Code.objects.filter(kind=CodeKind.DRIVER),
        required=False,
        empty_label=_("(ingen)"),
    )
    number = forms.IntegerField(label=_("Nummer"), required=False, min_value=1)

    field_order = [
        "kind",
        "key",
        "label_da",
        "name_en",
        "description_da",
        "description_en",
        "parent",
        "number",
        "note",
    ]


class MemoForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 8}))


class MemoEditForm(VersionedForm, MemoForm):
    """A memo changed after it was written."""


class MemoFilterForm(forms.Form):
    query = forms.CharField(label=_("Søg"), required=False, max_length=200)
    target = forms.ChoiceField(
        label=_("Knyttet til"), choices=[("", _("Alt")), *MemoTarget.choices], required=False
    )
    site = SiteChoiceField(label=_("Sted"), queryset=None, required=False, empty_label=_("Alle steder"))
    code = CodeChoiceField(label=_("Kode"), queryset=None, required=False, empty_label=_("Alle koder"))
    mine = forms.BooleanField(label=_("Kun mine"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = permissions.visible_sites(user).only("pk", "code", "name")
        self.fields["code"].queryset = Code.objects.exclude(kind=CodeKind.IMPORTED).order_by(
            "kind", "sort_order"
        )
