"""The planning pages: a site's visit plan beside what was held, external events and pressures
(one site or all), the evaluator's assessments and scores, and cancelling a visit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from fieldwork import services, site_records
from fieldwork.models import ExternalEvent, Score, SiteAssessment, VisitStatus
from fieldwork.site_forms import AssessmentForm, CancelVisitForm, EventForm, ScoreForm, VisitPlanForm
from fieldwork.views._common import _apply_errors, _editable_visit_or_404, _tell_masked
from registry import services as registry_services


@login_required
@require_http_methods(["GET", "POST"])
def visit_plan(request, site_pk):
    site = permissions.get_planning_site_or_404(request.user, pk=site_pk)
    form = VisitPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registry_services.visit_plan_set(site=site, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Besøgsplanen er gemt."))
            return redirect("fieldwork:visit_plan", site_pk=site.pk)
    return render(
        request,
        "fieldwork/visit_plan.html",
        {"site": site, "form": form, "years": site_records.visit_plan_years(site)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_events(request, site_pk):
    """The site's external events and pressures, those of all sites too, and a form to add one."""
    site = permissions.get_planning_site_or_404(request.user, pk=site_pk)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            site_records.event_save(site=site, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Begivenheden er gemt."))
            return redirect("fieldwork:site_events", site_pk=site.pk)
    events = ExternalEvent.objects.filter(site=site) | ExternalEvent.objects.filter(site__isnull=True)
    return render(
        request,
        "fieldwork/event_list.html",
        {"site": site, "form": form, "events": events.select_related("site").order_by("-starts_on")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_list(request):
    """Events for every site (or one): evaluators and administrators."""
    if not permissions.can_manage_sites(request.user):
        raise Http404("Ingen side her.")
    form = EventForm(request.POST or None, sites=permissions.visible_sites(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            site_records.event_save(**form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Begivenheden er gemt."))
            return redirect("fieldwork:event_list")
    events = ExternalEvent.objects.select_related("site").order_by("-starts_on")
    return render(request, "fieldwork/event_list.html", {"site": None, "form": form, "events": events})


def _editable_event_or_404(user, pk) -> ExternalEvent:
    event = get_object_or_404(ExternalEvent.objects.select_related("site"), pk=pk)
    if event.site_id is None and permissions.can_manage_sites(user):
        return event
    if event.site_id is not None and permissions.planning_sites(user).filter(pk=event.site_id).exists():
        return event
    raise Http404("Ingen begivenhed med det id.")


@login_required
@require_http_methods(["GET", "POST"])
def event_update(request, pk):
    event = _editable_event_or_404(request.user, pk)
    initial = {
        "kind": event.kind,
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "description": event.description,
    }
    form = EventForm(request.POST or None, initial=initial)
    back = (
        ("fieldwork:site_events", {"site_pk": event.site_id})
        if event.site_id
        else ("fieldwork:event_list", {})
    )
    if request.method == "POST" and form.is_valid():
        try:
            site_records.event_save(site=event.site, event=event, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Begivenheden er gemt."))
            return redirect(back[0], **back[1])
    return render(request, "fieldwork/event_form.html", {"event": event, "site": event.site, "form": form})


@login_required
@require_POST
def event_delete(request, pk):
    event = _editable_event_or_404(request.user, pk)
    site_id = event.site_id
    site_records.event_delete(event=event)
    messages.success(request, _("Begivenheden er slettet."))
    if site_id:
        return redirect("fieldwork:site_events", site_pk=site_id)
    return redirect("fieldwork:event_list")


@login_required
@require_http_methods(["GET", "POST"])
def site_assessments(request, site_pk):
    """The evaluator's assessments and scores of a site, each with its date or period."""
    site = permissions.get_assessable_site_or_404(request.user, pk=site_pk)
    which = request.POST.get("form") if request.method == "POST" else None
    assessment_form = AssessmentForm(request.POST if which == "assessment" else None, site=site, prefix="a")
    score_form = ScoreForm(request.POST if which == "score" else None, site=site, prefix="s")
    if which == "assessment" and assessment_form.is_valid():
        try:
            site_records.site_assessment_create(
                site=site, assessor=request.user, **assessment_form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(assessment_form, error)
        else:
            messages.success(request, _("Vurderingen er gemt."))
            return redirect("fieldwork:site_assessments", site_pk=site.pk)
    if which == "score" and score_form.is_valid():
        try:
            site_records.score_create(site=site, **score_form.cleaned_data)
        except ValidationError as error:
            _apply_errors(score_form, error)
        else:
            messages.success(request, _("Scoren er gemt."))
            return redirect("fieldwork:site_assessments", site_pk=site.pk)
    return render(
        request,
        "fieldwork/assessments.html",
        {
            "site": site,
            "assessment_form": assessment_form,
            "score_form": score_form,
            "assessments": SiteAssessment.objects.filter(site=site)
            .prefetch_related("attention_points_worked")
            .order_by("-assessed_on"),
            "scores": Score.objects.filter(site=site).order_by("-period_start"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_cancel(request, pk):
    visit = _editable_visit_or_404(request.user, pk)
    if visit.status != VisitStatus.PLANNED:
        messages.info(request, _("Kun et planlagt besøg kan aflyses."))
        return redirect("fieldwork:visit_detail", pk=visit.pk)
    form = CancelVisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.visit_cancel(visit=visit, reason=form.cleaned_data["cancel_reason"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            _tell_masked(request, saved.masked)
            messages.success(request, _("Besøget er aflyst."))
            return redirect("fieldwork:visit_detail", pk=visit.pk)
    return render(request, "fieldwork/visit_cancel.html", {"visit": visit, "site": visit.site, "form": form})
