from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import Role
from accounts.paging import paginate, sort_links
from analysis.models import Degree
from analysis.results import site_degrees
from audit import data_version
from audit.fragments import cached_fragment
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
    """Each role's start page: the overview of sites, the consultant's sites, the team's site.

    The overview is rendered once per version of the data (apart from report texts), day, filter
    and set of sites the reader sees, and shown from the shared cache until one of them changes.
    """
    role = permissions.role_of(request.user)
    if permissions.own_site_id(request.user) is not None:
        return redirect("registry:site_detail", pk=request.user.site_id)
    if role == Role.PROVIDER:
        return render(
            request,
            "pages/home_provider.html",
            {"analysis_url": _first_url("analysis:index", "analysis:overview")},
        )
    consultant = role == Role.CONSULTANT
    visible = permissions.visible_sites(request.user)
    scope = permissions.site_ids_in_scope(request.user, "view", "site")
    can_manage = permissions.can_manage_sites(request.user)
    degrees = None if consultant else site_degrees(compute_up_to=INLINE_DEGREE_LIMIT)

    def content() -> str:
        form = SiteOverviewFilterForm(request.GET or None)
        filters = form.filters()
        sites = site_overview(visible, **filters)
        page, query_string = paginate(request, sites, per_page=25)
        context = {
            "form": form,
            "page_obj": page,
            "query_string": query_string,
            "sort": sort_links(request, OVERVIEW_ORDERS, filters["order"], filters.get("descending", False)),
            "overdue": overdue_visits(visible)[:OVERDUE_SHOWN],
            "can_manage": can_manage,
        }
        if consultant:
            context["coming"] = coming_visits(visible)[:10]
            return render_to_string("pages/_home_consultant_body.html", context)
        if degrees is not None:
            labels = dict(Degree.choices)
            for site in page:
                site.degree_label = labels.get(degrees.get(site.code), "")
        context.update(show_degree=degrees is not None, analysis_url=_first_url("analysis:index"))
        return render_to_string("pages/_home_body.html", context)

    shown = (
        consultant,
        "all" if scope is None else sorted(scope),
        data_version.current_without_texts(),
        # The degrees come from the analysis of the data as they are, report texts included.
        data_version.current() if degrees is not None else None,
        timezone.localdate(),
        sorted(request.GET.lists()),
        can_manage,
    )
    body = cached_fragment("home", shown, content)
    return render(request, "pages/home_consultant.html" if consultant else "pages/home.html", {"body": body})
