"""`drivkraft worker`: run background tasks (django-tasks' database queue)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Kører baggrundsopgaver fra databasekøen (django-tasks' db_worker).")

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help=_("Kun denne kø ('*' = alle)."))
        parser.add_argument("--interval", type=float, default=1.0, help=_("Sekunder mellem opslag i køen."))
        parser.add_argument("--batch", action="store_true", help=_("Stop, når køen er tom."))

    def handle(self, *args, queue_name: str, interval: float, batch: bool, **options):
        arguments = ["--queue-name", queue_name, "--interval", str(interval)]
        if batch:
            arguments.append("--batch")
        call_command("db_worker", *arguments)
