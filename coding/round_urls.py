from django.urls import path  # noqa: F401

app_name = "coding_rounds"
urlpatterns: list = []
