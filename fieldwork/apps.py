from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    name = "fieldwork"
    verbose_name = _("Feltarbejde")

    def ready(self):
        from fieldwork import search

        search.connect_signals()
