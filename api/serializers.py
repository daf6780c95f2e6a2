"""What the API shows and accepts. Querysets of writable relations are cut to what the user may edit."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.permissions import can_change_consultant, editable_sites
from codebook.models import Code, CodeKind
from coding.models import CodedPassage
from fieldwork.models import (
    Factor,
    ImplementationReport,
    JointMeeting,
    ReportSection,
    Theme,
    TrialAction,
    Visit,
    VisitStatus,
)
from fieldwork.selectors import meeting_minutes_for, meeting_title_for
from registry.models import Consultant, Site, TeamMember


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


def _codes(kind: str):
    return Code.objects.filter(kind=kind, is_retired=False)


class SiteSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)
    programme_name = serializers.CharField(source="programme.name", read_only=True)

    class Meta:
        model = Site
        fields = [
            "id",
            "code",
            "name",
            "programme",
            "programme_name",
            "region",
            "ownership",
            "places",
            "permanent_staff",
            "age_min",
            "age_max",
            "internal_school",
            "joined_on",
            "left_on",
            "left_reason",
            "is_fictional",
        ]
        read_only_fields = fields


class VisitSerializer(serializers.ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    site_code = serializers.CharField(source="site.code", read_only=True)
    consultant = serializers.PrimaryKeyRelatedField(
        queryset=Consultant.objects.all(), allow_null=True, required=False
    )
    participants = serializers.PrimaryKeyRelatedField(
        queryset=TeamMember.objects.none(), many=True, required=False
    )
    report = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "site",
            "site_code",
            "planned_on",
            "held_on",
            "status",
            "cancel_reason",
            "phase",
            "consultant",
            "participants",
            "other_participants",
            "report",
        ]
        read_only_fields = ["cancel_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is not None:
            sites = editable_sites(user)
            self.fields["site"].queryset = sites
            self.fields["participants"].child_relation.queryset = TeamMember.objects.filter(site__in=sites)

    def get_report(self, visit) -> int | None:
        report = getattr(visit, "report", None)
        return report.pk if report is not None else None

    def validate_consultant(self, consultant):
        """Naming a visit's consultant decides who reads its report: a consultant may name only
        themselves on a visit without one (or keep who is there); any other change is for evaluators
        and administrators."""
        current = getattr(self.instance, "consultant", None)
        user = _user(self)
        if consultant in (None, current) or can_change_consultant(user):
            return consultant
        if (
            current is None
            and consultant.user_id is not None
            and consultant.user_id == getattr(user, "pk", None)
        ):
            return consultant
        raise serializers.ValidationError(
            _("Kun evaluatorer og administratorer kan ændre, hvem der er stedets konsulent.")
        )

    def validate_status(self, status):
        if status == VisitStatus.CANCELLED:
            raise serializers.ValidationError(_("Et besøg aflyses ikke gennem API'et; brug websiden."))
        return status

    def validate(self, attrs):
        site = attrs.get("site") or getattr(self.instance, "site", None)
        if self.instance is not None and "site" in attrs and attrs["site"] != self.instance.site:
            raise serializers.ValidationError({"site": [_("Et besøg kan ikke flyttes til et andet sted.")]})
        for member in attrs.get("participants", []):
            if member.site_id != site.pk:
                raise serializers.ValidationError(
                    {"participants": [_("Deltagerne skal være teammedlemmer fra besøgets sted.")]}
                )
        return attrs


class SectionSerializer(serializers.ModelSerializer):
    theme = serializers.ChoiceField(choices=Theme.choices)
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)

    class Meta:
        model = ReportSection
        fields = ["theme", "text"]


def version_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Krævet ved ændring: den version du hentede; afviger den, svarer API'et 409.",
    )


class VersionRequiredOnChange:
    """A change (PATCH) names the version it was based on; without it the API answers 400."""

    def validate(self, attrs):
        if self.instance is not None and "version" not in attrs:
            raise serializers.ValidationError({"version": [_("Angiv den version, du hentede.")]})
        return super().validate(attrs)


class ReportSerializer(VersionRequiredOnChange, serializers.ModelSerializer):
    visit = serializers.PrimaryKeyRelatedField(queryset=Visit.objects.none())
    site = serializers.CharField(source="visit.site.code", read_only=True)
    visit_date = serializers.DateField(source="visit.date", read_only=True)
    phase = serializers.CharField(source="visit.phase", read_only=True)
    author = serializers.CharField(source="author.username", read_only=True, allow_null=True, default=None)
    sections = SectionSerializer(many=True, required=False)
    anchoring = serializers.IntegerField(
        min_value=1,
        max_value=5,
        allow_null=True,
        required=False,
        help_text="1 = ikke forankret, 5 = fuldt forankret",
    )
    version = version_field()

    class Meta:
        model = ImplementationReport
        fields = [
            "id",
            "visit",
            "site",
            "visit_date",
            "phase",
            "introduction",
            "anchoring",
            "status",
            "validated_on",
            "author",
            "version",
            "created_at",
            "updated_at",
            "sections",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]
        extra_kwargs = {
            "validated_on": {
                "help_text": "Sendes den, gemmes rapporten som valideret med teamet den dag; ellers som kladde."
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is not None:
            self.fields["visit"].queryset = Visit.objects.filter(site__in=editable_sites(user))

    def validate_visit(self, visit):
        if self.instance is not None and visit != self.instance.visit:
            raise serializers.ValidationError(_("En rapport kan ikke flyttes til et andet besøg."))
        if visit.status != VisitStatus.HELD:
            raise serializers.ValidationError(_("Kun et afholdt besøg kan have en rapport."))
        if self.instance is None and ImplementationReport.objects.filter(visit=visit).exists():
            raise serializers.ValidationError(_("Besøget har allerede en rapport."))
        return visit

    def validate_sections(self, sections):
        themes = [entry["theme"] for entry in sections]
        if len(themes) != len(set(themes)):
            raise serializers.ValidationError(_("Hvert tema må kun optræde én gang."))
        return sections


class FactorSerializer(VersionRequiredOnChange, serializers.ModelSerializer):
    # Null for a joint meeting's statements (read-only here); a new factor must name its report.
    report = serializers.PrimaryKeyRelatedField(queryset=ImplementationReport.objects.none(), allow_null=True)
    site = serializers.SerializerMethodField()
    driver = serializers.SlugRelatedField(
        slug_field="key", queryset=_codes(CodeKind.DRIVER), allow_null=True, required=False
    )
    mechanism = serializers.SlugRelatedField(
        slug_field="key", queryset=_codes(CodeKind.MECHANISM), allow_null=True, required=False
    )

    class Meta:
        model = Factor
        fields = [
            "id",
            "report",
            "joint_meeting",
            "site",
            "valence",
            "statement",
            "quote",
            "theme",
            "driver",
            "mechanism",
            "version",
        ]
        read_only_fields = ["joint_meeting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is not None:
            self.fields["report"].queryset = ImplementationReport.objects.filter(
                visit__site__in=editable_sites(user)
            )

    def get_site(self, factor) -> str | None:
        if factor.report_id:
            return factor.report.visit.site.code
        return factor.site.code if factor.site_id else None

    def validate(self, attrs):
        if self.instance is not None and "report" in attrs and attrs["report"] != self.instance.report:
            raise serializers.ValidationError({"report": [_("En fremmer/hæmmer kan ikke flyttes.")]})
        if self.instance is None and attrs.get("report") is None:
            raise serializers.ValidationError(
                {"report": [_("Angiv rapporten, fremmeren/hæmmeren hører til.")]}
            )
        return super().validate(attrs)


class TrialActionSerializer(VersionRequiredOnChange, serializers.ModelSerializer):
    agreed_at = serializers.PrimaryKeyRelatedField(queryset=Visit.objects.none())
    followed_up_at = serializers.PrimaryKeyRelatedField(
        queryset=Visit.objects.none(), allow_null=True, required=False
    )
    site = serializers.CharField(source="agreed_at.site.code", read_only=True)
    driver = serializers.SlugRelatedField(
        slug_field="key", queryset=_codes(CodeKind.DRIVER), allow_null=True, required=False
    )

    class Meta:
        model = TrialAction
        fields = [
            "id",
            "agreed_at",
            "site",
            "aim",
            "description",
            "driver",
            "carried_by",
            "followed_up_at",
            "outcome",
            "learning",
            "version",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is not None:
            visits = Visit.objects.filter(site__in=editable_sites(user))
            if self.instance is not None and not isinstance(self.instance, list | tuple):
                # A team may follow up its own site's actions without being able to edit its visits.
                visits = Visit.objects.filter(site_id=self.instance.agreed_at.site_id)
            self.fields["agreed_at"].queryset = visits
            self.fields["followed_up_at"].queryset = visits

    def validate(self, attrs):
        if (
            self.instance is not None
            and "agreed_at" in attrs
            and attrs["agreed_at"] != self.instance.agreed_at
        ):
            raise serializers.ValidationError(
                {"agreed_at": [_("En prøvehandling kan ikke flyttes til et andet besøg.")]}
            )
        return super().validate(attrs)


class CodedPassageSerializer(serializers.ModelSerializer):
    report = serializers.IntegerField(source="section.report_id", read_only=True, allow_null=True)
    theme = serializers.CharField(source="section.theme", read_only=True, allow_null=True)
    coder = serializers.CharField(source="coder.username", read_only=True, allow_null=True)
    driver = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    mechanism = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    valence = serializers.CharField(read_only=True, help_text="promoter, inhibitor, neutral eller tom.")
    attention_point = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    extra_code = serializers.CharField(source="extra_code.label_da", read_only=True, allow_null=True)
    codebook_version = serializers.IntegerField(source="codebook_version.number", read_only=True)

    class Meta:
        model = CodedPassage
        fields = [
            "id",
            "report",
            "theme",
            "joint_meeting",
            "start",
            "end",
            "text",
            "coder",
            "origin",
            "driver",
            "mechanism",
            "valence",
            "attention_point",
            "extra_code",
            "codebook_version",
            "coding_round",
            "created_at",
        ]
        read_only_fields = fields


class JointMeetingSerializer(serializers.ModelSerializer):
    sites = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()

    class Meta:
        model = JointMeeting
        fields = ["id", "held_on", "title", "minutes", "sites"]
        read_only_fields = fields

    def get_sites(self, meeting) -> list[str]:
        visible = self.context.get("visible_site_ids")
        return [site.code for site in meeting.sites.all() if visible is None or site.pk in visible]

    def get_title(self, meeting) -> str:
        """Other homes' names and people pseudonymised unless the reader sees whole meetings."""
        return meeting_title_for(_user(self), meeting)

    def get_minutes(self, meeting) -> str:
        """Other homes' names and people pseudonymised unless the reader sees whole meetings."""
        return meeting_minutes_for(_user(self), meeting)


class DriverProfileRowSerializer(serializers.Serializer):
    driver = serializers.CharField(allow_null=True)
    driver_label = serializers.CharField(allow_null=True)
    valence = serializers.CharField()
    passages = serializers.IntegerField()
    factors = serializers.IntegerField()


class DriverProfileSerializer(serializers.Serializer):
    sites = serializers.IntegerField(help_text="Antal steder i grundlaget.")
    rows = DriverProfileRowSerializer(many=True)
    suppressed = serializers.BooleanField(
        help_text="Sand, når tallene ville beskrive færre end 3 steder (for programudbydere): rækkerne vises ikke."
    )


class TrialActionSummaryRowSerializer(serializers.Serializer):
    outcome = serializers.CharField(help_text="Resultat; tom = endnu ikke fulgt op.")
    count = serializers.IntegerField()


class TrialActionSummarySerializer(serializers.Serializer):
    sites = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    rows = TrialActionSummaryRowSerializer(many=True)
    suppressed = serializers.BooleanField(
        help_text="Sand, når tallene ville beskrive færre end 3 steder (for programudbydere): rækkerne vises ikke."
    )
