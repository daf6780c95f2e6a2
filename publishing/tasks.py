"""Background jobs of publishing (django-tasks; `drivkraft worker` runs the queue)."""

import datetime

from django.utils import timezone
from django_tasks import task

from publishing import builds
from publishing.models import BuildStatus, BuiltDocument


@task()
def build_document(document_id: int) -> str:
    """Render one queued document into storage, so that no page request renders a report."""
    return builds.document_build(document_id=document_id)


# A build queued longer than this lost its worker; the next request queues it again.
STALE_AFTER = datetime.timedelta(hours=1)


def document_request(*, kind: str, scope: str, language: str, fmt: str) -> BuiltDocument:
    """The document for the current data version: ready, failed, or queued (its build queued once)."""
    version = builds.data_version(scope if kind == builds.STATUS else None)
    row, created = BuiltDocument.objects.get_or_create(
        kind=kind, scope=scope, language=language, fmt=fmt, version=version
    )
    stale = row.status == BuildStatus.QUEUED and row.created_at < timezone.now() - STALE_AFTER
    if stale:
        BuiltDocument.objects.filter(pk=row.pk).update(created_at=timezone.now())
    if created or stale:
        build_document.enqueue(row.pk)
        row.refresh_from_db()
    return row


def document_rebuild(row: BuiltDocument) -> BuiltDocument:
    """A ready document whose file is gone from storage (storage cleared, or restored apart from the
    database), queued again: the reader is told it is being built instead of getting an error."""
    BuiltDocument.objects.filter(pk=row.pk).update(
        status=BuildStatus.QUEUED, path="", created_at=timezone.now(), finished_at=None
    )
    build_document.enqueue(row.pk)
    row.refresh_from_db()
    return row
