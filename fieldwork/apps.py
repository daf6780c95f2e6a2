from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    name = "fieldwork"
    verbose_name = _("Feltarbejde")

    def ready(self):
        # Signal receivers connect once the app registry is ready.
        from fieldwork import search  # noqa: PLC0415

        search.connect_signals()
