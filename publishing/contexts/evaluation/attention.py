"""4 Opmærksomhedspunkter: the ten attention points, each with the advice and the evidence behind it
(how many sites worked with it, and how that differs between the most and least goal-directed)."""

from django.utils.translation import gettext as _

from publishing import labels
from publishing.contexts.common import attention_figure, share
from publishing.contexts.evaluation.context import SMALLEST_GROUP, ReportContext
from publishing.document import Paragraph, Section, Table
from publishing.wording import Quantity, choose


def attention_points(ctx: ReportContext, section: Section) -> None:
    result = ctx.overall
    table = result.attention_points
    total = len(table.sites)
    degree_of = {site.code: site.degree for site in result.sites}
    section.add(
        Paragraph(
            _(
                "Evalueringens ti opmærksomhedspunkter samler det, der gør en forskel, til råd for steder, der "
                "vil implementere et program. For hvert punkt vises, hvor mange steder der har arbejdet med det "
                "(fra stedsvurderinger og kodede passager), og om de mest målrettede steder gør det oftere end "
                "de mindst målrettede."
            )
        )
    )
    for index, point in enumerate(table.points, start=1):
        point_number = point["number"]
        sub = section.subsection(
            f"4.{index} {ctx.codebook.point_label(point_number)}", f"opmaerksomhedspunkt-{point_number}"
        )
        advice = ctx.codebook.point_advice(point_number)
        if advice:
            sub.add(Paragraph(advice))
        worked = [site for site in table.sites if site.cells[point_number].worked]
        coverage = Quantity(len(worked), total)
        high = [s for s in table.sites if degree_of.get(s.site) == "high"]
        low = [s for s in table.sites if degree_of.get(s.site) == "low"]
        high_worked = Quantity(sum(1 for s in high if s.cells[point_number].worked), len(high))
        low_worked = Quantity(sum(1 for s in low if s.cells[point_number].worked), len(low))
        sentences = [
            choose(
                f"attention|{point_number}",
                [
                    _("Der er arbejdet med punktet {at}."),
                    _("{subject} har arbejdet med punktet."),
                ],
            ).format(at=coverage.at, subject=coverage.subject)
        ]
        comparable = high and low and (ctx.full or min(len(high), len(low)) >= SMALLEST_GROUP)
        if comparable:
            high_share = high_worked.count / len(high)
            low_share = low_worked.count / len(low)
            if high_share > low_share:
                verdict = _("De mest målrettede steder har oftere arbejdet med det")
            elif high_share < low_share:
                verdict = _("De mindst målrettede steder har oftere arbejdet med det")
            else:
                verdict = _("De mest og de mindst målrettede steder har lige ofte arbejdet med det")
            sentences.append(
                _(
                    "{verdict}: {high} i gruppen »i høj grad« mod {low} i gruppen »i lav grad eller ikke«."
                ).format(verdict=verdict, high=high_worked.counted, low=low_worked.counted)
            )
        driver = point.get("driver", "")
        if driver:
            sentences.append(
                _("Punktet hører under driveren {driver}.").format(driver=ctx.driver_lower(driver))
            )
        sub.add(Paragraph(" ".join(sentences)))
    overview = section.subsection(
        f"4.{len(table.points) + 1} {_('Overblik')}", "opmaerksomhedspunkter-overblik"
    )
    overview.add(
        Table(
            key="opmaerksomhedspunkter",
            caption=_("De ti opmærksomhedspunkter og hvor mange steder der har arbejdet med hvert"),
            columns=[_("Nr."), _("Driver"), _("Opmærksomhedspunkt"), _("Steder"), _("Andel af stederne")],
            rows=[
                [
                    point["number"],
                    ctx.driver(point.get("driver", "")),
                    ctx.codebook.point_label(point["number"]),
                    table.coverage.get(point["number"], 0),
                    share(table.coverage.get(point["number"], 0) / total) if total else None,
                ]
                for point in table.points
            ],
        )
    )
    groups = {
        site.site: f"{site.programme} · {labels.degree(degree_of.get(site.site))}" for site in table.sites
    }
    overview.add(
        attention_figure(
            key="opmaerksomhedspunkter-kort",
            caption=_("Opmærksomhedspunkter arbejdet med"),
            sites=table.sites,
            groups=groups,
            codebook=ctx.codebook,
            aggregate=not ctx.full,
        )
    )
