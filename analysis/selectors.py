"""The database turned into the analysis's plain records (analysis.computations.records).

A constant number of queries whatever the number of sites: every read is one `.values_list()`
over the scope (all sites, one programme or one site), joined and annotated in the database, so
no model instances are built and no query runs per site.
"""

from collections import defaultdict
from itertools import starmap
from operator import itemgetter

from django.db.models import CharField, Count, F, IntegerField, Q, Value
from django.db.models.functions import Coalesce

from analysis.computations.config import resolve_config
from analysis.computations.records import (
    AnalysisInput,
    AssessmentRecord,
    AssignmentRecord,
    CapacityConfirmation,
    CodeRecord,
    DegreeOverrideRecord,
    EventRecord,
    FactorRecord,
    JointMeetingRecord,
    MatrixConfirmation,
    PassageRecord,
    ReportTextRecord,
    ScoreRecord,
    SiteRecord,
    TeamMemberRecord,
    TrialActionRecord,
    VisitRecord,
)
from analysis.models import CapacityRating, DegreeOverride, DegreeRuleConfig, MatrixRating
from codebook.models import Code
from coding.models import CodedPassage
from fieldwork.models import (
    ExternalEvent,
    Factor,
    JointMeeting,
    ReportSection,
    Score,
    SiteAssessment,
    TrialAction,
    Visit,
)
from registry.models import ConsultantAssignment, Site, TeamMember


def _scope(prefix: str, programme: str | None, site_code: str | None) -> Q:
    lookups = {}
    if programme:
        lookups[f"{prefix}programme__code"] = programme
    if site_code:
        lookups[f"{prefix}code"] = site_code
    return Q(**lookups)


def active_config() -> dict:
    """The default rules with the active stored configuration merged in."""
    stored = DegreeRuleConfig.objects.filter(is_active=True).values_list("rules", flat=True).first()
    return resolve_config(stored or None)


def degree_rule_configs() -> list[DegreeRuleConfig]:
    """Every stored configuration, newest first (the active one and the ones it replaced)."""
    return list(DegreeRuleConfig.objects.select_related("updated_by"))


def codebook() -> list[CodeRecord]:
    rows = Code.objects.filter(
        kind__in=["driver", "mechanism", "attention_point"], is_retired=False
    ).values_list("kind", "key", "label_da", "parent__key", "number")
    return [CodeRecord(kind, key, label, parent or "", number) for kind, key, label, parent, number in rows]


def code_labels() -> dict[str, str]:
    """Code key → label in the language of the page, keyed as `AnalysisInput.labels` (attention
    points as 'ap<number>'): the cached analysis names its codes in Danish whatever the language."""
    codes = Code.objects.filter(kind__in=["driver", "mechanism", "attention_point"])
    return {
        f"ap{code.number}" if code.kind == "attention_point" else code.key: code.label
        for code in codes.only("kind", "key", "number", "label_da", "name_en")
    }


def _sites(scope: Q) -> list[SiteRecord]:
    rows = (
        Site.objects.filter(scope)
        .annotate(
            department_count=Count("departments", distinct=True),
            separate_count=Count("departments", filter=Q(departments__separate_address=True), distinct=True),
        )
        .order_by("code")
        .values_list(
            "code",
            "name",
            "programme__code",
            "region",
            "ownership",
            "places",
            "permanent_staff",
            "internal_school",
            "department_count",
            "separate_count",
            "joined_on",
            "left_on",
            "left_reason",
            "is_fictional",
        )
    )
    return [SiteRecord(*row) for row in rows]


def _visits(scope: Q, values: dict) -> list[VisitRecord]:
    rows = Visit.objects.filter(scope).values_list(
        "id",
        "site__code",
        "planned_on",
        "held_on",
        "status",
        "phase",
        "consultant_id",
        "report__id",
        "report__anchoring",
    )
    return list(starmap(VisitRecord, _shared(rows, (1, 2, 3, 4, 5), values)))  # site .. phase


def _blank(path: str) -> Coalesce:
    """A nullable text column as '' (the records hold '' for 'not coded')."""
    return Coalesce(path, Value(""), output_field=CharField())


def _shared(rows, positions: tuple[int, ...], values: dict):
    """The rows with the value at each of `positions` replaced by one object per distinct value
    (`values` is kept for the whole input). The database hands out a new string and date for every
    row, so 115,000 statements would hold 115,000 copies of "promoter" and of a few hundred days;
    shared, the analysis compares and hashes the same object and reads far less memory."""
    rows = list(rows)
    if not rows:
        return rows
    columns = [map(itemgetter(position), rows) for position in range(len(rows[0]))]
    for position in positions:
        column = list(columns[position])
        columns[position] = map(values.setdefault, column, column)
    return zip(*columns, strict=True)


def _factors(scope: Q, meeting_scope: Q, values: dict) -> list[FactorRecord]:
    """Report factors and joint-meeting factors, built positionally (field order of FactorRecord).

    Meeting statements without a known site are read only when the scope is everything (an empty
    `meeting_scope`), as they belong to no programme."""
    report_rows = (
        Factor.objects.filter(report__isnull=False)
        .filter(scope)
        .annotate(
            site_code=F("report__visit__site__code"),
            day=Coalesce("report__visit__held_on", "report__visit__planned_on"),
            driver_key=_blank("driver__key"),
            mechanism_key=_blank("mechanism__key"),
            no_meeting=Value(None, output_field=IntegerField()),
        )
        .values_list(
            "id",
            "site_code",
            "valence",
            "statement",
            "day",
            "driver_key",
            "mechanism_key",
            "theme",
            "quote",
            "report_id",
            "no_meeting",
        )
    )
    meeting_rows = (
        Factor.objects.filter(joint_meeting__isnull=False)
        .filter(meeting_scope)
        .annotate(
            site_code=_blank("site__code"),
            driver_key=_blank("driver__key"),
            mechanism_key=_blank("mechanism__key"),
        )
        .values_list(
            "id",
            "site_code",
            "valence",
            "statement",
            "joint_meeting__held_on",
            "driver_key",
            "mechanism_key",
            "theme",
            "quote",
            "report_id",
            "joint_meeting_id",
        )
    )
    shared = (1, 2, 3, 4, 5, 6, 7)  # site, valence, statement, day, driver, mechanism, theme
    return [
        *starmap(FactorRecord, _shared(report_rows, shared, values)),
        *starmap(FactorRecord, _shared(meeting_rows, shared, values)),
    ]


def _passages(scope: Q, values: dict) -> list[PassageRecord]:
    """Passages of report text; within a coding round only the consensus counts, so that several
    coders' parallel codings of the same text are not counted several times."""
    rows = (
        CodedPassage.objects.counted()
        .filter(section__isnull=False)
        .filter(scope)
        .annotate(
            site_code=F("section__report__visit__site__code"),
            day=Coalesce("section__report__visit__held_on", "section__report__visit__planned_on"),
            driver_key=_blank("driver__key"),
            mechanism_key=_blank("mechanism__key"),
            no_meeting=Value(None, output_field=IntegerField()),
            extra_kind=_blank("extra_code__kind"),
            extra_key=_blank("extra_code__key"),
        )
        .values_list(
            "id",
            "site_code",
            "day",
            "text",
            "driver_key",
            "mechanism_key",
            "valence",
            "attention_point__number",
            "section__report_id",
            "no_meeting",
            "extra_kind",
            "extra_key",
        )
    )
    # site, day, text, driver, mechanism, valence, extra kind and key
    return list(starmap(PassageRecord, _shared(rows, (1, 2, 3, 4, 5, 6, 10, 11), values)))


def _trial_actions(scope: Q, values: dict) -> list[TrialActionRecord]:
    rows = (
        TrialAction.objects.filter(scope)
        .annotate(
            site_code=F("agreed_at__site__code"),
            agreed_day=Coalesce("agreed_at__held_on", "agreed_at__planned_on"),
            followed_day=Coalesce("followed_up_at__held_on", "followed_up_at__planned_on"),
            driver_key=_blank("driver__key"),
        )
        .values_list(
            "id",
            "site_code",
            "agreed_day",
            "aim",
            "driver_key",
            "followed_day",
            "outcome",
            "agreed_at_id",
            "followed_up_at_id",
            "description",
        )
    )
    # site, agreed day, aim, driver, followed-up day, outcome
    return list(starmap(TrialActionRecord, _shared(rows, (1, 2, 3, 4, 5, 6), values)))


def _report_texts(scope: Q) -> list[ReportTextRecord]:
    rows = (
        ReportSection.objects.filter(scope)
        .order_by("report_id", "pk")
        .values_list("report_id", "theme", "text")
    )
    return list(starmap(ReportTextRecord, rows))


def _events(scope: Q, restricted: bool) -> list[EventRecord]:
    events = (
        ExternalEvent.objects.filter(scope | Q(site__isnull=True))
        if restricted
        else ExternalEvent.objects.all()
    )
    rows = events.values_list("id", "kind", "starts_on", "ends_on", "site__code", "description")
    return [EventRecord(row[0], row[1], row[2], row[3], row[4] or "", row[5]) for row in rows]


def _assessments(scope: Q) -> list[AssessmentRecord]:
    points = defaultdict(list)
    through = SiteAssessment.attention_points_worked.through
    for assessment_id, number in through.objects.filter(
        siteassessment__in=SiteAssessment.objects.filter(scope).values("pk")
    ).values_list("siteassessment_id", "code__number"):
        if number is not None:
            points[assessment_id].append(number)
    rows = SiteAssessment.objects.filter(scope).values_list(
        "id", "site__code", "assessed_on", "leadership_style", "culture_type"
    )
    return [
        AssessmentRecord(code, day, style, culture, tuple(sorted(points[pk])))
        for pk, code, day, style, culture in rows
    ]


def _team(scope: Q) -> list[TeamMemberRecord]:
    rows = TeamMember.objects.filter(scope).values_list(
        "site__code", "role", "starts_on", "ends_on", "is_lead"
    )
    return [TeamMemberRecord(*row) for row in rows]


def _scores(scope: Q) -> list[ScoreRecord]:
    rows = Score.objects.filter(scope).values_list(
        "site__code", "kind", "value", "period_start", "period_end", "instrument"
    )
    return [ScoreRecord(*row) for row in rows]


def _assignments(scope: Q) -> list[AssignmentRecord]:
    rows = ConsultantAssignment.objects.filter(scope).values_list(
        "site__code", "consultant_id", "starts_on", "ends_on", "reason"
    )
    return [AssignmentRecord(*row) for row in rows]


def _joint_meetings(site_scope: Q, restricted: bool) -> list[JointMeetingRecord]:
    meetings = JointMeeting.objects.all()
    participants = JointMeeting.sites.through.objects.all()
    if restricted:
        meetings = meetings.filter(site_scope).distinct()
        participants = participants.filter(jointmeeting__in=meetings.values("pk"))
    sites = defaultdict(list)
    for meeting_id, code in participants.values_list("jointmeeting_id", "site__code"):
        sites[meeting_id].append(code)
    return [
        JointMeetingRecord(pk, day, title, tuple(sorted(sites[pk])))
        for pk, day, title in meetings.values_list("id", "held_on", "title")
    ]


def _confirmations(scope: Q):
    matrix = [
        MatrixConfirmation(site, code, rating, summary, proposed, by or "", at)
        for site, code, rating, summary, proposed, by, at in MatrixRating.objects.filter(scope).values_list(
            "site__code",
            "code__key",
            "rating",
            "summary",
            "proposed",
            "confirmed_by__username",
            "confirmed_at",
        )
    ]
    capacity = [
        CapacityConfirmation(site, period, mechanism, status, note, by or "", at)
        for site, period, mechanism, status, note, by, at in CapacityRating.objects.filter(scope).values_list(
            "site__code",
            "period",
            "mechanism__key",
            "status",
            "note",
            "confirmed_by__username",
            "confirmed_at",
        )
    ]
    overrides = [
        DegreeOverrideRecord(site, degree, reason, by or "", at)
        for site, degree, reason, by, at in DegreeOverride.objects.filter(scope).values_list(
            "site__code", "degree", "reason", "created_by__username", "created_at"
        )
    ]
    return matrix, capacity, overrides


def analysis_input(programme: str | None = None, site_code: str | None = None) -> AnalysisInput:
    """All records for one programme (code, e.g. "MG"), one site, or everything when both are None."""
    site_scope = _scope("site__", programme, site_code)
    sites = _sites(_scope("", programme, site_code))
    values = {site.code: site.code for site in sites}  # one object per distinct value (_shared)
    restricted = bool(programme or site_code)
    matrix, capacity, overrides = _confirmations(site_scope)
    return AnalysisInput(
        sites=sites,
        visits=_visits(site_scope, values),
        factors=_factors(_scope("report__visit__site__", programme, site_code), site_scope, values),
        passages=_passages(_scope("section__report__visit__site__", programme, site_code), values),
        trial_actions=_trial_actions(_scope("agreed_at__site__", programme, site_code), values),
        events=_events(site_scope, restricted),
        assessments=_assessments(site_scope),
        scores=_scores(site_scope),
        team_members=_team(site_scope),
        assignments=_assignments(site_scope),
        joint_meetings=_joint_meetings(_scope("sites__", programme, site_code), restricted),
        codes=codebook(),
        matrix_confirmations=matrix,
        capacity_confirmations=capacity,
        degree_overrides=overrides,
        report_texts=_report_texts(_scope("report__visit__site__", None, site_code)) if site_code else [],
    )
