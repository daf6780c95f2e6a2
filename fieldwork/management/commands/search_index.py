"""`drivkraft search-index`: rebuild the full-text index after a bulk load (SQLite; PostgreSQL needs none)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from fieldwork import search


class Command(BaseCommand):
    help = _(
        "Genopbygger søgeindekset (SQLite FTS5) fra rapporter, fremmere/hæmmere, prøvehandlinger og referater."
    )

    def handle(self, *args, **options):
        if not search.uses_fts5():
            self.stdout.write(_("PostgreSQL søger direkte i tabellerne; der er intet indeks at genopbygge."))
            return
        with tqdm(total=search.indexable_count(), unit=_("tekster"), disable=None) as bar:
            count = search.search_rebuild(progress=bar.update)
        self.stdout.write(_("Søgeindekset er genopbygget: %(count)d tekster.") % {"count": count})
