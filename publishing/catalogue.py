"""Strings the reports translate that `makemessages` cannot find in publishing's own code.

The footer words of the report's @page CSS and of the Word footer, and the codebook's attention-point
descriptions: data shown as the advice in the status report and translated through the catalogue
(publishing/locale/en). Listing them here keeps them in the catalogue when it is regenerated.
"""

from django.utils.translation import gettext_noop

PAGE_FOOTER = (gettext_noop("Side"), gettext_noop("af"))
ATTENTION_POINT_ADVICE = (
    gettext_noop("Medarbejderne får løbende faglig supervision; stederne foretrækker ekstern supervision."),
    gettext_noop("Et introduktionskursus i programmet for nye medarbejdere og vikarer."),
    gettext_noop(
        "Understøt faglige drøftelser, hvor medarbejderne åbent diskuterer brugen af programmet, også over for det, stedet gjorde før."
    ),
    gettext_noop("Formulér fra start klare mål for, hvad stedet vil opnå med programmet."),
    gettext_noop("Understøt fra start det velfungerende implementeringsteam i at holde fokus."),
    gettext_noop("Inddrag børnene, de unge og deres forældre i programmet."),
    gettext_noop(
        "Bliv ved med at skrive metoden ind i sprog, logbøger, behandlingsplaner, journaler og statusrapporter."
    ),
    gettext_noop("Hold fast i en demokratisk ledelsesstil med dialog og medarbejderindflydelse."),
    gettext_noop("Gør kulturen mere tillidsbaseret og læringsorienteret."),
    gettext_noop("Hold fast og hold fokus i implementeringsprocessen, også når den går tilbage."),
)

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
