from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from accounts import permissions
from accounts.models import Role
from accounts.paging import paginate, sort_links
from analysis.models import Degree
from analysis.results import site_degrees
from fieldwork.selectors import OVERVIEW_ORDERS, coming_visits, site_overview
from fieldwork.site_records import overdue_visits
from pages.forms import SiteOverviewFilterForm

OVERDUE_SHOWN = 20
# More sites than this and the start page shows degrees only once the analysis is cached.
INLINE_DEGREE_LIMIT = 300


def _first_url(*names: str) -> str | None:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@login_required
def home(request):
    """Each role's start page: the overview of sites, the consultant's sites, the team's site."""
    role = permissions.role_of(request.user)
    if permissions.own_site_id(request.user) is not None:
        return redirect("registry:site_detail", pk=request.user.site_id)
    if role == Role.PROVIDER:
        return render(
            request,
            "pages/home_provider.html",
            {"analysis_url": _first_url("analysis:index", "analysis:overview")},
        )
    form = SiteOverviewFilterForm(request.GET or None)
    sites = site_overview(permissions.visible_sites(request.user), **form.filters())
    page, query_string = paginate(request, sites, per_page=25)
    filters = form.filters()
    context = {
        "form": form,
        "page_obj": page,
        "query_string": query_string,
        "sort": sort_links(request, OVERVIEW_ORDERS, filters["order"], filters.get("descending", False)),
        "overdue": overdue_visits(permissions.visible_sites(request.user))[:OVERDUE_SHOWN],
        "can_manage": permissions.can_manage_sites(request.user),
    }
    if role == Role.CONSULTANT:
        context["coming"] = coming_visits(permissions.visible_sites(request.user))[:10]
        return render(request, "pages/home_consultant.html", context)
    degrees = site_degrees(compute_up_to=INLINE_DEGREE_LIMIT)
    if degrees is not None:
        labels = dict(Degree.choices)
        for site in page:
            site.degree_label = labels.get(degrees.get(site.code), "")
    context.update(show_degree=degrees is not None, analysis_url=_first_url("analysis:index"))
    return render(request, "pages/home.html", context)
