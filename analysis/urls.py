from django.urls import path

from analysis import views

app_name = "analysis"
urlpatterns = [
    path("", views.index, name="index"),
    path("program/<str:code>/", views.programme_analysis, name="programme"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/<int:site_id>/<int:code_id>/", views.matrix_cell, name="matrix_cell"),
    path("matrix/<int:site_id>/<int:code_id>/udsagn/", views.matrix_evidence, name="matrix_evidence"),
    path("steder/<int:site_id>/grad/", views.degree, name="degree"),
]
