from django.db.models.signals import post_delete, post_save, pre_save

from audit.models import AuditAction
from audit.services import is_audited, record_change, snapshot


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    instance._audit_before = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
        instance._audit_before = snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    before = getattr(instance, "_audit_before", None)
    record_change(instance, AuditAction.CREATE if created or before is None else AuditAction.UPDATE, before)


def _after_delete(sender, instance, **kwargs):
    if is_audited(sender):
        record_change(instance, AuditAction.DELETE, snapshot(instance))


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="audit_post_delete")
