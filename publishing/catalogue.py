"""Strings the reports translate that `makemessages` cannot find in publishing's own code.

The footer words of the report's @page CSS and of the Word footer, and choice labels of other apps
(publishing/locale/en). Listing them here keeps them in the catalogue when it is regenerated. The
attention points' advice is the codebook's own `description_en`, not a catalogue entry.
"""

from django.utils.translation import gettext_noop

PAGE_FOOTER = (gettext_noop("Side"), gettext_noop("af"))
# Choice labels of other apps that the reports show (phases, outcomes, events, ownership, regions,
# score kinds); translated here as well, so an English report does not depend on the project catalogue.
CHOICE_LABELS = (
    gettext_noop("Forberedelse"),
    gettext_noop("Forudsætningsanalyse"),
    gettext_noop("Kapacitetsopbygning"),
    gettext_noop("Tilpasning og forankring"),
    gettext_noop("Ikke gennemført"),
    gettext_noop("Droppet"),
    gettext_noop("Besparelser"),
    gettext_noop("Tilsynssag"),
    gettext_noop("Omorganisering"),
    gettext_noop("Afskedigelser"),
    gettext_noop("Ledelsesskifte"),
    gettext_noop("Pandemi"),
    gettext_noop("Andet"),
    gettext_noop("Kommunal"),
    gettext_noop("Selvejende"),
    gettext_noop("Privat"),
    gettext_noop("Region Hovedstaden"),
    gettext_noop("Region Sjælland"),
    gettext_noop("Region Syddanmark"),
    gettext_noop("Region Midtjylland"),
    gettext_noop("Region Nordjylland"),
    gettext_noop("Programtroskab"),
    gettext_noop("Effekt"),
)
