"""The registry pages, mounted under the site page's `registry` namespace by pages.site_urls."""

from django.urls import path

from registry import views

urlpatterns = [
    path("nyt/", views.site_create, name="site_create"),
    path("<int:pk>/profil/", views.site_update, name="site_update"),
    path("<int:pk>/medlemskab/", views.site_membership, name="site_membership"),
    path("<int:pk>/afdelinger/", views.department_list, name="department_list"),
    path("afdelinger/<int:pk>/", views.department_update, name="department_update"),
    path("afdelinger/<int:pk>/slet/", views.department_delete, name="department_delete"),
    path("<int:pk>/team/", views.team_list, name="team_list"),
    path("team/<int:pk>/", views.team_member_update, name="team_member_update"),
    path("<int:pk>/konsulenter/", views.assignment_list, name="assignment_list"),
]
