from django.urls import path

from registry import views

app_name = "registry"
urlpatterns = [path("<int:pk>/", views.site_detail, name="site_detail")]
