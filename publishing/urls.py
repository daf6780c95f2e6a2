from django.urls import path

from publishing import views

app_name = "publishing"
urlpatterns = [
    path("", views.index, name="index"),
    path("rapport/<slug:programme>.<slug:fmt>", views.evaluation_report, name="evaluation_report"),
    path("status/<int:pk>.<slug:fmt>", views.status_report, name="status_report"),
]
