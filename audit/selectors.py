from django.db.models import Q, QuerySet

from audit.models import AuditEntry


def audit_entries(
    *, action: str = "", model: str = "", site_code: str = "", actor: str = "", text: str = ""
) -> QuerySet:
    entries = AuditEntry.objects.all()
    if action:
        entries = entries.filter(action=action)
    if model:
        entries = entries.filter(model=model)
    if site_code:
        entries = entries.filter(site_code=site_code)
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if text:
        entries = entries.filter(Q(object_repr__icontains=text) | Q(note__icontains=text))
    return entries.order_by("-at", "-id")


def audited_models() -> list[str]:
    return list(AuditEntry.objects.order_by("model").values_list("model", flat=True).distinct())
