"""Signals: every create, update and delete of an audited model, and every change of its
many-to-many relations (visit participants, meeting sites, round coders, …) from either side."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from audit.models import AuditAction
from audit.services import is_audited, record, record_change, snapshot
from audit.sites import site_code_of


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    instance._audit_before = None
    if instance.pk is not None:
        old = sender._base_manager.filter(pk=instance.pk).first()
        instance._audit_before = snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    before = getattr(instance, "_audit_before", None)
    record_change(instance, AuditAction.CREATE if created or before is None else AuditAction.UPDATE, before)


def _after_delete(sender, instance, **kwargs):
    if is_audited(sender):
        record_change(instance, AuditAction.DELETE, snapshot(instance))


def _relation_name(instance, through) -> str:
    """The attribute of `instance` for the relation kept in `through`, from either side."""
    for field in instance._meta.get_fields():
        if not field.many_to_many:
            continue
        if field.concrete and field.remote_field.through is through:
            return field.name
        if not field.concrete and field.through is through:
            return field.get_accessor_name()
    return through._meta.model_name


def _related_ids(instance, name: str) -> list:
    return sorted(getattr(instance, name).values_list("pk", flat=True))


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Before/after of the relation as lists of ids, on the object whose relation changed."""
    if not is_audited(type(instance)) or action not in (
        "pre_add",
        "pre_remove",
        "pre_clear",
        "post_add",
        "post_remove",
        "post_clear",
    ):
        return
    name = _relation_name(instance, sender)
    if action.startswith("pre_"):
        instance.__dict__.setdefault("_audit_m2m_before", {})[name] = _related_ids(instance, name)
        return
    before = instance.__dict__.get("_audit_m2m_before", {}).pop(name, None)
    after = _related_ids(instance, name)
    if before == after:
        return
    record(
        action=AuditAction.UPDATE,
        model=instance._meta.label,
        object_pk=str(instance.pk),
        object_repr=str(instance),
        site_code=site_code_of(instance),
        before={name: before},
        after={name: after},
    )


def connect() -> None:
    m2m_changed.connect(_m2m_changed, dispatch_uid="audit_m2m_changed")
    pre_save.connect(_before_save, dispatch_uid="audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="audit_post_delete")
