from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Revision")

    def ready(self) -> None:
        # Signal receivers connect once the app registry is ready.
        from audit import signals  # noqa: PLC0415

        signals.connect()
