"""`drivkraft import-codebook FILE.qdc [--dry-run]`: a REFI-QDA codebook from Taguette, NVivo, MAXQDA …"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from audit.services import acting_as
from interop.qdpx.codebook import import_codebook
from interop.qdpx.reader import QdpxError


class Command(BaseCommand):
    help = (
        "Indlæser en REFI-QDA-kodebog (.qdc): koder med samme navn som kodebogens genkendes, resten "
        "tilføjes under «Importeret fra <fil>». Alt eller intet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Vis hvad der ville ske, og gem intet.")
        parser.add_argument("--user", help="Brugernavnet importen registreres under (revisionsloggen).")

    def handle(self, *args, file: Path, dry_run: bool, user: str | None, **options):
        if not file.is_file():
            raise CommandError(f"Filen findes ikke: {file}")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Ingen bruger med brugernavnet {user!r}.")
        try:
            with acting_as(actor, name=f"import-codebook {file.name}"):
                summary = import_codebook(file, user=actor, dry_run=dry_run)
        except QdpxError as exc:
            raise CommandError(f"{exc} Intet er ændret.") from exc
        except ValidationError as exc:
            raise CommandError(
                f"Ugyldige data i {file.name}: {'; '.join(exc.messages)}. Intet er ændret."
            ) from exc
        write = self.stdout.write
        write(("PRØVEKØRSEL – intet er gemt. " if dry_run else "") + f"Kodebog fra {summary.file}:")
        write(f"  Koder i filen: {summary.codes}")
        write(f"  Genkendt i kodebogen: {summary.codes_mapped}")
        write(f"  Tilføjet under «Importeret fra {summary.file}»: {len(summary.codes_added)}")
        for name in summary.codes_added:
            write(f"    + {name}")
