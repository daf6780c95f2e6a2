from django.urls import path

from decisions import alert_rule_views, views

app_name = "decisions"
urlpatterns = [
    path("", views.index, name="index"),
    path("sted/<int:site_id>/", views.dashboard, name="dashboard"),
    path("raad/", views.advice_index, name="advice_index"),
    path("raad/<slug:driver>/", views.advice, name="advice"),
    path("regler/", alert_rule_views.alert_rule_list, name="alert_rules"),
    path("regler/<int:pk>/", alert_rule_views.alert_rule_edit, name="alert_rule_edit"),
    path("parathed/", views.readiness_start, name="readiness_start"),
    path("parathed/gemt/<int:pk>/", views.readiness_saved, name="readiness_saved"),
    path("parathed/gemt/<int:pk>/pdf/", views.readiness_saved_pdf, name="readiness_saved_pdf"),
    path("parathed/gemt/<int:pk>/gentag/", views.readiness_saved_repeat, name="readiness_saved_repeat"),
    path("parathed/<str:token>/", views.readiness_result, name="readiness_result"),
    path("parathed/<str:token>/pdf/", views.readiness_pdf, name="readiness_pdf"),
    path("parathed/<str:token>/gentag/", views.readiness_repeat, name="readiness_repeat"),
]
