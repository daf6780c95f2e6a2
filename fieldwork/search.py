"""Full-text search with Danish stemming over all free text a user may see, cheap under load.

Every search asks the index for a bounded set: among the newest RANK_AT_MOST matching texts the
user may read (the permission is a condition of the same query, from accounts.permissions: a
partial reader finds no other home's statements or minutes of a shared meeting), the
MAX_HITS best by the index's own rank. Nothing a search does grows with the number of texts.

SQLite: an FTS5 table (`fieldwork_search`, migration 0007) holds the Danish-stemmed words of each
report section, promoter/inhibitor, trial action and joint meeting's minutes, with the report, joint
meeting and visit they belong to; the rank is FTS5's bm25. Its rowid is made of the text's kind and
id, so a save re-indexes one row by its key. Signals keep it in step with single saves; bulk loads
(the demo, imports) are caught up by the rows above the highest id indexed per kind (kept in
`fieldwork_search_mark`), inline when few, else by a queued `search_index_rebuild`.

PostgreSQL: each source table has a stored generated `search_vector` column
(`to_tsvector('danish', ...)`) with a GIN index (migration 0007), ranked with `ts_rank`; nothing has
to be kept in sync.
"""

import json
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from fieldwork.models import Factor, JointMeeting, ReportSection, TrialAction, Visit
from fieldwork.selectors import show_meeting_titles
from fieldwork.stemming import highlight, stems

FTS_TABLE = "fieldwork_search"
MARK_TABLE = "fieldwork_search_mark"
MAX_HITS = 200
RANK_AT_MOST = 1000
INLINE_CATCH_UP = 5000
REBUILD_QUEUED_KEY = "drivkraft:search-rebuild-queued"
REBUILD_QUEUED_SECONDS = 900
OWNERS = ("report", "meeting", "visit")


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


# What is indexed -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    kind: str
    number: int
    label: str
    model: type
    fields: tuple[str, ...]
    owners: dict  # report/meeting/visit -> the column of this table that holds it


SOURCES = {
    "section": Source("section", 0, _("Rapportafsnit"), ReportSection, ("text",), {"report": "report_id"}),
    "factor": Source(
        "factor",
        1,
        _("Fremmer/hæmmer"),
        Factor,
        ("statement", "quote"),
        {"report": "report_id", "meeting": "joint_meeting_id"},
    ),
    "trial_action": Source(
        "trial_action",
        2,
        _("Prøvehandling"),
        TrialAction,
        ("aim", "description", "learning"),
        {"visit": "agreed_at_id"},
    ),
    "meeting": Source("meeting", 3, _("Fællesmøde"), JointMeeting, ("title", "minutes"), {"meeting": "id"}),
}
KIND_OF_MODEL = {source.model: kind for kind, source in SOURCES.items()}
KIND_OF_NUMBER = {source.number: kind for kind, source in SOURCES.items()}


def _rowid(source: Source, pk: int) -> int:
    return pk * len(SOURCES) + source.number


def _row(source: Source, pk: int, values: dict) -> tuple:
    body = " ".join(stems(" ".join(values[f] or "" for f in source.fields)))
    owners = [values.get(source.owners[owner]) if owner in source.owners else None for owner in OWNERS]
    return (_rowid(source, pk), body, source.kind, pk, *owners)


_INSERT = (
    f"INSERT INTO {FTS_TABLE} (rowid, body, kind, obj_id, report_id, meeting_id, visit_id) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s)"
)


def index_object(instance) -> None:
    """Re-index one saved object by its rowid (SQLite only; PostgreSQL generates its vectors)."""
    kind = KIND_OF_MODEL.get(type(instance))
    if kind is None or not uses_fts5():
        return
    source = SOURCES[kind]
    values = {f: getattr(instance, f) for f in source.fields}
    values.update(
        {column: getattr(instance, "pk" if column == "id" else column) for column in source.owners.values()}
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [_rowid(source, instance.pk)])
        cursor.execute(_INSERT, _row(source, instance.pk, values))
        _advance_mark(cursor, kind, instance.pk)


def _advance_mark(cursor, kind: str, pk: int) -> None:
    """Move the mark past a row saved one by one when it is the next id, so that a search does
    not index it a second time; after a gap (a bulk load) the catch-up moves the mark."""
    cursor.execute(f"UPDATE {MARK_TABLE} SET top = %s WHERE kind = %s AND top = %s", [pk, kind, pk - 1])
    if cursor.rowcount == 0 and pk == 1:
        cursor.execute(f"INSERT OR IGNORE INTO {MARK_TABLE} (kind, top) VALUES (%s, 1)", [kind])


def unindex_object(instance) -> None:
    kind = KIND_OF_MODEL.get(type(instance))
    if kind is None or not uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [_rowid(SOURCES[kind], instance.pk)])


def _insert(cursor, source: Source, queryset, progress=None) -> int:
    """Index the rows of `queryset` (replacing what the index holds for them); returns their number."""
    columns = list(source.fields) + [c for c in source.owners.values() if c != "id"]
    count, batch = 0, []

    def flush():
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(row[0],) for row in batch])
        cursor.executemany(_INSERT, batch)
        if progress:
            progress(len(batch))

    for pk, *values in queryset.values_list("pk", *columns).order_by("pk").iterator(chunk_size=2000):
        row = dict(zip(columns, values, strict=True))
        row["id"] = pk
        batch.append(_row(source, pk, row))
        if len(batch) >= 2000:
            flush()
            count += len(batch)
            batch = []
    if batch:
        flush()
        count += len(batch)
    return count


def _marks(cursor) -> dict[str, int]:
    cursor.execute(f"SELECT kind, top FROM {MARK_TABLE}")
    return dict(cursor.fetchall())


def _set_mark(cursor, kind: str, top: int) -> None:
    cursor.execute(
        f"INSERT INTO {MARK_TABLE} (kind, top) VALUES (%s, %s) ON CONFLICT(kind) DO UPDATE SET top = %s",
        [kind, top, top],
    )


@transaction.atomic
def search_rebuild(progress=None) -> int:
    """Rebuild the SQLite index from the source tables; returns the number of rows indexed."""
    if not uses_fts5():
        return 0
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        for kind, source in SOURCES.items():
            top = source.model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            count += _insert(cursor, source, source.model.objects.filter(pk__lte=top), progress)
            _set_mark(cursor, kind, top)
    return count


@transaction.atomic
def search_catch_up() -> int:
    """Index the rows above each kind's highest indexed id (a bulk load); returns how many."""
    if not uses_fts5():
        return 0
    changed = 0
    with connection.cursor() as cursor:
        marks = _marks(cursor)
        for kind, source in SOURCES.items():
            newer = source.model.objects.filter(pk__gt=marks.get(kind, 0))
            top = newer.order_by("-pk").values_list("pk", flat=True).first()
            if top is not None:
                changed += _insert(cursor, source, newer.filter(pk__lte=top))
                _set_mark(cursor, kind, top)
    return changed


def index_lag() -> int:
    """How many rows lie above the highest id indexed by a rebuild or catch-up, summed over kinds.

    Cheap: a count over the primary key above the mark, which only a bulk load makes large.
    Rows saved one by one are indexed by the signals already and are counted until the next
    catch-up marks them.
    """
    with connection.cursor() as cursor:
        marks = _marks(cursor)
    return sum(
        source.model.objects.filter(pk__gt=marks.get(kind, 0)).count() for kind, source in SOURCES.items()
    )


def index_is_current() -> bool:
    return index_lag() == 0


def bring_index_up_to_date() -> bool:
    """Catch the index up inside the request when little is missing; else queue a rebuild.

    Returns False while a queued rebuild is pending (the hits may then be incomplete).
    """
    lag = index_lag()
    if lag == 0:
        return True
    if lag <= INLINE_CATCH_UP:
        search_catch_up()
        return True
    if cache.add(REBUILD_QUEUED_KEY, True, timeout=REBUILD_QUEUED_SECONDS):
        # fieldwork.tasks imports this module: a cycle.
        from fieldwork.tasks import search_index_rebuild  # noqa: PLC0415

        search_index_rebuild.enqueue()
    return index_is_current()


def indexable_count() -> int:
    return sum(source.model.objects.count() for source in SOURCES.values())


# Searching -------------------------------------------------------------------------------------


class SearchHits(list):
    """The hits, best first; `index_updating` while a queued rebuild of the index is pending."""

    index_updating = False
    capped = False


@dataclass
class SearchHit:
    """One text found; title, snippet, link and date are worked out only for the hits shown."""

    kind: str
    obj: object
    rank: float
    query_stems: frozenset

    @property
    def label(self) -> str:
        return str(SOURCES[self.kind].label)

    @cached_property
    def title(self) -> str:
        obj = self.obj
        if self.kind == "section":
            return f"{obj.report.visit.site.name} · {obj.get_theme_display()}"
        if self.kind == "factor":
            owner = obj.report.visit.site.name if obj.report_id else obj.joint_meeting.shown_title
            return f"{owner} · {obj.get_valence_display()}"
        if self.kind == "trial_action":
            return obj.agreed_at.site.name
        return obj.shown_title

    @cached_property
    def snippet(self) -> SafeString:
        obj = self.obj
        if self.kind == "section":
            text = obj.text
        elif self.kind == "factor":
            text = obj.statement + (f" «{obj.quote}»" if obj.quote else "")
        elif self.kind == "trial_action":
            text = " ".join(t for t in (obj.aim, obj.description, obj.learning) if t)
        else:
            text = f"{obj.title}. {obj.minutes}"
        return highlight(text, self.query_stems)

    @cached_property
    def url(self) -> str:
        obj = self.obj
        if self.kind == "section":
            return reverse("fieldwork:report_detail", kwargs={"pk": obj.report_id})
        if self.kind == "factor" and obj.report_id:
            return reverse("fieldwork:report_detail", kwargs={"pk": obj.report_id})
        if self.kind == "factor":
            return reverse("fieldwork:meeting_detail", kwargs={"pk": obj.joint_meeting_id})
        if self.kind == "trial_action":
            return reverse("fieldwork:visit_detail", kwargs={"pk": obj.agreed_at_id})
        return reverse("fieldwork:meeting_detail", kwargs={"pk": obj.pk})

    @property
    def date(self):
        obj = self.obj
        if self.kind == "section":
            return obj.report.visit.date
        if self.kind == "factor":
            return obj.report.visit.date if obj.report_id else obj.joint_meeting.held_on
        if self.kind == "trial_action":
            return obj.agreed_at.date
        return obj.held_on


def _fts_query(query: str) -> str:
    terms = [s.replace('"', "") for s in stems(query)]
    return " ".join(f'"{term}"*' if len(term) >= 4 else f'"{term}"' for term in terms if term)


# Who may read a text, per kind of owner: the predicates over the index (SQLite, one table for every
# kind) and over each source table (PostgreSQL). `{in_ids}` is "is one of the user's ids".
SQLITE_PERMISSION = {
    "report": "report_id{in_ids}",
    "meeting": "(kind = 'meeting' AND meeting_id{in_ids})",
    "meeting_factor": "(kind = 'factor' AND obj_id{in_ids})",
    "visit": "visit_id{in_ids}",
}
POSTGRES_PERMISSION = {
    "section": {"report": "t.report_id{in_ids}"},
    "factor": {"report": "t.report_id{in_ids}", "meeting_factor": "t.id{in_ids}"},
    "trial_action": {"visit": "t.agreed_at_id{in_ids}"},
    "meeting": {"meeting": "t.id{in_ids}"},
}


def _readable_ids(user) -> dict:
    """What a user who does not read everything may read, as querysets of ids (accounts.permissions):
    reports, the promoters/inhibitors of joint meetings, whole minutes (only for whole-meeting
    readers: minutes are every home's text) and visits of visible sites."""
    meeting_factors = permissions.visible_factors(user).filter(joint_meeting__isnull=False)
    meetings = permissions.visible_joint_meetings(user)
    return {
        "report": permissions.visible_reports(user),
        "meeting_factor": meeting_factors,
        "meeting": meetings if permissions.sees_whole_joint_meetings(user) else meetings.none(),
        "visit": Visit.objects.filter(site__in=permissions.visible_sites(user)),
    }


def _permission(user, predicates: dict) -> tuple[str, list]:
    """The condition "the user may read this text" as SQL.

    Readers of every site and of whole joint meetings read every text: no condition. For the others
    the ids of what they may read (their sites' reports, meetings and visits: few, however large
    the corpus) are read first and passed as one list, so the planner sees how selective it is.
    """
    if permissions.can_see_all_sites(user) and permissions.sees_whole_joint_meetings(user):
        return "", []
    in_ids = " IN (SELECT value FROM json_each(%s))" if uses_fts5() else " = ANY(%s)"
    readable = _readable_ids(user)
    parts, params = [], []
    for owner, predicate in predicates.items():
        ids = list(readable[owner].values_list("pk", flat=True))
        parts.append(predicate.format(in_ids=in_ids))
        params.append(json.dumps(ids) if uses_fts5() else ids)
    return " AND (" + " OR ".join(parts) + ")", params


def _ranked_ids_sqlite(user, query: str) -> dict[str, dict[int, float]]:
    match = _fts_query(query)
    found: dict[str, dict[int, float]] = {kind: {} for kind in SOURCES}
    if not match:
        return found
    allowed, params = _permission(user, SQLITE_PERMISSION)
    sql = (
        f"SELECT kind, obj_id, bm25({FTS_TABLE}) AS score FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ("
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{allowed} ORDER BY rowid DESC LIMIT %s) "
        f"ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, match, *params, RANK_AT_MOST, MAX_HITS])
        for kind, obj_id, score in cursor.fetchall():
            found[kind][int(obj_id)] = -float(score)
    return found


def _ranked_ids_postgresql(user, query: str) -> dict[str, dict[int, float]]:
    found: dict[str, dict[int, float]] = {}
    for kind, source in SOURCES.items():
        table = source.model._meta.db_table
        allowed, params = _permission(user, POSTGRES_PERMISSION[kind])
        # The query is written out (no CTE) so the planner weighs its selectivity: for a common
        # word it walks the newest rows backwards, for a rare one it asks the GIN index.
        tsquery = "websearch_to_tsquery('danish', %s)"
        sql = (
            f"SELECT c.id, ts_rank(c.search_vector, {tsquery}) AS rank FROM ("
            f"SELECT t.id, t.search_vector FROM {table} t WHERE t.search_vector @@ {tsquery}{allowed} "
            f"ORDER BY t.id DESC LIMIT %s) c ORDER BY rank DESC, c.id DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, query, *params, RANK_AT_MOST, MAX_HITS])
            found[kind] = {int(pk): float(rank) for pk, rank in cursor.fetchall()}
    return found


def search_ranked(user, query: str) -> SearchHits:
    """(rank, kind, id) of the texts `user` may read that match `query`, best first (at most
    MAX_HITS): cheap enough to page through, the texts themselves are loaded only for the page shown."""
    ranked = SearchHits()
    if not permissions.can_see_free_text(user):
        return ranked
    if uses_fts5():
        ranked.index_updating = not bring_index_up_to_date()
        found = _ranked_ids_sqlite(user, query)
    else:
        found = _ranked_ids_postgresql(user, query)
    best = sorted(((rank, kind, pk) for kind, by_pk in found.items() for pk, rank in by_pk.items()), reverse=True)
    ranked.capped = len(best) >= MAX_HITS
    ranked.extend(best[:MAX_HITS])
    return ranked


def hits_loaded(user, ranked, query: str) -> list["SearchHit"]:
    """The hits for (rank, kind, id) entries of `search_ranked`, in their order; loading a text
    records its read."""
    query_stems = frozenset(s for s in stems(query) if s)
    loaded = {
        "section": ReportSection.objects.select_related("report__visit__site"),
        "factor": Factor.objects.select_related("report__visit__site", "joint_meeting"),
        "trial_action": TrialAction.objects.select_related("agreed_at__site"),
        "meeting": JointMeeting.objects.all(),
    }
    hits = []
    for kind, queryset in loaded.items():
        wanted = {pk: rank for rank, kind_, pk in ranked if kind_ == kind}
        if wanted:
            hits.extend(
                SearchHit(kind, obj, wanted[obj.pk], query_stems) for obj in queryset.filter(pk__in=list(wanted))
            )
    meetings = [h.obj for h in hits if h.kind == "meeting"]
    meetings += [h.obj.joint_meeting for h in hits if h.kind == "factor" and h.obj.joint_meeting_id]
    show_meeting_titles(user, meetings)  # a partial reader sees other homes' names pseudonymised
    order = {(kind, pk): n for n, (_rank, kind, pk) in enumerate(ranked)}
    hits.sort(key=lambda h: order[(h.kind, h.obj.pk)])
    return hits


def search_texts(user, query: str) -> SearchHits:
    """Hits for `query` among the texts `user` may read, best first (at most MAX_HITS), all loaded."""
    ranked = search_ranked(user, query)
    hits = SearchHits(hits_loaded(user, ranked, query))
    hits.index_updating, hits.capped = ranked.index_updating, ranked.capped
    return hits


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index_object(instance)


def _on_delete(sender, instance, **kwargs) -> None:
    unindex_object(instance)


def connect_signals() -> None:
    for source in SOURCES.values():
        post_save.connect(_on_save, sender=source.model, dispatch_uid=f"search-save-{source.kind}")
        post_delete.connect(_on_delete, sender=source.model, dispatch_uid=f"search-delete-{source.kind}")
