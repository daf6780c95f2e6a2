"""The analysis for the rest of Drivkraft: `analyse` and `site_status` (reads) and the evaluator's
confirmations, overrides and rule configuration (writes, atomic and audited by the signals)."""

import contextlib
import gc
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.privacy import mask_cpr
from analysis.computations.capacity import STATUSES
from analysis.computations.config import resolve_config
from analysis.computations.records import AnalysisInput
from analysis.computations.result import AnalysisResult, SiteStatus, run_analysis
from analysis.computations.result import site_status as compute_site_status
from analysis.models import CapacityRating, DegreeOverride, DegreeRuleConfig, MatrixRating
from analysis.selectors import active_config, analysis_input
from codebook.models import Code
from registry.models import Site


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the analysis allocates its many small records:
    they hold no reference cycles, and repeated full collections over them cost time that grows
    faster than the data."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyse(programme: str | None = None) -> AnalysisResult:
    """The whole analysis for one programme code ("MG", "RP") or all programmes (None or "all"),
    with the evaluator's confirmations, overrides and stored rule configuration applied."""
    scope = None if programme in (None, "", "all") else programme
    with gc_paused():
        return run_analysis(analysis_input(programme=scope), active_config(), scope)


def site_input(site_code: str) -> AnalysisInput:
    """One site's records (with its report texts); Site.DoesNotExist for an unknown code."""
    if not Site.objects.filter(code=site_code).exists():
        raise Site.DoesNotExist(site_code)
    return analysis_input(site_code=site_code)


def site_status(site_code: str, data: AnalysisInput | None = None) -> SiteStatus:
    """One site's status for its team before the next visit; Site.DoesNotExist for an unknown code."""
    data = site_input(site_code) if data is None else data
    return compute_site_status(data, active_config(), site_code)


def _masked(text: str) -> tuple[str, int]:
    masked = mask_cpr(text)
    return masked.text, masked.count


@transaction.atomic
def matrix_rating_confirm(
    *, site: Site, code: Code, rating: int | None, summary: str = "", proposed: int | None = None, user=None
) -> tuple[MatrixRating, int]:
    """Confirm (or correct) a matrix cell; returns the row and how many CPR numbers were masked."""
    text, masked = _masked(summary)
    row = MatrixRating.objects.filter(site=site, code=code).first() or MatrixRating(site=site, code=code)
    row.rating, row.proposed, row.summary, row.confirmed_by = rating, proposed, text, user
    row.full_clean()
    row.save()
    return row, masked


@transaction.atomic
def capacity_rating_confirm(
    *, site: Site, period: str, mechanism: Code, status: str, note: str = "", proposed: str = "", user=None
) -> tuple[CapacityRating, int]:
    if status not in STATUSES:
        raise ValidationError({"status": _("Ukendt status.")})
    text, masked = _masked(note)
    row = CapacityRating.objects.filter(
        site=site, period=period, mechanism=mechanism
    ).first() or CapacityRating(site=site, period=period, mechanism=mechanism)
    row.status, row.proposed, row.note, row.confirmed_by = status, proposed or "", text, user
    row.full_clean()
    row.save()
    return row, masked


@transaction.atomic
def degree_override_create(
    *, site: Site, degree: str, reason: str, proposed: str = "", user=None
) -> tuple[DegreeOverride, int]:
    """Record the evaluator's degree for a site; earlier overrides are kept, the newest applies."""
    text, masked = _masked(reason.strip())
    row = DegreeOverride(site=site, degree=degree, reason=text, proposed=proposed or "", created_by=user)
    row.full_clean()
    row.save()
    return row, masked


@transaction.atomic
def degree_rule_config_save(*, name: str, rules: dict, note: str = "", user=None) -> DegreeRuleConfig:
    """Store a new active rule configuration (only the entries that differ from the defaults);
    the previous active one is kept, inactive. ValidationError names a bad entry."""
    try:
        resolve_config(rules)
    except ValueError as exc:
        raise ValidationError({"rules": str(exc)}) from exc
    for previous in DegreeRuleConfig.objects.select_for_update().filter(is_active=True):
        previous.is_active = False
        previous.save(update_fields=["is_active", "updated_at"])
    text, _count = _masked(note)
    row = DegreeRuleConfig(name=name, rules=rules, note=text, is_active=True, updated_by=user)
    row.full_clean()
    row.save()
    return row
