"""Promoter and inhibitor sentences for the second scenario, written apart from the demo's texts:
team voices, meeting minutes and case-note registers, each sentence coded to a driver and mechanism."""

STATEMENTS: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("competence", "promoter"): [
        (
            "coaching",
            "Vi tager en snak i vagtskiftet om, hvad der skete med drengen i går, og det er der, vi lærer mest.",
        ),
        (
            "coaching",
            "Supervisoren kommer hver sjette uge, og personalet møder forberedt med en konkret situation.",
        ),
        (
            "training",
            "De to nye pædagoger har fået en makker, der viser dem, hvordan vi bruger modellen i praksis.",
        ),
        ("training", "Der er afsat to timer om måneden til læsegruppe, og fremmødet er stabilt."),
        (
            "staff_selection",
            "Ved jobsamtaler spørger vi nu ind til, om ansøgeren kan se sig selv arbejde sådan her.",
        ),
        ("coaching", "Medarbejderne siger selv, at de er blevet bedre til at stoppe op og undre sig sammen."),
        (
            "training",
            "Referat: Kursusdagene er gennemført, og alle i døgnafsnittet har deltaget mindst én gang.",
        ),
        ("coaching", "Personalet bruger hinanden som sparringspartnere, også når det brænder på om aftenen."),
    ],
    ("competence", "inhibitor"): [
        ("training", "Halvdelen af vikarerne har aldrig hørt om metoden og gør, som de plejer."),
        (
            "coaching",
            "Vi når sjældent at reflektere, fordi der hele tiden er en ung, der skal køres et sted hen.",
        ),
        (
            "staff_selection",
            "Der er stor forskel på, hvor meget de enkelte medarbejdere har med sig fagligt.",
        ),
        (
            "training",
            "Referat: Undervisningen blev aflyst to gange på grund af sygdom og er ikke genoptaget.",
        ),
        ("coaching", "Nattevagterne arbejder alene og får ikke del i de faglige drøftelser."),
        ("training", "Flere synes, øvelserne er for enkle, og har mistet lysten til at bruge dem."),
        ("coaching", "Supervisionen er blevet sparet væk, og det kan mærkes på engagementet."),
        ("staff_selection", "Vi har haft svært ved at rekruttere, så mange vagter dækkes af folk udefra."),
    ],
    ("organisation", "promoter"): [
        (
            "facilitative_administration",
            "Teamet mødes fast hver anden tirsdag, og dagsordenen sendes ud i god tid.",
        ),
        (
            "decision_support_data",
            "Vi har lavet et skema i journalsystemet, så man kan se, hvilke redskaber der er brugt.",
        ),
        (
            "systems_intervention",
            "Forældrene blev inviteret til en aften, hvor vi viste, hvordan vi arbejder med de unge.",
        ),
        (
            "facilitative_administration",
            "Referat: Arbejdsgangen for statusmøder er ændret, så metoden har et fast punkt.",
        ),
        (
            "decision_support_data",
            "Der føres nu korte notater efter hver svær situation, som teamet går igennem.",
        ),
        ("systems_intervention", "Skolen og sagsbehandlerne kender metoden og spørger selv ind til den."),
        (
            "facilitative_administration",
            "Alle afdelinger har fået samme materiale, og det hænger ved kaffemaskinen.",
        ),
        (
            "facilitative_administration",
            "Der er ro om organiseringen, så kræfterne kan bruges på det faglige.",
        ),
    ],
    ("organisation", "inhibitor"): [
        (
            "systems_intervention",
            "Kommunen har varslet besparelser, og det fylder mere end alt andet lige nu.",
        ),
        (
            "facilitative_administration",
            "Afdelingerne ligger langt fra hinanden og ser næsten ikke hinanden.",
        ),
        ("facilitative_administration", "Referat: Teammødet blev aflyst, fordi der manglede folk på gulvet."),
        (
            "decision_support_data",
            "Ingen har overblik over, hvad der er afprøvet, for det skrives ingen steder ned.",
        ),
        (
            "systems_intervention",
            "Der er kørt tre andre projekter i samme periode, og folk er trætte af nyt.",
        ),
        (
            "facilitative_administration",
            "Nogle vagtlag deltager aldrig, så det bliver de samme få, der bærer det.",
        ),
        ("systems_intervention", "Et tilsynsbesøg har taget al opmærksomheden de sidste måneder."),
        ("facilitative_administration", "Det er uklart for personalet, hvad teamet egentlig skal."),
    ],
    ("leadership", "promoter"): [
        (
            "technical_leadership",
            "Forstanderen har meldt klart ud, at det er sådan, vi arbejder her, og følger op på det.",
        ),
        ("adaptive_leadership", "Da coronaen kom, fandt lederen en måde at holde møderne på over skærm."),
        (
            "technical_leadership",
            "Lederen deltager selv i undervisningen og bruger begreberne på personalemøder.",
        ),
        (
            "adaptive_leadership",
            "Ledelsen har lyttet til kritikken og gjort deltagelse i grupperne frivillig.",
        ),
        (
            "technical_leadership",
            "Referat: Ledergruppen har lagt en plan for resten af året med klare ansvarlige.",
        ),
        (
            "adaptive_leadership",
            "Medarbejderne oplever, at de har indflydelse på, hvordan metoden tilpasses.",
        ),
        ("technical_leadership", "Afdelingslederen sørger for, at der er tid i planen til at øve sig."),
    ],
    ("leadership", "inhibitor"): [
        (
            "technical_leadership",
            "Beslutningen blev truffet i ledelsen uden at spørge personalet, og det mærkes stadig.",
        ),
        ("adaptive_leadership", "Ingen tager rigtig ansvar, når der opstår problemer; det flyder."),
        (
            "technical_leadership",
            "Lederen siger, at alle metoder må klare sig selv i konkurrence med hinanden.",
        ),
        ("adaptive_leadership", "Referat: Ledelsen har ikke fulgt op på aftalerne fra sidste møde."),
        (
            "technical_leadership",
            "Der har været tre forskellige ledere på to år, og retningen skifter hver gang.",
        ),
        ("adaptive_leadership", "Medarbejderne tør ikke prøve noget nyt, fordi fejl bliver påtalt."),
        ("technical_leadership", "Det er op til den enkelte, om man vil bruge metoden eller ej."),
    ],
}

TRIAL_AIMS = {
    "competence": [
        "Afprøve en fast refleksionsrunde i vagtskiftet",
        "Lade de nye medarbejdere følge en erfaren kollega i to vagter",
        "Bruge fem minutter efter hvert måltid på at tale om, hvad der skete",
    ],
    "organisation": [
        "Lægge et fast punkt om metoden ind i statusmødet",
        "Skrive korte notater om svære situationer i journalen",
        "Invitere forældrene til en aften om metoden",
    ],
    "leadership": [
        "Lederen deltager i teammødet og følger op på aftalerne",
        "Lave en plan for, hvem der gør hvad resten af halvåret",
        "Spørge personalet, hvilke elementer de vil starte med",
    ],
}

SECTION_OPENINGS = {
    "promoters_inhibitors": "Samtalen tog udgangspunkt i, hvad der er gået godt og skidt siden sidst.",
    "organisation_culture": "Vi talte om, hvordan stedet er organiseret, og om stemningen i huset.",
    "implementation_process": "Teamet gjorde status over, hvor langt de er nået.",
    "implementation_team": "Teamet fortalte om, hvordan det arbejder sammen.",
    "leadership": "Ledelsens rolle blev drøftet.",
    "anchoring": "Til sidst talte vi om, hvor meget metoden er blevet en del af hverdagen.",
}
