from django.urls import path

from coding import views

app_name = "coding"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("rapport/<int:report_id>/", views.report_coding, name="report"),
    path("passager/", views.passage_list, name="passages"),
    path("passager/<int:pk>/", views.passage_edit, name="passage_edit"),
    path("passager/<int:pk>/slet/", views.passage_delete, name="passage_delete"),
    path("kodebog/", views.codebook, name="codebook"),
    path("kodebog/ny/", views.code_create, name="code_create"),
    path("kodebog/<int:pk>/", views.code_detail, name="code"),
    path("kodebog/<int:pk>/ret/", views.code_edit, name="code_edit"),
    path("kodebog/<int:pk>/udgaaet/", views.code_retire, name="code_retire"),
    path("kodebog/<int:pk>/slet/", views.code_delete, name="code_delete"),
    path("memoer/", views.memo_list, name="memo_list"),
    path("memoer/nyt/", views.memo_create, name="memo_create"),
    path("memoer/<int:pk>/", views.memo_edit, name="memo_edit"),
]
