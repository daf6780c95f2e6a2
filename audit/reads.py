"""Reads of free text by others than the site's consultant and team, recorded where rows are loaded.

The models holding report text and statements use `ReadRecordingQuerySet` as their manager. When
such a queryset is evaluated while a request is answered (the reader comes from the audit
middleware) and its rows include the text, one read entry is written per model and site the reader
is not consultant or team member of — once per request. So every page, download, search hit and
API list that loads the text records it, through selectors, related managers and prefetches alike,
without a call in any view. Commands and jobs run without a reader and record nothing here.
"""

import contextlib
import contextvars
from collections.abc import Iterator

from django.apps import apps
from django.db import models
from django.db.models.query import ModelIterable, ValuesIterable

from accounts.per_request import PerRequest
from audit.models import AuditAction, AuditEntry

_reader: contextvars.ContextVar = contextvars.ContextVar("audit_reader", default=None)
_recorded: contextvars.ContextVar = contextvars.ContextVar("audit_reads_recorded", default=None)
# The reader's own sites, looked up once per request: a page loads text from several models.
_own = PerRequest("audit_reads_own_sites")
# The request's read entries, written together when it has been answered (one insert, one commit).
_pending: contextvars.ContextVar = contextvars.ContextVar("audit_reads_pending", default=None)
# Reads made while building something that is cached and shown again (`reads_captured`).
_capture: contextvars.ContextVar = contextvars.ContextVar("audit_reads_capture", default=None)
_IDS_KEPT = 200


def reading_for(request):
    """The request's user reads from now on (the middleware's job); returns reset tokens.

    The user is looked up at each read, so a login in the request or the API's token
    authentication (which happens in the view) counts.
    """
    return _reader.set(request), _recorded.set(set()), _own.begin(), _pending.set([])


def stop_reading(tokens) -> None:
    """Write the request's read entries (also when answering it failed: the text was read)."""
    try:
        pending = _pending.get()
        if pending:
            AuditEntry.objects.bulk_create(pending)
    finally:
        _reader.reset(tokens[0])
        _recorded.reset(tokens[1])
        _own.end(tokens[2])
        _pending.reset(tokens[3])


@contextlib.contextmanager
def reads_captured() -> Iterator[list]:
    """Collect the free-text reads of what is built inside, to keep beside it in a cache: whoever
    is shown it later from the cache has read the same texts (`record_reads`)."""
    captured: list = []
    token = _capture.set(captured)
    try:
        yield captured
    finally:
        _capture.reset(token)


def record_reads(captured: list) -> None:
    """Record, for the current reader, the reads collected by `reads_captured`; a cached part shown
    while another is being captured was read for that one too."""
    outer = _capture.get()
    if outer is not None:
        outer.extend(captured)
    if _current_reader() is not None:
        for label, what, by_site, codes in captured:
            _write(label, what, by_site, codes)


def own_site_ids(user) -> set[int]:
    """The sites whose consultant or team the user is: their reads are not recorded."""
    role = getattr(user, "role", None)
    if role == "team_member":
        return {user.site_id} if user.site_id else set()
    if role == "consultant":
        assignment = apps.get_model("registry", "ConsultantAssignment")
        visit = apps.get_model("fieldwork", "Visit")
        assigned = assignment.objects.filter(consultant__user=user).order_by().values_list("site_id", flat=True)
        visited = visit.objects.filter(consultant__user=user).order_by().values_list("site_id", flat=True)
        return set(assigned.union(visited))
    return set()


def _own_site_ids_once(user) -> set[int]:
    return _own.get(user.pk, lambda: own_site_ids(user))


class ReadRecordingQuerySet(models.QuerySet):
    """A queryset of rows with free text; the model names its text fields and its paths to a site."""

    def _fetch_all(self):
        first = self._result_cache is None
        super()._fetch_all()
        if first and self._result_cache:
            _record(self)


def _loads_text(queryset: models.QuerySet, text_fields: tuple[str, ...]) -> bool:
    if queryset._iterable_class is ValuesIterable:
        return not queryset._fields or any(name in text_fields for name in queryset._fields)
    if queryset._iterable_class is not ModelIterable:
        return False  # values_list(): analysis aggregates and index builds, not shown as they are
    names, defer = queryset.query.deferred_loading
    return (
        any(name not in names for name in text_fields)
        if defer
        else any(name in names for name in text_fields)
    )


def _row_ids(queryset: models.QuerySet) -> list[int]:
    ids = []
    for row in queryset._result_cache:
        pk = row.get("id", row.get("pk")) if isinstance(row, dict) else row.pk
        if pk is not None:
            ids.append(pk)
    return ids


def _current_reader():
    reader = getattr(_reader.get(), "user", None)
    return reader if reader is not None and reader.is_authenticated else None


_UNKNOWN = object()


def _loaded_site_id(row, path: str):
    """The site id at the end of `path` ("report__visit__site") when every step is loaded already (a
    related manager's rows, select_related), None where a step is empty, else _UNKNOWN."""
    *steps, last = path.split("__")
    obj = row
    for step in steps:
        if getattr(obj, f"{step}_id", _UNKNOWN) is None:
            return None
        cache = obj._state.fields_cache
        if step not in cache:
            return _UNKNOWN
        obj = cache[step]
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", _UNKNOWN)


def _sites_of_rows(queryset: models.QuerySet, path: str, ids: list[int]) -> tuple[dict, dict]:
    """Site id → ids of the rows, and the site codes known, for one path from the rows to a site:
    from the loaded rows when they hold the path, else with one query."""
    rows = queryset._result_cache
    if rows and not isinstance(rows[0], dict):
        loaded = [(row.pk, _loaded_site_id(row, path)) for row in rows if row.pk is not None]
        if all(site_id is not _UNKNOWN for _pk, site_id in loaded):
            by_site: dict[int, set[int]] = {}
            for pk, site_id in loaded:
                if site_id is not None:
                    by_site.setdefault(site_id, set()).add(pk)
            return by_site, {}
    by_site, codes = {}, {}
    rows = queryset.model._base_manager.filter(pk__in=ids).values_list("pk", path, f"{path}__code")
    for pk, site_id, code in rows:
        if site_id is not None:
            by_site.setdefault(site_id, set()).add(pk)
            codes[site_id] = code
    return by_site, codes


def _record(queryset: models.QuerySet) -> None:
    model = queryset.model
    captured = _capture.get()  # collected even without a reader: whoever is shown it later reads it
    if (_current_reader() is None and captured is None) or not _loads_text(queryset, model.READ_TEXT_FIELDS):
        return
    ids = _row_ids(queryset)
    if not ids:
        return
    by_site: dict[int, set[int]] = {}
    codes: dict[int, str] = {}
    for path in model.READ_SITE_PATHS:
        found, known = _sites_of_rows(queryset, path, ids)
        for site_id, pks in found.items():
            by_site.setdefault(site_id, set()).update(pks)
        codes.update(known)
    what = str(model._meta.verbose_name)
    if captured is not None:
        captured.append((model._meta.label, what, {site: set(pks) for site, pks in by_site.items()}, codes))
    if _current_reader() is not None:
        _write(model._meta.label, what, by_site, codes)


def record_shown(label: str, what: str, site_ids) -> None:
    """Free text of these sites shown from a cached analysis (reports, downloads): the same record."""
    by_site = {site_id: set() for site_id in site_ids}
    if (outer := _capture.get()) is not None:
        outer.append((label, what, by_site, {}))
    if _current_reader() is not None:
        _write(label, what, by_site)


def _write(label: str, what: str, by_site: dict[int, set[int]], codes: dict[int, str] | None = None) -> None:
    reader = _current_reader()
    own = _own_site_ids_once(reader)
    recorded = _recorded.get()
    by_site = {
        site_id: pks for site_id, pks in by_site.items() if site_id not in own and (label, site_id) not in recorded
    }
    if not by_site:
        return
    codes = dict(codes or {})
    if unknown := set(by_site) - set(codes):
        site_model = apps.get_model("registry", "Site")
        codes.update(site_model._base_manager.filter(pk__in=unknown).values_list("pk", "code"))
    entries = []
    for site_id, pks in sorted(by_site.items()):
        key = (label, site_id)
        recorded.add(key)
        entries.append(
            AuditEntry(
                actor=reader,
                actor_name=reader.get_username(),
                action=AuditAction.READ,
                model=label,
                object_pk=str(min(pks)) if pks else str(site_id),
                object_repr=f"{len(pks)} × {what}" if pks else what,
                site_code=codes.get(site_id, ""),
                after={"ids": sorted(pks)[:_IDS_KEPT]} if pks else None,
                note="Fritekst læst.",
            )
        )
    _pending.get().extend(entries)
