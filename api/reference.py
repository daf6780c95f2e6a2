"""The readable API reference: Swagger UI, served from this server (drf-spectacular-sidecar), over
the same schema as /api/schema/. No inline script or style, so the content security policy holds."""

from django.urls import reverse
from django.views.generic import TemplateView


class ApiReferenceView(TemplateView):
    template_name = "api/reference.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "schema_url": reverse("api:schema")}
