from django.urls import path

from pages import site as views

app_name = "registry"  # the namespace the site page has always had
urlpatterns = [path("<int:pk>/", views.site_detail, name="site_detail")]
