"""The degree of each site on the start and site pages, from the analysis, cached per data version."""

from django.core.cache import cache
from django.db.models import Count, Max

from analysis.models import DegreeOverride
from analysis.services import analyse, site_status
from coding.models import CodedPassage
from fieldwork.models import Factor, ImplementationReport, TrialAction
from registry.models import Site

DEGREE_CACHE_SECONDS = 600
INLINE_DEGREE_LIMIT = 300


def _data_fingerprint() -> tuple[str, int]:
    """Changes whenever sites, reports, statements, trial actions, codings or overrides are added."""
    marks = [
        Site.objects.aggregate(n=Count("pk"), m=Max("pk")),
        ImplementationReport.objects.aggregate(m=Max("pk")),
        Factor.objects.aggregate(m=Max("pk")),
        TrialAction.objects.aggregate(m=Max("pk")),
        CodedPassage.objects.aggregate(m=Max("pk")),
        DegreeOverride.objects.aggregate(m=Max("pk")),
    ]
    return ":".join(str(value) for mark in marks for value in mark.values()), marks[0]["n"]


def site_degrees() -> dict[str, str | None] | None:
    """Site code → degree of goal-directed implementation (high/some/low/None) from the analysis.

    Cached for ten minutes and recomputed when data are added. With more sites than a page request
    should analyse, None: the analysis pages show the degrees then.
    """
    fingerprint, site_count = _data_fingerprint()
    key = "drivkraft:site-degrees:" + fingerprint.replace(" ", "_")
    degrees = cache.get(key)
    if degrees is not None:
        return degrees
    if site_count > INLINE_DEGREE_LIMIT:
        return None
    degrees = {summary.code: summary.degree for summary in analyse(None).sites}
    cache.set(key, degrees, DEGREE_CACHE_SECONDS)
    return degrees


def site_degree(site) -> str | None:
    """One site's degree: from the cached table when there is one, else analysed for this site alone."""
    degrees = site_degrees()
    if degrees is not None:
        return degrees.get(site.code)
    key = f"drivkraft:site-degree:{_data_fingerprint()[0]}:{site.code}"
    degree = cache.get(key, "?")
    if degree == "?":
        degree = site_status(site.code).classification.degree
        cache.set(key, degree, DEGREE_CACHE_SECONDS)
    return degree


def site_degree_reasons(site) -> list[str]:
    """Why one site's degree is provisional (Danish sentences; empty when it is not), cached like
    the degree until data are added."""
    key = f"drivkraft:site-degree-reasons:{_data_fingerprint()[0]}:{site.code}"
    reasons = cache.get(key)
    if reasons is None:
        reasons = site_status(site.code).classification.provisional_reasons
        cache.set(key, reasons, DEGREE_CACHE_SECONDS)
    return reasons
