from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import permissions
from analysis import results
from analysis.computations.charts import balance_chart
from analysis.models import Degree
from fieldwork import selectors
from pages.selectors import balance_rows, site_chart
from pages.site_records import site_records
from registry.dates import left_notice


def _has_report(visit) -> bool:
    return getattr(visit, "report", None) is not None


@login_required
def site_detail(request, pk):
    """The site page: profile, people over time, timeline, driver balance, open trial actions."""
    site = permissions.get_visible_site_or_404(request.user, pk=pk)
    records = site_records(site)
    status = results.site_status(site.code)
    balance = balance_chart(status.balance_over_time)
    timeline = records.timeline
    selectors.show_meeting_titles(request.user, (e.obj for e in timeline if e.kind == "meeting"))
    classification = status.classification
    return render(
        request,
        "pages/site_detail.html",
        {
            "site": site,
            "departments": records.departments,
            "team": records.team,
            "assignments": records.assignments,
            "timeline": timeline,
            "events": [e.obj for e in timeline if e.kind == "event"],
            "drivers": records.drivers,
            "balance": balance_rows(balance, records.drivers),
            "chart": site_chart(balance),
            "assessment": records.assessment,
            "attention_points": records.attention_points,
            "open_actions": selectors.trial_actions_of(site, (a.id for a in status.open_trial_actions)),
            "readable_reports": permissions.readable_report_ids(
                request.user, (e.obj.report.pk for e in timeline if e.kind == "visit" and _has_report(e.obj))
            ),
            "degree_label": dict(Degree.choices).get(classification.degree, ""),
            "degree_reasons": classification.provisional_reasons,
            "can_edit": permissions.allows_on_site(request.user, "change", "fieldwork", site),
            "can_update_actions": permissions.can_update_trial_actions(request.user, site),
            "left_notice": left_notice(site),
            "can_edit_registry": permissions.allows_on_site(request.user, "change", "site_profile", site),
            "can_plan": permissions.allows_on_site(request.user, "change", "visit_plan", site),
            "can_manage": permissions.can_manage_sites(request.user),
            "can_assess": permissions.can_assess_sites(request.user),
        },
    )
