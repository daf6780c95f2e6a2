"""`drivkraft demo`: load the fictional demo dataset and the demo users."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from accounts.services import demo_password, demo_team_users_create, demo_users_create
from audit.services import acting_as, record
from demo.loader import domain_data_delete, load_demo, truth_write
from registry.models import ConsultantAssignment, Site


class Command(BaseCommand):
    help = _(
        "Indlæser fiktive demodata (14 anbringelsessteder som i evalueringen, eller --sites N) og "
        "demobrugerne."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sites", type=int, default=14, help=_("Antal steder (standard 14)."))
        parser.add_argument(
            "--seed", type=int, default=2018, help=_("Startværdi for tilfældighed (standard 2018).")
        )
        parser.add_argument("--reset", action="store_true", help=_("Slet eksisterende domænedata først."))
        parser.add_argument(
            "--truth", type=Path, help=_("Hvor de plantede profiler skrives (standard var/demo-truth.json).")
        )

    def handle(self, *args, sites: int, seed: int, reset: bool, truth: Path | None, **options):
        if sites < 1:
            raise CommandError(_("--sites skal være mindst 1."))
        password, from_environment = demo_password()
        started = time.perf_counter()
        with transaction.atomic(), acting_as(None, name="drivkraft demo"):
            if Site.objects.exists():
                if not reset:
                    raise CommandError(
                        _(
                            "Databasen indeholder allerede anbringelsessteder, så demodata indlæses ikke, "
                            "og intet er ændret. Brug --reset for at slette de eksisterende data og "
                            "indlæse demodata i stedet."
                        )
                    )
                domain_data_delete()
                record(
                    action="bulk", model="registry.Site", note="Domænedata slettet af drivkraft demo --reset."
                )
            users = demo_users_create(password=password)
            with tqdm(total=sites, desc=_("Demodata"), unit=_("sted")) as bar:
                planted = load_demo(
                    sites=sites,
                    seed=seed,
                    evaluator=users["evaluator"],
                    consultant_user=users["consultant1"],
                    progress=bar.update,
                )
            team_users = demo_team_users_create(password=password, sites=Site.objects.order_by("code"))
            record(
                action="bulk",
                model="demo",
                note=f"Fiktive demodata indlæst: {sites} steder, seed {seed}, {len(team_users)} teambrugere.",
            )
        with connection.cursor() as cursor:
            # Fresh planner statistics: without them PostgreSQL plans the start page's per-site
            # subqueries for a nearly empty table (90 ms instead of 20 ms at 2,000 sites).
            cursor.execute("ANALYZE")
        path = truth_write(planted, seed=seed, path=truth)
        self._report(sites, seed, time.perf_counter() - started, path, password, from_environment, team_users)

    def _report(self, sites, seed, seconds, path, password, from_environment, team_users) -> None:
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                _("Fiktive demodata indlæst: %(sites)d steder (seed %(seed)d) på %(seconds).1f s.")
                % {"sites": sites, "seed": seed, "seconds": seconds}
            )
        )
        out.write(
            _("De plantede profiler er skrevet til %(path)s (læses aldrig af Drivkraft).") % {"path": path}
        )
        consultant_sites = (
            ConsultantAssignment.objects.filter(
                consultant__user__username="consultant1", ends_on__isnull=True
            )
            .order_by("site__code")
            .values_list("site__code", flat=True)
        )
        out.write("")
        out.write(_("Demobrugere:"))
        rows = [
            ("admin", _("administrator (alt, brugerstyring)")),
            ("evaluator", _("evaluator (alle steder, kodning, rapporter)")),
            ("consultant1", _("konsulent for %(sites)s") % {"sites": ", ".join(consultant_sites)}),
            ("provider", _("programudbyder (kun samlede analyser)")),
        ]
        shown = ", ".join(team_users[:3]) + (", …" if len(team_users) > 3 else "")
        rows.append(
            (
                "team-<kode>",
                _("medlem af et implementeringsteam, én bruger pr. sted: %(users)s (%(n)d i alt)")
                % {"users": shown, "n": len(team_users)},
            )
        )
        for username, role in rows:
            out.write(f"  {username:<14} {role}")
        source = (
            _("fra DRIVKRAFT_DEMO_PASSWORD")
            if from_environment
            else _("tilfældig, gælder kun denne indlæsning")
        )
        out.write(
            _("Adgangskode for alle demobrugere (%(source)s): %(password)s")
            % {"source": source, "password": password}
        )
        out.write(_("Log ind på http://127.0.0.1:8000/ når `drivkraft serve` kører (fx via `make demo`)."))
