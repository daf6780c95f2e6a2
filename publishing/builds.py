"""Reports built once per data version, in the background, and served from storage until their
data change.

A request asks for the document of the current data version (`document_request` in
`publishing.tasks`): the first request of a version queues one build (a `BuiltDocument` row and a
task for `drivkraft worker`), every later request of that version gets the stored file or, while
it is being built, a page that says so. A file is stored under kind / scope / data version /
language / format, so a document built from older data is never served as current.

The evaluation report follows the shared data version (`audit.data_version`, replaced by every
write of the domain data). A site's status report depends on that site's data only, so that a
change at one home does not rebuild the status reports of 2,000: it follows that site's data
version (`audit.data_version.site_version`), which changes with the site's own data and with
everything that belongs to no single site (codebook, rules, joint meetings, bulk loads).
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from audit import data_version as versions
from publishing.models import BuildStatus, BuiltDocument
from publishing.services import evaluation_document, render_download, status_document

STATUS, EVALUATION = "status", "evaluation"
STORAGE_DIR = "documents"


def data_version(site_code: str | None = None) -> str:
    """A token that changes whenever the data of the site (or of all sites, None) change."""
    if site_code is None:
        return versions.current()
    return versions.site_version(site_code)


def evaluation_scope(programme: str, audience: str) -> str:
    return f"{programme.lower()}-{audience}"


def _render(row: BuiltDocument):
    if row.kind == STATUS:
        document = status_document(row.scope, language=row.language)
    else:
        programme, audience = row.scope.rsplit("-", 1)
        document = evaluation_document(programme, language=row.language, audience=audience)
    return render_download(document, row.fmt)


def _storage_path(row: BuiltDocument, filename: str) -> str:
    return f"{STORAGE_DIR}/{row.kind}/{row.scope}/{row.version}/{row.language}/{row.fmt}/{filename}"


def _discard_older(row: BuiltDocument) -> None:
    older = BuiltDocument.objects.filter(
        kind=row.kind, scope=row.scope, language=row.language, fmt=row.fmt, created_at__lte=row.created_at
    ).exclude(pk=row.pk)
    for path in older.exclude(path="").values_list("path", flat=True):
        default_storage.delete(path)
    older.delete()


def document_build(*, document_id: int) -> str:
    """Render a queued document into storage and mark it ready; returns its storage path.

    The file is written first and the row marked ready after, so a ready row always has its file.
    """
    row = BuiltDocument.objects.get(pk=document_id)
    if row.status == BuildStatus.READY:
        return row.path
    try:
        download = _render(row)
    except Exception as exc:
        BuiltDocument.objects.filter(pk=row.pk).update(
            status=BuildStatus.FAILED, message=str(exc)[:300], finished_at=timezone.now()
        )
        raise
    path = _storage_path(row, download.filename)
    if default_storage.exists(path):
        default_storage.delete(path)
    path = default_storage.save(path, ContentFile(download.content))
    BuiltDocument.objects.filter(pk=row.pk).update(
        status=BuildStatus.READY,
        path=path,
        filename=download.filename,
        content_type=download.content_type,
        finished_at=timezone.now(),
    )
    _discard_older(row)
    return path


def open_document(row: BuiltDocument):
    """The stored file of a ready document, opened for reading."""
    return default_storage.open(row.path, "rb")
