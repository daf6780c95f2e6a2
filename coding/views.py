"""Pages of the coding workspace, the codebook and memos. Thin: permission, form, service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import permissions
from audit.forms import conflict_form_data, conflict_rows, versioned_initial
from audit.versions import EditConflict
from codebook import selectors as codebook_selectors
from codebook import services as codebook_services
from codebook.models import Code
from coding import forms, selectors, services
from coding.models import MemoTarget

PAGE_SIZE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Du har ikke adgang til denne side."))


def navigation(user) -> dict:
    """What the coding and analysis sub-navigation offers this user (decided by accounts.permissions)."""
    return {
        "can_code": permissions.can_code(user),
        "can_see_free_text": permissions.can_see_free_text(user),
        "can_see_aggregates": permissions.can_see_aggregates(user),
    }


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {**context, "nav": navigation(request.user)}, status=status)


def _page(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _apply_errors(form, error: ValidationError) -> None:
    """Put a service's refusal next to the field it concerns (or on top of the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _next_url(request, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return fallback


# --- the workspace --------------------------------------------------------------------------------


@login_required
@require_GET
def workspace(request):
    """Pick a report to code, filtered by site, programme and period."""
    _require(permissions.can_code(request.user))
    form = forms.ReportFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    reports = selectors.reports_for_coding(
        request.user,
        site=filters.get("site"),
        programme=filters.get("programme"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = _page(request, reports)
    counts = selectors.passage_counts(request.user, [report.pk for report in page])
    for report in page:
        report.passages_count = counts.get(report.pk, 0)
    return _render(request, "coding/workspace.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def report_coding(request, report_id):
    """Read a report's six sections, select a passage and code it."""
    _require(permissions.can_code(request.user))
    report = permissions.get_visible_report_or_404(request.user, pk=report_id)
    form = forms.PassageForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            passage = services.passage_create(
                coder=request.user,
                section=data["section"],
                start=data["start"],
                end=data["end"],
                text=data["text"],
                driver=data["driver"],
                mechanism=data["mechanism"],
                valence=data["valence"],
                attention_point=data["attention_point"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Passagen er kodet."))
            return redirect(
                f"{reverse('coding:report', kwargs={'report_id': report.pk})}#passage-{passage.pk}"
            )
    context = {
        "report": report,
        "sections": selectors.report_sections_for_coding(request.user, report),
        "form": form,
        "memos": selectors.memo_list(request.user, report=report)[:5],
    }
    return _render(request, "coding/report.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def passage_list(request):
    """Coded passages, filtered by code, site, programme, valence and period."""
    _require(permissions.can_code(request.user))
    form = forms.PassageFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    passages = selectors.passage_list(
        request.user,
        code=filters.get("code"),
        site=filters.get("site"),
        programme=filters.get("programme"),
        valence=filters.get("valence", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return _render(request, "coding/passage_list.html", {"form": form, "page": _page(request, passages)})


@login_required
@require_http_methods(["GET", "POST"])
def passage_edit(request, pk):
    """Re-code a passage: new codes under today's codebook version."""
    _require(permissions.can_code(request.user))
    passage = selectors.get_visible_passage_or_404(request.user, pk)
    initial = {
        "driver": passage.driver_id,
        "mechanism": passage.mechanism_id,
        "valence": passage.valence,
        "attention_point": passage.attention_point_id,
    }
    form = forms.CodingFields(request.POST or None, initial=initial, keep=passage)
    back = _next_url(request, reverse("coding:passages"))
    if request.method == "POST" and form.is_valid():
        try:
            services.passage_recode(user=request.user, passage=passage, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Passagen er kodet om."))
            return redirect(back)
    return _render(
        request,
        "coding/passage_edit.html",
        {"passage": passage, "form": form, "next": back},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def passage_delete(request, pk):
    _require(permissions.can_code(request.user))
    passage = selectors.get_visible_passage_or_404(request.user, pk)
    services.passage_delete(user=request.user, passage=passage)
    messages.success(request, _("Kodningen er slettet."))
    return redirect(_next_url(request, reverse("coding:passages")))


# --- the codebook ---------------------------------------------------------------------------------


@login_required
@require_GET
def codebook(request):
    """The codebook: no personal data, so every logged-in role may read it."""
    can_edit = permissions.can_edit_codebook(request.user)
    codes = list(codebook_selectors.codebook_codes())
    used = codebook_selectors.used_code_ids() if can_edit else set()
    groups: dict[str, dict] = {}
    for code in codes:
        code.in_use = code.pk in used
        group = groups.setdefault(code.kind, {"label": code.get_kind_display(), "codes": []})
        group["codes"].append(code)
    context = {
        "groups": list(groups.values()),
        "can_edit": can_edit,
        "version": codebook_selectors.current_codebook_version(),
        "versions": codebook_selectors.codebook_versions()[:10],
    }
    return _render(request, "coding/codebook.html", context)


@login_required
@require_GET
def code_detail(request, pk):
    code = get_object_or_404(Code.objects.select_related("parent"), pk=pk)
    can_edit = permissions.can_edit_codebook(request.user)
    context = {
        "code": code,
        "children": code.children.order_by("sort_order"),
        "revisions": codebook_selectors.code_revisions(code),
        "usage": codebook_selectors.code_usage(code),
        "can_edit": can_edit,
        "can_code": permissions.can_code(request.user),
        "memos": selectors.memo_list(request.user, code=code)[:10],
    }
    return _render(request, "coding/code_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def code_edit(request, pk):
    _require(permissions.can_edit_codebook(request.user))
    code = get_object_or_404(Code, pk=pk)
    initial = {field: getattr(code, field) for field in codebook_services.DEFINITION_FIELDS}
    form = forms.CodeDefinitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change = codebook_services.code_update(user=request.user, code=code, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if change.version is None:
                messages.info(request, _("Intet blev ændret; kodebogen har samme version."))
            else:
                messages.success(
                    request,
                    _("Definitionen er gemt som kodebogsversion %(number)s.")
                    % {"number": change.version.number},
                )
            return redirect("coding:code", pk=code.pk)
    return _render(
        request, "coding/code_form.html", {"form": form, "code": code}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def code_create(request):
    _require(permissions.can_edit_codebook(request.user))
    form = forms.CodeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = codebook_services.code_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Koden er oprettet i kodebogsversion %(number)s.") % {"number": change.version.number},
            )
            return redirect("coding:code", pk=change.code.pk)
    return _render(request, "coding/code_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def code_retire(request, pk):
    """Retire a code (or bring it back): it stays on old codings but is not offered for new ones."""
    _require(permissions.can_edit_codebook(request.user))
    code = get_object_or_404(Code, pk=pk)
    retired = request.POST.get("retired", "1") == "1"
    codebook_services.code_retire(user=request.user, code=code, retired=retired)
    if retired:
        messages.success(
            request, _("«%(code)s» er udgået og tilbydes ikke til nye kodninger.") % {"code": code}
        )
    else:
        messages.success(request, _("«%(code)s» er taget i brug igen.") % {"code": code})
    return redirect("coding:code", pk=code.pk)


@login_required
@require_POST
def code_delete(request, pk):
    _require(permissions.can_edit_codebook(request.user))
    code = get_object_or_404(Code, pk=pk)
    try:
        codebook_services.code_delete(user=request.user, code=code)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("coding:code", pk=code.pk)
    messages.success(request, _("Koden er slettet."))
    return redirect("coding:codebook")


# --- memos ----------------------------------------------------------------------------------------


@login_required
@require_GET
def memo_list(request):
    _require(permissions.can_see_free_text(request.user))
    form = forms.MemoFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    memos = selectors.memo_list(
        request.user,
        target=filters.get("target", ""),
        site=filters.get("site"),
        code=filters.get("code"),
        query=filters.get("query", ""),
        mine=filters.get("mine", False),
    )
    context = {
        "form": form,
        "page": _page(request, memos),
        "sites": permissions.visible_sites(request.user).only("pk", "code", "name").order_by("code"),
    }
    return _render(request, "coding/memo_list.html", context)


def _memo_target(request) -> dict:
    """What a new memo attaches to, from site=, report=, code= (query or form) — each checked for this user."""
    user = request.user

    def param(name: str) -> str:
        return request.POST.get(name) or request.GET.get(name) or ""

    site_id, report_id, code_id = param("site"), param("report"), param("code")
    if report_id and not (site_id or code_id):
        return {
            "target": MemoTarget.REPORT,
            "report": permissions.get_visible_report_or_404(user, pk=report_id),
        }
    code = None
    if code_id:
        _require(permissions.can_code(user))
        try:
            code = Code.objects.get(pk=code_id)
        except (Code.DoesNotExist, ValueError) as exc:
            raise Http404("Ingen kode med det id.") from exc
    if site_id:
        site = permissions.get_visible_site_or_404(user, pk=site_id)
        if code is not None:
            return {"target": MemoTarget.MATRIX_CELL, "site": site, "code": code}
        return {"target": MemoTarget.SITE, "site": site}
    if code is not None:
        return {"target": MemoTarget.CODE, "code": code}
    raise Http404("Memoet mangler et sted, en rapport eller en kode.")


def _masked_message(request, masked: int) -> None:
    if masked:
        messages.warning(
            request, _("%(count)s CPR-nummer er fjernet fra teksten, før den blev gemt.") % {"count": masked}
        )


@login_required
@require_http_methods(["GET", "POST"])
def memo_create(request):
    _require(permissions.can_see_free_text(request.user))
    target = _memo_target(request)
    form = forms.MemoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.memo_create(author=request.user, **target, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Memoet er gemt."))
            _masked_message(request, saved.masked)
            return redirect(_next_url(request, reverse("coding:memo_list")))
    context = {"form": form, "target": target, "next": _next_url(request, "")}
    return _render(request, "coding/memo_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def memo_edit(request, pk):
    """Only the author edits a memo, and only while they may still see what it is attached to."""
    _require(permissions.can_see_free_text(request.user))
    memo = selectors.get_visible_memo_or_404(request.user, pk)
    _require(memo.author_id == request.user.pk)
    initial = versioned_initial(memo.version, services.memo_values(memo))
    form = forms.MemoEditForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.memo_update(
                user=request.user,
                memo=memo,
                expected_version=data["version"],
                title=data["title"],
                text=data["text"],
                base=form.base_values(),
            )
        except EditConflict as error:
            conflict = error
            form = forms.MemoEditForm(conflict_form_data(form, error))
            form.is_valid()
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Memoet er gemt."))
            _masked_message(request, saved.masked)
            return redirect(_next_url(request, reverse("coding:memo_list")))
    context = {
        "form": form,
        "memo": memo,
        "next": _next_url(request, ""),
        "conflict": conflict,
        "conflict_rows": conflict_rows(form, conflict) if conflict else [],
    }
    status = 409 if conflict else 400 if form.errors else 200
    return _render(request, "coding/memo_form.html", context, status=status)
