from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import permissions
from analysis import results
from analysis.computations.charts import balance_chart
from analysis.models import Degree
from audit import data_version
from audit.fragments import cached_fragment
from fieldwork import selectors
from pages.selectors import balance_rows, site_chart
from pages.site_records import site_records
from registry.dates import left_notice


def _has_report(visit) -> bool:
    return getattr(visit, "report", None) is not None


@login_required
def site_detail(request, pk):
    """The site page: profile, people over time, timeline, driver balance, open trial actions.

    Its content is rendered once per version of the site's data (apart from report texts) and per
    set of decisions taken for the reader, and shown from the shared cache until either changes.
    """
    site = permissions.get_visible_site_or_404(request.user, pk=pk)
    records = site_records(site)
    timeline = records.timeline
    meetings = [e.obj for e in timeline if e.kind == "meeting"]
    selectors.show_meeting_titles(request.user, meetings)
    readable = sorted(
        permissions.readable_report_ids(
            request.user, (e.obj.report.pk for e in timeline if e.kind == "visit" and _has_report(e.obj))
        )
    )
    flags = {
        "can_edit": permissions.allows_on_site(request.user, "change", "fieldwork", site),
        "can_update_actions": permissions.can_update_trial_actions(request.user, site),
        "can_edit_registry": permissions.allows_on_site(request.user, "change", "site_profile", site),
        "can_plan": permissions.allows_on_site(request.user, "change", "visit_plan", site),
        "can_manage": permissions.can_manage_sites(request.user),
        "can_assess": permissions.can_assess_sites(request.user),
    }

    def content() -> str:
        status = results.site_status(site.code)
        balance = balance_chart(status.balance_over_time)
        classification = status.classification
        return render_to_string(
            "pages/_site_body.html",
            {
                **flags,
                "readable_reports": set(readable),
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
                "degree_label": dict(Degree.choices).get(classification.degree, ""),
                "degree_reasons": classification.provisional_reasons,
                "left_notice": left_notice(site),
            },
        )

    shown = (
        site.pk,
        data_version.site_version_without_texts(site.code),
        timezone.localdate(),
        [(meeting.pk, meeting.shown_title) for meeting in meetings],
        readable,
        sorted(flags.items()),
    )
    return render(
        request, "pages/site_detail.html", {"site": site, "body": cached_fragment("site", shown, content)}
    )
