from django.urls import path

from fieldwork.views import actions, factors, meetings, planning, reports, search, visits

app_name = "fieldwork"
urlpatterns = [
    path("steder/<int:site_pk>/besoeg/nyt/", visits.visit_create, name="visit_create"),
    path("besoeg/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("besoeg/<int:pk>/rediger/", visits.visit_update, name="visit_update"),
    path("besoeg/<int:pk>/rapport/", reports.report_edit, name="report_edit"),
    path("besoeg/<int:pk>/proevehandlinger/ny/", actions.trial_action_create, name="trial_action_create"),
    path("rapporter/<int:pk>/", reports.report_detail, name="report_detail"),
    path("rapporter/<int:pk>/fremmere-haemmere/ny/", factors.factor_create, name="factor_create"),
    path("fremmere-haemmere/<int:pk>/rediger/", factors.factor_update, name="factor_update"),
    path("fremmere-haemmere/<int:pk>/slet/", factors.factor_delete, name="factor_delete"),
    path(
        "proevehandlinger/<int:pk>/opfoelgning/",
        actions.trial_action_follow_up,
        name="trial_action_follow_up",
    ),
    path("proevehandlinger/<int:pk>/rediger/", actions.trial_action_update, name="trial_action_update"),
    path("faellesmoeder/", meetings.meeting_list, name="meeting_list"),
    path("faellesmoeder/nyt/", meetings.meeting_create, name="meeting_create"),
    path("faellesmoeder/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("faellesmoeder/<int:pk>/rediger/", meetings.meeting_update, name="meeting_update"),
    path(
        "faellesmoeder/<int:pk>/fremmere-haemmere/ny/",
        meetings.meeting_factor_create,
        name="meeting_factor_create",
    ),
    path("soeg/", search.search, name="search"),
    path("besoeg/<int:pk>/aflys/", planning.visit_cancel, name="visit_cancel"),
    path("steder/<int:site_pk>/besoegsplan/", planning.visit_plan, name="visit_plan"),
    path("steder/<int:site_pk>/begivenheder/", planning.site_events, name="site_events"),
    path("steder/<int:site_pk>/vurderinger/", planning.site_assessments, name="site_assessments"),
    path("begivenheder/", planning.event_list, name="event_list"),
    path("begivenheder/<int:pk>/rediger/", planning.event_update, name="event_update"),
    path("begivenheder/<int:pk>/slet/", planning.event_delete, name="event_delete"),
]
