"""Optimistic locking and the per-field merge of concurrent edits, for every editable object.

Each editable object has a `version` that every save increments. A writer names the version it
opened; when that is no longer the stored one, `merge_edits` decides per field: a field changed by
one side only keeps that change, and only fields both sides changed (differently) are conflicts
for the user to resolve. The merge works on plain values (`plain`), so the form, the service and
the API compare the same thing.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

# A write retried after a clean merge can lose the race again; this bounds the retries.
MAX_MERGE_ATTEMPTS = 5


@dataclass(frozen=True)
class Merge:
    """The merged values and the fields both sides changed differently (merged keeps `mine` there)."""

    merged: dict
    conflicts: tuple[str, ...] = ()


def merge_edits(base: Mapping, mine: Mapping, theirs: Mapping) -> Merge:
    """Three-way merge per field of what the user opened (`base`), wrote (`mine`) and what is now
    stored (`theirs`). A field missing from `base` counts as changed by both sides when they differ.

    >>> merge_edits({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3}).merged
    {'a': 2, 'b': 3}
    >>> merge_edits({"a": 1}, {"a": 2}, {"a": 3}).conflicts
    ('a',)
    """
    missing = object()
    merged, conflicts = {}, []
    for name in dict.fromkeys([*mine, *theirs]):
        old, my, their = base.get(name, missing), mine.get(name, missing), theirs.get(name, missing)
        if my is missing:
            merged[name] = their
        elif their is missing or my == their or their == old:
            merged[name] = my
        elif my == old:
            merged[name] = their
        else:
            merged[name] = my
            conflicts.append(name)
    return Merge(merged, tuple(conflicts))


def plain(value):
    """A field's value as the merge compares it: objects by primary key, dates as ISO text,
    many-to-many selections as sorted keys, text with normalised line ends, JSON objects whole."""
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, Mapping):
        return dict(value)  # a JSON value (a rule's parameters): compared whole
    if isinstance(value, Iterable):
        return sorted(plain(item) for item in value)
    return value


def plain_values(values: Mapping) -> dict:
    return {name: plain(value) for name, value in values.items()}


@dataclass
class EditConflict(Exception):
    """Someone else saved the object after the user opened it and changed some of the same fields.

    Nothing was written. `theirs` holds the stored values (objects), `merge` the user's values merged
    with them, `version` the stored version to save against once the user has chosen.
    """

    version: int
    theirs: dict
    merge: Merge
    by: str = ""
    at: datetime.datetime | None = None
    label: str = field(default="")

    @property
    def conflicts(self) -> tuple[str, ...]:
        return self.merge.conflicts


def claim_version(
    obj,
    *,
    expected_version: int,
    mine: dict,
    base: Mapping | None,
    stored_values: Callable[[object], dict],
) -> dict:
    """Take the next version of `obj` for this write and return the values to write.

    When `expected_version` is stale the user's values are merged with the stored ones against
    `base` (the plain values the user opened); a clean merge is written against the stored version,
    otherwise `EditConflict` is raised. Without a base (an API client) every stale write conflicts.
    Call it inside the transaction that then saves `obj`.
    """
    manager = type(obj)._default_manager
    for _attempt in range(MAX_MERGE_ATTEMPTS):
        if manager.filter(pk=obj.pk, version=expected_version).update(version=expected_version + 1):
            obj.version = expected_version + 1
            return mine
        stored = manager.get(pk=obj.pk)
        theirs = stored_values(stored)
        plain_theirs, plain_mine = plain_values(theirs), plain_values(mine)
        if base is None:
            differing = tuple(name for name in plain_mine if plain_mine[name] != plain_theirs.get(name))
            merge = Merge(dict(plain_mine), differing or tuple(plain_mine))
        else:
            merge = merge_edits(base, plain_mine, plain_theirs)
        if merge.conflicts:
            author = getattr(stored, "author", None) or getattr(stored, "updated_by", None)
            raise EditConflict(
                version=stored.version,
                theirs=theirs,
                merge=merge,
                by=author.get_username() if author is not None else "",
                at=getattr(stored, "updated_at", None),
            )
        mine = {
            name: mine[name] if merge.merged[name] == plain_mine.get(name) else theirs[name] for name in mine
        }
        expected_version = stored.version
    raise EditConflict(version=expected_version, theirs=theirs, merge=merge)
