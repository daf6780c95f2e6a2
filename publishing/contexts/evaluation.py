"""The evaluation report as a Document, in the structure of the original evaluation.

Summary; 1 Method (data collection in numbers, target group and background per programme, how the
analysis rates and classifies); 2 Results per programme by driver, with the cross-case matrix and
the degree classification; 3 Discussion (programmes compared, the limits the data show, the ten
attention points); appendix tables.

`audience="aggregate"` (programme providers and decision makers) leaves out every per-site row and
all free text: statements are replaced by mechanism counts and sites by groups.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from publishing import figures, labels
from publishing.contexts.common import (
    DRIVERS,
    PHASE_KEYS,
    PRINT_SITE_LIMIT,
    attention_figure,
    balance_figure,
    day,
    phase_figure,
    share,
)
from publishing.document import BulletList, Document, Figure, Paragraph, Section, Table
from publishing.labels import Codebook
from publishing.text import publishable_text

TOP_STATEMENTS = 5


@dataclass(frozen=True)
class ProgrammeInfo:
    code: str
    name: str
    provider: str
    training_months: float
    training_description: str
    character: str


def _full(audience: str) -> bool:
    return audience == "full"


def _degree_row(counts: dict[str, int]) -> list[int]:
    return [counts.get(key, 0) for key in ("high", "some", "low", "unclassified")]


def _degree_columns() -> list[str]:
    return [labels.degree(key) for key in ("high", "some", "low", "unclassified")]


class EvaluationBuilder:
    def __init__(
        self,
        *,
        overall,
        per_programme: dict,
        programmes: dict[str, ProgrammeInfo],
        codebook: Codebook,
        scope: str,
        audience: str,
        language: str,
        today,
    ):
        self.overall = overall
        self.per_programme = per_programme
        self.programmes = programmes
        self.codebook = codebook
        self.scope = scope
        self.audience = audience
        self.full = _full(audience)
        self.language = language
        self.today = today

    def programme_name(self, code: str) -> str:
        info = self.programmes.get(code)
        return f"{code} – {info.name}" if info else code

    def build(self) -> Document:
        overview = self.overall.overview
        names = [self.programmes[c].name for c in overview.sites_per_programme if c in self.programmes]
        start, end = overview.period
        document = Document(
            stem=f"report-{self.scope.lower()}",
            title=_("Evaluering af implementeringen"),
            subtitle=" · ".join(
                filter(None, [", ".join(names), f"{day(start)}–{day(end)}" if start else ""])
            ),
            language=self.language,
            generated_on=day(self.today),
            notice=_("Fiktive demodata – ingen rigtige steder eller personer.") if overview.fictional else "",
        )
        if not self.full:
            document.notice = " ".join(
                filter(
                    None,
                    [
                        document.notice,
                        _("Samlet udgave: uden fritekst og uden tal for enkelte steder."),
                    ],
                )
            )
        self.summary(document.section(_("Sammenfatning"), "sammenfatning"))
        self.method(document.section(_("1 Metode"), "metode"))
        results = document.section(_("2 Resultater"), "resultater")
        for number, code in enumerate(self.per_programme, start=1):
            self.programme_results(results, f"2.{number}", code, self.per_programme[code])
        self.discussion(document.section(_("3 Diskussion"), "diskussion"))
        self.appendix(document.section(_("Bilag: tabeller"), "bilag"))
        document.number()
        return document

    # Summary ----------------------------------------------------------------------------------

    def summary(self, section: Section) -> None:
        result = self.overall
        overview = result.overview
        sites = sum(overview.sites_per_programme.values())
        reports = sum(overview.reports_per_programme.values())
        start, end = overview.period
        per_programme = ", ".join(f"{code}: {n}" for code, n in overview.sites_per_programme.items())
        section.add(
            Paragraph(
                _(
                    "Rapporten bygger på {sites} steder ({per_programme}), {reports} implementeringsrapporter "
                    "og {meetings} erfaringsopsamlingsmøder fra {start} til {end}."
                ).format(
                    sites=sites,
                    per_programme=per_programme,
                    reports=reports,
                    meetings=overview.joint_meetings,
                    start=day(start),
                    end=day(end),
                )
            )
        )
        counts = result.degree_counts
        section.add(
            Paragraph(
                _(
                    "Graden af målrettet implementering: {high} steder i høj grad, {some} i nogen grad og "
                    "{low} i lav grad eller ikke; {unclassified} kunne ikke klassificeres."
                ).format(**{key: counts.get(key, 0) for key in ("high", "some", "low", "unclassified")})
            )
        )
        strong = [d for d in result.distinguishing_drivers if d.strength == "strong"]
        weak = [d for d in result.distinguishing_drivers if d.strength == "weak"]
        if strong or weak:
            section.add(
                Paragraph(
                    _(
                        "Drivere, der adskiller stederne med høj grad fra stederne med lav grad: "
                        "stærkt {strong}; svagt {weak}."
                    ).format(
                        strong=", ".join(self.codebook.driver(d.code) for d in strong) or "–",
                        weak=", ".join(self.codebook.driver(d.code) for d in weak) or "–",
                    )
                )
            )
        mechanisms = [d for d in result.distinguishing_mechanisms if d.strength == "strong"]
        if mechanisms:
            section.add(
                Paragraph(
                    _("Mekanismer, der adskiller stærkt: {mechanisms}.").format(
                        mechanisms=", ".join(self.codebook.mechanism(d.code) for d in mechanisms)
                    )
                )
            )
        coverage = result.attention_points.coverage
        if coverage and sites:
            most = max(coverage, key=lambda n: (coverage[n], -n))
            least = min(coverage, key=lambda n: (coverage[n], n))
            section.add(
                Paragraph(
                    _(
                        "Af de ti opmærksomhedspunkter er flest steder arbejdet med punkt {most} ({most_label}: "
                        "{most_n} af {sites}) og færrest med punkt {least} ({least_label}: {least_n})."
                    ).format(
                        most=most,
                        most_label=self.codebook.point_label(most),
                        most_n=coverage[most],
                        least=least,
                        least_label=self.codebook.point_label(least),
                        least_n=coverage[least],
                        sites=sites,
                    )
                )
            )
        rows = []
        for figures_ in result.programmes.programmes:
            rows.append(
                [
                    figures_.programme,
                    figures_.sites,
                    figures_.reports,
                    *_degree_row(figures_.degree_counts),
                    *(share(figures_.balance.get(d)) for d in DRIVERS),
                ]
            )
        section.add(
            Table(
                key="sammenfatning",
                caption=_("Hovedtal pr. program"),
                columns=[
                    _("Program"),
                    _("Steder"),
                    _("Rapporter"),
                    *_degree_columns(),
                    *(_("Balance {driver}").format(driver=self.codebook.driver(d)) for d in DRIVERS),
                ],
                rows=rows,
                note=self.few_sites_note(),
            )
        )

    def few_sites_note(self) -> str:
        notes = [
            _(
                "Kun {n} steder i {programme}: tallene bygger på få steder og skal læses med forsigtighed."
            ).format(n=p.sites, programme=p.programme)
            for p in self.overall.programmes.programmes
            if p.few_sites
        ]
        return " ".join(notes)

    # 1 Method ---------------------------------------------------------------------------------

    def method(self, section: Section) -> None:
        overview = self.overall.overview
        data = section.subsection(_("1.1 Dataindsamlingen i tal"), "data")
        start, end = overview.period
        data.add(
            Paragraph(
                _(
                    "Data er indsamlet fra {start} til {end}: de narrative samtaler mellem konsulent og "
                    "implementeringsteam, konsulentens implementeringsrapporter i seks temaer, fremmere og "
                    "hæmmere, prøvehandlinger og referater fra erfaringsopsamlingsmøder."
                ).format(start=day(start), end=day(end))
            )
        )
        data.add(
            Table(
                key="besoeg-pr-aar",
                caption=_("Besøg pr. år: afholdt, planlagt og aflyst"),
                columns=[_("År"), _("Afholdt"), _("Planlagt"), _("Aflyst")],
                rows=[
                    [str(year), c.get("held", 0), c.get("planned", 0), c.get("cancelled", 0)]
                    for year, c in overview.visits_per_year.items()
                ],
            )
        )
        data.add(
            Table(
                key="data-pr-program",
                caption=_("Steder, rapporter og udsagn pr. program"),
                columns=[_("Program"), _("Steder"), _("Implementeringsrapporter"), _("Fremmere og hæmmere")],
                rows=[
                    [
                        self.programme_name(code),
                        n,
                        overview.reports_per_programme.get(code, 0),
                        overview.factors_per_programme.get(code, 0),
                    ]
                    for code, n in overview.sites_per_programme.items()
                ],
                note=_("Erfaringsopsamlingsmøder i alt: {n}.").format(n=overview.joint_meetings),
            )
        )
        changes = overview.consultant_changes
        left = overview.sites_left
        data.add(
            Paragraph(
                ngettext(
                    "Konsulenten skiftede {n} gang i perioden.",
                    "Konsulenten skiftede {n} gange i perioden.",
                    len(changes),
                ).format(n=len(changes))
                + " "
                + ngettext("{n} sted forlod projektet.", "{n} steder forlod projektet.", len(left)).format(
                    n=len(left)
                )
            )
        )
        if self.full and changes:
            data.add(
                Table(
                    key="konsulentskift",
                    caption=_("Konsulentskift"),
                    columns=[_("Sted"), _("Dato"), _("Årsag")],
                    rows=[[c.site, day(c.on), publishable_text(c.reason)] for c in changes],
                )
            )
        if left:
            data.add(
                Table(
                    key="udtraadte-steder",
                    caption=_("Steder, der forlod projektet"),
                    columns=[_("Sted"), _("Program"), _("Dato"), _("Årsag")]
                    if self.full
                    else [_("Program"), _("Dato")],
                    rows=[
                        [s.site, s.programme, day(s.left_on), publishable_text(s.reason)]
                        if self.full
                        else [s.programme, day(s.left_on)]
                        for s in left
                    ],
                )
            )
        background = section.subsection(_("1.2 Målgruppe og baggrund pr. program"), "baggrund")
        for code in overview.background:
            info = self.programmes.get(code)
            if info:
                text = _("{name} udbydes af {provider}. Uddannelsen varer {months} måneder.").format(
                    name=self.programme_name(code),
                    provider=info.provider,
                    months=labels_number(info.training_months),
                )
                background.add(
                    Paragraph(" ".join(filter(None, [text, info.training_description, info.character])))
                )
        rows = []
        for code, item in overview.background.items():
            rows.append(
                [
                    code,
                    item.sites,
                    _range_text(item.places),
                    _range_text(item.staff),
                    _range_text(item.team_size),
                    item.teams_with_management,
                    item.several_departments,
                    item.separate_addresses,
                    item.internal_schools,
                    ", ".join(f"{_ownership(k)} {v}" for k, v in sorted(item.ownership.items())),
                    ", ".join(f"{_region(k)} {v}" for k, v in sorted(item.regions.items())),
                ]
            )
        background.add(
            Table(
                key="baggrund",
                caption=_("Stedernes baggrund pr. program"),
                columns=[
                    _("Program"),
                    _("Steder"),
                    _("Pladser"),
                    _("Fastansatte"),
                    _("Teamstørrelse"),
                    _("Teams med ledelse"),
                    _("Flere afdelinger"),
                    _("Afdelinger på separat adresse"),
                    _("Intern skole"),
                    _("Ejerform"),
                    _("Regioner"),
                ],
                rows=rows,
            )
        )
        analysis = section.subsection(_("1.3 Analysen"), "analysen")
        matrix_rule = self.overall.config.get("matrix", {})
        analysis.add(
            Paragraph(
                _(
                    "Analysen er en dobbelt kondensering: konsulenten kondenserer samtalen i rapportens seks "
                    "temaer, og evaluatorerne kategoriserer udsagnene efter de tre implementeringsdrivere "
                    "(kompetence, organisation og ledelse) og deres mekanismer."
                )
            ),
            Paragraph(
                _(
                    "Krydsmatricen vurderer hvert sted og hver driver fra −2 til +2 efter CFIR's regler: "
                    "fortegnet er valensen; ±2 kræver, at den dominerende side udgør mindst {strong} af "
                    "udsagnene og kommer fra mindst {sources} besøg eller kilder; 0 er neutralt eller blandet; "
                    "manglende data vises som –. Evaluator kan bekræfte eller rette hver vurdering."
                ).format(
                    strong=f"{matrix_rule.get('strong_share', 0) * 100:.0f} %",
                    sources=matrix_rule.get("strong_min_sources", 2),
                )
            ),
        )
        degree_rule = self.overall.config.get("degree", {})
        thresholds = degree_rule.get("thresholds", {})
        analysis.add(
            Paragraph(
                _(
                    "Graden af målrettet implementering klassificeres fra eksplicitte kriterier, der hver giver "
                    "en værdi fra 0 til 1. Graden er det vægtede gennemsnit af de kriterier, der er data til: "
                    "høj ved mindst {high}, lav under {low}, ellers nogen grad; med færre end {minimum} "
                    "kriterier klassificeres stedet ikke. Evaluator kan tilsidesætte en klassifikation med "
                    "en begrundelse, som vises."
                ).format(
                    high=labels_number(thresholds.get("high", 0)),
                    low=labels_number(thresholds.get("low", 0)),
                    minimum=degree_rule.get("min_criteria", "–"),
                )
            ),
            Table(
                key="kriterier",
                caption=_("Kriterierne for graden af målrettet implementering"),
                columns=[_("Kriterium"), _("Vægt"), _("Fund i evalueringen")],
                rows=[
                    [
                        labels.criterion(key),
                        float(spec.get("weight", 1.0)),
                        _(spec.get("finding", "")) or None,
                    ]
                    for key, spec in degree_rule.get("criteria", {}).items()
                    if float(spec.get("weight", 0)) > 0
                ],
            ),
        )

    # 2 Results ----------------------------------------------------------------------------------

    def programme_results(self, parent: Section, number: str, code: str, result) -> None:
        section = parent.subsection(f"{number} {self.programme_name(code)}", f"resultater-{code.lower()}")
        figures_ = next((p for p in self.overall.programmes.programmes if p.programme == code), None)
        if figures_ is not None and figures_.few_sites:
            section.add(
                Paragraph(
                    _(
                        "Kun {n} steder i {programme}: tallene bygger på få steder og skal læses med forsigtighed."
                    ).format(n=figures_.sites, programme=code),
                    emphasis=True,
                )
            )
        profile = result.profiles.per_programme.get(code) or result.profiles.overall
        for index, driver in enumerate(DRIVERS, start=1):
            self.driver_section(section, f"{number}.{index}", code, driver, profile, result)
        self.matrix_section(section, f"{number}.4", code, result)
        self.degree_section(section, f"{number}.5", code, result)
        self.phase_section(section, f"{number}.6", code, result)

    def driver_section(self, parent: Section, number: str, code: str, driver: str, profile, result) -> None:
        label = self.codebook.driver(driver)
        section = parent.subsection(f"{number} {label}", f"{code.lower()}-{driver}")
        tally = profile.drivers.get(driver)
        if tally is not None:
            section.add(
                Paragraph(
                    _("{driver}: {promoters} fremmere og {inhibitors} hæmmere (balance {balance}).").format(
                        driver=label,
                        promoters=tally.promoters,
                        inhibitors=tally.inhibitors,
                        balance=_balance_text(tally.balance),
                    )
                )
            )
        mechanisms = self.codebook.mechanisms_of(driver)
        if self.full:
            frequent = result.profiles.frequent.get(driver, [])
            promoters = [s for s in frequent if s.valence == "promoter"][:TOP_STATEMENTS]
            inhibitors = [s for s in frequent if s.valence == "inhibitor"][:TOP_STATEMENTS]
            items = [
                (s.valence, publishable_text(s.statement), s.count, s.sites) for s in promoters + inhibitors
            ]
            caption = _("{driver} i {programme}: de hyppigste fremmere og hæmmere").format(
                driver=label, programme=code
            )
            columns = [_("Valens"), _("Udsagn"), _("Antal"), _("Steder")]
        else:
            items = []
            for mechanism in mechanisms:
                mech = profile.mechanisms.get(mechanism)
                if mech is None:
                    continue
                if mech.promoters:
                    items.append(("promoter", self.codebook.mechanism(mechanism), mech.promoters, None))
                if mech.inhibitors:
                    items.append(("inhibitor", self.codebook.mechanism(mechanism), mech.inhibitors, None))
            caption = _("{driver} i {programme}: fremmere og hæmmere pr. mekanisme").format(
                driver=label, programme=code
            )
            columns = [_("Valens"), _("Mekanisme"), _("Antal"), _("Steder")]
        promoter_items = [
            figures.Statement(text, count) for valence, text, count, _s in items if valence == "promoter"
        ]
        inhibitor_items = [
            figures.Statement(text, count) for valence, text, count, _s in items if valence == "inhibitor"
        ]
        table = Table(
            key=f"driver-{code.lower()}-{driver}",
            caption=_("Tallene bag figuren: {driver} i {programme}").format(driver=label, programme=code),
            columns=columns,
            rows=[[_valence(valence), text, count, sites] for valence, text, count, sites in items],
        )
        section.add(
            Figure(
                key=f"driver-{code.lower()}-{driver}",
                caption=caption,
                draw=lambda: figures.driver_figure(
                    driver=label,
                    promoters=promoter_items,
                    inhibitors=inhibitor_items,
                    promoters_label=_("Fremmere"),
                    inhibitors_label=_("Hæmmere"),
                    none_label=_("ingen registreret"),
                ),
                table=table,
                note=_(
                    "Fremmere står til venstre (hel ramme, +), hæmmere til højre (stiplet, skraveret ramme, −); "
                    "tallet er antal udsagn."
                ),
            )
        )
        rows = []
        for mechanism in mechanisms:
            mech = profile.mechanisms.get(mechanism)
            if mech is not None:
                rows.append(
                    [self.codebook.mechanism(mechanism), mech.promoters, mech.inhibitors, share(mech.balance)]
                )
        if rows:
            section.add(
                Table(
                    key=f"mekanismer-{code.lower()}-{driver}",
                    caption=_("{driver} i {programme}: fremmere og hæmmere pr. mekanisme").format(
                        driver=label, programme=code
                    ),
                    columns=[_("Mekanisme"), _("Fremmere"), _("Hæmmere"), _("Balance")],
                    rows=rows,
                )
            )
        if self.full:
            quotes = [
                (statement, quote)
                for statement in result.profiles.frequent.get(driver, [])[: TOP_STATEMENTS * 2]
                for quote in statement.quotes[:1]
            ]
            if quotes:
                section.add(Paragraph(_("Eksempler på citater:")))
                section.add(
                    BulletList(
                        [f"“{publishable_text(q)}” ({_valence(s.valence).lower()})" for s, q in quotes]
                    )
                )

    def matrix_section(self, parent: Section, number: str, code: str, result) -> None:
        section = parent.subsection(f"{number} {_('Krydsmatrix')}", f"{code.lower()}-matrix")
        matrix = result.driver_matrix
        degree_of = {site.code: site.degree for site in result.sites}
        section.add(
            Paragraph(
                _(
                    "Hver celle er vurderingen fra −2 til +2 (– = ingen data; * = bekræftet af evaluator). "
                    "Stederne er grupperet efter graden af målrettet implementering."
                )
            )
        )
        if self.full:
            rows = []
            for group, codes in result.sites_by_degree().items():
                for site in codes:
                    cells = matrix.cells.get(site, {})
                    row = [site, labels.degree(group)]
                    for driver in matrix.codes:
                        cell = cells.get(driver)
                        row += [_cell_text(cell), f"{cell.promoters}/{cell.inhibitors}" if cell else None]
                    rows.append(row)
            columns = [_("Sted"), _("Grad")]
            for driver in matrix.codes:
                columns += [
                    self.codebook.driver(driver),
                    _("{driver} +/−").format(driver=self.codebook.driver(driver)),
                ]
            section.add(
                Table(
                    key=f"matrix-{code.lower()}",
                    caption=_("Krydsmatrix for {programme}: steder × drivere").format(programme=code),
                    columns=columns,
                    rows=rows,
                    note=_("+/− er antal fremmere/hæmmere bag vurderingen."),
                )
            )
        else:
            rows = []
            for driver in matrix.codes:
                ratings = Counter(
                    (degree_of.get(site) or "unclassified", matrix.rating(site, driver))
                    for site in matrix.sites
                )
                for group in ("high", "some", "low", "unclassified"):
                    values = [ratings.get((group, r), 0) for r in (2, 1, 0, -1, -2, None)]
                    if sum(values):
                        rows.append([self.codebook.driver(driver), labels.degree(group), *values])
            section.add(
                Table(
                    key=f"matrix-{code.lower()}",
                    caption=_("Krydsmatrix for {programme}: antal steder med hver vurdering").format(
                        programme=code
                    ),
                    columns=[_("Driver"), _("Grad"), "+2", "+1", "0", "−1", "−2", _("Mangler")],
                    rows=rows,
                )
            )
        section.add(
            self.distinction_table(f"adskiller-{code.lower()}", result.distinguishing_drivers, "driver")
        )

    def distinction_table(self, key: str, distinctions, kind: str) -> Table:
        label = self.codebook.driver if kind == "driver" else self.codebook.mechanism
        return Table(
            key=key,
            caption=_("Hvad adskiller stederne med høj grad fra stederne med lav grad"),
            columns=[
                _("Driver") if kind == "driver" else _("Mekanisme"),
                _("Adskiller"),
                _("Gennemsnit høj"),
                _("Gennemsnit lav"),
                _("Høj: +/0/−/mangler"),
                _("Lav: +/0/−/mangler"),
            ],
            rows=[
                [
                    label(d.code),
                    str(labels.STRENGTH_LABELS.get(d.strength, d.strength)),
                    d.high_mean,
                    d.low_mean,
                    _counts_text(d.high_counts),
                    _counts_text(d.low_counts),
                ]
                for d in distinctions
            ],
            note=_(
                "Tallene er antal steder i gruppen med positiv, neutral/blandet, negativ og manglende vurdering."
            ),
        )

    def degree_section(self, parent: Section, number: str, code: str, result) -> None:
        section = parent.subsection(
            f"{number} {_('Grad af målrettet implementering')}", f"{code.lower()}-grad"
        )
        counts = result.degree_counts
        section.add(
            Table(
                key=f"grad-antal-{code.lower()}",
                caption=_("Antal steder efter grad af målrettet implementering i {programme}").format(
                    programme=code
                ),
                columns=_degree_columns(),
                rows=[_degree_row(counts)],
            )
        )
        if not self.full:
            return
        many = len(result.sites) > PRINT_SITE_LIMIT
        rows = []
        for site in result.sites:
            c = site.classification
            override = c.override
            listed = (
                [len(c.held), len(c.not_held), len(c.missing_evidence)]
                if many
                else [
                    ", ".join(labels.criterion(k) for k in c.held) or None,
                    ", ".join(labels.criterion(k) for k in c.not_held) or None,
                    ", ".join(labels.criterion(k) for k in c.missing_evidence) or None,
                ]
            )
            rows.append(
                [
                    site.code,
                    labels.degree(c.proposed),
                    c.score,
                    labels.degree(override.degree) if override else None,
                    publishable_text(override.reason) if override else None,
                    *listed,
                ]
            )
        section.add(
            Table(
                key=f"grad-{code.lower()}",
                caption=_("Klassifikation pr. sted med kriterier og evaluators tilsidesættelser"),
                columns=[
                    _("Sted"),
                    _("Foreslået grad"),
                    _("Score"),
                    _("Tilsidesat til"),
                    _("Begrundelse"),
                    _("Kriterier opfyldt"),
                    _("Ikke opfyldt"),
                    _("Mangler data"),
                ],
                rows=rows,
                note=(
                    _(
                        "Antal kriterier opfyldt, ikke opfyldt og uden data; hvert kriteriums værdi står i bilaget."
                    )
                    if many
                    else _("Kriterierne med data og tal for hvert sted står i bilaget.")
                ),
            )
        )

    def phase_section(self, parent: Section, number: str, code: str, result) -> None:
        section = parent.subsection(
            f"{number} {_('Faseforløb og balance over tid')}", f"{code.lower()}-faser"
        )
        trajectories = [
            result.trajectories[site.code] for site in result.sites if site.code in result.trajectories
        ]
        if self.full:
            section.add(
                phase_figure(
                    key=f"faser-{code.lower()}",
                    caption=_("Faseforløb for stederne i {programme}").format(programme=code),
                    trajectories=trajectories,
                )
            )
        relapses = sum(path.relapses for path in trajectories)
        with_relapse = sum(1 for path in trajectories if path.relapses)
        section.add(
            Paragraph(
                _("{relapses} tilbagefald til en tidligere fase på {sites} af {total} steder.").format(
                    relapses=relapses, sites=with_relapse, total=len(trajectories)
                )
            )
        )
        stage_rows = []
        for index, phase in enumerate(PHASE_KEYS):
            stages = [path.stages[index] for path in trajectories if len(path.stages) > index]
            reached = [s for s in stages if s.reached]
            durations = [s.duration_days for s in reached if s.duration_days is not None]
            completion = [s.completed_share for s in stages if s.activities]
            stage_rows.append(
                [
                    labels.phase(phase),
                    len(reached),
                    round(sum(durations) / len(durations)) if durations else None,
                    share(sum(completion) / len(completion)) if completion else None,
                ]
            )
        section.add(
            Table(
                key=f"faser-gennemfoert-{code.lower()}",
                caption=_(
                    "Faserne i {programme}: steder, der nåede fasen, varighed og andel aktiviteter gennemført"
                ).format(programme=code),
                columns=[
                    _("Fase"),
                    _("Steder i fasen"),
                    _("Varighed i dage (gns.)"),
                    _("Andel aktiviteter gennemført"),
                ],
                rows=stage_rows,
            )
        )
        by_period = {
            key.split("|", 1)[1]: profile.drivers
            for key, profile in result.profiles.per_programme_period.items()
            if key.split("|", 1)[0] == code
        }
        if by_period:
            section.add(
                balance_figure(
                    key=f"balance-{code.lower()}",
                    caption=_("Balancen mellem fremmere og hæmmere pr. driver over tid i {programme}").format(
                        programme=code
                    ),
                    panels=[(code, by_period)],
                    codebook=self.codebook,
                )
            )
        counts = result.trial_actions.per_programme.get(code)
        if counts is not None:
            section.add(
                Paragraph(
                    _(
                        "Prøvehandlinger: {agreed} aftalt, {followed} fulgt op, {done} gennemført, {partly} delvist, "
                        "{not_done} ikke gennemført, {dropped} droppet, {never} aldrig fulgt op og {open} åbne."
                    ).format(
                        agreed=counts.agreed,
                        followed=counts.followed_up,
                        done=counts.done,
                        partly=counts.partly,
                        not_done=counts.not_done,
                        dropped=counts.dropped,
                        never=counts.never_followed_up,
                        open=counts.open,
                    )
                )
            )

    # 3 Discussion -------------------------------------------------------------------------------

    def discussion(self, section: Section) -> None:
        result = self.overall
        compared = section.subsection(_("3.1 Programmerne sammenlignet"), "sammenligning")
        rows = []
        columns = [_("Mål")] + [p.programme for p in result.programmes.programmes]

        def row(label, getter):
            rows.append([label, *(getter(p) for p in result.programmes.programmes)])

        row(_("Steder"), lambda p: p.sites)
        row(_("Rapporter"), lambda p: p.reports)
        for driver in DRIVERS:
            row(
                _("Balance {driver}").format(driver=self.codebook.driver(driver)),
                lambda p, d=driver: share(p.balance.get(d)),
            )
        for degree in ("high", "some", "low", "unclassified"):
            row(labels.degree(degree), lambda p, g=degree: p.degree_counts.get(g, 0))
        row(_("Tilbagefald i alt"), lambda p: p.relapses_total)
        row(_("Steder med tilbagefald"), lambda p: p.sites_with_relapse)
        for phase in PHASE_KEYS:
            row(
                _("Andel aktiviteter gennemført: {phase}").format(phase=labels.phase(phase)),
                lambda p, ph=phase: share(p.sic_completion.get(ph)),
            )
        row(_("Prøvehandlinger aftalt"), lambda p: p.trial_actions.get("agreed"))
        row(_("Prøvehandlinger fulgt igennem (andel)"), lambda p: share(p.follow_through))
        row(_("Opmærksomhedspunkter pr. sted (gns.)"), lambda p: p.attention_points_mean)
        for kind in sorted({k for p in result.programmes.programmes for k in p.mean_scores}):
            row(
                _("Gennemsnitlig score: {kind}").format(kind=_score_kind(kind)),
                lambda p, k=kind: p.mean_scores.get(k),
            )
        compared.add(
            Table(
                key="programmer-sammenlignet",
                caption=_("Programmerne sammenlignet"),
                columns=columns,
                rows=rows,
                note=self.few_sites_note(),
            )
        )
        by_programme = {}
        for key, profile in result.profiles.per_programme_period.items():
            programme, period = key.split("|", 1)
            by_programme.setdefault(programme, {})[period] = profile.drivers
        if by_programme:
            compared.add(
                balance_figure(
                    key="balance-programmer",
                    caption=_("Balancen pr. driver over tid, programmerne side om side"),
                    panels=sorted(by_programme.items()),
                    codebook=self.codebook,
                )
            )
        self.scores(compared)
        self.limits(section.subsection(_("3.2 Metodiske begrænsninger, som data viser"), "begraensninger"))
        self.pressures(section.subsection(_("3.3 Pres udefra"), "pres"))
        self.attention(section.subsection(_("3.4 De ti opmærksomhedspunkter"), "opmaerksomhedspunkter"))

    def scores(self, section: Section) -> None:
        relation = self.overall.scores
        if not relation.correlations:
            return
        section.add(
            Table(
                key="scorer",
                caption=_("Programtroskab og effekt mod driverbalance og grad"),
                columns=[
                    _("Score"),
                    _("Sammenholdt med"),
                    _("Steder"),
                    _("Korrelation (r)"),
                    _("Bemærkning"),
                ],
                rows=[
                    [
                        _score_kind(c.kind),
                        _("Driverbalance") if c.against == "driver_balance" else _("Grad"),
                        c.n,
                        c.r,
                        c.note or None,
                    ]
                    for c in relation.correlations
                ],
            )
        )

    def limits(self, section: Section) -> None:
        result = self.overall
        overview = result.overview
        items = []
        for p in result.programmes.programmes:
            if p.few_sites:
                items.append(
                    _(
                        "{programme} har kun {n} steder; forskelle mellem programmerne kan skyldes enkelte steder."
                    ).format(programme=p.programme, n=p.sites)
                )
        changes = overview.consultant_changes
        if changes:
            sites = len({c.site for c in changes})
            items.append(
                _(
                    "Konsulenten skiftede {n} gange på {sites} steder; samtalerne og rapporterne er skrevet af flere konsulenter."
                ).format(n=len(changes), sites=sites)
            )
        for left in overview.sites_left:
            items.append(
                _("Et sted i {programme} forlod projektet {date}; dets forløb er ufuldstændigt.").format(
                    programme=left.programme, date=day(left.left_on)
                )
            )
        unclassified = result.degree_counts.get("unclassified", 0)
        if unclassified:
            items.append(
                _("{n} steder kunne ikke klassificeres, fordi der var for få kriterier med data.").format(
                    n=unclassified
                )
            )
        missing = Counter(key for site in result.sites for key in site.classification.missing_evidence)
        if missing:
            top = ", ".join(f"{labels.criterion(k)} ({n})" for k, n in missing.most_common(3))
            items.append(_("Kriterier, der oftest manglede data (antal steder): {top}.").format(top=top))
        cancelled = sum(c.get("cancelled", 0) for c in overview.visits_per_year.values())
        if cancelled:
            items.append(_("{n} planlagte besøg blev aflyst.").format(n=cancelled))
        section.add(
            BulletList(items)
            if items
            else Paragraph(_("Data viser ingen særlige begrænsninger ud over det lille antal steder."))
        )

    def pressures(self, section: Section) -> None:
        analysis = self.overall.pressures
        section.add(
            Paragraph(
                _(
                    "Andelen af hæmmere i {days} dage før og efter hver ekstern begivenhed på de berørte steder."
                ).format(days=analysis.window_days)
            )
        )
        section.add(
            Table(
                key="pres-pr-type",
                caption=_("Eksterne begivenheder pr. type og gennemsnitlig ændring i andelen af hæmmere"),
                columns=[_("Type"), _("Begivenheder"), _("Ændring i andel hæmmere")],
                rows=[
                    [labels.event_kind(k), v["events"], v["mean_change"]] for k, v in analysis.by_kind.items()
                ],
            )
        )
        events = [e for e in analysis.events if not e.event.site] if not self.full else analysis.events
        if events:
            section.add(
                Table(
                    key="pres-begivenheder",
                    caption=_("Eksterne begivenheder: andelen af hæmmere før og efter"),
                    data_only=len(events) > PRINT_SITE_LIMIT,
                    columns=[
                        _("Begivenhed"),
                        _("Fra"),
                        _("Sted"),
                        _("Steder berørt"),
                        _("Andel hæmmere før"),
                        _("Andel hæmmere efter"),
                        _("Ændring"),
                    ],
                    rows=[
                        [
                            labels.event_kind(e.event.kind),
                            day(e.event.starts_on),
                            e.event.site or _("alle"),
                            e.sites,
                            e.before.inhibitor_share,
                            e.after.inhibitor_share,
                            e.change,
                        ]
                        for e in events
                    ],
                )
            )
        section.add(
            Table(
                key="pres-tidslinje",
                caption=_("Fremmere og hæmmere pr. halvår med eksterne begivenheder"),
                columns=[_("Halvår"), _("Fremmere"), _("Hæmmere"), _("Andel hæmmere"), _("Begivenheder")],
                rows=[
                    [
                        p.period,
                        p.promoters,
                        p.inhibitors,
                        p.inhibitor_share,
                        ", ".join(labels.event_kind(k) for k in p.events) or None,
                    ]
                    for p in analysis.timeline
                ],
            )
        )

    def attention(self, section: Section) -> None:
        result = self.overall
        table = result.attention_points
        total = len(table.sites)
        section.add(
            Table(
                key="opmaerksomhedspunkter",
                caption=_("De ti opmærksomhedspunkter og hvor mange steder der har arbejdet med hvert"),
                columns=[_("Nr."), _("Driver"), _("Opmærksomhedspunkt"), _("Steder"), _("Andel af stederne")],
                rows=[
                    [
                        point["number"],
                        self.codebook.driver(point.get("driver", "")),
                        self.codebook.point_label(point["number"]),
                        table.coverage.get(point["number"], 0),
                        share(table.coverage.get(point["number"], 0) / total) if total else None,
                    ]
                    for point in table.points
                ],
            )
        )
        degree_of = {site.code: site.degree for site in result.sites}
        groups = {
            site.site: f"{site.programme} · {labels.degree(degree_of.get(site.site))}" for site in table.sites
        }
        section.add(
            attention_figure(
                key="opmaerksomhedspunkter-kort",
                caption=_("Opmærksomhedspunkter arbejdet med"),
                sites=table.sites,
                groups=groups,
                codebook=self.codebook,
                aggregate=not self.full,
            )
        )

    # Appendix -----------------------------------------------------------------------------------

    def appendix(self, section: Section) -> None:
        if not self.full:
            section.add(Paragraph(_("Den samlede udgave har ingen tabeller pr. sted.")))
            self.cooccurrence(section)
            return
        for code, result in self.per_programme.items():
            mechanisms = result.mechanism_matrix
            section.add(
                Table(
                    key=f"bilag-mekanismer-{code.lower()}",
                    caption=_("Krydsmatrix for {programme}: steder × mekanismer").format(programme=code),
                    columns=[_("Sted"), *(self.codebook.mechanism(m) for m in mechanisms.codes)],
                    rows=[
                        [site, *(_cell_text(mechanisms.cells[site].get(m)) for m in mechanisms.codes)]
                        for site in mechanisms.sites
                    ],
                )
            )
            section.add(
                self.distinction_table(
                    f"bilag-adskiller-mekanismer-{code.lower()}",
                    result.distinguishing_mechanisms,
                    "mechanism",
                )
            )
            keys = [
                key
                for key, spec in result.config.get("degree", {}).get("criteria", {}).items()
                if float(spec.get("weight", 0)) > 0
            ]
            section.add(
                Table(
                    key=f"bilag-kriterievaerdier-{code.lower()}",
                    caption=_("Kriteriernes værdier (0–1) pr. sted i {programme}").format(programme=code),
                    columns=[_("Sted"), _("Grad"), _("Score"), *(labels.criterion(k) for k in keys)],
                    rows=[
                        [
                            site.code,
                            labels.degree(site.degree),
                            site.classification.score,
                            *(values.get(k) for k in keys),
                        ]
                        for site in result.sites
                        for values in [{c.key: c.value for c in site.classification.criteria}]
                    ],
                    note=_("– = ingen data for kriteriet."),
                )
            )
            rows = []
            for site in result.sites:
                for criterion in site.classification.criteria:
                    rows.append(
                        [
                            site.code,
                            labels.criterion(criterion.key),
                            criterion.value,
                            _held_text(criterion.held),
                            labels.source(criterion.source),
                            criterion.evidence or criterion.missing or None,
                        ]
                    )
            many = len(result.sites) > PRINT_SITE_LIMIT
            section.add(
                Table(
                    key=f"bilag-kriterier-{code.lower()}",
                    caption=_(
                        "Kriterierne for graden pr. sted i {programme}: værdi, kilde og evidens"
                    ).format(programme=code),
                    columns=[
                        _("Sted"),
                        _("Kriterium"),
                        _("Værdi (0–1)"),
                        _("Opfyldt"),
                        _("Kilde"),
                        _("Evidens"),
                    ],
                    rows=rows,
                    data_only=many,
                )
            )
            if many:
                section.add(
                    Paragraph(
                        _(
                            "Evidensen bag hvert kriterium for hvert af de {n} steder ({rows} rækker) er for lang til "
                            "at trykke; den står i CSV- og XLSX-udgaven af rapporten."
                        ).format(n=len(result.sites), rows=len(rows))
                    )
                )
        sites = self.overall.sites
        section.add(
            Table(
                key="bilag-steder",
                caption=_("Stederne: grad, faser, prøvehandlinger, opmærksomhedspunkter og balance"),
                columns=[
                    _("Sted"),
                    _("Program"),
                    _("Grad"),
                    _("Højeste fase"),
                    _("Seneste fase"),
                    _("Tilbagefald"),
                    _("Prøvehandlinger aftalt"),
                    _("Fulgt op"),
                    _("Gennemført"),
                    _("Aldrig fulgt op"),
                    _("Opmærksomhedspunkter"),
                    *(_("Balance {driver}").format(driver=self.codebook.driver(d)) for d in DRIVERS),
                ],
                rows=[
                    [
                        s.code,
                        s.programme,
                        labels.degree(s.degree),
                        labels.phase(s.highest_phase),
                        labels.phase(s.current_phase),
                        s.relapses,
                        s.trial_actions.agreed,
                        s.trial_actions.followed_up,
                        s.trial_actions.done,
                        s.trial_actions.never_followed_up,
                        ", ".join(str(n) for n in s.attention_points) or None,
                        *(share(s.balance.get(d)) for d in DRIVERS),
                    ]
                    for s in sites
                ],
            )
        )
        never = self.overall.trial_actions.never_followed_up
        if never:
            section.add(
                Table(
                    key="bilag-aldrig-fulgt-op",
                    caption=_("Prøvehandlinger, der aldrig blev fulgt op"),
                    data_only=len(sites) > PRINT_SITE_LIMIT,
                    columns=[_("Sted"), _("Aftalt"), _("Driver"), _("Formål")],
                    rows=[
                        [
                            a.site,
                            day(a.agreed_on),
                            self.codebook.driver(a.driver) if a.driver else None,
                            publishable_text(a.aim),
                        ]
                        for a in never
                    ],
                )
            )
        self.cooccurrence(section)

    def cooccurrence(self, section: Section) -> None:
        co = self.overall.co_occurrence
        if not co.pairs:
            return
        pairs = sorted(co.pairs.items(), key=lambda item: (-item[1], item[0]))[:20]
        section.add(
            Table(
                key="bilag-samforekomst",
                caption=_("Koder, der optræder sammen i samme rapport (de 20 hyppigste par)"),
                columns=[
                    _("Kode"),
                    _("Kode"),
                    _("Rapporter med begge"),
                    _("Rapporter med første"),
                    _("Rapporter med anden"),
                ],
                rows=[
                    [self.code_label(a), self.code_label(b), n, co.totals.get(a), co.totals.get(b)]
                    for (a, b), n in pairs
                ],
            )
        )

    def code_label(self, key: str) -> str:
        if key.startswith("ap") and key[2:].isdigit():
            return f"{_('Punkt')} {key[2:]}: {self.codebook.point_label(int(key[2:]))}"
        if key in DRIVERS:
            return self.codebook.driver(key)
        return self.codebook.mechanism(key)


def labels_number(value) -> str:
    from django.utils.formats import localize

    number = float(value)
    return localize(int(number) if number.is_integer() else number)


def _range_text(item) -> str | None:
    if item.minimum is None:
        return None
    return str(item.minimum) if item.minimum == item.maximum else f"{item.minimum}–{item.maximum}"


def _ownership(key: str) -> str:
    from registry.models import Ownership

    return labels.choice(Ownership, key)


def _region(key: str) -> str:
    from registry.models import Region

    return labels.choice(Region, key)


def _valence(key: str) -> str:
    return _("Fremmer") if key == "promoter" else _("Hæmmer") if key == "inhibitor" else _("Neutral")


def _balance_text(value: float | None) -> str:
    from django.utils.formats import localize

    return "–" if value is None else localize(round(value, 2))


def _cell_text(cell) -> str | None:
    if cell is None or cell.rating is None:
        return None
    return labels.rating(cell.rating) + ("*" if cell.confirmed else "")


def _counts_text(counts: dict) -> str:
    return f"{counts.get('positive', 0)}/{counts.get('zero', 0)}/{counts.get('negative', 0)}/{counts.get('missing', 0)}"


def _held_text(held: bool | None) -> str | None:
    if held is None:
        return None
    return _("Ja") if held else _("Nej")


def _score_kind(kind: str) -> str:
    from fieldwork.models import ScoreKind

    return labels.choice(ScoreKind, kind)
