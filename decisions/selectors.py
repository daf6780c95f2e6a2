"""Reads for decision support: the analysis's records and results (analysis.results) turned into
the plain data of decisions/history.py and decisions/advice.py, and the decision tables themselves."""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from accounts import permissions
from accounts.pseudonyms import anonymous_text
from analysis import results
from analysis.computations.charts import BalanceChart, balance_chart
from codebook.models import Code
from decisions import alerts as alert_rules
from decisions import dashboard, readiness
from decisions.advice import PromoterRecord
from decisions.history import SiteHistory, history_from_records
from decisions.models import SEVERITY_ORDER, AlertRule, ReadinessAssessment
from registry.models import Programme, Site, TeamMember


def site_history(site: Site) -> SiteHistory:
    """Everything the alert rules and the dashboard read about one site: the analysis's records of
    the site for this data version (analysis.results), not a reading of their own."""
    return history_from_records(results.site_input(site.code), site.code, timezone.localdate())


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
    balance: BalanceChart
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
        balance=balance_chart(status.balance_over_time),
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
    """Every coded promoter of the given sites in the analysis's records (reports and the joint
    meetings attributed to them), without person names: advice is read across sites, so it quotes
    no one, not even the registered team members the name heuristic would miss."""
    known: dict[str, str] = {}
    for name in TeamMember.objects.filter(site__code__in=site_codes).values_list("name", flat=True):
        known[name] = name
        known.setdefault(name.split()[0], name)
    return [
        PromoterRecord(
            site=factor.site,
            driver=factor.driver,
            mechanism=factor.mechanism,
            statement=anonymous_text(factor.statement, known),
        )
        for code in sorted(site_codes)
        for factor in results.site_input(code).factors
        if factor.site == code and factor.valence == "promoter" and factor.driver
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
