"""The form side of optimistic locking: the version and the opened values travel in the form, and a
conflict is shown as a form holding the merged values with the contested fields side by side."""

import json

from django import forms
from django.http import QueryDict

from audit.versions import EditConflict, plain, plain_values

TAKE_THEIRS = "take_theirs"


class VersionedForm(forms.Form):
    """A form for an editable object: `version` and `base` (the values opened, as JSON) are hidden.

    On a conflict page each contested field offers "keep theirs" (`take_theirs`); choosing it puts the
    stored value (which is the new base) back into the field before validation.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    base = forms.CharField(widget=forms.HiddenInput, required=False)

    def full_clean(self):
        if hasattr(self.data, "getlist") and self.data.getlist(self.add_prefix(TAKE_THEIRS)):
            self.data = self._with_theirs(self.data)
        super().full_clean()

    def _with_theirs(self, data) -> QueryDict:
        data = data.copy()
        base = _parse(data.get(self.add_prefix("base"), "")) or {}
        for name in data.getlist(self.add_prefix(TAKE_THEIRS)):
            if name in base and name in self.fields:
                _put(data, self.add_prefix(name), base[name])
        return data

    def base_values(self) -> dict | None:
        """The plain values the user opened; None when missing or garbled (every difference conflicts)."""
        return _parse(self.cleaned_data.get("base", ""))


def _parse(text: str) -> dict | None:
    try:
        value = json.loads(text or "")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _put(data: QueryDict, key: str, value) -> None:
    if isinstance(value, dict):
        data[key] = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, list):
        data.setlist(key, [str(item) for item in value])
    else:
        data[key] = "" if value is None else str(value)


def versioned_initial(version: int, values: dict) -> dict:
    """Initial data for a VersionedForm opened on an object with these field values."""
    return {**values, "version": version, "base": json.dumps(plain_values(values))}


def conflict_form_data(form: VersionedForm, conflict: EditConflict) -> QueryDict:
    """The data for the form shown on a conflict: the merged values (the other person's changes in
    fields only they changed, the user's own elsewhere), the stored version and the stored values as
    the new base, so that saving this page keeps both people's changes."""
    data = form.data.copy()
    for name, value in conflict.merge.merged.items():
        if name in form.fields:
            _put(data, form.add_prefix(name), value)
    data.setlist(form.add_prefix(TAKE_THEIRS), [])
    data[form.add_prefix("version")] = str(conflict.version)
    data[form.add_prefix("base")] = json.dumps(plain_values(conflict.theirs))
    return data


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, indent=1)
    if isinstance(value, list | tuple | set) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(str(item) for item in items)
    return str(value)


def conflict_rows(form: VersionedForm, conflict: EditConflict) -> list[dict]:
    """The fields both people changed: label, the stored value and the user's, for the template."""
    rows = []
    for name in conflict.conflicts:
        field = form.fields.get(name)
        if field is None:
            continue
        theirs = conflict.theirs.get(name)
        yours = form[name].value()
        if isinstance(field, forms.ModelChoiceField) and yours not in (None, "", []):
            chosen = field.queryset.filter(pk__in=yours if isinstance(yours, list) else [yours])
            yours = ", ".join(str(item) for item in chosen)
        elif isinstance(field, forms.ChoiceField):
            labels = {str(key): label for key, label in field.choices}
            theirs = labels.get(str(plain(theirs)), theirs) if not isinstance(theirs, list) else theirs
            yours = labels.get(str(yours), yours)
        rows.append(
            {
                "name": name,
                "label": field.label or name,
                "theirs": _shown(theirs),
                "yours": _shown(yours),
                "take_name": form.add_prefix(TAKE_THEIRS),
            }
        )
    return rows
