"""Decision support pages: the site dashboard, advice per driver and the readiness self-assessment.

Access to a site goes through accounts.permissions (another site's id answers 404). The readiness
self-assessment is public: anyone may fill it in, and a saved one is reached through its secret link
or, when tied to a site, by those who may see that site.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions
from accounts.ratelimit import limited
from decisions import presentation, readiness, selectors, services
from decisions.advice import driver_advice
from decisions.forms import ReadinessForm

NEW_TOKEN_SESSION_KEY = "decisions_new_readiness"
# A home fills in the form a few times; a flood is refused before anything is stored.
ANONYMOUS_LIMIT = {"per_address": 10, "in_total": 60, "window_seconds": 15 * 60}


@login_required
def index(request):
    """The dashboards the user may open; a team member goes straight to their site's."""
    own_site_id = permissions.own_site_id(request.user)
    if own_site_id is not None:
        return redirect("decisions:dashboard", site_id=own_site_id)
    sites = permissions.visible_sites(request.user).select_related("programme").order_by("code")
    can_edit_rules = permissions.can(request.user, "change", "alert_rule")
    return render(request, "decisions/index.html", {"sites": sites, "can_edit_rules": can_edit_rules})


@login_required
def dashboard(request, site_id: int):
    site = permissions.get_visible_site_or_404(request.user, pk=site_id)
    board = selectors.site_dashboard(site)
    context = presentation.dashboard_page(board, {code.key: code for code in selectors.drivers()})
    context.update(
        site=site,
        assessments=selectors.site_assessments(site),
        can_update=permissions.can_update_trial_actions(request.user, site),
    )
    return render(request, "decisions/dashboard.html", context)


@login_required
def advice_index(request):
    return render(
        request,
        "decisions/advice_index.html",
        {"drivers": selectors.drivers(), "points": selectors.attention_points()},
    )


@login_required
def advice(request, driver: str):
    """The attention points of a driver and what worked at the high-group sites, aggregated."""
    drivers = {code.key: code for code in selectors.drivers()}
    if driver not in drivers:
        raise Http404(_("Ingen driver med det navn."))
    high = selectors.high_group()
    visible = selectors.visible_site_codes(request.user)
    result = driver_advice(
        selectors.high_group_promoters(high.codes),
        drivers=(driver,),
        visible=visible,
        hidden_names=selectors.hidden_site_names(visible),
    )[0]
    mechanisms = {code.key: code for code in selectors.mechanisms()}
    return render(
        request,
        "decisions/advice.html",
        {
            "driver": drivers[driver],
            "drivers": drivers.values(),
            "points": [
                (point, high.worked.get(point.number, 0))
                for point in selectors.attention_points()
                if point.parent_id == drivers[driver].pk
            ],
            "advice": result,
            "mechanisms": [(mechanisms.get(item.mechanism), item) for item in result.mechanisms],
            "high_count": len(high.codes),
            "quote": permissions.can_see_free_text(request.user),
        },
    )


def _form(request, *, initial=None):
    return ReadinessForm(
        request.POST or None,
        initial=initial,
        questionnaire=readiness.load_questionnaire(),
        programmes=selectors.programme_choices(),
    )


def _save(request, form, previous=None):
    if not request.user.is_authenticated and limited(request, scope="readiness", **ANONYMOUS_LIMIT):
        form.add_error(
            None,
            _("Der er sendt for mange selvvurderinger på kort tid. Vent et kvarter, og prøv så igen."),
        )
        request.rate_limited = True
        return None
    try:
        saved = services.readiness_assessment_create(
            answers=form.answers(),
            programme_code=form.cleaned_data["programme_code"],
            label=form.cleaned_data["label"],
            user=request.user,
            previous=previous,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    if saved.masked:
        messages.warning(request, _("Et CPR-nummer i betegnelsen blev fjernet, før vurderingen blev gemt."))
    request.session[NEW_TOKEN_SESSION_KEY] = saved.assessment.token_hash
    return redirect("decisions:readiness_result", token=saved.token)


@require_http_methods(["GET", "POST"])
def readiness_start(request):
    """The self-assessment form; open to everyone, no account needed."""
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form)
        if response is not None:
            return response
    return render(
        request,
        "decisions/readiness_form.html",
        {"form": form, "previous": None},
        status=429 if getattr(request, "rate_limited", False) else 200,
    )


def _by_token(token: str):
    assessment = selectors.readiness_by_token(token)
    if assessment is None:
        raise Http404(_("Ingen vurdering med det link."))
    return assessment


def _by_pk(request, pk: int):
    assessment = selectors.readiness_visible(request.user, pk)
    if assessment is None:
        raise Http404(_("Ingen vurdering med det id."))
    return assessment


def _page(assessment) -> dict:
    return presentation.readiness_page(
        assessment,
        readiness.load_questionnaire(),
        points={point.number: point for point in selectors.attention_points()},
        drivers={code.key: presentation.code_label(code) for code in selectors.drivers()},
        programmes=selectors.programmes_by_code(),
    )


def _result(request, assessment, *, pdf_url: str, repeat_url: str, token: str = ""):
    fresh = token and request.session.get(NEW_TOKEN_SESSION_KEY) == assessment.token_hash
    if fresh:
        del request.session[NEW_TOKEN_SESSION_KEY]
    context = {
        "assessment": assessment,
        "page": _page(assessment),
        "pdf_url": pdf_url,
        "repeat_url": repeat_url,
        "secret_url": request.build_absolute_uri() if fresh else "",
    }
    return render(request, "decisions/readiness_result.html", context)


def _pdf(request, assessment) -> HttpResponse:
    # WeasyPrint takes seconds to import; only the PDF download should pay for it.
    from weasyprint import HTML  # noqa: PLC0415

    html = render_to_string(
        "decisions/readiness_pdf.html", {"assessment": assessment, "page": _page(assessment)}, request=request
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="parathed-{assessment.created_at:%Y-%m-%d}.pdf"'
    return response


def _repeat(request, previous, *, back_url: str):
    initial = ReadinessForm.initial_from(
        previous.answers, label=previous.label, programme_code=previous.programme_code
    )
    form = _form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, previous=previous)
        if response is not None:
            return response
    return render(
        request,
        "decisions/readiness_form.html",
        {"form": form, "previous": previous, "back_url": back_url},
        status=429 if getattr(request, "rate_limited", False) else 200,
    )


def readiness_result(request, token: str):
    assessment = _by_token(token)
    return _result(
        request,
        assessment,
        pdf_url=reverse("decisions:readiness_pdf", kwargs={"token": token}),
        repeat_url=reverse("decisions:readiness_repeat", kwargs={"token": token}),
        token=token,
    )


def readiness_pdf(request, token: str):
    return _pdf(request, _by_token(token))


@require_http_methods(["GET", "POST"])
def readiness_repeat(request, token: str):
    return _repeat(
        request, _by_token(token), back_url=reverse("decisions:readiness_result", kwargs={"token": token})
    )


@login_required
def readiness_saved(request, pk: int):
    assessment = _by_pk(request, pk)
    return _result(
        request,
        assessment,
        pdf_url=reverse("decisions:readiness_saved_pdf", kwargs={"pk": pk}),
        repeat_url=reverse("decisions:readiness_saved_repeat", kwargs={"pk": pk}),
    )


@login_required
def readiness_saved_pdf(request, pk: int):
    return _pdf(request, _by_pk(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def readiness_saved_repeat(request, pk: int):
    return _repeat(
        request, _by_pk(request, pk), back_url=reverse("decisions:readiness_saved", kwargs={"pk": pk})
    )
