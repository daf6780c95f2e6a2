"""Which site a row of the domain data belongs to: the audit log files changes under it and the
data version of that site follows it."""

from django.db import models

SITE_PATHS = ("site", "visit.site", "report.visit.site", "agreed_at.site", "section.report.visit.site")


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
