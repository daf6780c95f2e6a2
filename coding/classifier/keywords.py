"""The plain keyword-list baseline: count each driver's keywords in the lower-cased text.

The driver with the most hits wins (ties in the order competence, organisation, leadership); a
sentence without any keyword gets organisation, the broadest driver. It is the yardstick the
trained model must beat, not a fallback.
"""

KEYWORDS = {
    "competence": (
        "kursus",
        "kurset",
        "undervis",
        "uddann",
        "træning",
        "øvelse",
        "supervision",
        "sparring",
        "refleksion",
        "reflekter",
        "studiegruppe",
        "nyansat",
        "vikar",
        "introduktion",
        "medarbejdere",
        "kolleg",
        "lære",
        "viden",
        "feedback",
        "praksisfortælling",
    ),
    "organisation": (
        "team",
        "møde",
        "kultur",
        "afdeling",
        "dokument",
        "journal",
        "logbog",
        "behandlingsplan",
        "statusrapport",
        "handleplan",
        "kommune",
        "forældre",
        "skole",
        "sagsbehandler",
        "tilsyn",
        "besparelse",
        "corona",
        "pandemi",
        "struktur",
        "tid",
        "mandat",
    ),
    "leadership": (
        "ledelse",
        "leder",
        "forstander",
        "beslut",
        "ramme",
        "plan",
        "prioriter",
        "dialog",
        "tillid",
        "autoritær",
        "demokratisk",
        "indflydelse",
        "holde fast",
        "holder fast",
        "tålmodig",
        "ansvar",
        "melding",
        "meldt",
    ),
}
ORDER = ("competence", "organisation", "leadership")
DEFAULT = "organisation"


def keyword_driver(text: str) -> str:
    lowered = text.lower()
    hits = {driver: sum(lowered.count(word) for word in KEYWORDS[driver]) for driver in ORDER}
    best = max(hits.values())
    if best == 0:
        return DEFAULT
    return next(driver for driver in ORDER if hits[driver] == best)
