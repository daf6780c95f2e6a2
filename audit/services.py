"""Who changed what: an audit entry for every create, update and delete of domain data.

Signals catch every path (services, admin, API, imports); the acting user is the one named by
`acting_as` (commands, jobs, tests), else the user of the request being answered — looked up when
the entry is written, so a login and the API's token authentication are attributed to the person.
"""

import contextlib
import contextvars
import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from audit import data_version
from audit.models import AuditAction, AuditEntry
from audit.sites import site_code_of

AUDITED_APPS = {"registry", "fieldwork", "coding", "analysis", "decisions", "accounts"}
NOT_AUDITED = {"accounts.Pseudonym"}  # derived from text already audited; its rows would only repeat names
_actor: contextvars.ContextVar = contextvars.ContextVar("audit_actor", default=None)
_actor_name: contextvars.ContextVar = contextvars.ContextVar("audit_actor_name", default=None)
_request: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)


@contextlib.contextmanager
def answering(request) -> Iterator[None]:
    """Changes made while answering `request` are its user's, unless `acting_as` says otherwise."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def current_actor() -> tuple[object, str]:
    """(user or None, name) of whoever is acting now."""
    if _actor_name.get() is not None:
        return _actor.get(), _actor_name.get()
    user = getattr(_request.get(), "user", None)
    if user is not None and user.is_authenticated:
        return user, user.get_username()
    return None, "system"


@contextlib.contextmanager
def acting_as(user=None, name: str | None = None) -> Iterator[None]:
    token_user = _actor.set(user if user is not None and getattr(user, "pk", None) else None)
    token_name = _actor_name.set(name or (user.get_username() if user is not None and user.pk else "system"))
    try:
        yield
    finally:
        _actor.reset(token_user)
        _actor_name.reset(token_name)


def snapshot(instance: models.Model) -> dict:
    """The concrete field values of a row, JSON-safe."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name == "password":
            continue
        values[field.attname] = field.value_from_object(instance)
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def record(
    *,
    action: str,
    model: str,
    object_pk: str = "",
    object_repr: str = "",
    site_code: str = "",
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
) -> AuditEntry:
    if action in (AuditAction.BULK, AuditAction.ERASE):
        data_version.bump(site_code=None)  # bulk loads and erasure write around the signals: all sites
    actor, actor_name = current_actor()
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor_name,
        action=action,
        model=model,
        object_pk=object_pk,
        object_repr=object_repr[:200],
        site_code=site_code,
        before=before,
        after=after,
        note=note,
    )


def record_change(instance: models.Model, action: str, before: dict | None) -> None:
    after = snapshot(instance) if action != AuditAction.DELETE else None
    instance._audit_after = after  # the data version compares it with the row as it was
    if action == AuditAction.UPDATE and before == after:
        return
    record(
        action=action,
        model=instance._meta.label,
        object_pk=str(instance.pk),
        object_repr=str(instance),
        site_code=site_code_of(instance),
        before=before,
        after=after,
    )


def is_audited(sender) -> bool:
    if sender.__module__ == "__fake__":  # historical models in data migrations: the schema is being built
        return False
    return (
        sender._meta.app_label in AUDITED_APPS
        and sender is not AuditEntry
        and sender._meta.label not in NOT_AUDITED
    )
