"""Background jobs of the fieldwork (django-tasks; `drivkraft worker` runs the queue)."""

from django.core.cache import cache
from django_tasks import task

from fieldwork import search


@task()
def search_index_rebuild() -> int:
    """Rebuild the SQLite full-text index after a bulk load, outside any page request."""
    try:
        return search.search_rebuild()
    finally:
        cache.delete(search.REBUILD_QUEUED_KEY)
