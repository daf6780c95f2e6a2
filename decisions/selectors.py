"""Reads for decision support: the database turned into the plain data of decisions/history.py."""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from accounts import permissions
from accounts.pseudonyms import anonymous_text
from analysis import results
from codebook.models import Code
from decisions import alerts as alert_rules
from decisions import dashboard, readiness
from decisions.advice import PromoterRecord
from decisions.history import (
    AssessmentRecord,
    EventRecord,
    FactorRecord,
    SiteHistory,
    TeamRecord,
    TrialRecord,
    VisitRecord,
)
from decisions.models import SEVERITY_ORDER, AlertRule, ReadinessAssessment
from fieldwork.models import (
    PHASE_ORDER,
    ExternalEvent,
    Factor,
    ReportSection,
    SiteAssessment,
    TrialAction,
    Visit,
    VisitStatus,
)
from registry.models import Programme, Site, TeamMember


def site_history(site: Site) -> SiteHistory:
    """Everything the alert rules and the dashboard read about one site, in six queries."""
    held = list(
        Visit.objects.filter(site=site, status=VisitStatus.HELD)
        .select_related("report")
        .order_by("held_on", "pk")
        .only("pk", "held_on", "phase", "report__anchoring")
    )
    texts: dict[int, list[str]] = defaultdict(list)
    for visit_id, text in ReportSection.objects.filter(report__visit__in=held).values_list(
        "report__visit_id", "text"
    ):
        texts[visit_id].append(text)
    factors = []
    for row in (
        Factor.objects.filter(report__visit__in=held)
        .values("report__visit_id", "valence", "statement", "quote", "driver__key", "mechanism__key")
        .order_by("pk")
    ):
        texts[row["report__visit_id"]].extend([row["statement"], row["quote"]])
        factors.append(
            FactorRecord(
                visit_id=row["report__visit_id"],
                valence=row["valence"],
                statement=row["statement"],
                driver=row["driver__key"] or "",
                mechanism=row["mechanism__key"] or "",
            )
        )
    trials = []
    for row in (
        TrialAction.objects.filter(agreed_at__site=site)
        .values("pk", "agreed_at_id", "aim", "description", "followed_up_at_id", "outcome", "driver__key")
        .order_by("agreed_at__planned_on", "pk")
    ):
        texts[row["agreed_at_id"]].extend([row["aim"], row["description"]])
        trials.append(
            TrialRecord(
                agreed_visit_id=row["agreed_at_id"],
                aim=row["aim"],
                followed_up_visit_id=row["followed_up_at_id"],
                outcome=row["outcome"],
                driver=row["driver__key"] or "",
                trial_id=row["pk"],
            )
        )
    visits = tuple(
        VisitRecord(
            visit_id=visit.pk,
            held_on=visit.held_on,
            phase=visit.phase,
            phase_rank=PHASE_ORDER.get(visit.phase),
            anchoring=getattr(getattr(visit, "report", None), "anchoring", None),
            text="\n".join(text for text in texts.get(visit.pk, []) if text),
        )
        for visit in held
    )
    other = (
        Visit.objects.filter(site=site).exclude(status=VisitStatus.HELD).values_list("status", "planned_on")
    )
    today = timezone.localdate()
    upcoming = sorted(day for status, day in other if status == VisitStatus.PLANNED and day >= today)
    return SiteHistory(
        visits=visits,
        factors=tuple(factors),
        trial_actions=tuple(trials),
        team=tuple(
            TeamRecord(role, starts_on, ends_on)
            for role, starts_on, ends_on in TeamMember.objects.filter(site=site).values_list(
                "role", "starts_on", "ends_on"
            )
        ),
        events=tuple(
            EventRecord(kind, starts_on, ends_on, description)
            for kind, starts_on, ends_on, description in ExternalEvent.objects.filter(
                Q(site=site) | Q(site__isnull=True)
            ).values_list("kind", "starts_on", "ends_on", "description")
        ),
        assessments=tuple(
            AssessmentRecord(day, style, culture)
            for day, style, culture in SiteAssessment.objects.filter(site=site).values_list(
                "assessed_on", "leadership_style", "culture_type"
            )
        ),
        cancelled=tuple(sorted(day for status, day in other if status == VisitStatus.CANCELLED)),
        next_planned=upcoming[0] if upcoming else None,
    )


@dataclass(frozen=True)
class Alert:
    """A rule of the alert table that fired for a site, with the data that triggered it."""

    rule: AlertRule
    evidence: tuple[alert_rules.Evidence, ...]

    @property
    def title(self) -> str:
        if translation.get_language() == "en" and self.rule.title_en:
            return self.rule.title_en
        return self.rule.title_da

    @property
    def explanation(self) -> str:
        if translation.get_language() == "en" and self.rule.explanation_en:
            return self.rule.explanation_en
        return self.rule.explanation_da


def enabled_rules() -> list[AlertRule]:
    return list(AlertRule.objects.filter(enabled=True).select_related("attention_point__parent"))


def alert_table(user) -> list[AlertRule]:
    """The whole alert table, for those who may tune it (others get an empty list)."""
    if not permissions.can(user, "change", "alert_rule"):
        return []
    return list(AlertRule.objects.select_related("attention_point", "updated_by"))


def get_alert_rule_or_404(user, pk: int) -> AlertRule:
    if not permissions.can(user, "change", "alert_rule"):
        raise Http404
    return get_object_or_404(AlertRule.objects.select_related("attention_point", "updated_by"), pk=pk)


def site_alerts(history: SiteHistory, rules: list[AlertRule] | None = None) -> list[Alert]:
    """The enabled rules that fire for the history, most severe first."""
    fired = []
    for rule in enabled_rules() if rules is None else rules:
        finding = alert_rules.evaluate(rule.kind, rule.parameters, history)
        if finding is not None:
            fired.append(Alert(rule=rule, evidence=finding.evidence))
    return sorted(
        fired, key=lambda alert: (SEVERITY_ORDER.get(alert.rule.severity, 9), alert.rule.sort_order)
    )


def attention_points() -> list[Code]:
    return list(Code.objects.filter(kind="attention_point").select_related("parent").order_by("number"))


def drivers() -> list[Code]:
    return list(Code.objects.filter(kind="driver").order_by("sort_order"))


def mechanisms() -> list[Code]:
    return list(Code.objects.filter(kind="mechanism").select_related("parent").order_by("sort_order"))


def programmes_by_code() -> dict[str, Programme]:
    return {programme.code: programme for programme in Programme.objects.all()}


def programme_choices() -> list[tuple[str, str]]:
    """The programmes to choose between: the registry's rows, else the questionnaire's own."""
    rows = [(programme.code, programme.name) for programme in Programme.objects.order_by("code")]
    if rows:
        return rows
    data = readiness.load_questionnaire()["programmes"]
    return [(code, entry["name"]) for code, entry in data.items() if code != "criteria"]


@dataclass(frozen=True)
class SiteDashboard:
    """Everything the dashboard of one site shows; `degree` and `points_not_worked` come from the
    analysis layer's site status."""

    site: Site
    history: SiteHistory
    alerts: list[Alert]
    standing: dashboard.Standing
    changes: dashboard.Changes
    balance: tuple[dashboard.BalancePoint, ...]
    due: tuple[dashboard.DueAction, ...]
    degree: str | None
    points_not_worked: list[Code]


def site_dashboard(site: Site) -> SiteDashboard:
    history = site_history(site)
    status = results.site_status(site.code)
    not_worked = {point["number"] for point in status.attention_points_not_worked}
    return SiteDashboard(
        site=site,
        history=history,
        alerts=site_alerts(history),
        standing=dashboard.standing(history),
        changes=dashboard.changes_since_last_visit(history),
        balance=dashboard.balance_over_time(history),
        due=dashboard.trial_actions_due(history),
        degree=status.classification.degree,
        points_not_worked=[point for point in attention_points() if point.number in not_worked],
    )


@dataclass(frozen=True)
class HighGroup:
    """The sites the analysis places in the high group (degree after any evaluator override), and
    how many of them worked with each attention point."""

    codes: frozenset[str]
    worked: dict[int, int]


def high_group() -> HighGroup:
    result = results.analysis_result()
    codes = frozenset(result.sites_by_degree()["high"])
    worked: dict[int, int] = defaultdict(int)
    for site in result.attention_points.sites:
        if site.site in codes:
            for number in site.worked:
                worked[number] += 1
    return HighGroup(codes=codes, worked=dict(worked))


def high_group_promoters(site_codes: set[str]) -> list[PromoterRecord]:
    """Every coded promoter recorded at the given sites (reports and joint meetings), without person
    names: advice is read across sites, so it quotes no one."""
    rows = (
        Factor.objects.filter(valence="promoter", driver__isnull=False)
        .filter(Q(report__visit__site__code__in=site_codes) | Q(site__code__in=site_codes))
        .values_list("report__visit__site__code", "site__code", "driver__key", "mechanism__key", "statement")
    )
    return [
        PromoterRecord(
            site=report_site or meeting_site,
            driver=driver,
            mechanism=mechanism or "",
            statement=anonymous_text(statement),
        )
        for report_site, meeting_site, driver, mechanism, statement in rows
    ]


def visible_site_codes(user) -> set[str]:
    return set(permissions.visible_sites(user).values_list("code", flat=True))


def hidden_site_names(visible_codes: set[str]) -> set[str]:
    """Codes and names of every site outside `visible_codes`, so advice never quotes them: the name
    without parentheses, and its words after the first ("Opholdsstedet Egely" → "Egely")."""
    names = set()
    for code, name in Site.objects.exclude(code__in=visible_codes).values_list("code", "name"):
        bare = re.sub(r"\(.*?\)", "", name).strip()
        names.update({code, bare})
        names.update(word for word in bare.split()[1:] if len(word) >= 4)
    return names


def site_assessments(site: Site) -> list[ReadinessAssessment]:
    return list(site.readiness_assessments.select_related("created_by", "previous").order_by("-created_at"))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def readiness_by_token(token: str) -> ReadinessAssessment | None:
    """The assessment a secret link points to; the token itself is never stored."""
    if not token or len(token) > 100:
        return None
    return (
        ReadinessAssessment.objects.select_related("previous", "site")
        .filter(token_hash=token_hash(token))
        .first()
    )


def readiness_visible(user, pk: int) -> ReadinessAssessment | None:
    """A site-tied assessment, for those who may see its site."""
    return (
        ReadinessAssessment.objects.select_related("previous", "site")
        .filter(pk=pk, site__in=permissions.visible_sites(user))
        .first()
    )
