"""Writes of the fieldwork: visits, reports, promoters and inhibitors, trial actions, joint meetings.

Every function masks CPR numbers in the free text it stores and returns how many it masked, so the
caller can tell the user. Every object with free text is saved with optimistic locking on its `version` and a per-field
merge of concurrent edits (`audit.versions`).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.privacy import mask_cpr
from audit.versions import claim_version
from fieldwork.models import (
    Factor,
    ImplementationReport,
    JointMeeting,
    ReportSection,
    ReportStatus,
    Theme,
    TrialAction,
    Visit,
    VisitStatus,
)
from registry.dates import date_problem, left_notice


@dataclass
class Saved:
    """What a write stored and how many CPR numbers it masked on the way."""

    obj: object
    masked: int = 0


@dataclass
class MaskedTexts:
    texts: dict[str, str]
    count: int


def _mask_all(**texts: str) -> MaskedTexts:
    masked = {name: mask_cpr(text or "") for name, text in texts.items()}
    return MaskedTexts({name: m.text for name, m in masked.items()}, sum(m.count for m in masked.values()))


# Visits ---------------------------------------------------------------------------------------


def _check_visit_date(field: str, date: datetime.date, site, visit: Visit | None, *, planning: bool) -> None:
    """A left site gets no new planned visits; every visit lies within the site's membership (so a
    held visit from before it left can still be recorded, as an imported old report is)."""
    if planning and visit is None and left_notice(site):
        raise ValidationError(left_notice(site))
    problem = date_problem(date, site=site)
    if problem:
        raise ValidationError({field: problem})


def _check_trial_action_order(visit: Visit | None, day: datetime.date, field_name: str) -> None:
    """A visit's new date must keep each of its trial actions agreed before it is followed up (the
    database's trigger checks the action, so without this the next change of the action would fail)."""
    if visit is None or visit.pk is None:
        return
    for action in TrialAction.objects.filter(agreed_at=visit, followed_up_at__isnull=False).select_related(
        "followed_up_at"
    ):
        follow_up = action.followed_up_at
        if (follow_up.held_on or follow_up.planned_on) <= day:
            raise ValidationError(
                {
                    field_name: _(
                        "Prøvehandlingen «%(aim)s» aftalt ved dette besøg er fulgt op ved besøget %(date)s; "
                        "besøget skal ligge før det."
                    )
                    % {
                        "aim": action.aim[:60],
                        "date": (follow_up.held_on or follow_up.planned_on).isoformat(),
                    }
                }
            )
    for action in TrialAction.objects.filter(followed_up_at=visit).select_related("agreed_at"):
        agreed = action.agreed_at
        if (agreed.held_on or agreed.planned_on) >= day:
            raise ValidationError(
                {
                    field_name: _(
                        "Prøvehandlingen «%(aim)s» fulgt op ved dette besøg blev aftalt ved besøget %(date)s; "
                        "besøget skal ligge efter det."
                    )
                    % {"aim": action.aim[:60], "date": (agreed.held_on or agreed.planned_on).isoformat()}
                }
            )


@transaction.atomic
def visit_plan(
    *,
    site,
    planned_on: datetime.date,
    phase: str = "",
    consultant=None,
    participants=(),
    other_participants: str = "",
    visit: Visit | None = None,
) -> Saved:
    """Plan a visit (or re-plan one that is still planned)."""
    _check_visit_date("planned_on", planned_on, site, visit, planning=True)
    if visit is not None and ImplementationReport.objects.filter(visit=visit).exists():
        raise ValidationError(_("Et afholdt besøg med rapport kan ikke gøres til et planlagt besøg."))
    _check_trial_action_order(visit, planned_on, "planned_on")
    masked = _mask_all(other=other_participants)
    visit = visit or Visit(site=site)
    visit.planned_on = planned_on
    visit.held_on = None
    visit.status = VisitStatus.PLANNED
    visit.phase = phase
    visit.consultant = consultant or visit.consultant
    visit.other_participants = masked.texts["other"]
    visit.full_clean()
    visit.save()
    visit.participants.set(participants)
    return Saved(visit, masked.count)


@transaction.atomic
def visit_record(
    *,
    site,
    held_on: datetime.date,
    phase: str,
    participants=(),
    other_participants: str = "",
    consultant=None,
    visit: Visit | None = None,
) -> Saved:
    """Record a held visit: a planned one becomes held, or a new held visit is created."""
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Et afholdt besøg kan ikke ligge i fremtiden.")})
    if not phase:
        raise ValidationError({"phase": _("Angiv fasen for det afholdte besøg.")})
    _check_visit_date("held_on", held_on, site, visit, planning=False)
    _check_trial_action_order(visit, held_on, "held_on")
    masked = _mask_all(other=other_participants)
    visit = visit or Visit(site=site, planned_on=held_on)
    visit.held_on = held_on
    visit.status = VisitStatus.HELD
    visit.cancel_reason = ""
    visit.phase = phase
    visit.consultant = consultant or visit.consultant
    visit.other_participants = masked.texts["other"]
    visit.full_clean()
    visit.save()
    visit.participants.set(participants)
    return Saved(visit, masked.count)


@transaction.atomic
def visit_cancel(*, visit: Visit, reason: str) -> Saved:
    """Cancel a planned visit with its reason; a held visit stays held."""
    if visit.status != VisitStatus.PLANNED:
        raise ValidationError(_("Kun et planlagt besøg kan aflyses."))
    if not (reason or "").strip():
        raise ValidationError({"cancel_reason": _("Angiv årsagen til aflysningen.")})
    masked = _mask_all(reason=reason.strip())
    visit.status = VisitStatus.CANCELLED
    visit.cancel_reason = masked.texts["reason"]
    visit.full_clean()
    visit.save()
    return Saved(visit, masked.count)


# Reports --------------------------------------------------------------------------------------


def report_values(report: ImplementationReport) -> dict:
    """The report's editable fields as the editor shows them (the merge compares these)."""
    sections = {s.theme: s.text for s in report.sections.all()}
    return {
        "introduction": report.introduction,
        "anchoring": report.anchoring,
        **{f"section_{theme}": sections.get(theme, "") for theme in Theme.values},
    }


def empty_report_values() -> dict:
    return {"introduction": "", "anchoring": None, **{f"section_{theme}": "" for theme in Theme.values}}


@transaction.atomic
def report_save(
    *,
    visit: Visit,
    expected_version: int,
    introduction: str,
    sections: dict[str, str],
    anchoring: int | None,
    author,
    validated_on: datetime.date | None = None,
    base: dict | None = None,
) -> Saved:
    """Save the report of a held visit as a draft, or validated when `validated_on` is given.

    `expected_version` is the version the user opened (0 for a report not yet written) and `base`
    the values they opened. A stale write is merged per field with the stored report; fields both
    sides changed raise `EditConflict` and nothing is written. Themes missing from `sections` keep
    their stored text.
    """
    if visit.status != VisitStatus.HELD:
        raise ValidationError(_("Der kan kun skrives rapport for et afholdt besøg."))
    unknown = set(sections) - set(Theme.values)
    if unknown:
        raise ValidationError(_("Ukendt tema: %(themes)s") % {"themes": ", ".join(sorted(unknown))})
    masked = _mask_all(introduction=introduction, **{f"theme:{k}": v for k, v in sections.items()})
    mine = {
        "introduction": masked.texts["introduction"],
        "anchoring": anchoring,
        **{f"section_{theme}": masked.texts[f"theme:{theme}"] for theme in sections},
    }
    report = None
    if expected_version == 0:
        try:
            with transaction.atomic():
                report = ImplementationReport.objects.create(visit=visit, author=author, version=1)
        except IntegrityError:
            base = empty_report_values()
    if report is None:
        report = ImplementationReport.objects.get(visit=visit)
        mine = claim_version(
            report, expected_version=expected_version, mine=mine, base=base, stored_values=report_values
        )
    report.introduction = mine["introduction"]
    report.anchoring = mine["anchoring"]
    report.status = ReportStatus.DRAFT
    report.validated_on = None
    if report.author_id is None:
        report.author = author
    report.full_clean()
    report.save()
    existing = {s.theme: s for s in report.sections.all()}
    for theme in Theme.values:
        text = mine.get(f"section_{theme}", existing[theme].text if theme in existing else "")
        section = existing.get(theme) or ReportSection(report=report, theme=theme)
        if section.pk is None or section.text != text:
            section.text = text
            section.full_clean()
            section.save()
    if validated_on is not None:
        report_validate(report=report, validated_on=validated_on)
    return Saved(report, masked.count)


@transaction.atomic
def report_validate(*, report: ImplementationReport, validated_on: datetime.date) -> ImplementationReport:
    """Mark a report as validated with the team on the given day."""
    if validated_on > timezone.localdate():
        raise ValidationError({"validated_on": _("Valideringsdatoen kan ikke ligge i fremtiden.")})
    if report.visit.held_on and validated_on < report.visit.held_on:
        raise ValidationError({"validated_on": _("Rapporten kan ikke valideres før besøget er holdt.")})
    report.status = ReportStatus.VALIDATED
    report.validated_on = validated_on
    report.full_clean()
    report.save()
    return report


# Promoters and inhibitors ---------------------------------------------------------------------


def _check_codes(driver, mechanism) -> None:
    if driver is not None and driver.kind != "driver":
        raise ValidationError({"driver": _("Vælg en driver fra kodebogen.")})
    if mechanism is not None:
        if mechanism.kind != "mechanism":
            raise ValidationError({"mechanism": _("Vælg en mekanisme fra kodebogen.")})
        if driver is None:
            raise ValidationError({"mechanism": _("En mekanisme kræver en driver.")})
        if mechanism.parent_id != driver.pk:
            raise ValidationError({"mechanism": _("Mekanismen hører til en anden driver end den valgte.")})


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
    _check_codes(driver, mechanism)
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
    _check_codes(driver, mechanism)
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
    _check_codes(factor.driver, factor.mechanism)
    factor.full_clean()
    factor.save()
    return Saved(factor, masked.count)


@transaction.atomic
def factor_delete(*, factor: Factor) -> None:
    factor.delete()


# Trial actions --------------------------------------------------------------------------------


@transaction.atomic
def trial_action_agree(
    *, visit: Visit, aim: str, description: str = "", driver=None, carried_by: str = ""
) -> Saved:
    """Agree a trial action at a held visit, to be followed up at a later one."""
    if visit.status != VisitStatus.HELD:
        raise ValidationError(_("Prøvehandlinger aftales ved et afholdt besøg."))
    _check_codes(driver, None)
    masked = _mask_all(aim=aim, description=description, carried_by=carried_by)
    action = TrialAction(
        agreed_at=visit,
        aim=masked.texts["aim"],
        description=masked.texts["description"],
        driver=driver,
        carried_by=masked.texts["carried_by"],
    )
    action.full_clean()
    action.save()
    return Saved(action, masked.count)


def trial_action_values(action: TrialAction) -> dict:
    """A trial action's agreed fields (the merge compares these)."""
    return {
        "aim": action.aim,
        "description": action.description,
        "driver": action.driver,
        "carried_by": action.carried_by,
    }


def follow_up_values(action: TrialAction) -> dict:
    """A trial action's follow-up fields, named as the follow-up form names them."""
    return {"visit": action.followed_up_at, "outcome": action.outcome, "learning": action.learning}


@transaction.atomic
def trial_action_update(
    *,
    trial_action: TrialAction,
    expected_version: int,
    aim: str,
    description: str = "",
    driver=None,
    carried_by: str = "",
    base: dict | None = None,
) -> Saved:
    """Change what was agreed; a stale write is merged per field or raises EditConflict."""
    _check_codes(driver, None)
    masked = _mask_all(aim=aim, description=description, carried_by=carried_by)
    mine = claim_version(
        trial_action,
        expected_version=expected_version,
        mine={
            "aim": masked.texts["aim"],
            "description": masked.texts["description"],
            "driver": driver,
            "carried_by": masked.texts["carried_by"],
        },
        base=base,
        stored_values=trial_action_values,
    )
    for name, value in mine.items():
        setattr(trial_action, name, value)
    trial_action.full_clean()
    trial_action.save()
    return Saved(trial_action, masked.count)


@transaction.atomic
def trial_action_follow_up(
    *,
    trial_action: TrialAction,
    expected_version: int,
    visit: Visit,
    outcome: str,
    learning: str = "",
    base: dict | None = None,
) -> Saved:
    """Follow a trial action up at a later held visit of the same site.

    A follow-up may be corrected at the visit that made it, but an action followed up at one visit
    is not followed up again at another. A stale write is merged per field or raises EditConflict.
    """
    agreed = trial_action.agreed_at
    if visit.site_id != agreed.site_id:
        raise ValidationError(_("Opfølgningen skal ske ved et besøg på samme sted."))
    if visit.status != VisitStatus.HELD:
        raise ValidationError(_("Opfølgningen skal ske ved et afholdt besøg."))
    if visit.pk == agreed.pk or visit.date <= agreed.date:
        raise ValidationError(
            _("Opfølgningen skal ske ved et senere besøg end det, hvor handlingen blev aftalt.")
        )
    if trial_action.followed_up_at_id not in (None, visit.pk):
        raise ValidationError(_("Prøvehandlingen er allerede fulgt op ved et andet besøg."))
    if not outcome:
        raise ValidationError({"outcome": _("Angiv resultatet af prøvehandlingen.")})
    masked = _mask_all(learning=learning)
    mine = claim_version(
        trial_action,
        expected_version=expected_version,
        mine={"visit": visit, "outcome": outcome, "learning": masked.texts["learning"]},
        base=base,
        stored_values=follow_up_values,
    )
    trial_action.followed_up_at = mine["visit"]
    trial_action.outcome = mine["outcome"]
    trial_action.learning = mine["learning"]
    trial_action.full_clean()
    trial_action.save()
    return Saved(trial_action, masked.count)


# Joint meetings -------------------------------------------------------------------------------


def joint_meeting_values(meeting: JointMeeting) -> dict:
    """A joint meeting's editable fields (the merge compares these)."""
    return {
        "held_on": meeting.held_on,
        "title": meeting.title,
        "minutes": meeting.minutes,
        "sites": list(meeting.sites.all()),
    }


@transaction.atomic
def joint_meeting_save(
    *,
    held_on: datetime.date,
    title: str,
    minutes: str,
    sites,
    meeting: JointMeeting | None = None,
    expected_version: int | None = None,
    base: dict | None = None,
) -> Saved:
    """Create a joint meeting, or update one (`expected_version` then required: a stale write is
    merged per field or raises EditConflict), with its minutes and participating sites."""
    sites = list(sites)
    if len(sites) < 1:
        raise ValidationError({"sites": _("Vælg mindst ét deltagende sted.")})
    masked = _mask_all(title=title, minutes=minutes)
    mine = {
        "held_on": held_on,
        "title": masked.texts["title"],
        "minutes": masked.texts["minutes"],
        "sites": sites,
    }
    if meeting is None:
        meeting = JointMeeting()
    else:
        if expected_version is None:
            raise ValidationError({"version": _("Angiv den version, du har hentet.")})
        mine = claim_version(
            meeting,
            expected_version=expected_version,
            mine=mine,
            base=base,
            stored_values=joint_meeting_values,
        )
    meeting.held_on = mine["held_on"]
    meeting.title = mine["title"]
    meeting.minutes = mine["minutes"]
    meeting.full_clean()
    meeting.save()
    sites = list(mine["sites"])
    meeting.sites.set(sites)
    for factor in meeting.factors.exclude(site__isnull=True).exclude(site__in=sites):
        factor.site = None
        factor.version += 1
        factor.save()
    return Saved(meeting, masked.count)
