"""`drivkraft import-qdpx FILE.qdpx [--dry-run]`: codes and coded text from NVivo, ATLAS.ti, MAXQDA, QualCoder …"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from audit.services import acting_as
from interop.qdpx.importer import import_qdpx
from interop.qdpx.reader import QdpxError


class Command(BaseCommand):
    help = (
        "Indlæser koder og kodede tekstmarkeringer fra et REFI-QDA-projekt (.qdpx) i kodebogen og som "
        "kodninger af de rapporter og mødereferater, kilderne svarer til. Alt eller intet."
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
            with acting_as(actor, name=f"import-qdpx {file.name}"):
                summary = import_qdpx(file, user=actor, dry_run=dry_run)
        except QdpxError as exc:
            raise CommandError(f"{exc} Intet er ændret.") from exc
        except ValidationError as exc:
            raise CommandError(
                f"Ugyldige data i {file.name}: {'; '.join(exc.messages)}. Intet er ændret."
            ) from exc
        self._report(summary)
        if summary.sources_unmatched and not summary.sources_matched:
            raise CommandError(
                f"Ingen af filens {len(summary.sources_unmatched)} tekstkilder svarer til en rapport eller et "
                "mødereferat i databasen, så intet er indlæst. Indlæs rapporterne først (import-docx eller "
                "import), eller giv kilderne navne som «Implementeringsrapport MG01 2018-03-01»."
            )

    def _report(self, s) -> None:
        write = self.stdout.write
        write(("PRØVEKØRSEL – intet er gemt. " if s.dry_run else "") + f"Import fra {s.file}:")
        write(f"  Koder genkendt i kodebogen: {s.codes_mapped}")
        write(f"  Koder tilføjet under «Importeret fra {s.file}»: {len(s.codes_added)}")
        for name in s.codes_added:
            write(f"    + {name}")
        write(f"  Kilder koblet til rapporter/møder: {len(s.sources_matched)}")
        for source, target in s.sources_matched:
            if source != target:
                write(f"    {source} → {target}")
        write(f"  Kodede passager oprettet: {s.passages_created}; fandtes allerede: {s.passages_existing}")
        if s.sources_unmatched:
            write(f"  Kilder uden matchende rapport eller møde: {len(s.sources_unmatched)}")
            for name in s.sources_unmatched:
                write(f"    - {name}")
        for reason, count in sorted(s.unmapped.items()):
            write(f"  Ikke taget med – {reason}: {count}")
        for kind, count in sorted(s.unsupported.items()):
            write(f"  Understøttes ikke – {kind}: {count}")
        if s.unknown_coders:
            write(f"  Ukendte kodere (passagerne er gemt uden koder): {', '.join(sorted(s.unknown_coders))}")
        if s.cpr_masked:
            write(
                f"  {s.cpr_masked} CPR-numre i den importerede tekst blev maskeret før sammenligningen; "
                "de gemmes aldrig."
            )
