import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render

from accounts.permissions import can_administer
from audit.models import AuditAction
from audit.selectors import audit_entries, audited_models
from audit.spreadsheet import escape_formula

FILTERS = ("action", "model", "site_code", "actor", "text")


def _filters(request) -> dict[str, str]:
    return {name: request.GET.get(name, "").strip() for name in FILTERS}


def _require_administrator(request) -> None:
    if not can_administer(request.user):
        raise PermissionDenied


@login_required
def audit_log(request):
    _require_administrator(request)
    filters = _filters(request)
    page = Paginator(audit_entries(**filters).select_related("actor"), 50).get_page(request.GET.get("side"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "filters": filters, "actions": AuditAction.choices, "models": audited_models()},
    )


class _Echo:
    def write(self, value):
        return value


@login_required
def audit_export(request):
    """The filtered log as CSV (UTF-8 with BOM for Danish Excel), streamed."""
    _require_administrator(request)
    writer = csv.writer(_Echo())
    columns = [
        "at",
        "actor_name",
        "action",
        "model",
        "object_pk",
        "object_repr",
        "site_code",
        "before",
        "after",
        "note",
    ]

    def rows():
        yield "\ufeff" + writer.writerow(columns)
        for entry in audit_entries(**_filters(request)).values_list(*columns).iterator(chunk_size=2000):
            yield writer.writerow([escape_formula(v) if isinstance(v, str) else v for v in entry])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="revisionslog.csv"'
    return response
