"""Writes of promoters and inhibitors, in reports and joint meetings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit import guard
from audit.versions import claim_version
from fieldwork.models import (
    Factor,
    ImplementationReport,
    JointMeeting,
)
from fieldwork.services._common import Saved, _mask_all, check_codes

# Promoters and inhibitors ---------------------------------------------------------------------


def _require_statement_writer(report, joint_meeting, site) -> None:
    """A report's statement is its site's; a meeting's is the site it names, else every site's of it."""
    if report is not None:
        guard.require("change", "fieldwork", report.visit.site_id)
    elif joint_meeting is not None:
        sites = [site] if site is not None else list(joint_meeting.sites.values_list("pk", flat=True))
        guard.require("change", "joint_meeting", *sites)


@transaction.atomic
def factor_add(
    *,
    valence: str,
    statement: str,
    quote: str = "",
    theme: str = "",
    driver=None,
    mechanism=None,
    report: ImplementationReport | None = None,
    joint_meeting: JointMeeting | None = None,
    site=None,
) -> Saved:
    """Add a promoter or inhibitor to a report, or to a joint meeting (optionally naming the site)."""
    _require_statement_writer(report, joint_meeting, site)
    check_codes(driver, mechanism)
    if joint_meeting is not None and site is not None and not joint_meeting.sites.filter(pk=site.pk).exists():
        raise ValidationError({"site": _("Stedet deltog ikke i mødet.")})
    masked = _mask_all(statement=statement, quote=quote)
    factor = Factor(
        report=report,
        joint_meeting=joint_meeting,
        site=site,
        valence=valence,
        statement=masked.texts["statement"],
        quote=masked.texts["quote"],
        theme=theme,
        driver=driver,
        mechanism=mechanism,
    )
    factor.full_clean()
    factor.save()
    return Saved(factor, masked.count)


def factor_values(factor: Factor) -> dict:
    """A promoter's or inhibitor's editable fields (the merge compares these)."""
    return {
        "valence": factor.valence,
        "statement": factor.statement,
        "quote": factor.quote,
        "theme": factor.theme,
        "driver": factor.driver,
        "mechanism": factor.mechanism,
        "site": factor.site,
    }


@transaction.atomic
def factor_update(
    *,
    factor: Factor,
    expected_version: int,
    valence: str,
    statement: str,
    quote: str = "",
    theme: str = "",
    driver=None,
    mechanism=None,
    site=None,
    base: dict | None = None,
) -> Saved:
    """Change a promoter or inhibitor; a stale write is merged per field or raises EditConflict."""
    guard.require_object("change", factor)
    check_codes(driver, mechanism)
    if (
        factor.joint_meeting_id
        and site is not None
        and not factor.joint_meeting.sites.filter(pk=site.pk).exists()
    ):
        raise ValidationError({"site": _("Stedet deltog ikke i mødet.")})
    masked = _mask_all(statement=statement, quote=quote)
    mine = {
        "valence": valence,
        "statement": masked.texts["statement"],
        "quote": masked.texts["quote"],
        "theme": theme,
        "driver": driver,
        "mechanism": mechanism,
    }
    if factor.joint_meeting_id:
        mine["site"] = site
    mine = claim_version(
        factor, expected_version=expected_version, mine=mine, base=base, stored_values=factor_values
    )
    for name, value in mine.items():
        setattr(factor, name, value)
    check_codes(factor.driver, factor.mechanism)
    factor.full_clean()
    factor.save()
    return Saved(factor, masked.count)


@transaction.atomic
def factor_delete(*, factor: Factor) -> None:
    guard.require_object("change", factor)
    factor.delete()
