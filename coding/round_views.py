"""Pages of the coding rounds and the coding model's suggestions (evaluators and administrators).

Thin views: permission from accounts.permissions, writes through coding.rounds, coding.suggestions
and coding.tasks. htmx requests get fragments; plain requests get redirects, so every action
also works without JavaScript.
"""

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
from coding import rounds, suggestions, tasks
from coding.classifier import store
from coding.models import CoderModel, RetrainingJob
from coding.round_forms import RoundForm, UnitCodeForm, UnitForm
from fieldwork.models import ReportSection

PAGE_SIZE = 50


def _require_coder(user) -> None:
    if not permissions.can_code(user):
        raise PermissionDenied(_("Du har ikke adgang til denne side."))


def _render(request, template: str, context: dict, status: int = 200):
    nav = {"can_code": True, "can_see_free_text": permissions.can_see_free_text(request.user)}
    return render(request, template, {**context, "nav": nav}, status=status)


def _next_url(request, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return fallback


def _errors_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- rounds -----------------------------------------------------------------------------------------


@login_required
@require_GET
def round_list(request):
    _require_coder(request.user)
    page = Paginator(rounds.visible_rounds(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(request, "coding/rounds/list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    _require_coder(request.user)
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            coding_round = rounds.coding_round_create(
                user=request.user,
                name=data["name"],
                description=data["description"],
                reports=data["reports"],
                coders=data["coders"],
                is_blind=data["is_blind"],
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            messages.success(request, _("Kodningsrunden er oprettet."))
            return redirect("coding_rounds:detail", pk=coding_round.pk)
    return _render(request, "coding/rounds/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def round_detail(request, pk):
    _require_coder(request.user)
    coding_round = rounds.get_visible_round_or_404(request.user, pk=pk)
    comparable = rounds.can_compare(coding_round)
    context = {
        "round": coding_round,
        "reports": rounds.round_reports(coding_round, request.user),
        "progress": rounds.round_progress(coding_round),
        "is_coder": coding_round.coders.filter(pk=request.user.pk).exists(),
        "comparable": comparable,
        "agreement": rounds.round_agreement(coding_round) if comparable else None,
        "model_passages": coding_round.passages.filter(coder__isnull=True).count(),
    }
    return _render(request, "coding/rounds/detail.html", context)


def _round_report_or_404(request, coding_round, report_id):
    report = permissions.get_visible_report_or_404(request.user, pk=report_id)
    if not coding_round.reports.filter(pk=report.pk).exists():
        raise Http404(_("Rapporten hører ikke til runden."))
    return report


def _coder_rows(coding_round, user, report) -> list[dict]:
    """Each sentence of the report with the user's own code in the round (blind: nothing else)."""
    own = {
        (p.section_id, p.start, p.end): p
        for p in coding_round.passages.filter(coder=user, section__report=report).select_related(
            "driver", "mechanism"
        )
    }
    rows = []
    for sentence in suggestions.report_sentences(report):
        passage = own.get((sentence.section_id, sentence.start, sentence.end))
        initial = {"section": sentence.section_id, "start": sentence.start, "end": sentence.end}
        if passage:
            initial.update(driver=passage.driver_id, mechanism=passage.mechanism_id, valence=passage.valence)
        rows.append(
            {
                "sentence": sentence,
                "passage": passage,
                "form": UnitForm(initial=initial, prefix=f"u{sentence.section_id}-{sentence.start}"),
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def round_code_report(request, pk, report_id):
    """A coder codes the report's sentences in the round, seeing only their own codes."""
    _require_coder(request.user)
    coding_round = rounds.get_visible_round_or_404(request.user, pk=pk)
    report = _round_report_or_404(request, coding_round, report_id)
    if not coding_round.coders.filter(pk=request.user.pk).exists():
        raise PermissionDenied(_("Du er ikke koder i denne runde."))
    if request.method == "POST":
        prefix = request.POST.get("prefix") or None
        form = UnitForm(request.POST, prefix=prefix)
        if form.is_valid():
            data = form.cleaned_data
            section = ReportSection.objects.filter(pk=data["section"], report=report).first()
            try:
                if section is None:
                    raise ValidationError(_("Afsnittet hører ikke til rapporten."))
                rounds.round_passage_code(
                    coding_round=coding_round,
                    user=request.user,
                    section=section,
                    start=data["start"],
                    end=data["end"],
                    driver=data["driver"],
                    mechanism=data["mechanism"],
                    valence=data["valence"],
                )
            except ValidationError as error:
                form.add_error(None, error)
        if request.htmx:
            key = tuple(str(form.data.get(form.add_prefix(name), "")) for name in ("section", "start", "end"))
            row = next(
                (
                    r
                    for r in _coder_rows(coding_round, request.user, report)
                    if (str(r["sentence"].section_id), str(r["sentence"].start), str(r["sentence"].end))
                    == key
                ),
                None,
            )
            if row is None:
                raise Http404(_("Ingen sætning på det sted i rapporten."))
            if form.errors:
                row["form"] = form
            context = {"round": coding_round, "report": report, "row": row}
            return _render(
                request, "coding/rounds/_code_row.html", context, status=400 if form.errors else 200
            )
        if form.errors:
            messages.error(
                request, _("Kodningen blev ikke gemt: %(errors)s") % {"errors": form.errors.as_text()}
            )
        else:
            messages.success(request, _("Kodningen er gemt."))
        return redirect("coding_rounds:code_report", pk=coding_round.pk, report_id=report.pk)
    context = {
        "round": coding_round,
        "report": report,
        "rows": _coder_rows(coding_round, request.user, report),
    }
    return _render(request, "coding/rounds/code_report.html", context)


@login_required
@require_POST
def round_close(request, pk):
    _require_coder(request.user)
    coding_round = rounds.get_visible_round_or_404(request.user, pk=pk)
    try:
        rounds.coding_round_close(coding_round=coding_round, user=request.user)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    else:
        messages.success(request, _("Runden er afsluttet: koderne kan nu sammenlignes."))
    return redirect("coding_rounds:detail", pk=coding_round.pk)


@login_required
@require_POST
def round_model(request, pk):
    """The active model codes the round's reports as one more coder."""
    _require_coder(request.user)
    coding_round = rounds.get_visible_round_or_404(request.user, pk=pk)
    try:
        count = rounds.round_model_code(coding_round=coding_round, user=request.user)
    except store.NoTrainedModel:
        messages.error(
            request, _("Der er ingen trænet kodningsmodel endnu. Start en træning under Kodningsmodel.")
        )
    else:
        messages.success(request, _("Kodningsmodellen har kodet %(count)s sætninger.") % {"count": count})
    return redirect("coding_rounds:detail", pk=coding_round.pk)


@login_required
@require_GET
def round_compare(request, pk):
    """Side by side, unit by unit: every coder's code and the consensus, once comparison is open."""
    _require_coder(request.user)
    coding_round = rounds.get_visible_round_or_404(request.user, pk=pk)
    if not rounds.can_compare(coding_round):
        messages.info(request, _("Den blinde runde er ikke afsluttet endnu: koderne kan ikke sammenlignes."))
        return redirect("coding_rounds:detail", pk=coding_round.pk)
    units = rounds.round_units(coding_round)
    coders = sorted({label for unit in units for label in unit.codings})
    only_disagreements = request.GET.get("uenige") == "1"
    if only_disagreements:
        units = [unit for unit in units if not unit.agrees]
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    for unit in page:
        initial = {"section": unit.section_id, "start": unit.start, "end": unit.end}
        source = unit.consensus or next(iter(unit.codings.values()), None)
        if source is not None:
            initial.update(driver=source.driver_id, mechanism=source.mechanism_id, valence=source.valence)
        unit.form = UnitForm(initial=initial, prefix=f"k{unit.section_id}-{unit.start}")
        unit.columns = [unit.codings.get(label) for label in coders]
    context = {
        "round": coding_round,
        "page": page,
        "coders": coders,
        "only_disagreements": only_disagreements,
    }
    return _render(request, "coding/rounds/compare.html", context)


@login_required
@require_POST
def round_consensus(request, pk):
    _require_coder(request.user)
    coding_round = rounds.get_visible_round_or_404(request.user, pk=pk)
    form = UnitForm(request.POST, prefix=request.POST.get("prefix") or None)
    fallback = reverse("coding_rounds:compare", kwargs={"pk": coding_round.pk})
    if not form.is_valid():
        messages.error(request, _("Konsensus blev ikke gemt: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect(_next_url(request, fallback))
    data = form.cleaned_data
    section = ReportSection.objects.filter(pk=data["section"], report__in=coding_round.reports.all()).first()
    if section is None or not permissions.visible_reports(request.user).filter(pk=section.report_id).exists():
        raise Http404(_("Intet afsnit med det id i runden."))
    try:
        rounds.consensus_settle(
            coding_round=coding_round,
            user=request.user,
            section=section,
            start=data["start"],
            end=data["end"],
            driver=data["driver"],
            mechanism=data["mechanism"],
            valence=data["valence"],
        )
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    else:
        messages.success(request, _("Konsensus er gemt; de oprindelige kodninger er bevaret."))
    return redirect(_next_url(request, fallback))


# --- suggestions ------------------------------------------------------------------------------------


@login_required
@require_GET
def report_suggestions(request, report_id):
    """The suggestion fragment of the coding workspace (loaded with htmx)."""
    _require_coder(request.user)
    report = permissions.get_visible_report_or_404(request.user, pk=report_id)
    model = CoderModel.objects.filter(is_active=True).order_by("-trained_at").first()
    error = ""
    if model is not None:
        try:
            suggestions.suggestions_create_for_report(report=report)
        except store.NoTrainedModel as exc:
            error = str(exc)
            model = None
    context = {
        "report": report,
        "model": model,
        "error": error,
        "items": _with_forms(suggestions.report_suggestions(request.user, report)),
        "next_url": request.headers.get("HX-Current-URL", ""),
        "job": RetrainingJob.objects.order_by("-created_at").first(),
    }
    return _render(request, "coding/suggestions/_fragment.html", context)


def _with_forms(items):
    """Each suggestion with its own correction form, preset to the suggested codes."""
    items = list(items)
    for item in items:
        item.form = UnitCodeForm(
            initial={"driver": item.driver_id, "mechanism": item.mechanism_id, "valence": item.valence},
            auto_id=f"s{item.pk}-%s",
        )
    return items


def _decided(request, suggestion, passage=None):
    if request.htmx:
        return _render(request, "coding/suggestions/_decided.html", {"item": suggestion, "passage": passage})
    fallback = reverse("coding:report", kwargs={"report_id": suggestion.section.report_id})
    return redirect(_next_url(request, fallback))


@login_required
@require_POST
def suggestion_accept(request, pk):
    _require_coder(request.user)
    suggestion = suggestions.get_visible_suggestion_or_404(request.user, pk)
    try:
        passage = suggestions.suggestion_accept(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
        passage = None
    suggestion.refresh_from_db()
    return _decided(request, suggestion, passage)


@login_required
@require_POST
def suggestion_correct(request, pk):
    _require_coder(request.user)
    suggestion = suggestions.get_visible_suggestion_or_404(request.user, pk)
    form = UnitCodeForm(request.POST)
    passage = None
    if form.is_valid():
        try:
            passage = suggestions.suggestion_correct(
                suggestion=suggestion,
                user=request.user,
                driver=form.cleaned_data["driver"],
                mechanism=form.cleaned_data["mechanism"],
                valence=form.cleaned_data["valence"],
            )
        except ValidationError as error:
            messages.error(request, _errors_text(error))
    else:
        messages.error(request, _("Rettelsen blev ikke gemt: %(errors)s") % {"errors": form.errors.as_text()})
        if request.htmx:
            suggestion.form = form
            return _render(request, "coding/suggestions/_item.html", {"item": suggestion}, status=400)
    suggestion.refresh_from_db()
    return _decided(request, suggestion, passage)


@login_required
@require_POST
def suggestion_reject(request, pk):
    _require_coder(request.user)
    suggestion = suggestions.get_visible_suggestion_or_404(request.user, pk)
    try:
        suggestions.suggestion_reject(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    suggestion.refresh_from_db()
    return _decided(request, suggestion)


@login_required
@require_GET
def suggestion_queue(request):
    """Active learning: the pending suggestions the model is least sure of, first."""
    _require_coder(request.user)
    page = Paginator(suggestions.least_certain_queue(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = _with_forms(page.object_list)
    return _render(request, "coding/suggestions/queue.html", {"page": page})


# --- the model and its retraining --------------------------------------------------------------------


@login_required
@require_GET
def coder_models(request):
    _require_coder(request.user)
    context = {
        "models": CoderModel.objects.order_by("-trained_at")[:20],
        "job": RetrainingJob.objects.order_by("-created_at").first(),
    }
    return _render(request, "coding/suggestions/models.html", context)


@login_required
@require_POST
def retrain(request):
    """Start a background retraining (or show the one already running); never trains in the request."""
    _require_coder(request.user)
    job = tasks.retraining_start(user=request.user)
    if request.htmx:
        return _render(request, "coding/suggestions/_job.html", {"job": job})
    messages.success(request, _("Genoptræningen er startet i baggrunden."))
    return redirect(_next_url(request, reverse("coding_rounds:models")))


@login_required
@require_GET
def retrain_status(request, pk):
    _require_coder(request.user)
    job = get_object_or_404(RetrainingJob, pk=pk)
    return _render(request, "coding/suggestions/_job.html", {"job": job})
