from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Revision")

    def ready(self) -> None:
        # Signal receivers connect once the app registry is ready.
        from audit import data_version, signals  # noqa: PLC0415

        signals.connect()
        data_version.connect()
        post_migrate.connect(create_cache_tables, sender=self)


def create_cache_tables(**kwargs) -> None:
    """The shared cache lives in the database by default; its table follows every migrate."""
    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)
