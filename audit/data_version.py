"""Data versions: tokens that every write of the domain data replaces, inside the writing
transaction (as its last statements: `bump`), so that a cache keyed on them can never serve a
result computed from older data.

- `current()` changes with every write: the whole analysis and the evaluation report follow it.
- `current_without_texts()` is the same except for writes that change only report text
  (`TEXT_FIELDS`): pages across sites that show no report text (the overview of sites) follow it.
- `site_version(code)` changes with a write of that site's data and with every write that belongs
  to no single site (codebook, rules, joint meetings, bulk loads): a site's records for decision
  support and its status report follow it, so an edit at one home does not recompute the other 1,999.
- `site_version_without_texts(code)` is the same except for writes that change only report text
  (`TEXT_FIELDS`): a site's status and its page's records follow it. A save that changes nothing
  changes no version.

Writes through the ORM bump them by signals (save, delete, many-to-many); bulk loads bump them through
the "bulk" and "erase" audit entries they record (`audit.services.record`). Fresh random tokens
(not counters) mean a restored backup cannot meet a result cached before the restore.
"""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from accounts.per_request import PerRequest
from audit.models import DataVersion, SiteDataVersion
from audit.sites import site_code_of, stored_site_code_of

VERSIONED_APPS = {"registry", "codebook", "fieldwork", "coding", "analysis", "decisions"}
# Rows that change often and that no analysis reads: the coding model's bookkeeping.
NOT_VERSIONED = {"coding.Suggestion", "coding.RetrainingJob", "coding.CoderModel"}
# Fields whose change alone changes only report text: no site's status or page records read them;
# decision support and the status report do, and follow `site_version`.
TEXT_FIELDS = {
    "fieldwork.ReportSection": {"text"},
    "fieldwork.ImplementationReport": {"introduction", "version", "updated_at"},
}
ROW = 1  # every write
SHARED_ROW = 2  # writes that belong to no single site
ROW_WITHOUT_TEXTS = 3  # every write except one that changes only report text
# The versions a request has read, so that a page asking for the same one several times (a site's
# status, records and report) reads it once (the audit middleware wraps each request in
# `versions_read.within()`); forgotten at the request's own writes.
versions_read = PerRequest("data_versions_read")


def _once(key: str, read):
    _write_pending_here()
    return versions_read.get(key, read)


def _token(pk: int) -> str:
    return DataVersion.objects.filter(pk=pk).values_list("token", flat=True).first() or "0"


def current() -> str:
    """The token of the data as this transaction sees them ("0" before the first write)."""
    return _once("", lambda: _token(ROW))


def shared_version() -> str:
    """The token of what belongs to no single site (codebook, rules, joint meetings, bulk loads)."""
    return _once("shared", lambda: _token(SHARED_ROW))


def current_without_texts() -> str:
    """`current()` except that writing a report's text does not change it."""
    return _once("-texts", lambda: _token(ROW_WITHOUT_TEXTS))


def _site_tokens(site_code: str) -> tuple[str, str, str]:
    """The shared token, the site's token and the site's report-text token, in one query."""

    def read() -> tuple[str, str, str]:
        own = SiteDataVersion.objects.filter(site_code=site_code)
        row = (
            DataVersion.objects.filter(pk=SHARED_ROW)
            .values_list("token", Subquery(own.values("token")[:1]), Subquery(own.values("texts_token")[:1]))
            .first()
        )
        if row is None:  # nothing of no single site written yet
            row = ("0", *(own.values_list("token", "texts_token").first() or ("0", "0")))
        return tuple(token or "0" for token in row)

    return _once(f"site:{site_code}", read)


def site_version(site_code: str) -> str:
    """The token of one site's data (its report texts included) and of everything that belongs to
    no site."""
    shared, own, texts = _site_tokens(site_code)
    # Twenty hex digits of each random token (80 bits) keep the three within a 64-character column.
    return f"{shared[:20]}-{own[:20]}-{texts[:20]}"


def site_version_without_texts(site_code: str) -> str:
    """`site_version` except that writing a report's text does not change it: what reads no report
    text (a site's status, its page's records) is not recomputed while a consultant writes."""
    shared, own, _texts = _site_tokens(site_code)
    return f"{shared[:20]}-{own[:20]}"


def _replace(model, lookup: dict, field: str = "token") -> None:
    token = uuid.uuid4().hex
    if model.objects.filter(**lookup).update(**{field: token}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **{field: token})
    except IntegrityError:
        model.objects.filter(**lookup).update(**{field: token})


def _write(changes: set[tuple[int, str, str]]) -> None:
    # Always in the same order (everything, everything but texts, no single site, the sites by code):
    # no two writers wait for each other's rows in opposite orders.
    for kind, site_code, field in sorted(changes):
        if kind == 0:
            _replace(DataVersion, {"pk": ROW})
        elif kind == 1:
            _replace(DataVersion, {"pk": ROW_WITHOUT_TEXTS})
        elif kind == 2:
            _replace(DataVersion, {"pk": SHARED_ROW})
        else:
            _replace(SiteDataVersion, {"site_code": site_code}, field)


def write_pending(connection) -> None:
    """Write the versions this transaction changed (the backend calls it just before committing)."""
    changes, connection.pending_versions = connection.pending_versions, set()
    _write(changes)


def _write_pending_here() -> None:
    connection = transaction.get_connection()
    if getattr(connection, "pending_versions", None):
        write_pending(connection)


def bump(site_code: str | None = None, *, texts_only: bool = False) -> None:
    """A write of one site's data (`site_code`; `texts_only` when it changed only report text) or
    of data of no single site (None).

    Within a transaction the new tokens are written when it commits (or when it reads a version
    itself), so the version rows every writer shares are held for the moment of the commit only.
    """
    versions_read.forget()
    own = (3, site_code, "texts_token" if texts_only else "token") if site_code else (2, "", "")
    changes = {(0, "", ""), own} if texts_only else {(0, "", ""), (1, "", ""), own}
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        connection.pending_versions = getattr(connection, "pending_versions", set()) | changes
    else:
        _write(changes)


def is_versioned(model) -> bool:
    if model.__module__ == "__fake__":  # historical models in data migrations
        return False
    return model._meta.app_label in VERSIONED_APPS and model._meta.label not in NOT_VERSIONED


def _names_its_site(model) -> bool:
    return any(field.name == "site" and field.many_to_one for field in model._meta.concrete_fields)


def _before_save(sender, instance, raw=False, **kwargs):
    """Note the site a stored row names, so that moving it (a meeting statement given to another
    home) changes the version of the site it leaves as well."""
    if not raw and instance.pk is not None and is_versioned(sender) and _names_its_site(sender):
        instance._data_version_site_before = stored_site_code_of(instance)


def _what_changed(instance, created: bool) -> set[str] | None:
    """The fields an update changed (from the audit log's before and after), None when not known:
    a new row, or a model the audit log does not keep."""
    before = getattr(instance, "_audit_before", None)
    after = instance.__dict__.pop("_audit_after", None)
    if created or before is None or after is None:
        return None
    return {name for name, value in after.items() if before.get(name) != value}


def _changed(sender, instance, raw=False, created=False, signal=None, **kwargs):
    if raw or not is_versioned(sender):
        return
    code = site_code_of(instance)
    before = instance.__dict__.pop("_data_version_site_before", None)
    changed = _what_changed(instance, created) if signal is post_save else None
    if changed is not None and not changed and (before is None or before == code):
        return  # saved as it was: nothing to recompute
    texts_only = bool(code) and changed is not None and changed <= TEXT_FIELDS.get(sender._meta.label, set())
    bump(code, texts_only=texts_only)
    if before is not None and before != code:
        bump(before)


def _relation_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and is_versioned(type(instance)):
        bump(site_code_of(instance))


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="data_version_before_save")
    post_save.connect(_changed, dispatch_uid="data_version_save")
    post_delete.connect(_changed, dispatch_uid="data_version_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="data_version_m2m")
