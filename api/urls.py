from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import reference, views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("sites", views.SiteViewSet, basename="site")
router.register("visits", views.VisitViewSet, basename="visit")
router.register("reports", views.ReportViewSet, basename="report")
router.register("factors", views.FactorViewSet, basename="factor")
router.register("trial-actions", views.TrialActionViewSet, basename="trial-action")
router.register("codings", views.CodingViewSet, basename="coding")
router.register("joint-meetings", views.JointMeetingViewSet, basename="joint-meeting")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", reference.ApiReferenceView.as_view(), name="reference"),
    path("analyses/", views.AnalysisResultView.as_view(), name="analysis"),
    path("analyses/driver-profile/", views.DriverProfileView.as_view(), name="driver-profile"),
    path("analyses/trial-actions/", views.TrialActionSummaryView.as_view(), name="trial-action-summary"),
    *router.urls,
    re_path(r"^[\s\S]*$", views.NotFoundView.as_view()),  # [\s\S], not ".": a newline is part of a path too
]
