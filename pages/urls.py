from django.urls import path

from pages import home as views

urlpatterns = [path("", views.home, name="home")]
