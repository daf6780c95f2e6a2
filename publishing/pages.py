"""The report's phase figure and co-occurrence table for the analysis pages, built by the same code
as the report so the page and the report show the same figure and the same numbers."""

from django.utils.translation import gettext as _

from publishing.contexts.common import phase_figure
from publishing.contexts.evaluation.appendix import cooccurrence_table
from publishing.document import Figure, Table
from publishing.labels import Codebook


def analysis_page_figures(result, *, detailed: bool) -> dict[str, Figure | Table | None]:
    """`phase_figure` (per site, so only for those who may see every site) and `cooccurrence`."""
    trajectories = [
        result.trajectories[site.code] for site in result.sites if site.code in result.trajectories
    ]
    figure = (
        phase_figure(key="faser", caption=_("Faseforløb for stederne"), trajectories=trajectories)
        if detailed and trajectories
        else None
    )
    return {
        "phase_figure": figure,
        "cooccurrence": cooccurrence_table(Codebook.load(), result.co_occurrence),
    }
