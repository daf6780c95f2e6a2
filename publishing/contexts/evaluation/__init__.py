"""The evaluation report as a Document, in the order of the evaluation it follows: Indledning og
sammenfatning; 1 Metode; 2 Resultater (per programme: a section per driver written as synthesis
across the sites, and a Sammenfatning); 3 Diskussion og perspektiver; 4 Opmærksomhedspunkter; Bilag.

Each chapter is a function of the `ReportContext` (the analysis results and the evidence behind the
prose) that fills its section. `audience="aggregate"` (programme providers and decision makers)
leaves out every per-site row and all free text.
"""

from django.utils.translation import gettext as _

from publishing.contexts.common import day
from publishing.contexts.evaluation.appendix import appendix
from publishing.contexts.evaluation.attention import attention_points
from publishing.contexts.evaluation.context import ProgrammeInfo, ReportContext
from publishing.contexts.evaluation.discussion import discussion
from publishing.contexts.evaluation.method import method
from publishing.contexts.evaluation.results import results
from publishing.contexts.evaluation.summary import introduction
from publishing.document import Document

__all__ = ["ProgrammeInfo", "ReportContext", "build_evaluation"]


def build_evaluation(ctx: ReportContext) -> Document:
    overview = ctx.overall.overview
    names = [ctx.programmes[c].name for c in overview.sites_per_programme if c in ctx.programmes]
    start, end = overview.period
    notices = [_("Fiktive demodata – ingen rigtige steder eller personer.") if overview.fictional else ""]
    if not ctx.full:
        notices.append(_("Samlet udgave: uden fritekst og uden tal for enkelte steder."))
    document = Document(
        stem=f"report-{ctx.scope.lower()}",
        title=_("Evaluering af implementeringen"),
        subtitle=" · ".join(filter(None, [", ".join(names), f"{day(start)}–{day(end)}" if start else ""])),
        language=ctx.language,
        generated_on=day(ctx.today),
        notice=" ".join(filter(None, notices)),
    )
    introduction(ctx, document.section(_("Indledning og sammenfatning"), "sammenfatning"))
    method(ctx, document.section(_("1 Metode"), "metode"))
    results(ctx, document.section(_("2 Resultater"), "resultater"))
    discussion(ctx, document.section(_("3 Diskussion og perspektiver"), "diskussion"))
    attention_points(ctx, document.section(_("4 Opmærksomhedspunkter"), "opmaerksomhedspunkter"))
    appendix(ctx, document.section(_("Bilag: tabeller"), "bilag"))
    document.number()
    return document
