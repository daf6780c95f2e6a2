"""Export the whole dataset: registry, fieldwork and coding, keyed by natural keys, not database ids."""

import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts.models import User
from codebook.models import Code, CodebookVersion
from coding.models import CodedPassage, CodingRound, Memo
from fieldwork.models import (
    ExternalEvent,
    Factor,
    ImplementationReport,
    JointMeeting,
    SiteAssessment,
    TrialAction,
    Visit,
)
from interop.jsonio import FORMAT_NAME, FORMAT_VERSION
from registry.models import Consultant, ConsultantAssignment, Programme, Site, TeamMember


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _code_key(code: Code | None) -> str | None:
    return code.key if code else None


class _Refs:
    """Stable references (site code + ordinal), so a re-exported import reads the same."""

    def __init__(self):
        self.visits = self._ordinals(
            Visit.objects.values_list("pk", "site__code").order_by("site__code", "planned_on", "pk"), "v"
        )
        self.members = self._ordinals(
            TeamMember.objects.values_list("pk", "site__code").order_by(
                "site__code", "starts_on", "name", "pk"
            ),
            "m",
        )

    @staticmethod
    def _ordinals(rows, prefix: str) -> dict[int, str]:
        refs, counters = {}, {}
        for pk, code in rows:
            counters[code] = counters.get(code, 0) + 1
            refs[pk] = f"{code}/{prefix}{counters[code]}"
        return refs

    def visit(self, visit: Visit) -> str:
        return self.visits[visit.pk]

    def member(self, member: TeamMember) -> str:
        return self.members[member.pk]


def _factor(factor: Factor) -> dict:
    return {
        "valence": factor.valence,
        "statement": factor.statement,
        "quote": factor.quote,
        "theme": factor.theme or None,
        "driver": _code_key(factor.driver),
        "mechanism": _code_key(factor.mechanism),
    }


def _codes() -> list[dict]:
    return [
        {
            "kind": code.kind,
            "key": code.key,
            "label_da": code.label_da,
            "name_en": code.name_en,
            "description_da": code.description_da,
            "description_en": code.description_en,
            "parent": {"kind": code.parent.kind, "key": code.parent.key} if code.parent else None,
            "number": code.number,
            "sort_order": code.sort_order,
            "is_retired": code.is_retired,
        }
        for code in Code.objects.select_related("parent").order_by("kind", "sort_order", "key")
    ]


def _report(report: ImplementationReport) -> dict:
    return {
        "introduction": report.introduction,
        "anchoring": report.anchoring,
        "status": report.status,
        "validated_on": _date(report.validated_on),
        "author": report.author.username if report.author else None,
        "sections": {section.theme: section.text for section in report.sections.all()},
        "factors": [_factor(f) for f in report.factors.all()],
    }


def _site(site: Site, reports: dict[int, ImplementationReport], refs: _Refs) -> dict:
    visits = []
    for visit in site.visits.all():
        report = reports.get(visit.pk)
        visits.append(
            {
                "ref": refs.visit(visit),
                "planned_on": _date(visit.planned_on),
                "held_on": _date(visit.held_on),
                "status": visit.status,
                "cancel_reason": visit.cancel_reason,
                "phase": visit.phase or None,
                "consultant": visit.consultant.name if visit.consultant else None,
                "participants": [refs.member(m) for m in visit.participants.all()],
                "other_participants": visit.other_participants,
                "report": _report(report) if report else None,
            }
        )
    trial_actions = [
        {
            "agreed_at": refs.visit(action.agreed_at),
            "aim": action.aim,
            "description": action.description,
            "driver": _code_key(action.driver),
            "carried_by": action.carried_by,
            "followed_up_at": refs.visit(action.followed_up_at) if action.followed_up_at else None,
            "outcome": action.outcome or None,
            "learning": action.learning,
        }
        for visit in site.visits.all()
        for action in visit.trial_actions_agreed.all()
    ]
    return {
        "code": site.code,
        "name": site.name,
        "programme": site.programme.code,
        "region": site.region,
        "ownership": site.ownership,
        "places": site.places,
        "permanent_staff": site.permanent_staff,
        "age_min": site.age_min,
        "age_max": site.age_max,
        "internal_school": site.internal_school,
        "target_group_notes": site.target_group_notes,
        "joined_on": _date(site.joined_on),
        "left_on": _date(site.left_on),
        "left_reason": site.left_reason,
        "is_fictional": site.is_fictional,
        "departments": [
            {"name": d.name, "address": d.address, "separate_address": d.separate_address}
            for d in site.departments.all()
        ],
        "assignments": [
            {
                "consultant": a.consultant.name,
                "starts_on": _date(a.starts_on),
                "ends_on": _date(a.ends_on),
                "reason": a.reason,
            }
            for a in site.assignments.all()
        ],
        "team_members": [
            {
                "ref": refs.member(m),
                "name": m.name,
                "role": m.role,
                "is_lead": m.is_lead,
                "starts_on": _date(m.starts_on),
                "ends_on": _date(m.ends_on),
            }
            for m in site.team_members.all()
        ],
        "visit_plans": [{"year": p.year, "planned_visits": p.planned_visits} for p in site.visit_plans.all()],
        "visits": visits,
        "trial_actions": trial_actions,
        "events": [_event(e) for e in site.events.all()],
        "assessments": [
            {
                "assessed_on": _date(a.assessed_on),
                "leadership_style": a.leadership_style or None,
                "culture_type": a.culture_type or None,
                "attention_points": sorted(p.number for p in a.attention_points_worked.all()),
                "notes": a.notes,
                "assessor": a.assessor.username if a.assessor else None,
            }
            for a in site.assessments.all()
        ],
        "scores": [
            {
                "kind": s.kind,
                "instrument": s.instrument,
                "period_start": _date(s.period_start),
                "period_end": _date(s.period_end),
                "value": s.value,
            }
            for s in site.scores.all()
        ],
    }


def _event(event: ExternalEvent) -> dict:
    return {
        "kind": event.kind,
        "starts_on": _date(event.starts_on),
        "ends_on": _date(event.ends_on),
        "description": event.description,
    }


def _passage(
    p: CodedPassage, meeting_index: dict[int, int], passage_refs: dict[int, str], refs: _Refs
) -> dict:
    if p.section_id:
        source = {"visit": refs.visit(p.section.report.visit), "theme": p.section.theme}
    else:
        source = {"joint_meeting": meeting_index[p.joint_meeting_id]}
    return {
        "source": source,
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "coder": p.coder.username if p.coder else None,
        "model_version": p.model_version or None,
        "round": p.coding_round.name if p.coding_round else None,
        "codebook_version": p.codebook_version.number,
        "driver": _code_key(p.driver),
        "mechanism": _code_key(p.mechanism),
        "valence": p.valence or None,
        "attention_point": p.attention_point.number if p.attention_point else None,
        "extra_code": {"kind": p.extra_code.kind, "key": p.extra_code.key} if p.extra_code else None,
        "origin": p.origin,
        "ref": passage_refs[p.pk],
        "consensus_of": [passage_refs[o.pk] for o in p.consensus_of.all()],
    }


def export_dataset(site_code: str | None = None) -> dict:
    """Everything the registry, fieldwork and coding hold, as one JSON-ready dict.

    With `site_code`, only what concerns that one site (for `drivkraft export-site`).
    """
    refs = _Refs()
    one = site_code is not None
    report_rows = (
        ImplementationReport.objects.filter(visit__site__code=site_code)
        if one
        else ImplementationReport.objects
    )
    reports = {
        r.visit_id: r
        for r in report_rows.select_related("author").prefetch_related(
            "sections", Prefetch("factors", queryset=Factor.objects.select_related("driver", "mechanism"))
        )
    }
    sites = (
        (Site.objects.filter(code=site_code) if one else Site.objects)
        .select_related("programme")
        .prefetch_related(
            "departments",
            Prefetch("assignments", queryset=ConsultantAssignment.objects.select_related("consultant")),
            "team_members",
            "visit_plans",
            Prefetch(
                "visits",
                queryset=Visit.objects.select_related("site", "consultant").prefetch_related(
                    Prefetch("participants", queryset=TeamMember.objects.select_related("site")),
                    Prefetch(
                        "trial_actions_agreed",
                        queryset=TrialAction.objects.select_related(
                            "agreed_at__site", "followed_up_at__site", "driver"
                        ).order_by("id"),
                    ),
                ),
            ),
            "events",
            Prefetch(
                "assessments",
                queryset=SiteAssessment.objects.select_related("assessor").prefetch_related(
                    "attention_points_worked"
                ),
            ),
            "scores",
        )
    )
    meetings = list(
        (JointMeeting.objects.filter(sites__code=site_code) if one else JointMeeting.objects)
        .prefetch_related(
            "sites",
            Prefetch("factors", queryset=Factor.objects.select_related("driver", "mechanism", "site")),
        )
        .order_by("held_on", "id")
    )
    meeting_index = {m.pk: i for i, m in enumerate(meetings)}
    passage_refs = {
        pk: f"p{i + 1}"
        for i, pk in enumerate(CodedPassage.objects.order_by("id").values_list("pk", flat=True))
    }
    passage_rows = CodedPassage.objects
    if one:
        passage_rows = passage_rows.filter(
            Q(section__report__visit__site__code=site_code) | Q(joint_meeting__in=[m.pk for m in meetings])
        )
    passages = (
        passage_rows.select_related(
            "section__report__visit__site",
            "coder",
            "coding_round",
            "codebook_version",
            "driver",
            "mechanism",
            "attention_point",
            "extra_code",
        )
        .prefetch_related("consensus_of")
        .order_by("id")
    )
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "users": [
            {
                "username": u.username,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "role": u.role,
                "site": u.site.code if u.site else None,
            }
            for u in User.objects.select_related("site").order_by("username")
            if not one or (u.site is not None and u.site.code == site_code)
        ],
        "codebook": {
            "versions": [
                {"number": v.number, "note": v.note} for v in CodebookVersion.objects.order_by("number")
            ],
            "codes": _codes(),
        },
        "programmes": [
            {
                "code": p.code,
                "name": p.name,
                "provider": p.provider,
                "training_months": float(p.training_months),
                "training_description": p.training_description,
                "character": p.character,
                "elements": [
                    {"name": e.name, "description": e.description, "sort_order": e.sort_order}
                    for e in p.elements.all()
                ],
            }
            for p in Programme.objects.prefetch_related("elements")
        ],
        "consultants": [
            {
                "name": c.name,
                "background": c.background,
                "email": c.email,
                "user": c.user.username if c.user else None,
            }
            for c in Consultant.objects.select_related("user").order_by("name", "id")
        ],
        "sites": [_site(site, reports, refs) for site in sites],
        "events": [_event(e) for e in ExternalEvent.objects.filter(site__isnull=True)],
        "joint_meetings": [
            {
                "held_on": _date(m.held_on),
                "title": m.title,
                "minutes": m.minutes,
                "sites": sorted(s.code for s in m.sites.all()),
                "factors": [{**_factor(f), "site": f.site.code if f.site else None} for f in m.factors.all()],
            }
            for m in meetings
        ],
        "coding_rounds": []
        if one
        else [
            {
                "name": r.name,
                "description": r.description,
                "codebook_version": r.codebook_version.number,
                "is_blind": r.is_blind,
                "reports": sorted(refs.visit(rep.visit) for rep in r.reports.all()),
                "coders": sorted(c.username for c in r.coders.all()),
                "closed": r.closed_at is not None,
            }
            for r in CodingRound.objects.select_related("codebook_version").prefetch_related(
                Prefetch("reports", queryset=ImplementationReport.objects.select_related("visit__site")),
                "coders",
            )
        ],
        "coded_passages": [_passage(p, meeting_index, passage_refs, refs) for p in passages],
        "memos": [
            {
                "author": m.author.username,
                "title": m.title,
                "text": m.text,
                "target": m.target,
                "site": m.site.code if m.site else None,
                "report": refs.visit(m.report.visit) if m.report else None,
                "code": {"kind": m.code.kind, "key": m.code.key} if m.code else None,
                "created_at": m.created_at.isoformat(),
            }
            for m in Memo.objects.select_related("author", "site", "report__visit__site", "code")
            if not one or site_code in (m.site and m.site.code, m.report and m.report.visit.site.code)
        ],
    }
