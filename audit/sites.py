"""Which site a row of the domain data belongs to: the audit log files changes under it and the
data version of that site follows it."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models

SITE_PATHS = ("site", "visit.site", "report.visit.site", "agreed_at.site", "section.report.visit.site")


def _lookups(model) -> list[str]:
    """SITE_PATHS that exist on `model`, as ORM lookups of the site's code."""
    found = []
    for path in SITE_PATHS:
        current = model
        try:
            for part in path.split("."):
                current = current._meta.get_field(part).related_model
        except (FieldDoesNotExist, AttributeError):
            continue
        if current is not None:
            found.append(path.replace(".", "__") + "__code")
    return found


def stored_site_code_of(instance: models.Model) -> str:
    """`site_code_of` for the row as it is stored (before a save changes it)."""
    lookups = _lookups(type(instance))
    row = type(instance)._base_manager.filter(pk=instance.pk).values_list(*lookups).first() if lookups else None
    return next((code for code in row or () if code), "")


def site_code_of(instance: models.Model) -> str:
    """The site a row belongs to, following the usual paths of the domain ("" for none or several)."""
    if instance._meta.label == "registry.Site":
        return instance.code
    for path in SITE_PATHS:
        obj = instance
        try:
            for part in path.split("."):
                obj = getattr(obj, part)
        except (AttributeError, models.ObjectDoesNotExist):
            continue
        if obj is not None and hasattr(obj, "code"):
            return obj.code
    return ""
