from django.urls import path

from pages import site as views
from registry.urls import urlpatterns as registry_urlpatterns

app_name = "registry"  # the namespace the site page has always had
urlpatterns = [path("<int:pk>/", views.site_detail, name="site_detail"), *registry_urlpatterns]
