"""The data version: one token that every write of the domain data replaces, inside the writing
transaction, so that a cache keyed on it can never serve a result computed from older data.

Writes through the ORM bump it by signals (save, delete, many-to-many); bulk loads bump it through
the "bulk" and "erase" audit entries they record (`audit.services.record`). A fresh random token
(not a counter) means a restored backup cannot meet a result cached before the restore.
"""

import uuid

from django.db import IntegrityError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from audit.models import DataVersion

VERSIONED_APPS = {"registry", "codebook", "fieldwork", "coding", "analysis", "decisions"}
# Rows that change often and that no analysis reads: the coding model's bookkeeping.
NOT_VERSIONED = {"coding.Suggestion", "coding.RetrainingJob", "coding.CoderModel"}
ROW = 1


def current() -> str:
    """The token of the data as this transaction sees them ("0" before the first write)."""
    return DataVersion.objects.filter(pk=ROW).values_list("token", flat=True).first() or "0"


def bump() -> str:
    token = uuid.uuid4().hex
    if not DataVersion.objects.filter(pk=ROW).update(token=token):
        try:
            with transaction.atomic():
                DataVersion.objects.create(pk=ROW, token=token)
        except IntegrityError:
            DataVersion.objects.filter(pk=ROW).update(token=token)
    return token


def is_versioned(model) -> bool:
    if model.__module__ == "__fake__":  # historical models in data migrations
        return False
    return model._meta.app_label in VERSIONED_APPS and model._meta.label not in NOT_VERSIONED


def _changed(sender, raw=False, **kwargs):
    if not raw and is_versioned(sender):
        bump()


def _relation_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and is_versioned(type(instance)):
        bump()


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="data_version_save")
    post_delete.connect(_changed, dispatch_uid="data_version_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="data_version_m2m")
