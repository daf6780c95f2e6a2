from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from accounts import permissions
from analysis import results
from analysis.computations.charts import balance_chart
from analysis.models import Degree
from codebook.models import Code
from fieldwork import selectors
from fieldwork.models import SiteAssessment
from pages.selectors import balance_rows, site_chart
from registry.dates import left_notice
from registry.models import ConsultantAssignment, TeamMember


@login_required
def site_detail(request, pk):
    """The site page: profile, people over time, timeline, driver balance, open trial actions."""
    site = permissions.get_visible_site_or_404(request.user, pk=pk)
    drivers = list(Code.objects.filter(kind="driver").order_by("sort_order", "key"))
    status = results.site_status(site.code)
    balance = balance_chart(status.balance_over_time)
    latest_assessment = (
        SiteAssessment.objects.filter(site=site)
        .prefetch_related(
            Prefetch("attention_points_worked", queryset=Code.objects.order_by("number", "sort_order"))
        )
        .order_by("-assessed_on")
        .first()
    )
    worked = {c.pk for c in latest_assessment.attention_points_worked.all()} if latest_assessment else set()
    attention_points = [
        (point, point.pk in worked)
        for point in Code.objects.filter(kind="attention_point").select_related("parent").order_by("number")
    ]
    timeline = selectors.site_timeline(site)
    selectors.show_meeting_titles(request.user, (e.obj for e in timeline if e.kind == "meeting"))
    classification = status.classification
    return render(
        request,
        "pages/site_detail.html",
        {
            "site": site,
            "departments": site.departments.all(),
            "team": TeamMember.objects.filter(site=site).order_by("-ends_on", "starts_on", "name"),
            "assignments": ConsultantAssignment.objects.filter(site=site)
            .select_related("consultant")
            .order_by("starts_on"),
            "timeline": timeline,
            "events": [e.obj for e in timeline if e.kind == "event"],
            "drivers": drivers,
            "balance": balance_rows(balance, drivers),
            "chart": site_chart(balance),
            "assessment": latest_assessment,
            "attention_points": attention_points,
            "open_actions": selectors.trial_actions_of(site, (a.id for a in status.open_trial_actions)),
            "readable_reports": set(
                permissions.visible_reports(request.user)
                .filter(visit__site=site)
                .values_list("pk", flat=True)
            ),
            "degree_label": dict(Degree.choices).get(classification.degree, ""),
            "degree_reasons": classification.provisional_reasons,
            "can_edit": permissions.editable_sites(request.user).filter(pk=site.pk).exists(),
            "can_update_actions": permissions.can_update_trial_actions(request.user, site),
            "left_notice": left_notice(site),
            "can_edit_registry": permissions.registry_editable_sites(request.user)
            .filter(pk=site.pk)
            .exists(),
            "can_plan": permissions.planning_sites(request.user).filter(pk=site.pk).exists(),
            "can_manage": permissions.can_manage_sites(request.user),
            "can_assess": permissions.can_assess_sites(request.user),
        },
    )
