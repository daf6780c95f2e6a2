"""Sentence banks for promoters and inhibitors in the fictional demo reports.

Each signal is one kind of promoter or inhibitor the evaluation describes (DESIGN.md 1b), with its
coding (driver, mechanism, valence), the report theme where consultants usually write about it, the
attention point it shows work on (for promoters), and many sentence variants written for this
project. Placeholders: {site} short name, {programme}, {provider}, {element}, {tool}, {staff},
{staff2}, {lead}, {manager}, {youth}, {dept}.

The signals tied to a hidden profile attribute (docs/demo-data.md) carry the contract's keywords;
no other signal may use them (fieldwork/tests/test_demo_texts.py checks that).
"""

SIGNALS: dict[str, dict] = {
    # --- clear_goals -------------------------------------------------------------------------
    "goals_clear": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "promoter",
        "theme": "implementation_process",
        "attention_point": "clear_goals",
        "sentences": [
            "Ledelse og medarbejdere har sammen formuleret klare mål for, hvad {site} vil opnå med "
            "{programme}, og målene er afklaret og delt i alle afdelinger.",
            "Teamet kunne uden tøven fortælle, hvorfor stedet har valgt {programme}: der er klare mål, "
            "og de står i stedets årsplan.",
            "Målene er afklaret og delt mellem ledelse og personale, så alle ved, at {element} er det "
            "første, der skal afprøves.",
            "Det er en styrke, at der fra begyndelsen er sat klare mål for arbejdet, og at {manager} "
            "har fremlagt dem på et personalemøde.",
            "{lead} beskrev, hvordan de klare mål gør det lettere at prioritere, når hverdagen presser "
            "sig på.",
            "Efter et temamøde i januar siger teamet, at målene er afklaret og delt: de unge skal møde voksne, der er "
            "nysgerrige på deres tanker og følelser.",
            "Teamet har skrevet tre klare mål for det første år op på tavlen i personalestuen, og de "
            "bruges som pejlemærker på møderne.",
        ],
        "quotes": [
            "Vi ved, hvor vi skal hen, og det gør det meget lettere at sige nej til alt det andet.",
            "Målene er ikke kun ledelsens, vi har selv været med til at skrive dem.",
        ],
    },
    "goals_clear_lead": {
        "driver": "leadership",
        "mechanism": "technical_leadership",
        "valence": "promoter",
        "theme": "leadership",
        "attention_point": "clear_goals",
        "sentences": [
            "{manager} har truffet en klar beslutning om, hvorfor stedet tager {programme} op, og har "
            "sat klare mål for teamets arbejde.",
            "Ledelsen har meldt klare mål ud og følger op på dem på de månedlige ledermøder.",
            "Målene er afklaret og delt, fordi ledelsen har brugt tid på at forklare dem i hver afdeling.",
            "Ledelsen har omsat programmet til klare mål for det kommende halvår med en ansvarlig for "
            "hvert mål.",
            "{manager} har formuleret klare mål for, hvad programmet skal ændre for de unge, og hvornår det skal gøres op.",
        ],
    },
    "goals_unclear": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "implementation_process",
        "sentences": [
            "Det står endnu uklart, hvad stedet vil med {programme}; målene er ikke afklaret, og "
            "medarbejderne giver meget forskellige svar.",
            "Teamet peger selv på uklare mål som en hæmmer: ingen har formuleret, hvad der skal være "
            "anderledes om et år.",
            "Målene er ikke afklaret mellem ledelse og medarbejdere, og flere oplever programmet som "
            "endnu en opgave oveni.",
            "Uklare mål gør det svært for teamet at vælge, hvilket element det skal begynde med.",
            "Med uklare mål bliver teamets møder let til en snak om driften i stedet for om programmet.",
        ],
        "quotes": [
            "Jeg ved ærligt talt ikke, hvad vi skal kunne, når vi er færdige.",
            "Vi fik at vide, at vi skulle i gang, men ikke hvorfor.",
        ],
    },
    "goals_unclear_lead": {
        "driver": "leadership",
        "mechanism": "technical_leadership",
        "valence": "inhibitor",
        "theme": "leadership",
        "sentences": [
            "Ledelsen har ikke meldt ud, hvad programmet skal føre til, og de uklare mål skaber "
            "usikkerhed blandt medarbejderne.",
            "Da teamet spurgte til formålet, måtte {manager} erkende, at målene er ikke afklaret "
            "i ledergruppen endnu.",
            "Beslutningen om at deltage blev truffet hurtigt, og målene er ikke afklaret bagefter.",
            "Ledelsen taler om programmet i brede vendinger, men de uklare mål giver ingen retning for teamet.",
        ],
    },
    # --- team_with_management -----------------------------------------------------------------
    "team_mgmt": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "promoter",
        "theme": "implementation_team",
        "attention_point": "support_team",
        "sentences": [
            "Teamet har både ledelse og medarbejdere med, og {manager} deltager fast i møderne, hvilket "
            "giver teamet myndighed og kyndighed.",
            "Det virker fremmende, at en leder sidder i implementeringsteamet, så beslutninger kan "
            "træffes med det samme.",
            "Med {manager} i teamet bliver aftalerne fra møderne hurtigt ført ud i afdelingerne.",
            "Teamets blanding af ledere og medarbejdere fra hver afdeling betyder, at det både ved, "
            "hvad der rører sig på gulvet, og kan handle på det.",
            "Lederens deltagelse i teamet gør, at teamets forslag bliver taget alvorligt i huset.",
        ],
    },
    "team_no_mgmt": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "implementation_team",
        "sentences": [
            "Ledelsen er ikke repræsenteret i teamet, og teamet må derfor vente på svar, før noget kan "
            "sættes i gang.",
            "Teamet består kun af medarbejdere, og {lead} oplever at stå alene med ansvaret uden mandat "
            "fra ledelsen.",
            "Uden en leder i teamet mangler teamet myndighed, og aftaler bliver ofte ikke fulgt op i "
            "afdelingerne.",
            "Teamet efterlyser, at en leder deltager i møderne; i dag går beslutningerne en lang omvej.",
            "Teamet har ingen fra ledelsen med og må derfor spørge forstanderen om lov til selv små ændringer.",
        ],
    },
    # --- team_persists ---------------------------------------------------------------------------
    "team_stable": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "promoter",
        "theme": "implementation_team",
        "attention_point": "support_team",
        "sentences": [
            "Teamet har været stabilt siden starten og har fået en fast mødedag hver anden uge.",
            "Det er de samme mennesker, der sidder om bordet som sidst, og det giver en rød tråd i arbejdet.",
            "Teamet holder fast i sine møder, også når der er travlt, og {lead} sørger for dagsorden og "
            "referat.",
            "Kontinuiteten i teamet nævnes som en af de vigtigste fremmere: ingen er faldet fra, og "
            "rollerne er kendt i huset.",
            "Teamets medlemmer har fordelt opgaverne imellem sig, så arbejdet ikke står og falder med "
            "én person.",
        ],
    },
    "team_turnover": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "implementation_team",
        "sentences": [
            "Der har igen været udskiftning i teamet; to af de oprindelige medlemmer er stoppet, og de "
            "nye skal først finde deres plads.",
            "Teamet har svært ved at holde fast, fordi medlemmerne skifter, og møderne er flere gange "
            "blevet aflyst.",
            "Med de mange udskiftninger i teamet er erfaringerne fra det første år delvist gået tabt.",
            "{staff} er stoppet i teamet, og ingen har endnu overtaget opgaven med at samle "
            "praksisfortællinger.",
            "Siden sidst er {staff} gået på barsel og en anden er stoppet, så teamet er halveret.",
            "Teamet skal igen i gang med at fordele opgaverne, fordi flere af medlemmerne er nye.",
        ],
    },
    # --- all_staff -----------------------------------------------------------------------------
    "staff_all": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "promoter",
        "theme": "organisation_culture",
        "sentences": [
            "Alle medarbejdere har været på kursus, og hele personalegruppen bruger nu de samme begreber "
            "på personalemøderne.",
            "Det er besluttet, at alle medarbejdere – også nattevagter og køkkenpersonale – skal kende "
            "programmets grundtanker.",
            "Hele personalegruppen deltager i de faglige dage, så ingen står uden for.",
            "Teamet fremhæver, at alle medarbejdere er med, og at det gør det lettere at tale sammen om "
            "de unge på en ny måde.",
            "Fordi hele personalegruppen er uddannet, kan vagterne bygge videre på hinandens arbejde "
            "med {tool}.",
            "Alle medarbejdere har fået et eksemplar af materialet, og hele personalegruppen har "
            "været med til at vælge, hvilket element der skulle prøves først.",
        ],
        "quotes": [
            "Det er ikke noget, nogle få gør. Det er noget, vi alle sammen gør.",
        ],
    },
    "staff_part": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "sentences": [
            "Kun en del af medarbejderne har været på uddannelsen, og der er ved at opstå et A-hold og "
            "B-hold i huset.",
            "Teamet beskriver et A-hold og B-hold: de uddannede bruger {tool}, mens de øvrige holder fast "
            "i det, de plejer.",
            "Da kun en del af medarbejderne deltager, bliver arbejdet med programmet afhængigt af, hvem "
            "der er på vagt.",
            "Det er kun en del af medarbejderne, der har fået tid til at træne redskaberne, og det "
            "skaber skel mellem kollegerne.",
            "I {dept} taler man om et A-hold og B-hold, fordi kun en del af medarbejderne var med på "
            "undervisningsdagene.",
        ],
        "quotes": [
            "Der er dem, der har været på kursus, og så er der os andre.",
        ],
    },
    # --- management_backing --------------------------------------------------------------------
    "lead_frames": {
        "quote_by": "manager",
        "driver": "leadership",
        "mechanism": "technical_leadership",
        "valence": "promoter",
        "theme": "leadership",
        "attention_point": "persistence",
        "sentences": [
            "Ledelsen bakker tydeligt op og har afsat tid i vagtplanen, så teamet kan mødes.",
            "{manager} går forrest og bruger selv {tool} på personalemøderne.",
            "Ledelsen har sat faste rammer for arbejdet og justerer dem, når teamet melder tilbage.",
            "Ledelsen har besluttet, at {programme} er den faglige tilgang på stedet, og det giver ro "
            "om prioriteringen.",
            "{manager} har lagt programmet ind som fast punkt på ledermøderne, så fremdriften bliver fulgt.",
            "Ledelsen har frigjort timer til, at {lead} kan bruge en dag om ugen på implementeringen.",
            "Ledelsen har gjort det klart, hvad implementeringsteamet er til for, og hvilke beslutninger det selv kan træffe.",
        ],
        "quotes": [
            "Jeg skal vise, at det her er vigtigt, ellers kan jeg ikke forvente, at andre gør det.",
        ],
    },
    "lead_listens": {
        "driver": "leadership",
        "mechanism": "adaptive_leadership",
        "valence": "promoter",
        "theme": "leadership",
        "sentences": [
            "Teamet oplever, at ledelsen lytter og følger op, når noget driller.",
            "Da det viste sig svært at få øvelserne ind i aftenvagten, tog {manager} initiativ til at "
            "flytte dem til eftermiddagen.",
            "Ledelsen har været hurtig til at tilpasse planen, da det første element viste sig at passe "
            "dårligt til de yngste børn.",
            "{manager} bruger teamets tilbagemeldinger til at justere, hvad der skal prioriteres i "
            "næste periode.",
            "Da kommunen stillede nye krav, tog ledelsen teamet med på råd om, hvordan programmet kunne fortsætte.",
            "Ledelsen har justeret vagtplanen efter teamets forslag, så to voksne kan være sammen om aftensituationerne.",
        ],
    },
    "lead_patience": {
        "quote_by": "manager",
        "driver": "leadership",
        "mechanism": "adaptive_leadership",
        "valence": "promoter",
        "theme": "leadership",
        "attention_point": "persistence",
        "sentences": [
            "Ledelsen holder fast i programmet, også i perioder hvor det går langsomt.",
            "Der er tålmodighed i ledelsen; {manager} understreger, at forandringen skal have lov at tage "
            "tid.",
            "Selvom der har været modgang, har ledelsen holdt kursen og fastholdt de aftalte møder.",
            "{manager} har sagt tydeligt, at programmet skal have tre år, før det bliver vurderet.",
            "Ledelsen holder fast i de faste møder, selv når driften presser.",
        ],
        "quotes": [
            "Det tager tid, og det må det gerne.",
        ],
    },
    "lead_absent": {
        "driver": "leadership",
        "mechanism": "technical_leadership",
        "valence": "inhibitor",
        "theme": "leadership",
        "sentences": [
            "Ledelsen har ikke afsat tid til arbejdet, og teamet må finde huller i en i forvejen presset "
            "vagtplan.",
            "Teamet savner, at ledelsen viser interesse; {manager} har ikke været med til nogen af "
            "møderne i perioden.",
            "Der er ikke truffet beslutninger om, hvordan programmet skal hænge sammen med stedets øvrige "
            "arbejde.",
            "Når teamet beder om rammer, får det at vide, at det selv må finde ud af det.",
            "Aftalerne fra sidste møde er ikke blevet godkendt af ledelsen, og derfor er intet sat i gang.",
            "Ledelsen har flere gange aflyst det aftalte møde med teamet.",
        ],
        "quotes": [
            "Vi står lidt alene med det.",
        ],
    },
    "lead_no_priority": {
        "driver": "leadership",
        "mechanism": "adaptive_leadership",
        "valence": "inhibitor",
        "theme": "leadership",
        "sentences": [
            "Ledelsen har mange bolde i luften, og programmet glider ned ad prioriteringslisten.",
            "Når der opstår akutte problemer, bliver implementeringen det første, ledelsen skærer væk.",
            "Ledelsen skifter ofte kurs, og medarbejderne ved ikke, om programmet stadig er vigtigt.",
            "{manager} har ikke fulgt op på teamets ønske om mere tid, og sagen er blevet liggende.",
            "Ledelsen har sagt ja til programmet, men har ikke taget stilling til, hvad der skal vælges fra.",
        ],
    },
    # --- compatible_practice -------------------------------------------------------------------
    "practice_fits": {
        "driver": "competence",
        "mechanism": "training",
        "valence": "promoter",
        "theme": "implementation_process",
        "sentences": [
            "Teamet vurderer, at metoden er forenelig med den miljøterapi, stedet i forvejen arbejder med.",
            "Flere i teamet siger, at programmet passer med vores praksis – meget af det gør de "
            "allerede, nu får det bare et navn.",
            "Stedets tidligere uddannelse i relationspædagogik gør programmet foreneligt med den måde, "
            "personalet allerede tænker på.",
            "Teamet har gennemgået stedets hidtidige praksis og fundet, at den i høj grad er forenelig "
            "med {programme}.",
            "{staff} forklarede, at programmet passer med vores praksis, fordi huset i mange år har "
            "arbejdet med at forstå de unges reaktioner.",
        ],
        "quotes": [
            "Det passer med vores praksis – vi har bare ikke haft ordene for det før.",
            "Det her er jo forenelig med alt det, vi tror på.",
        ],
    },
    "practice_clash": {
        "driver": "competence",
        "mechanism": "training",
        "valence": "inhibitor",
        "theme": "implementation_process",
        "sentences": [
            "Flere medarbejdere mener, at programmet ikke passer med vores praksis, fordi stedet hidtil "
            "har arbejdet med faste konsekvenser.",
            "Teamet vurderer, at den hidtidige pointsystem-tænkning ikke er forenelig med programmets "
            "nysgerrige tilgang.",
            "Der er en oplevet modsætning mellem programmet og stedets hidtidige praksis, som mange "
            "ikke finder forenelig med den nye tilgang.",
            "Medarbejderne oplever, at programmet passer ikke med vores praksis, og at det kræver, at "
            "de giver slip på vante metoder.",
            "{staff} beskrev, at stedets faste struktur med belønninger og sanktioner ikke er forenelig med programmets tanker.",
        ],
        "quotes": [
            "Det passer ikke med vores praksis at snakke så meget om følelser, når der skal være ro.",
        ],
    },
    # --- leadership_style ----------------------------------------------------------------------
    "style_democratic": {
        "driver": "leadership",
        "mechanism": "adaptive_leadership",
        "valence": "promoter",
        "theme": "leadership",
        "attention_point": "democratic_leadership",
        "sentences": [
            "Ledelsen inddrager medarbejderne i beslutningerne og tager sig tid til dialog, før nye "
            "tiltag sættes i gang.",
            "Der er en demokratisk tone i huset: medarbejderne har indflydelse på, hvordan {element} "
            "skal afprøves.",
            "{manager} spørger til medarbejdernes erfaringer og inddrager dem aktivt i planlægningen.",
            "Beslutninger om programmet træffes i dialog på personalemøderne, og teamet oplever reel "
            "indflydelse.",
            "Ledelsen har ladet medarbejderne stemme om rækkefølgen af elementerne, og det har givet "
            "ejerskab og indflydelse.",
        ],
        "quotes": [
            "Vi bliver spurgt, før der bliver besluttet noget, og det gør en forskel.",
        ],
    },
    "style_authoritarian": {
        "driver": "leadership",
        "mechanism": "technical_leadership",
        "valence": "inhibitor",
        "theme": "leadership",
        "sentences": [
            "Beslutningerne træffes oppefra uden dialog, og medarbejderne tør ikke rigtig prøve "
            "redskaberne af.",
            "Programmet er blevet påtvunget oppefra, og både unge og personale har mødt det med modstand.",
            "Teamet beskriver en autoritær ledelse, der styrer stramt, og hvor kun få tør stikke hovedet frem.",
            "Når medarbejderne foreslår ændringer, bliver de afvist oppefra, og lysten til at "
            "eksperimentere er lille.",
            "Ledelsen har gjort øvelserne obligatoriske top-down, og flere af de unge nægter nu at deltage.",
        ],
        "quotes": [
            "Det er besluttet oppefra, så det gør vi bare.",
        ],
    },
    "style_laissez_faire": {
        "quote_by": "manager",
        "driver": "leadership",
        "mechanism": "technical_leadership",
        "valence": "inhibitor",
        "theme": "leadership",
        "sentences": [
            "Der er ingen klar formel ledelse af implementeringen; ansvaret er lagt ud på den enkelte "
            "medarbejder.",
            "Processen er ustruktureret, fordi ingen i ledelsen har taget ejerskab for programmet.",
            "Ledelsen overlader det til medarbejderne selv, og arbejdet afhænger derfor af enkeltes "
            "engagement.",
            "{manager} siger, at det er svært at fortælle pædagoger, hvilke metoder de skal bruge, og "
            "lader det derfor være op til den enkelte.",
        ],
        "quotes": [
            "Det er svært at sige til pædagoger, hvilke metoder de skal bruge.",
        ],
    },
    # --- culture -------------------------------------------------------------------------------
    "culture_collaboration": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "promoter",
        "theme": "organisation_culture",
        "attention_point": "trust_learning_culture",
        "sentences": [
            "Kulturen er præget af samarbejde; medarbejderne hjælper hinanden og deler gerne erfaringer "
            "på tværs af vagter.",
            "Der er tradition for at løse opgaver i fællesskab, og det har gjort det naturligt at tage "
            "programmet op.",
            "Teamet beskriver en kultur med tillid, hvor det er i orden at fejle og lære af det.",
            "Samarbejdet mellem afdelingerne er tæt, og erfaringerne med {element} deles på de fælles møder.",
            "Medarbejderne taler om en lærende kultur, hvor man spørger hinanden i stedet for at dømme.",
        ],
    },
    "culture_control": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "sentences": [
            "Kulturen er præget af regler og kontrol, og det er svært at finde plads til den "
            "nysgerrighed, programmet lægger op til.",
            "Medarbejderne er vant til faste procedurer og konsekvenser, og en kultur med kontrol gør "
            "de mentaliserende samtaler svære.",
            "Der bruges meget energi på at registrere regelbrud, mindre på at forstå, hvad der ligger "
            "bag; kulturen er regelstyret.",
            "Husets mange regler fylder i samtalerne med de unge, og kontrollen kommer før nysgerrigheden.",
        ],
    },
    "culture_competition": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "sentences": [
            "Ledelsen mener, at enhver metode må leve eller dø i konkurrence med de andre, så "
            "programmet har ingen særstatus.",
            "Afdelingerne konkurrerer om resultater og ressourcer, og erfaringerne deles kun nødigt.",
            "Der er fokus på vækst og nye pladser, og i den konkurrence må implementeringen kæmpe om "
            "opmærksomheden.",
            "Afdelingslederne bliver vurderet på belægning og økonomi, og i den konkurrence bliver programmet en udgift.",
        ],
    },
    "culture_creative": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "sentences": [
            "Stedet sætter mange nye initiativer i gang, og i den kultur bliver programmet én idé blandt "
            "mange.",
            "Der er stor lyst til at prøve nyt, men sjældent tålmodighed til at holde fast, når "
            "nyhedens interesse har lagt sig.",
            "Medarbejderne eksperimenterer gerne, men uden fælles retning spreder kræfterne sig over "
            "for mange projekter.",
            "Huset er præget af ildsjæle med hver deres projekt, og programmet er ét af mange i den kultur.",
        ],
    },
    # --- competence, general -------------------------------------------------------------------
    "sparring": {
        "driver": "competence",
        "mechanism": "coaching",
        "valence": "promoter",
        "theme": "promoters_inhibitors",
        "attention_point": "professional_discussions",
        "sentences": [
            "Medarbejderne arbejder to og to og bruger hinanden til kollegial sparring efter svære "
            "situationer.",
            "Den kollegiale sparring ved vagtskiftet er blevet et fast sted, hvor {tool} bliver brugt.",
            "{staff} og {staff2} har fået en vane med at reflektere sammen efter episoder med {youth}, "
            "og det smitter af på resten af huset.",
            "Teamet peger på, at de faglige drøftelser er blevet mere åbne; man tør nu sige højt, når "
            "noget ikke lykkes.",
            "På personalemøderne drøfter medarbejderne åbent, hvordan programmet adskiller sig fra det, "
            "de gjorde før.",
            "Efter en konflikt i fællesstuen satte {staff} sig med to kolleger og gennemgik forløbet "
            "med {element}, og det gav ny forståelse af {youth}.",
        ],
        "quotes": [
            "Jeg er begyndt at spørge mig selv, hvad der mon foregår inde i hovedet på den unge, før jeg "
            "reagerer.",
            "Det er rart at have en kollega at vende tingene med bagefter.",
        ],
    },
    "shared_language": {
        "driver": "competence",
        "mechanism": "training",
        "valence": "promoter",
        "theme": "anchoring",
        "sentences": [
            "Der er ved at opstå et fælles fagsprog; ord fra {tool} bruges nu naturligt i overleveringerne.",
            "Den fælles referenceramme gør det lettere at tale om de unge på samme måde på tværs af vagter.",
            "Medarbejderne siger, at det fælles sprog har gjort samtalerne med de unge mere rolige.",
            "Selv de unge er begyndt at bruge programmets ord; {youth} spurgte forleden en voksen, om "
            "hun var i tvivl om, hvad han tænkte.",
            "Ved overleveringen spørger medarbejderne nu hinanden, hvad den unge mon tænkte, i stedet for blot at referere, hvad der skete.",
        ],
    },
    "supervision": {
        "driver": "competence",
        "mechanism": "coaching",
        "valence": "promoter",
        "theme": "promoters_inhibitors",
        "attention_point": "ongoing_supervision",
        "sentences": [
            "Stedet har købt ekstern supervision, og medarbejderne bruger den til at arbejde med "
            "konkrete situationer.",
            "Den løbende supervision fra {provider} fremhæves som afgørende for, at medarbejderne holder "
            "fast.",
            "Der er nu intern supervision hver måned, hvor en medarbejder fremlægger en praksisfortælling.",
            "Supervisionen giver medarbejderne sprog for det, de oplever, og mod til at prøve igen.",
            "Ledelsen har købt ekstra supervision, fordi den aftalte ikke var nok til at fastholde læringen.",
        ],
        "quotes": [
            "Supervisionen er der, hvor det falder på plads for mig.",
        ],
    },
    "study_groups": {
        "driver": "competence",
        "mechanism": "training",
        "valence": "promoter",
        "theme": "promoters_inhibitors",
        "attention_point": "professional_discussions",
        "sentences": [
            "Teamet har oprettet studiegrupper, hvor medarbejderne læser og drøfter et kapitel ad gangen.",
            "Der er afsat refleksionstid hver uge, og den bliver brugt.",
            "Medarbejderne mødes i små læsegrupper og øver sig på {element} med eksempler fra hverdagen.",
            "Refleksionsmøderne hver fredag giver plads til at drøfte, hvordan programmet adskiller sig "
            "fra tidligere arbejdsgange.",
        ],
    },
    "extra_courses": {
        "driver": "competence",
        "mechanism": "training",
        "valence": "promoter",
        "theme": "promoters_inhibitors",
        "sentences": [
            "To medarbejdere har været på et ekstra kursus og deler nu deres viden på personalemøderne.",
            "Stedet har selv betalt for en temadag om mentalisering, som gav ny energi til arbejdet.",
            "{staff} har taget en efteruddannelse, der supplerer programmet, og fungerer nu som "
            "ressourceperson.",
            "Stedet har sendt to medarbejdere på et kursus i traumebevidst pædagogik, og de bruger det til at nuancere arbejdet med programmet.",
            "Efter en ekstra undervisningsdag for nattevagterne er flere begyndt at bruge {tool}.",
        ],
    },
    "new_staff_intro": {
        "driver": "competence",
        "mechanism": "staff_selection",
        "valence": "promoter",
        "theme": "implementation_process",
        "attention_point": "introduction_new_staff",
        "sentences": [
            "Der er lavet et introduktionsforløb, så nye medarbejdere og vikarer lærer programmet at "
            "kende i deres første måned.",
            "{lead} underviser selv nye kolleger i {tool}, så viden ikke forsvinder med udskiftningen.",
            "Vikarerne får nu en kort introduktion til programmets redskaber, før de tager deres første "
            "vagt.",
            "Et internt kursus for nyansatte er lagt i kalenderen to gange om året.",
            "Ved ansættelsessamtaler spørger stedet nu til ansøgernes interesse for programmets tankegang.",
        ],
    },
    "daily_operations": {
        "driver": "competence",
        "mechanism": "training",
        "valence": "inhibitor",
        "theme": "promoters_inhibitors",
        "sentences": [
            "Driften tager al tiden: vasketøj, kørsel til sport og uforudsete episoder fylder så meget, "
            "at der ikke er tid til at øve redskaberne.",
            "Hverdagen er uforudsigelig, og aftalte refleksionsmøder bliver ofte aflyst, når der opstår "
            "akutte situationer.",
            "Teamet fortæller, at det er svært at finde ro til programmet midt i dagligdagens opgaver.",
            "Når der er travlt, falder medarbejderne tilbage til de gamle vaner.",
            "Weekenderne er så fyldte med aktiviteter og kørsel, at øvelserne bliver sprunget over.",
        ],
        "quotes": [
            "Der er bare ikke tid, når fire unge skal køres hver sin vej klokken fire.",
        ],
    },
    "working_alone": {
        "driver": "competence",
        "mechanism": "coaching",
        "valence": "inhibitor",
        "theme": "promoters_inhibitors",
        "sentences": [
            "Mange medarbejdere er alene på vagt, og der er ingen at sparre med, når en situation er svær.",
            "Arbejdet foregår ofte alene, så erfaringerne med {tool} bliver ikke delt.",
            "I aften- og nattevagterne står medarbejderne alene, og her bliver programmet sjældent brugt.",
            "{staff} fortæller, at det er svært at holde fast i {element}, når der ikke er en kollega at vende situationen med.",
            "Udslusningsboligerne har kun én voksen på vagt ad gangen, og dér bliver redskaberne sjældent brugt.",
        ],
    },
    "mixed_backgrounds": {
        "driver": "competence",
        "mechanism": "staff_selection",
        "valence": "inhibitor",
        "theme": "promoters_inhibitors",
        "sentences": [
            "Medarbejderne har meget forskellig faglig baggrund og viden, og engagementet i programmet "
            "svinger derfor.",
            "Der er stor forskel på, hvor meget de enkelte medarbejdere har taget programmet til sig.",
            "Nogle medarbejdere har ingen pædagogisk uddannelse og finder teorien svær at omsætte.",
            "Et par af de ældste medarbejdere er skeptiske over for nye metoder, mens de yngre er ivrige.",
            "Det er svært at ramme et fælles niveau i undervisningen, fordi forudsætningerne er så forskellige.",
        ],
    },
    "turnover_substitutes": {
        "driver": "competence",
        "mechanism": "staff_selection",
        "valence": "inhibitor",
        "theme": "implementation_process",
        "sentences": [
            "Den høje personaleudskiftning betyder, at mange af dem, der er på arbejde, aldrig har lært "
            "programmet.",
            "Der bruges mange vikarer, som ikke kender redskaberne, og det giver brud i arbejdet med de "
            "unge.",
            "Tre af de uddannede medarbejdere er stoppet siden sidst, og der er ikke en plan for, "
            "hvordan de nye skal oplæres.",
            "Vikarerne har ikke fået nogen introduktion, og {youth} har reageret på, at de voksne "
            "taler forskelligt til ham.",
        ],
    },
    "rp_simple": {
        "driver": "competence",
        "mechanism": "training",
        "valence": "inhibitor",
        "theme": "promoters_inhibitors",
        "programmes": ["RP"],
        "sentences": [
            "Nogle medarbejdere finder øvelserne for enkle og har svært ved at se, hvad der er nyt.",
            "Programmets enkelhed har demotiveret dele af personalet, der havde forventet mere teori.",
            "Et par erfarne medarbejdere kalder tankeboblerne for børnelegetøj og springer dem over.",
            "Nogle pædagoger synes, at øvelserne mest egner sig til små børn, og bruger dem derfor ikke med de ældste.",
        ],
    },
    "rp_rushed": {
        "driver": "competence",
        "mechanism": "coaching",
        "valence": "inhibitor",
        "theme": "promoters_inhibitors",
        "programmes": ["RP"],
        "sentences": [
            "Øvelserne er lette at gå i gang med, men er flere gange blevet brugt, før børnene var klar "
            "til dem.",
            "Tankeboblerne blev sat i gang for hurtigt, og et par af de unge oplevede dem som skoleopgaver.",
            "Teamet erfarer, at det tager lang tid at mestre principperne bag øvelserne, selvom selve "
            "øvelserne er lette.",
            "{youth} blev bedt om at tegne tankebobler midt i en konflikt og gik sin vej; timingen var forkert.",
        ],
    },
    "mg_theory": {
        "driver": "competence",
        "mechanism": "training",
        "valence": "inhibitor",
        "theme": "promoters_inhibitors",
        "programmes": ["MG"],
        "sentences": [
            "Teorien i {programme} opleves som tung, og flere efterlyser eksempler fra hverdagen.",
            "Uddannelsen er lang, og det er svært at holde motivationen oppe mellem undervisningsdagene.",
            "Medarbejderne har svært ved at holde de fire elementer adskilt og blander begreberne sammen.",
            "Begreberne fra uddannelsen bliver let abstrakte, når de skal forklares for vikarer og nye kolleger.",
        ],
    },
    # --- organisation, general -----------------------------------------------------------------
    "team_lead_motivated": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "promoter",
        "theme": "implementation_team",
        "sentences": [
            "{lead} er en motiveret tovholder, som kollegerne går til med spørgsmål om programmet.",
            "Som implementeringsansvarlig har {lead} fået tid og mandat til at følge op i afdelingerne.",
            "{lead} samler erfaringerne fra vagterne og bringer dem med til teamets møder.",
        ],
    },
    "team_role_clear": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "promoter",
        "theme": "implementation_team",
        "sentences": [
            "Teamets rolle er tydelig for kollegerne: det er teamet, der planlægger, følger op og samler "
            "erfaringer.",
            "Teamet har præsenteret sig selv og sin opgave på et personalemøde, så alle ved, hvem de kan "
            "gå til.",
            "Kollegerne kender teamets opgave og bringer selv eksempler til teamets møder.",
        ],
    },
    "tools_visible": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "promoter",
        "theme": "anchoring",
        "sentences": [
            "Modellerne er lamineret og hængt op på kontoret, og {tool} bruges ved morgenmødet.",
            "På tavlen i personalestuen står ugens fokus, og medarbejderne henviser til den ved "
            "overleveringen.",
            "{element} er blevet et fast punkt på dagsordenen på behandlingskonferencerne.",
            "Redskaberne er gjort synlige i huset; {youth} har selv været med til at tegne en plakat "
            "til fællesstuen.",
            "Et indrammet billede af {tool} hænger nu ved siden af vagtplanen.",
        ],
    },
    "documentation": {
        "driver": "organisation",
        "mechanism": "decision_support_data",
        "valence": "promoter",
        "theme": "anchoring",
        "attention_point": "institutionalise",
        "sentences": [
            "Programmets begreber er nu skrevet ind i behandlingsplanerne, og journalerne bruger de "
            "samme overskrifter.",
            "Logbogen har fået et nyt felt, hvor medarbejderne noterer, hvordan de har brugt {tool}.",
            "Statusrapporterne til sagsbehandlerne beskriver nu de unges udvikling med programmets sprog.",
            "Teamet følger en enkel oversigt over, hvilke elementer der er afprøvet i hver afdeling.",
            "Handleplanerne for de unge har fået et afsnit om, hvordan personalet vil støtte den "
            "enkeltes mentalisering.",
        ],
    },
    "involve_parents": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "promoter",
        "theme": "implementation_process",
        "attention_point": "involve_children_parents",
        "sentences": [
            "Der har været en forældreaften, hvor personalet spillede to små sketches – et "
            "mentaliseringssvigt og en vellykket mentalisering – og forældrene genkendte begge.",
            "De unge er blevet spurgt og har selv foreslået, hvordan {tool} kan bruges i fællesskabet.",
            "En forældregruppe mødes nu og laver de samme øvelser, som de unge laver på stedet.",
            "{youth} har fortalt sin mor om {tool}, og hun har spurgt, om familien kan bruge det derhjemme.",
            "Ungemødet har fået et fast punkt, hvor de unge fortæller, hvad de synes om de nye redskaber.",
        ],
    },
    "involve_network": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "promoter",
        "theme": "organisation_culture",
        "sentences": [
            "Sagsbehandlere og skolen er orienteret om programmet, og skolen bruger nu de samme ord.",
            "Lærerne fra den interne skole deltager nu i de faglige drøftelser om de unge.",
            "En sagsbehandler har bemærket, at statusrapporterne giver et bedre billede af den unge.",
            "Stedet har inviteret den unges sagsbehandler med til en netværkssamtale bygget op om {tool}.",
        ],
    },
    "separate_addresses": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "needs_separate_addresses": True,
        "sentences": [
            "Afdelingerne ligger på hver sin adresse, og det er svært at skabe en fælles praksis.",
            "Medarbejderne i {dept} ser sjældent kollegerne fra hovedhuset, og erfaringerne bliver ikke "
            "delt.",
            "Afstanden mellem husene betyder, at teamets møder sjældent har deltagere fra alle steder.",
            "Udflytningen af {dept} til en anden adresse har gjort det sværere at mødes på tværs.",
        ],
    },
    "competing_methods": {
        "driver": "organisation",
        "mechanism": "facilitative_administration",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "sentences": [
            "Programmet skal deles om tiden med flere andre metoder, som stedet også er i gang med.",
            "Der er mange parallelle forandringer, og medarbejderne har svært ved at se, hvordan det hele "
            "hænger sammen.",
            "Et nyt dokumentationssystem bliver indført samtidig og tager meget af opmærksomheden.",
            "Stedet er samtidig certificeret i en anden metode, og medarbejderne er i tvivl om, hvilken der gælder.",
            "Nye krav fra kommunen om dokumentation i et andet system tager tid fra programmet.",
        ],
    },
    "market_pressure": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "sentences": [
            "Presset fra markedet og færre anbringelser gør, at stedet hele tiden skal tænke i belægning.",
            "Usikkerheden om nye anbringelser lægger en dæmper på lysten til at investere tid i programmet.",
            "Flere pladser har stået tomme, og ledelsen har brugt kræfterne på at skaffe nye anbringelser.",
            "Kommunernes prispres betyder, at der ikke er råd til ekstra timer til refleksion.",
        ],
    },
    # --- external events (chosen when the site has the event) -------------------------------------
    "event_savings": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "event": "savings",
        "sentences": [
            "Kommunen har krævet besparelser, og det har lagt en dæmper på lysten til at prøve nyt.",
            "Besparelserne betyder færre timer med to voksne på vagt, og det går ud over sparringen.",
            "Sparekravet har fyldt på personalemøderne, og programmet er blevet skubbet i baggrunden.",
            "Efter besparelserne er vikarbudgettet skåret, og medarbejderne kan ikke længere gå fra til teammøder.",
        ],
    },
    "event_supervision_case": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "event": "supervision_case",
        "sentences": [
            "En tilsynssag har taget meget af ledelsens tid de seneste måneder.",
            "Efter tilsynets besøg er der kommet mange nye krav til dokumentation, og teamet har ikke "
            "haft overskud til programmet.",
            "Tilsynssagen har gjort medarbejderne forsigtige, og de tør mindre end før.",
            "Ledelsen har måttet bruge det meste af sin tid på at svare tilsynet.",
        ],
    },
    "event_reorganisation": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "event": "reorganisation",
        "sentences": [
            "Omorganiseringen har flyttet medarbejdere mellem afdelingerne, og teamet skal samles igen.",
            "Sammenlægningen af to afdelinger har skabt usikkerhed om, hvem der har ansvaret for hvad.",
            "Efter omorganiseringen har to afdelinger fået ny leder, og teamets aftaler skal genforhandles.",
            "Der er flyttet rundt på både unge og voksne, og det har skabt uro i husene.",
        ],
    },
    "event_dismissals": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "event": "dismissals",
        "sentences": [
            "Afskedigelserne har skabt utryghed, og energien er gået til at holde driften kørende.",
            "Efter fyringsrunden er der færre hænder, og de tilbageværende har svært ved at finde tid "
            "til øvelserne.",
            "To af de uddannede medarbejdere var blandt dem, der blev afskediget.",
            "Stemningen er præget af usikkerhed om, hvem der er tilbage til næste år.",
        ],
    },
    "event_management_change": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "event": "management_change",
        "sentences": [
            "Ledelsesskiftet betyder, at programmets status er uafklaret, indtil den nye leder har sat "
            "sig ind i det.",
            "Den nye forstander er kun lige startet, og teamet venter på at høre, om arbejdet skal "
            "fortsætte som hidtil.",
            "Den tidligere forstander var programmets drivkraft, og efter skiftet mangler arbejdet en tydelig ejer.",
            "Den nye ledelse har endnu ikke taget stilling til, hvor meget tid programmet skal have.",
        ],
    },
    "pandemic": {
        "driver": "organisation",
        "mechanism": "systems_intervention",
        "valence": "inhibitor",
        "theme": "organisation_culture",
        "event": "pandemic",
        "sentences": [
            "Nedlukningen i foråret 2020 satte arbejdet på pause; møder blev aflyst, og fokus var på at "
            "holde hverdagen kørende.",
            "Under coronakrisen har de unge været mere hjemme, og personalet har haft travlt med at skabe "
            "struktur i dagene.",
            "Covid-19 betød, at supervisionen blev aflyst, og at teamet ikke har mødtes fysisk siden marts.",
            "Besøgsrestriktionerne har gjort det svært at få forældrene med, som det ellers var planen.",
            "Sygdom og hjemsendelser under pandemien har gjort vagtplanen uforudsigelig.",
        ],
    },
    "pandemic_adaptive": {
        "driver": "leadership",
        "mechanism": "adaptive_leadership",
        "valence": "promoter",
        "theme": "leadership",
        "event": "pandemic",
        "sentences": [
            "Ledelsen reagerede hurtigt under nedlukningen og flyttede teamets møder online, så arbejdet "
            "ikke gik i stå.",
            "{manager} valgte at holde fast i refleksionsmøderne under nedlukningen, blot i mindre "
            "grupper og udendørs.",
            "Da coronakrisen ramte, brugte ledelsen programmets redskaber til at tale med personalet om "
            "deres egen utryghed.",
        ],
    },
    "voluntary_switch": {
        "driver": "leadership",
        "mechanism": "adaptive_leadership",
        "valence": "promoter",
        "theme": "leadership",
        "programmes": ["RP"],
        "sentences": [
            "Stedet har gjort øvelserne til et frivilligt tilbud til de unge og lægger i stedet vægt på "
            "en mentaliserende hverdag, og motivationen er steget.",
            "Efter at øvelserne blev frivillige, kommer flere af de unge selv og spørger efter dem.",
            "Ved at gøre øvelserne frivillige har stedet fået færre konflikter om dem og flere gode samtaler.",
        ],
    },
}

# Which signals express each profile attribute, as (promoter signal, inhibitor signal) pairs.
ATTRIBUTE_SIGNALS: dict[str, dict[bool, list[str]]] = {
    "clear_goals": {
        True: ["goals_clear", "goals_clear_lead"],
        False: ["goals_unclear", "goals_unclear_lead"],
    },
    "team_with_management": {True: ["team_mgmt"], False: ["team_no_mgmt"]},
    "team_persists": {True: ["team_stable"], False: ["team_turnover"]},
    "all_staff": {True: ["staff_all"], False: ["staff_part"]},
    "compatible_practice": {True: ["practice_fits"], False: ["practice_clash"]},
}

STYLE_SIGNALS = {
    "democratic": "style_democratic",
    "authoritarian": "style_authoritarian",
    "laissez_faire": "style_laissez_faire",
}
CULTURE_SIGNALS = {
    "collaboration": "culture_collaboration",
    "control": "culture_control",
    "competition": "culture_competition",
    "creative": "culture_creative",
}

# Leadership factors whose valence follows management backing.
BACKING_SIGNALS = {
    True: ["lead_frames", "lead_listens", "lead_patience", "voluntary_switch"],
    False: ["lead_absent", "lead_no_priority"],
}

# Competence and organisation factors whose valence follows the site's overall promoter share.
GENERAL_SIGNALS = {
    "promoter": [
        "sparring",
        "shared_language",
        "supervision",
        "study_groups",
        "extra_courses",
        "new_staff_intro",
        "tools_visible",
        "documentation",
        "involve_parents",
        "involve_network",
        "team_lead_motivated",
        "team_role_clear",
    ],
    "inhibitor": [
        "daily_operations",
        "working_alone",
        "mixed_backgrounds",
        "turnover_substitutes",
        "rp_simple",
        "rp_rushed",
        "mg_theory",
        "separate_addresses",
        "competing_methods",
        "market_pressure",
    ],
}

EVENT_SIGNALS = {
    "savings": "event_savings",
    "supervision_case": "event_supervision_case",
    "reorganisation": "event_reorganisation",
    "dismissals": "event_dismissals",
    "management_change": "event_management_change",
    "pandemic": "pandemic",
}

# Signals that show work on each attention point (used to plant the points a site worked with).
ATTENTION_POINT_SIGNALS: dict[str, list[str]] = {}
for _key, _signal in SIGNALS.items():
    if _signal.get("attention_point"):
        ATTENTION_POINT_SIGNALS.setdefault(_signal["attention_point"], []).append(_key)
