from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("konti/", include("accounts.urls")),
    path("steder/", include("pages.site_urls")),
    path("feltarbejde/", include("fieldwork.urls")),
    path("kodning/", include("coding.urls")),
    path("kodning/runder/", include("coding.round_urls")),
    path("analyse/", include("analysis.urls")),
    path("udgivelse/", include("publishing.urls")),
    path("beslutningsstotte/", include("decisions.urls")),
    path("revision/", include("audit.urls")),
    path("", include("pages.urls")),
]

admin.site.site_header = "Drivkraft"
admin.site.site_title = "Drivkraft"
