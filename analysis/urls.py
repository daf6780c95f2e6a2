from django.urls import path

from analysis.views import matrix, overview, rules

app_name = "analysis"
urlpatterns = [
    path("", overview.index, name="index"),
    path("program/<str:code>/", overview.programme_analysis, name="programme"),
    path("matrix/", matrix.matrix, name="matrix"),
    path("matrix/<int:site_id>/<int:code_id>/", matrix.matrix_cell, name="matrix_cell"),
    path("matrix/<int:site_id>/<int:code_id>/udsagn/", matrix.matrix_evidence, name="matrix_evidence"),
    path("steder/<int:site_id>/grad/", matrix.degree, name="degree"),
    path("regler/", rules.degree_rules, name="degree_rules"),
]
