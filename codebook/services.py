"""Writes of the codebook: every changed definition opens a new version with a snapshot of all codes.

Every function is keyword-only, atomic and validates before it saves; a refused write raises
`ValidationError` (Danish message, keyed by form field) and changes nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts import permissions
from codebook.models import Code, CodebookVersion, CodeKind, CodeRevision
from codebook.selectors import code_usage

DEFINITION_FIELDS = ("label_da", "name_en", "description_da", "description_en")


def _require_codebook_editor(user) -> None:
    if not permissions.can_edit_codebook(user):
        raise PermissionDenied(_("Kun evaluatorer og administratorer redigerer kodebogen."))


def _open_version(*, user, note: str) -> CodebookVersion:
    """A new codebook version with a snapshot of every code's definition as it now stands."""
    number = (CodebookVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1
    version = CodebookVersion(number=number, created_by=user, note=note)
    version.full_clean()
    version.save()
    CodeRevision.objects.bulk_create(
        CodeRevision(
            code=code,
            version=version,
            label_da=code.label_da,
            name_en=code.name_en,
            description_da=code.description_da,
            description_en=code.description_en,
        )
        for code in Code.objects.all()
    )
    return version


@dataclass(frozen=True)
class CodeChange:
    code: Code
    version: CodebookVersion | None


@transaction.atomic
def code_update(
    *,
    user,
    code: Code,
    label_da: str,
    name_en: str,
    description_da: str,
    description_en: str,
    note: str = "",
) -> CodeChange:
    """Change a code's definition (both languages); a real change opens a new codebook version, older
    codings keep theirs."""
    _require_codebook_editor(user)
    before = {field: getattr(code, field) for field in DEFINITION_FIELDS}
    code.label_da, code.name_en = label_da, name_en
    code.description_da, code.description_en = description_da, description_en
    after = {field: getattr(code, field) for field in DEFINITION_FIELDS}
    if before == after:
        return CodeChange(code=code, version=None)
    code.full_clean()
    code.save()
    changed = ", ".join(field for field in DEFINITION_FIELDS if before[field] != after[field])
    version = _open_version(
        user=user,
        note=note or _("Definitionen af «%(code)s» ændret (%(fields)s).") % {"code": code, "fields": changed},
    )
    return CodeChange(code=code, version=version)


@transaction.atomic
def code_create(
    *,
    user,
    kind: str,
    key: str,
    label_da: str,
    name_en: str,
    description_da: str = "",
    description_en: str = "",
    parent: Code | None = None,
    number: int | None = None,
    note: str = "",
) -> CodeChange:
    """Add a code to the codebook; the codebook gets a new version that includes it."""
    _require_codebook_editor(user)
    errors: dict[str, str] = {}
    if kind in (CodeKind.MECHANISM, CodeKind.ATTENTION_POINT):
        if parent is None or parent.kind != CodeKind.DRIVER:
            errors["parent"] = _("En mekanisme eller et opmærksomhedspunkt skal høre under en driver.")
    elif parent is not None:
        errors["parent"] = _("Kun mekanismer og opmærksomhedspunkter har en overordnet kode.")
    if kind == CodeKind.ATTENTION_POINT and number is None:
        errors["number"] = _("Et opmærksomhedspunkt skal have et nummer.")
    if errors:
        raise ValidationError(errors)
    top = Code.objects.filter(kind=kind).aggregate(top=Max("sort_order"))["top"]
    code = Code(
        kind=kind,
        key=key,
        label_da=label_da,
        name_en=name_en,
        description_da=description_da,
        description_en=description_en,
        parent=parent,
        number=number,
        sort_order=0 if top is None else top + 1,
    )
    code.full_clean()
    code.save()
    version = _open_version(user=user, note=note or _("Ny kode «%(code)s».") % {"code": code})
    return CodeChange(code=code, version=version)


@transaction.atomic
def code_retire(*, user, code: Code, retired: bool = True) -> Code:
    """Take a code out of use for new codings (or bring it back); existing codings keep it."""
    _require_codebook_editor(user)
    code.is_retired = retired
    code.full_clean()
    code.save(update_fields=["is_retired"])
    return code


@transaction.atomic
def code_delete(*, user, code: Code) -> None:
    """Delete a code nobody has used; a code in use can only be retired."""
    _require_codebook_editor(user)
    usage = code_usage(code)
    if usage:
        where = ", ".join(f"{label}: {count}" for label, count in usage.items())
        raise ValidationError(
            _("Koden «%(code)s» er i brug (%(where)s) og kan ikke slettes — sæt den som udgået i stedet.")
            % {"code": code, "where": where}
        )
    code.delete()
