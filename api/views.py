"""The REST API: thin viewsets over api.selectors (reads) and fieldwork.services (writes).

Reads come from accounts.permissions through the selectors; an object outside them answers 404.
An object the user may read but not change answers 403 to a write.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import permissions
from analysis.computations.disclosure import Suppressed, disclose_counts
from analysis.results import analysis_payload
from api import selectors
from api.exceptions import VersionConflict, api_exception_handler
from api.filters import FILTER_PARAMETERS, apply_filters, parse_filters
from api.pagination import DrivkraftPagination
from api.schema import DrivkraftAutoSchema
from api.serializers import (
    CodedPassageSerializer,
    DriverProfileSerializer,
    FactorSerializer,
    JointMeetingSerializer,
    ReportSerializer,
    SiteSerializer,
    TrialActionSerializer,
    TrialActionSummarySerializer,
    VisitSerializer,
)
from audit.services import acting_as
from audit.versions import EditConflict
from coding.models import CodedPassage
from fieldwork import services
from fieldwork.models import Factor, ImplementationReport, TrialAction, VisitStatus

MASKED_HEADER = "X-Drivkraft-CPR-Masked"


class DrivkraftAPIMixin:
    """JSON errors, the error responses in the schema, paginated lists, integer ids."""

    schema = DrivkraftAutoSchema()
    pagination_class = DrivkraftPagination
    lookup_value_regex = r"[0-9]+"

    def get_exception_handler(self):
        return api_exception_handler


class FilteredListMixin:
    site_path: str | None = None
    date_paths: tuple[str, ...] = ()

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return apply_filters(
            queryset,
            parse_filters(self.request.query_params),
            site_path=self.site_path,
            date_paths=self.date_paths,
        )


class WritableMixin:
    """Create and partial update through fieldwork.services; the masked-CPR count goes in a header."""

    http_method_names = ["get", "post", "patch", "head", "options"]

    def check_can_create(self):
        if not permissions.editable_sites(self.request.user).exists():
            raise PermissionDenied(_("Du kan ikke oprette data her."))

    def check_can_change(self, instance):
        if not permissions.can(self.request.user, "change", instance):
            raise PermissionDenied(_("Du kan læse, men ikke ændre dette."))

    def create(self, request, *args, **kwargs):
        self.check_can_create()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Token-authenticated requests reach the view without request.user set in the middleware.
        with acting_as(request.user), transaction.atomic():
            saved = self.save_new(serializer.validated_data)
        return self._answer(saved, status=201)

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        self.check_can_change(instance)
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with acting_as(request.user), transaction.atomic():
            saved = self.save_changes(instance, serializer.validated_data)
        return self._answer(saved, status=200)

    def _answer(self, saved: services.Saved, status: int) -> Response:
        instance = self.get_queryset().get(pk=saved.obj.pk)
        response = Response(self.get_serializer(instance).data, status=status)
        response[MASKED_HEADER] = str(saved.masked)
        return response


class NotFoundView(DrivkraftAPIMixin, APIView):
    """Anything under /api/ that names no endpoint (or an id that is not a number) answers JSON 404."""

    schema = None
    permission_classes = [AllowAny]

    def initial(self, request, *args, **kwargs):
        raise NotFound(_("Ingen sådan adresse i API'et."))


class SiteViewSet(DrivkraftAPIMixin, FilteredListMixin, viewsets.ReadOnlyModelViewSet):
    """Sites (care homes) the user may see; a provider sees none (aggregates only)."""

    serializer_class = SiteSerializer
    site_path = None

    def get_queryset(self):
        return selectors.sites_for(self.request.user)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filters = parse_filters(self.request.query_params)
        if filters.site:
            queryset = queryset.filter(code=filters.site)
        if filters.programme:
            queryset = queryset.filter(programme__code=filters.programme)
        if filters.date_to:
            queryset = queryset.filter(joined_on__lte=filters.date_to)
        if filters.date_from:
            queryset = queryset.exclude(left_on__lt=filters.date_from)
        return queryset


class VisitViewSet(
    DrivkraftAPIMixin,
    FilteredListMixin,
    WritableMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Visits (narrative conversations) of the sites the user may see; consultants write."""

    serializer_class = VisitSerializer
    site_path = "site"
    date_paths = ("held_on", "planned_on")

    def get_queryset(self):
        return selectors.visits_for(self.request.user)

    def save_new(self, data):
        return self._save(None, data)

    def save_changes(self, visit, data):
        current = {
            "site": visit.site,
            "planned_on": visit.planned_on,
            "held_on": visit.held_on,
            "status": visit.status,
            "phase": visit.phase,
            "consultant": visit.consultant,
            "participants": list(visit.participants.all()),
            "other_participants": visit.other_participants,
        }
        return self._save(visit, {**current, **data})

    def _save(self, visit, data):
        """A held visit is recorded, any other planned, by the web pages' own services."""
        common = {
            "site": data["site"],
            "phase": data.get("phase", ""),
            "consultant": data.get("consultant"),
            "participants": data.get("participants", []),
            "other_participants": data.get("other_participants", ""),
            "visit": visit,
        }
        if data.get("status") == VisitStatus.HELD:
            if not data.get("held_on"):
                raise ValidationError({"held_on": _("Et afholdt besøg skal have en afholdt dato.")})
            return services.visit_record(held_on=data["held_on"], **common)
        if data.get("held_on"):
            raise ValidationError({"held_on": _("Kun et afholdt besøg har en afholdt dato (status 'held').")})
        return services.visit_plan(planned_on=data["planned_on"], **common)


class ReportViewSet(
    DrivkraftAPIMixin,
    FilteredListMixin,
    WritableMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Implementation reports with their six theme sections."""

    serializer_class = ReportSerializer
    site_path = "visit__site"
    date_paths = ("visit__held_on", "visit__planned_on")

    def get_queryset(self):
        return selectors.reports_for(self.request.user)

    def site_of(self, report: ImplementationReport):
        return report.visit.site

    def save_new(self, data):
        return self._save(data["visit"], 0, data, introduction="", anchoring=None, validated_on=None)

    def save_changes(self, report, data):
        return self._save(
            report.visit,
            data["version"],
            data,
            introduction=report.introduction,
            anchoring=report.anchoring,
            validated_on=report.validated_on,
        )

    def _save(self, visit, expected_version, data, **current):
        values = {name: data.get(name, value) for name, value in current.items()}
        try:
            return services.report_save(
                visit=visit,
                expected_version=expected_version,
                sections={entry["theme"]: entry["text"] for entry in data.get("sections", [])},
                author=self.request.user,
                **values,
            )
        except EditConflict as conflict:
            raise VersionConflict() from conflict


class FactorViewSet(
    DrivkraftAPIMixin,
    FilteredListMixin,
    WritableMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Promoters and inhibitors from reports (writable) and joint meetings (read-only here)."""

    serializer_class = FactorSerializer
    site_path = "report__visit__site"
    date_paths = ("report__visit__held_on", "joint_meeting__held_on")

    def get_queryset(self):
        return selectors.factors_for(self.request.user)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filters = parse_filters(self.request.query_params)
        if filters.site or filters.programme:
            by_report = apply_filters(queryset, filters, site_path="report__visit__site")
            by_meeting = apply_filters(queryset, filters, site_path="site")
            queryset = queryset.filter(pk__in=by_report.values("pk")) | queryset.filter(
                pk__in=by_meeting.values("pk")
            )
        return apply_filters(queryset, filters.period_only(), site_path=None, date_paths=self.date_paths)

    def check_can_change(self, instance):
        if instance.report_id is None:
            raise PermissionDenied(_("Fremmere og hæmmere fra fællesmøder ændres ikke gennem API'et."))
        super().check_can_change(instance)

    def save_new(self, data):
        return services.factor_add(**data)

    def save_changes(self, factor, data):
        fields = ("valence", "statement", "quote", "theme", "driver", "mechanism")
        values = {name: data.get(name, getattr(factor, name)) for name in fields}
        try:
            return services.factor_update(
                factor=factor, expected_version=data["version"], site=factor.site, **values
            )
        except EditConflict as conflict:
            raise VersionConflict() from conflict


class TrialActionViewSet(
    DrivkraftAPIMixin,
    FilteredListMixin,
    WritableMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Trial actions (prøvehandlinger); teams may follow up their own."""

    serializer_class = TrialActionSerializer
    site_path = "agreed_at__site"
    date_paths = ("agreed_at__held_on", "agreed_at__planned_on")

    def get_queryset(self):
        return selectors.trial_actions_for(self.request.user)

    def check_can_change(self, instance):
        if not permissions.can(self.request.user, "change", instance):
            raise PermissionDenied(_("Du kan læse, men ikke ændre denne prøvehandling."))

    AGREEMENT = ("aim", "description", "driver", "carried_by")
    FOLLOW_UP = ("followed_up_at", "outcome", "learning")

    def save_new(self, data):
        agreed = {name: data[name] for name in self.AGREEMENT if name in data}
        saved = services.trial_action_agree(visit=data["agreed_at"], **agreed)
        if any(data.get(name) for name in self.FOLLOW_UP):
            saved.masked += self._follow_up(saved.obj, data, saved.obj.version).masked
        return saved

    def save_changes(self, action, data):
        saved = services.Saved(action, 0)
        version = data["version"]
        try:
            if any(name in data for name in self.AGREEMENT):
                values = {name: data.get(name, getattr(action, name)) for name in self.AGREEMENT}
                saved = services.trial_action_update(trial_action=action, expected_version=version, **values)
                version = action.version  # the agreement's change in this request is the follow-up's base
            if any(name in data for name in self.FOLLOW_UP):
                saved.masked += self._follow_up(action, data, version).masked
        except EditConflict as conflict:
            raise VersionConflict() from conflict
        return saved

    def _follow_up(self, action, data, version):
        visit = data.get("followed_up_at", action.followed_up_at)
        if visit is None:
            raise ValidationError({"followed_up_at": _("Angiv besøget, hvor prøvehandlingen blev fulgt op.")})
        try:
            return services.trial_action_follow_up(
                trial_action=action,
                expected_version=version,
                visit=visit,
                outcome=data.get("outcome", action.outcome),
                learning=data.get("learning", action.learning),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            raise ValidationError({"followed_up_at": error.messages}) from error


class CodingViewSet(DrivkraftAPIMixin, FilteredListMixin, viewsets.ReadOnlyModelViewSet):
    """Coded passages (the second condensation); an open blind round shows only your own."""

    serializer_class = CodedPassageSerializer
    site_path = "section__report__visit__site"
    date_paths = ("section__report__visit__held_on", "joint_meeting__held_on")

    def get_queryset(self):
        return selectors.coded_passages_for(self.request.user)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filters = parse_filters(self.request.query_params)
        if filters.site or filters.programme:
            by_report = apply_filters(queryset, filters, site_path=self.site_path)
            by_meeting = apply_filters(queryset, filters, site_path="joint_meeting__sites")
            queryset = queryset.filter(pk__in=by_report.values("pk")) | queryset.filter(
                pk__in=by_meeting.values("pk")
            )
        return apply_filters(queryset, filters.period_only(), site_path=None, date_paths=self.date_paths)


class JointMeetingViewSet(DrivkraftAPIMixin, FilteredListMixin, viewsets.ReadOnlyModelViewSet):
    """Joint experience meetings (erfaringsopsamlingsmøder) with a site the user may see."""

    serializer_class = JointMeetingSerializer
    site_path = "sites"
    date_paths = ("held_on",)

    def get_queryset(self):
        return selectors.joint_meetings_for(self.request.user)

    def filter_queryset(self, queryset):
        filtered = super().filter_queryset(queryset)
        if self.action == "list":
            return queryset.filter(pk__in=filtered.values("pk"))
        return filtered

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not permissions.can_see_all_sites(self.request.user):
            context["visible_site_ids"] = set(
                permissions.visible_sites(self.request.user).values_list("pk", flat=True)
            )
        return context


class AnalysisView(DrivkraftAPIMixin, APIView):
    """Aggregates only, no free text: over all sites for evaluators and providers, else your own sites."""

    def analysis_scope(self):
        filters = parse_filters(self.request.query_params)
        sites = selectors.analysis_sites(self.request.user)
        if filters.site:
            sites = sites.filter(pk__in=permissions.visible_sites(self.request.user).values("pk"))
            sites = sites.filter(code=filters.site)
        if filters.programme:
            sites = sites.filter(programme__code=filters.programme)
        return sites, filters


@extend_schema_view(get=extend_schema(parameters=FILTER_PARAMETERS, responses=DriverProfileSerializer))
class DriverProfileView(AnalysisView):
    """Driver profile: settled codings and promoters/inhibitors by driver and valence."""

    def get(self, request):
        sites, filters = self.analysis_scope()
        period = filters.period_only()
        passages = apply_filters(
            CodedPassage.objects.all(),
            period,
            site_path=None,
            date_paths=("section__report__visit__held_on",),
        )
        factors = apply_filters(
            Factor.objects.all(),
            period,
            site_path=None,
            date_paths=("report__visit__held_on", "joint_meeting__held_on"),
        )
        profile = selectors.driver_profile(request.user, sites, passages, factors)
        return Response(DriverProfileSerializer(profile).data)


@extend_schema_view(get=extend_schema(parameters=FILTER_PARAMETERS, responses=TrialActionSummarySerializer))
class TrialActionSummaryView(AnalysisView):
    """Trial-action follow-through: how many were done, partly done, not done, dropped or not yet followed up."""

    def get(self, request):
        sites, filters = self.analysis_scope()
        actions = apply_filters(
            TrialAction.objects.all(),
            filters.period_only(),
            site_path=None,
            date_paths=("agreed_at__held_on", "agreed_at__planned_on"),
        )
        summary = selectors.trial_action_summary(request.user, sites, actions)
        return Response(TrialActionSummarySerializer(summary).data)


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "programme", OpenApiTypes.STR, description="Programmets kode; tom = alle programmer."
            )
        ],
        responses=OpenApiTypes.OBJECT,
        description=(
            "Hele analysen fra analysis.services.analyse (som `drivkraft analyse --json`, uden udsagnstekster) "
            "for evaluatorer og administratorer; programudbydere får kun fordelingen på grader, uden "
            "grupper på færre end 3 steder (null, og nøglen står i `suppressed`)."
        ),
    )
)
class AnalysisResultView(DrivkraftAPIMixin, APIView):
    """The whole analysis for evaluators; the distribution over degrees only for providers."""

    def get(self, request):
        if not permissions.can_see_aggregates(request.user):
            raise PermissionDenied(_("Analysen på tværs af steder er for evaluatorer og programudbydere."))
        programme = parse_filters(request.query_params).programme
        data = analysis_payload(programme)
        if permissions.sees_aggregates_only(request.user):
            counts = disclose_counts(data["degree_counts"], len(data["sites"]))
            data = {
                "programme": data["programme"],
                "degree_counts": {key: None if isinstance(n, Suppressed) else n for key, n in counts.items()},
                "suppressed": sorted(key for key, n in counts.items() if isinstance(n, Suppressed)),
            }
        return Response(data)


LIST_PARAMETERS = extend_schema_view(list=extend_schema(parameters=FILTER_PARAMETERS))
for _viewset in (
    SiteViewSet,
    VisitViewSet,
    ReportViewSet,
    FactorViewSet,
    TrialActionViewSet,
    CodingViewSet,
    JointMeetingViewSet,
):
    LIST_PARAMETERS(_viewset)
