from django.urls import path

from coding import round_views as views

app_name = "coding_rounds"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("ny/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/rapport/<int:report_id>/", views.round_code_report, name="code_report"),
    path("<int:pk>/afslut/", views.round_close, name="close"),
    path("<int:pk>/model/", views.round_model, name="model"),
    path("<int:pk>/sammenlign/", views.round_compare, name="compare"),
    path("<int:pk>/konsensus/", views.round_consensus, name="consensus"),
    path("forslag/", views.suggestion_queue, name="queue"),
    path("forslag/rapport/<int:report_id>/", views.report_suggestions, name="report_suggestions"),
    path("forslag/<int:pk>/accepter/", views.suggestion_accept, name="suggestion_accept"),
    path("forslag/<int:pk>/ret/", views.suggestion_correct, name="suggestion_correct"),
    path("forslag/<int:pk>/afvis/", views.suggestion_reject, name="suggestion_reject"),
    path("model/", views.coder_models, name="models"),
    path("model/genoptraen/", views.retrain, name="retrain"),
    path("model/job/<int:pk>/", views.retrain_status, name="retrain_status"),
]
