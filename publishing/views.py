"""Downloads of the reports; who gets what is decided by accounts.permissions.

- Evaluators and administrators download the full evaluation report in every format.
- Programme providers and decision makers download the same report in its aggregated edition:
  no free text and no figures or rows for single sites (accounts.permissions.can_see_free_text is
  false for them while can_see_aggregates is true).
- Consultants and team members download the status report of a site they may see (a team member
  only their own site); any other site answers 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import permissions
from publishing import builds, renderers
from publishing.models import BuildStatus
from publishing.services import LANGUAGES, programme_scopes
from publishing.tasks import document_rebuild, document_request


def _language(request) -> str:
    wanted = request.GET.get("lang") or get_language() or "da"
    return wanted if wanted in LANGUAGES else "da"


def _format_or_404(fmt: str) -> str:
    if fmt not in renderers.formats():
        raise Http404(_("Ukendt format."))
    return fmt


def _stored_file(row) -> FileResponse:
    return FileResponse(
        builds.open_document(row), as_attachment=True, filename=row.filename, content_type=row.content_type
    )


def _served(request, row):
    """The stored file when it is built; else a page that says so and looks again by itself."""
    if row.status == BuildStatus.READY:
        try:
            return _stored_file(row)
        except FileNotFoundError:
            row = document_rebuild(row)
        if row.status == BuildStatus.READY:  # built again at once (tasks run in this process)
            return _stored_file(row)
    failed = row.status == BuildStatus.FAILED
    return render(
        request,
        "publishing/not_ready.html",
        {"failed": failed, "refresh_seconds": 3},
        status=500 if failed else 202,
    )


def _audience(user) -> str:
    if permissions.can_publish(user) and permissions.can_see_free_text(user):
        return "full"
    if permissions.can_see_aggregates(user):
        return "aggregate"
    raise PermissionDenied(_("Du har ikke adgang til evalueringsrapporten."))


@login_required
def index(request):
    """What the user may download: the evaluation report (full or aggregated) and status reports."""
    may_report = permissions.can_see_aggregates(request.user)
    sites = permissions.visible_sites(request.user).order_by("code").only("pk", "code", "name")
    return render(
        request,
        "publishing/index.html",
        {
            "scopes": ["all", *(code.lower() for code in programme_scopes())] if may_report else [],
            "aggregate": may_report and not permissions.can_publish(request.user),
            "sites": sites,
            "formats": renderers.formats(),
        },
    )


@login_required
def evaluation_report(request, programme: str, fmt: str):
    audience = _audience(request.user)
    fmt = _format_or_404(fmt)
    programme = programme.lower()
    if programme != "all" and programme.upper() not in programme_scopes():
        raise Http404(_("Ukendt program."))
    row = document_request(
        kind=builds.EVALUATION,
        scope=builds.evaluation_scope(programme, audience),
        language=_language(request),
        fmt=fmt,
    )
    return _served(request, row)


@login_required
def status_report(request, pk: int, fmt: str):
    site = permissions.get_visible_site_or_404(request.user, pk=pk)
    fmt = _format_or_404(fmt)
    row = document_request(kind=builds.STATUS, scope=site.code, language=_language(request), fmt=fmt)
    return _served(request, row)
