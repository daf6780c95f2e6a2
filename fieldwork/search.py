"""Full-text search with Danish stemming over all free text a user may see.

SQLite: an FTS5 table (`fieldwork_search`, created by migration 0002) holds the Danish-stemmed
words of each report section, promoter/inhibitor, trial action and joint meeting's minutes. Signals
keep it in step with single saves; bulk loads (the demo, imports) call `search_rebuild()`, and a
search first checks the row counts and rebuilds when they disagree.

PostgreSQL: the source tables are searched directly with `to_tsvector('danish', ...)` (GIN
expression indexes from the same migration), so nothing has to be kept in sync.

Either way the hits are filtered through accounts.permissions before anything is shown.
"""

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from fieldwork.models import Factor, JointMeeting, ReportSection, TrialAction

FTS_TABLE = "fieldwork_search"
COUNT_TABLE = "fieldwork_search_count"
MAX_HITS = 400
RANK_AT_MOST = 20000
INLINE_CATCH_UP = 5000
REBUILD_QUEUED_KEY = "drivkraft:search-rebuild-queued"
REBUILD_QUEUED_SECONDS = 900
_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    """Danish stems of the words of `text`; a vocabulary cache makes bulk indexing ~100× faster."""
    return [_stem(w.lower()) for w in _WORD.findall(text or "")]


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


# What is indexed -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    model: type
    fields: tuple[str, ...]


SOURCES = {
    "section": Source("section", _("Rapportafsnit"), ReportSection, ("text",)),
    "factor": Source("factor", _("Fremmer/hæmmer"), Factor, ("statement", "quote")),
    "trial_action": Source(
        "trial_action", _("Prøvehandling"), TrialAction, ("aim", "description", "learning")
    ),
    "meeting": Source("meeting", _("Fællesmøde"), JointMeeting, ("title", "minutes")),
}
KIND_OF_MODEL = {source.model: kind for kind, source in SOURCES.items()}


def _body(source: Source, values) -> str:
    return " ".join(stems(" ".join(values[f] or "" for f in source.fields)))


def _bump(cursor, kind: str, delta: int) -> None:
    if delta:
        cursor.execute(
            f"INSERT INTO {COUNT_TABLE} (kind, n) VALUES (%s, %s) ON CONFLICT(kind) DO UPDATE SET n = n + %s",
            [kind, delta, delta],
        )


def index_object(instance) -> None:
    """Re-index one saved object (SQLite only; PostgreSQL reads the source tables).

    Every row of a source has one index row (an empty text an empty body), so the row counts of
    the index and of the sources agree exactly when the index is current.
    """
    kind = KIND_OF_MODEL.get(type(instance))
    if kind is None or not uses_fts5():
        return
    source = SOURCES[kind]
    body = _body(source, {f: getattr(instance, f) for f in source.fields})
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE kind = %s AND obj_id = %s", [kind, instance.pk])
        removed = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (body, kind, obj_id) VALUES (%s, %s, %s)", [body, kind, instance.pk]
        )
        _bump(cursor, kind, 1 - max(removed, 0))


def unindex_object(instance) -> None:
    kind = KIND_OF_MODEL.get(type(instance))
    if kind is None or not uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE kind = %s AND obj_id = %s", [kind, instance.pk])
        _bump(cursor, kind, -max(cursor.rowcount, 0))


def _insert(cursor, kind: str, source: Source, queryset, progress=None) -> int:
    count, batch = 0, []
    sql = f"INSERT INTO {FTS_TABLE} (body, kind, obj_id) VALUES (%s, %s, %s)"
    for pk, *values in queryset.values_list("pk", *source.fields).order_by("pk").iterator(chunk_size=2000):
        batch.append((_body(source, dict(zip(source.fields, values, strict=True))), kind, pk))
        if len(batch) >= 2000:
            cursor.executemany(sql, batch)
            count += len(batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        cursor.executemany(sql, batch)
        count += len(batch)
        if progress:
            progress(len(batch))
    return count


def _recount(cursor) -> None:
    cursor.execute(f"DELETE FROM {COUNT_TABLE}")
    cursor.execute(
        f"INSERT INTO {COUNT_TABLE} (kind, n) SELECT kind, COUNT(*) FROM {FTS_TABLE} GROUP BY kind"
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
            count += _insert(cursor, kind, source, source.model.objects.all(), progress)
        _recount(cursor)
    return count


@transaction.atomic
def search_catch_up() -> int:
    """Index the rows missing from the index and drop rows that are gone; returns the change."""
    if not uses_fts5():
        return 0
    changed = 0
    with connection.cursor() as cursor:
        for kind, source in SOURCES.items():
            cursor.execute(f"SELECT obj_id FROM {FTS_TABLE} WHERE kind = %s", [kind])
            indexed = {int(row[0]) for row in cursor.fetchall()}
            present = set(source.model.objects.values_list("pk", flat=True))
            for pk in indexed - present:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE kind = %s AND obj_id = %s", [kind, pk])
                changed += 1
            missing = sorted(present - indexed)
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                changed += _insert(cursor, kind, source, source.model.objects.filter(pk__in=chunk))
        _recount(cursor)
    return changed


def index_lag() -> int:
    """How many rows the index is off from the sources, summed over kinds (catches bulk loads).

    Cheap: COUNT(*) of each source table against the kept counts of the index.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT kind, n FROM {COUNT_TABLE}")
        indexed = dict(cursor.fetchall())
    return sum(abs(indexed.get(kind, 0) - source.model.objects.count()) for kind, source in SOURCES.items())


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
            owner = obj.report.visit.site.name if obj.report_id else obj.joint_meeting.title
            return f"{owner} · {obj.get_valence_display()}"
        if self.kind == "trial_action":
            return obj.agreed_at.site.name
        return obj.title

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
        return _highlight(text, self.query_stems)

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


def _ranked_ids_sqlite(query: str) -> dict[str, dict[int, float]]:
    match = _fts_query(query)
    found: dict[str, dict[int, float]] = {kind: {} for kind in SOURCES}
    if not match:
        return found
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        if cursor.fetchone()[0] > RANK_AT_MOST:
            # bm25 scores every match; for a word in most texts the latest texts come first instead.
            cursor.execute(
                f"SELECT kind, obj_id, -rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                f"ORDER BY rowid DESC LIMIT %s",
                [match, MAX_HITS],
            )
        else:
            cursor.execute(
                f"SELECT kind, obj_id, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                f"ORDER BY bm25({FTS_TABLE}) LIMIT %s",
                [match, MAX_HITS],
            )
        for kind, obj_id, score in cursor.fetchall():
            found[kind][int(obj_id)] = -float(score)
    return found


def _ranked_ids_postgresql(query: str) -> dict[str, dict[int, float]]:

    found: dict[str, dict[int, float]] = {}
    search_query = SearchQuery(query, config="danish", search_type="websearch")
    for kind, source in SOURCES.items():
        vector = SearchVector(*source.fields, config="danish")
        rows = (
            source.model.objects.annotate(document=vector)
            .filter(document=search_query)
            .annotate(rank=SearchRank(vector, search_query))
            .order_by("-rank")
            .values_list("pk", "rank")[:MAX_HITS]
        )
        found[kind] = dict(rows)
    return found


def _matches(stem: str, query_stems: set[str]) -> bool:
    return any(stem.startswith(s) if len(s) >= 4 else stem == s for s in query_stems)


def _highlight(text: str, query_stems: set[str], width: int = 220) -> SafeString:
    """An escaped excerpt around the first matching word, with every matching word marked."""
    words = list(_WORD.finditer(text or ""))
    matching = [m for m in words if _matches(stems(m.group())[0], query_stems)]
    start = max(0, matching[0].start() - width // 3) if matching else 0
    end = min(len(text or ""), start + width)
    out, cursor = [], start
    for m in matching:
        if m.start() < start or m.end() > end:
            continue
        out.append(escape(text[cursor : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        cursor = m.end()
    out.append(escape((text or "")[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text or "") else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped above


def _allowed(visible: QuerySet, candidates: set) -> set:
    candidates.discard(None)
    return set(visible.filter(pk__in=candidates).values_list("pk", flat=True)) if candidates else set()


def search_texts(user, query: str) -> SearchHits:
    """Hits for `query` among the texts `user` may read, best first."""
    hits = SearchHits()
    if not permissions.can_see_free_text(user):
        return hits
    if uses_fts5():
        hits.index_updating = not bring_index_up_to_date()
        ranked = _ranked_ids_sqlite(query)
    else:
        ranked = _ranked_ids_postgresql(query)
    query_stems = {s for s in stems(query) if s}
    hits.capped = sum(len(found) for found in ranked.values()) >= MAX_HITS
    sections = list(
        ReportSection.objects.filter(pk__in=list(ranked["section"])).select_related("report__visit__site")
    )
    factors = list(
        Factor.objects.filter(pk__in=list(ranked["factor"])).select_related(
            "report__visit__site", "joint_meeting"
        )
    )
    actions = list(
        TrialAction.objects.filter(pk__in=list(ranked["trial_action"])).select_related("agreed_at__site")
    )
    meetings = list(JointMeeting.objects.filter(pk__in=list(ranked["meeting"])))
    # Access is decided by accounts.permissions, asked only about the candidates found.
    reports = _allowed(
        permissions.visible_reports(user), {s.report_id for s in sections} | {f.report_id for f in factors}
    )
    meeting_factors = _allowed(
        permissions.visible_factors(user), {f.pk for f in factors if f.joint_meeting_id}
    )
    # The minutes are every home's text: only whole-meeting readers find meetings by their words.
    meeting_ids = (
        _allowed(permissions.visible_joint_meetings(user), {m.pk for m in meetings})
        if permissions.sees_whole_joint_meetings(user)
        else set()
    )
    sites = _allowed(permissions.visible_sites(user), {a.agreed_at.site_id for a in actions})

    stems_found = frozenset(query_stems)
    readable = (
        [("section", x) for x in sections if x.report_id in reports]
        + [("factor", x) for x in factors if x.report_id in reports or x.pk in meeting_factors]
        + [("trial_action", x) for x in actions if x.agreed_at.site_id in sites]
        + [("meeting", x) for x in meetings if x.pk in meeting_ids]
    )
    hits.extend(SearchHit(kind, obj, ranked[kind][obj.pk], stems_found) for kind, obj in readable)
    hits.sort(key=lambda h: h.rank, reverse=True)
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
