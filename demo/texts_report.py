"""Sentence banks for the rest of a fictional demo report: openings, phase activities, the team,
anchoring, trial actions and their follow-up, joint-meeting minutes and evaluator notes.

All sentences are written for this project. Placeholders as in texts_factors, plus {date},
{participants}, {size}, {aim} (a trial action's aim, infinitive without "at"), {carrier}.
"""

OPENINGS = [
    "Samtalen blev holdt {date} med {participants}.",
    "Til mødet {date} deltog {participants}.",
    "Besøget fandt sted {date}; fra stedet deltog {participants}.",
    "Implementeringsteamet mødtes med konsulenten {date}. Til stede var {participants}.",
    "Vi mødtes {date} i personalestuen med {participants}.",
    "Den narrative samtale {date} blev holdt med {participants}.",
]

OPENINGS_ONLINE = [
    "På grund af restriktionerne blev samtalen {date} holdt online med {participants}.",
    "Samtalen {date} foregik over video; med var {participants}.",
]

FIRST_VISIT = [
    "Det var det første besøg, og samtalen handlede om, hvorfor stedet har valgt {programme}, og "
    "hvordan arbejdet skal organiseres.",
    "Som første samtale i forløbet brugte vi tid på at lære hinanden at kende og på at beskrive "
    "stedets udgangspunkt.",
    "Ved dette første møde fortalte teamet om stedets historie, de unge og forventningerne til {programme}.",
]

# What a site does in each phase (DESIGN.md 1b), written as observations of the visit.
PHASE_ACTIVITIES = {
    "preparation": [
        "Implementeringsteamet er nedsat, og rollerne i teamet blev drøftet.",
        "Undervisningsdagene er planlagt, og de første datoer er meldt ud til medarbejderne.",
        "Medarbejderne er blevet informeret om programmet på et personalemøde og kunne stille spørgsmål.",
        "Teamet har lagt en foreløbig plan for, hvem der skal på uddannelse hvornår.",
        "Vi talte om, hvad det kræver af huset at tage et nyt program op, og hvem der skal drive det.",
        "Teamet har aftalt en fast mødefrekvens og et sted at gemme referaterne.",
    ],
    "prerequisite_analysis": [
        "Teamet har set på, hvor meget tid og hvilke ressourcer arbejdet kræver i en almindelig uge.",
        "Vi har sammen navngivet fremmere og hæmmere og set på, hvor teamet har brug for støtte.",
        "Teamet har gennemgået vagtplanen for at finde tid til refleksion.",
        "Teamet har kortlagt, hvilke områder der kræver mest støtte: aftenvagterne og de nye medarbejdere.",
        "Teamet overvejede, hvilke eksisterende møder der kan bruges til programmet i stedet for at "
        "lægge nye oveni.",
        "Vi brugte en del af samtalen på at afveje, hvad der er realistisk med den nuværende bemanding.",
    ],
    "capacity_building": [
        "Medarbejderne er nu i gang med at afprøve {element}, ét element ad gangen.",
        "Teamet har valgt at tage elementerne i en bestemt rækkefølge og begynder med {element}.",
        "Der bliver skrevet praksisfortællinger, som drøftes på personalemøderne.",
        "Der er lavet en plan for, hvordan nye medarbejdere og vikarer bliver introduceret.",
        "Medarbejderne har fået tid til at øve sig, og erfaringerne samles op hver anden uge.",
        "Teamet har gjort {tool} synligt i huset, så det er let at gribe til i hverdagen.",
        "Flere medarbejdere har prøvet {element} i samtaler med de unge og fortalte om det.",
    ],
    "adaptation_anchoring": [
        "Programmets elementer er skrevet ind i behandlingsplanerne og i skabelonen for statusrapporter.",
        "Programmets sprog bruges i det daglige, også af medarbejdere, der ikke er i teamet.",
        "Stedet er ved at gøre programmet til sin egen model med egne eksempler og egne ord.",
        "Der er et fast introduktionskursus for nye medarbejdere, og supervisionen fortsætter.",
        "Teamet arbejder på at inddrage de unge og forældrene mere systematisk.",
        "Rapporterne til sagsbehandlerne bygger nu på programmets begreber.",
    ],
}

PHASE_SUMMARY = {
    "preparation": [
        "Stedet er fortsat i forberedelsen.",
        "Arbejdet er stadig i forberedelsesfasen.",
    ],
    "prerequisite_analysis": [
        "Stedet er i gang med at analysere forudsætningerne for at bruge programmet.",
        "Teamet arbejder med forudsætningsanalysen.",
    ],
    "capacity_building": [
        "Stedet er i fuld gang med kapacitetsopbygningen.",
        "Arbejdet er i kapacitetsopbygningsfasen, hvor elementerne afprøves i praksis.",
    ],
    "adaptation_anchoring": [
        "Stedet er nået til tilpasning og forankring.",
        "Arbejdet handler nu mest om at tilpasse og forankre programmet.",
    ],
}

RELAPSE = [
    "Siden sidst er arbejdet gået i stå, og teamet har måttet tage et skridt tilbage for at samle trådene.",
    "Teamet oplever at være tilbage ved start på flere områder, og vi brugte samtalen på at finde et "
    "nyt udgangspunkt.",
    "Flere af de aftaler, der var på plads, er smuldret, så teamet skal igen i gang med grundlaget.",
    "Med de mange forandringer siden sidst er det nødvendigt at genbesøge, hvad stedet vil med programmet.",
]

TEAM_DESCRIPTION = [
    "Teamet består i øjeblikket af {size} personer med {lead} som implementeringsansvarlig.",
    "{lead} er implementeringsansvarlig og leder teamets {size} medlemmer.",
    "Der er {size} personer i teamet, og {lead} har ansvaret for at holde sammen på arbejdet.",
    "Teamet tæller nu {size} medlemmer; {lead} er fortsat tovholder.",
]

TEAM_NEW_MEMBER = [
    "{name} er kommet med i teamet siden sidst.",
    "Teamet har fået et nyt medlem, {name}.",
]

TEAM_MANAGER_JOINED = [
    "{name} fra ledelsen er nu trådt ind i teamet.",
    "Efter ønske fra teamet deltager {name} fra ledelsen nu i møderne.",
]

ANCHORING = {
    1: [
        "Programmet er endnu ikke en del af hverdagen; det bruges højst af enkelte medarbejdere.",
        "Der er endnu ingen tegn på forankring, og redskaberne ses sjældent i brug.",
        "Det er for tidligt at tale om forankring.",
        "Forankringen er fortsat meget begrænset.",
    ],
    2: [
        "Enkelte redskaber bruges, men kun når nogen husker at tage dem frem.",
        "Programmet lever primært i teamet og er ikke nået ud i alle vagter.",
        "Der er spirer til forankring i den ene afdeling, men ikke i resten af huset.",
        "Forankringen er svag; brugen afhænger af, hvem der er på arbejde.",
    ],
    3: [
        "Programmet bruges jævnligt, men er endnu ikke skrevet ind i stedets faste procedurer.",
        "Flere medarbejdere bruger redskaberne af sig selv, og de nævnes ved overleveringerne.",
        "Forankringen er halvvejs: sproget er der, dokumentationen mangler.",
    ],
    4: [
        "Programmet er en naturlig del af hverdagen og indgår i de fleste behandlingsplaner.",
        "Redskaberne bruges dagligt, og nye medarbejdere bliver introduceret til dem.",
        "Forankringen er god; programmet er blevet en del af den måde, huset arbejder på.",
    ],
    5: [
        "Programmet er fuldt forankret: det står i behandlingsplaner, journaler og statusrapporter og "
        "bruges af alle.",
        "Stedet har gjort programmet til sit eget, og det bæres af hele huset uden konsulentens hjælp.",
        "Forankringen er høj, og programmet overlever også udskiftning i personalet.",
    ],
}

# Theme fillers where no promoter or inhibitor fell in a theme at a visit.
THEME_FILLERS = {
    "promoters_inhibitors": [
        "Vi gennemgik, hvad der har hjulpet og hvad der har bremset arbejdet siden sidst.",
        "Samtalen tog udgangspunkt i teamets egne eksempler fra de seneste uger.",
    ],
    "organisation_culture": [
        "Der er ikke sket større ændringer i organisationen siden sidst.",
        "Organisatorisk er rammerne de samme som ved forrige besøg.",
        "Vi talte kort om stedets rammer, som er uændrede.",
    ],
    "implementation_process": [
        "Processen følger i store træk den plan, teamet lagde.",
        "Vi samlede op på, hvor langt stedet er nået i processen.",
    ],
    "implementation_team": [
        "Teamets arbejdsform er den samme som sidst.",
        "Teamet mødes fortsat efter den aftalte plan.",
    ],
    "leadership": [
        "Ledelsen var ikke til stede ved samtalen, og emnet blev kun berørt kort.",
        "Der var ikke meget nyt at berette om ledelsens rolle denne gang.",
    ],
    "anchoring": [
        "Graden af forankring blev drøftet ud fra teamets egne eksempler.",
    ],
}

QUOTE_LEADS = [
    "Som {speaker} udtrykte det: »{quote}«",
    "{speaker} sagde: »{quote}«",
    "»{quote}« sagde {speaker}.",
    "{speaker} formulerede det sådan: »{quote}«",
]

# Trial actions: aims (infinitive, without "at"), what is done and the driver they work on.
TRIAL_ACTIONS = {
    "competence": [
        (
            "bruge {tool} ved overleveringen hver dag i to uger",
            "Den vagt, der går hjem, fortæller kort om en situation set med programmets briller.",
        ),
        (
            "skrive én praksisfortælling om ugen",
            "Fortællingerne lægges i en fælles mappe og læses op på personalemødet.",
        ),
        (
            "afprøve {element} i samtaler med {youth}",
            "To faste voksne prøver elementet af og noterer, hvad der sker.",
        ),
        (
            "holde en kort refleksion efter hver konflikt",
            "Refleksionen tager ti minutter og følger tre spørgsmål fra uddannelsen.",
        ),
        ("lade to erfarne medarbejdere lære en nyansat {tool}", "Sidemandsoplæring i de første tre vagter."),
        (
            "øve {element} på personalemødet med rollespil",
            "Et kvarter af hvert personalemøde bruges på at øve.",
        ),
        (
            "starte en læsegruppe om programmets grundbog",
            "Fire medarbejdere læser et kapitel hver anden uge.",
        ),
    ],
    "organisation": [
        ("gøre {tool} synligt i alle afdelinger", "Modellen lamineres og hænges op ved vagtplanen."),
        (
            "indføre et felt i logbogen om brugen af programmet",
            "Medarbejderne skriver en linje om dagens brug.",
        ),
        (
            "skrive programmets mål ind i to behandlingsplaner",
            "{lead} og en kollega formulerer teksten sammen med sagsbehandleren.",
        ),
        (
            "invitere forældrene til en aften om programmet",
            "Teamet planlægger aftenen og laver en kort præsentation.",
        ),
        (
            "sætte programmet fast på dagsordenen ved morgenmødet",
            "Fem minutter hver morgen om en konkret situation.",
        ),
        ("fastholde teamets møder hver anden uge", "Møderne lægges i kalenderen et halvt år frem."),
        ("fortælle de unge på ungemødet om de nye redskaber", "De unge får selv lov at prøve en øvelse."),
    ],
    "leadership": [
        ("få ledelsen til at deltage i et teammøde", "{lead} inviterer {manager} til næste møde."),
        (
            "afklare, hvor meget tid teamet har til arbejdet",
            "{manager} og {lead} gennemgår vagtplanen sammen.",
        ),
        (
            "lade medarbejderne vælge det næste element",
            "Forslag samles ind, og der stemmes på personalemødet.",
        ),
        (
            "melde tydeligt ud, hvorfor stedet bruger programmet",
            "{manager} fortæller om beslutningen på personalemødet.",
        ),
        ("lægge en plan for implementeringen resten af året", "Ledelsen og teamet laver planen sammen."),
    ],
}

TRIAL_AGREED = [
    "Til næste gang aftalte teamet at {aim}; {carrier} står for det.",
    "Som prøvehandling vil teamet {aim}. {carrier} har ansvaret.",
    "Teamet blev enige om at {aim}, og {carrier} tager teten.",
    "Den nye prøvehandling er at {aim}, båret af {carrier}.",
]

TRIAL_FOLLOW_UP = {
    "done": [
        "Prøvehandlingen fra sidst – at {aim} – er gennemført.",
        "Teamet nåede at {aim}, som aftalt sidst.",
        "Det lykkedes at {aim}.",
    ],
    "partly": [
        "Prøvehandlingen om at {aim} er delvist gennemført.",
        "Teamet kom et stykke med at {aim}, men ikke hele vejen.",
        "Det er kun delvist lykkedes at {aim}.",
    ],
    "not_done": [
        "Det er ikke lykkedes at {aim}.",
        "Prøvehandlingen om at {aim} blev ikke gennemført.",
        "Teamet nåede ikke at {aim}.",
    ],
    "dropped": [
        "Teamet har droppet prøvehandlingen om at {aim}.",
        "Planen om at {aim} er opgivet.",
    ],
}

LEARNINGS = {
    "done": [
        "Medarbejderne oplevede, at det gav mere ro i situationerne.",
        "Det blev tydeligt, at små faste rutiner holder bedre end store planer.",
        "De unge tog godt imod det, og flere spurgte efter det igen.",
        "Teamet lærte, at det virker bedst, når det er de samme voksne, der står for det.",
        "Erfaringen var, at det tager kortere tid end frygtet.",
    ],
    "partly": [
        "Det fungerede i dagvagten, men ikke om aftenen.",
        "Teamet lærte, at opgaven skal have en klar ejer for at blive til noget.",
        "Det var sværere at finde tid end ventet, men de gange det skete, gav det mening.",
        "Halvdelen af afdelingerne kom i gang; resten venter på, at der bliver tid.",
    ],
    "not_done": [
        "Driften tog over, og ingen fik taget fat i det.",
        "Teamet erkender, at opgaven var for stor til perioden.",
        "Der var ingen, der havde tid til at følge op.",
        "Det blev glemt i en travl periode med mange nye unge.",
    ],
    "dropped": [
        "Teamet vurderede, at opgaven ikke længere gav mening.",
        "Prøvehandlingen blev opgivet, fordi forudsætningerne ændrede sig.",
        "Ledelsen ønskede at prioritere andre opgaver.",
    ],
}

CLOSINGS = [
    "Næste besøg er aftalt, og rapporten valideres med teamet til den tid.",
    "Vi afsluttede med at gentage aftalerne.",
    "Samtalen sluttede med en kort opsamling af, hvad teamet tager med sig.",
]

CANCEL_REASONS = {
    "consultant_change": "Konsulentskifte: den tidligere konsulent har fået nyt job, og den nye var endnu "
    "ikke tilknyttet.",
    "pandemic": "Aflyst på grund af nedlukningen under covid-19.",
}

MEETING_TITLES = [
    "Erfaringsopsamlingsmøde {n}: {theme}",
]

MEETING_THEMES = [
    "Fælles sprog og synlige redskaber",
    "Ledelse og teamets rolle",
    "Hverdagens tid og rum til refleksion",
]

MEETING_INTRO = [
    "Teamene fra {sites} mødtes for at dele erfaringer med implementeringen.",
    "Mødet samlede implementeringsteam fra {sites}.",
]

MEETING_SITE_LEADS = [
    "Fra {site} blev det fortalt, at ",
    "{site} delte, at ",
    "Teamet fra {site} fortalte, at ",
]

MEETING_CLOSINGS = [
    "Deltagerne var enige om, at det hjælper at høre, at andre kæmper med de samme ting.",
    "Mødet sluttede med en runde om, hvad hvert team tager med hjem.",
    "Flere efterlyste et nyt møde til efteråret.",
]

ASSESSMENT_STYLE = {
    "democratic": "Ledelsen arbejder i dialog med medarbejderne og giver dem indflydelse.",
    "authoritarian": "Ledelsen træffer beslutningerne alene og styrer stramt.",
    "laissez_faire": "Der er ingen tydelig ledelse af implementeringen; ansvaret ligger hos den enkelte.",
}

ASSESSMENT_CULTURE = {
    "collaboration": "Kulturen er samarbejdsorienteret med tillid mellem kollegerne.",
    "control": "Kulturen bygger på regler og kontrol.",
    "competition": "Kulturen er præget af vækst og konkurrence.",
    "creative": "Kulturen er kreativ, men uden fælles retning.",
}

ASSESSMENT_DEGREE = {
    "high": [
        "Implementeringen er målrettet og godt forankret.",
        "Stedet arbejder målrettet med programmet og bygger videre på sine erfaringer.",
    ],
    "some": [
        "Implementeringen er i gang, men ujævn.",
        "Stedet arbejder med programmet i perioder, men mangler kontinuitet.",
    ],
    "low": [
        "Implementeringen er knap kommet i gang.",
        "Stedet har svært ved at komme videre fra de første skridt.",
    ],
}

# Between the promoters and the inhibitors of a theme (and the other way round).
BRIDGES = {
    "to_inhibitors": [
        "Der er dog også forhold, der bremser.",
        "Omvendt peger teamet også på hæmmere.",
        "Billedet er ikke entydigt.",
        "Til gengæld er der stadig udfordringer.",
        "Samtidig nævnte teamet noget, der trækker i den modsatte retning.",
        "Men der er også noget, der spænder ben.",
    ],
    "to_promoters": [
        "Der er heldigvis også noget, der hjælper.",
        "Omvendt er der lyspunkter.",
        "Trods det kunne teamet også pege på noget, der hjælper.",
        "Teamet fremhævede dog også, hvad der virker.",
        "Alligevel er der tegn på fremgang.",
    ],
}

# Sentences that set the scene in a theme, beside its promoters and inhibitors.
THEME_CONTEXT = {
    "organisation_culture": [
        "Vi talte om, hvordan arbejdet med programmet passer ind i husets øvrige opgaver.",
        "Belægningen har været stabil siden sidst, og der er kommet to nye unge.",
        "Der har været en del sygdom i personalegruppen i perioden.",
        "Teamet beskrev stemningen i huset som travl, men god.",
        "Stedet har fået en ny pædagogisk leder i den ene afdeling.",
        "Vi drøftede, hvordan ændringer i vagtplanen påvirker mulighederne for refleksion.",
    ],
    "implementation_process": [
        "Vi gennemgik teamets plan og så på, hvad der er nået siden sidst.",
        "Teamet har selv lavet en tidslinje over arbejdet, som vi tog udgangspunkt i.",
        "Samtalen kredsede om, hvilket skridt der er det næste.",
        "Teamet bruger praksisfortællingerne som en måde at følge processen på.",
    ],
    "implementation_team": [
        "Teamet mødes hver anden uge i en time.",
        "Referaterne fra teamets møder lægges i en fælles mappe, som alle kan læse.",
        "Teamet har fordelt ansvaret for de enkelte elementer mellem sig.",
        "Vi talte om, hvordan teamet bedst formidler sit arbejde til kollegerne.",
    ],
    "leadership": [
        "Vi talte om, hvordan ledelsen kan støtte teamet i den kommende periode.",
        "Ledelsen deltog i den sidste halve time af samtalen.",
        "Teamet og ledelsen har et fast møde en gang om måneden.",
    ],
    "anchoring": [
        "Vi brugte en skala fra et til fem til at vurdere forankringen sammen med teamet.",
        "Teamet gav selv eksempler på, hvor programmet ses i hverdagen.",
        "Forankringen blev vurderet ud fra dokumentationen og teamets fortællinger.",
    ],
}

# The first report's portrait of the site.
SITE_KINDS = {
    "Opholdsstedet": ("et", "opholdssted", True),
    "Døgninstitutionen": ("en", "døgninstitution", False),
    "Børne-": ("et", "børne- og ungehjem", True),
    "Behandlingshjemmet": ("et", "behandlingshjem", True),
    "Ungehjemmet": ("et", "ungehjem", True),
    "Børnehjemmet": ("et", "børnehjem", True),
    "Døgntilbuddet": ("et", "døgntilbud", True),
    "Behandlingscentret": ("et", "behandlingscenter", True),
}
PORTRAITS = [
    "{site} er {article} {owner} {noun} med {places} pladser til børn og unge mellem {age_min} og {age_max} "
    "år og {staff} fastansatte medarbejdere.",
    "Som udgangspunkt: {site} er {article} {owner} {noun} med {staff} fastansatte og plads til {places} "
    "børn og unge i alderen {age_min}-{age_max} år.",
    "{site} har {places} pladser og {staff} fastansatte; det er {article} {owner} {noun} for børn og unge "
    "fra {age_min} til {age_max} år.",
]
PORTRAIT_HOUSES = [
    "Stedet består af {houses}, der ligger {where}.",
    "Huset er delt i {houses} {where}.",
]
PORTRAIT_SCHOOL = [
    "Der er en intern skole på stedet.",
    "Mange af de unge går i stedets interne skole.",
]
