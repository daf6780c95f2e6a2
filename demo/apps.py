from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo generator: fictional sites, reports and codings written through every layer."""

    name = "demo"
    verbose_name = _("Demodata")
