"""Attention points (the ten opmærksomhedspunkter): which each site has worked with."""

from dataclasses import dataclass, field
from functools import lru_cache

from analysis.computations.records import AnalysisInput
from analysis.computations.sitedata import SiteData, group_by_site


@dataclass(frozen=True)
class AttentionCell:
    """Whether a site worked with a point, and where that is recorded."""

    worked: bool
    from_assessment: bool = False
    passages: int = 0


@dataclass
class SiteAttention:
    site: str
    programme: str
    worked: list[int]
    cells: dict[int, AttentionCell]
    has_evidence: bool

    @property
    def not_worked(self) -> list[int]:
        return [number for number, cell in self.cells.items() if not cell.worked]


@dataclass
class AttentionPointTable:
    """Sites × the ten points; `coverage[n]` is how many sites worked with point n."""

    points: list[dict] = field(default_factory=list)
    sites: list[SiteAttention] = field(default_factory=list)
    coverage: dict[int, int] = field(default_factory=dict)


@lru_cache(maxsize=1024)
def _attention_cell(worked: bool, from_assessment: bool, passages: int) -> AttentionCell:
    """One shared cell per distinct value: a cell is frozen, and 20,000 cells take a few dozen values."""
    return AttentionCell(worked, from_assessment, passages)


def site_attention(site_data: SiteData, numbers: list[int]) -> SiteAttention:
    """From the site assessments' points worked with and the passages coded to a point."""
    assessed = set()
    for assessment in site_data.assessments:
        assessed.update(assessment.attention_points)
    passage_counts: dict[int, int] = {}
    for passage in site_data.passages:
        if passage.attention_point is not None:
            passage_counts[passage.attention_point] = passage_counts.get(passage.attention_point, 0) + 1
    cells = {
        number: _attention_cell(
            number in assessed or number in passage_counts, number in assessed, passage_counts.get(number, 0)
        )
        for number in numbers
    }
    return SiteAttention(
        site=site_data.site.code,
        programme=site_data.site.programme,
        worked=[number for number in numbers if cells[number].worked],
        cells=cells,
        has_evidence=bool(site_data.assessments or site_data.passages),
    )


def attention_point_table(
    data: AnalysisInput, grouped: dict[str, SiteData] | None = None
) -> AttentionPointTable:
    grouped = grouped if grouped is not None else group_by_site(data)
    points = [
        {"number": code.number, "key": code.key, "driver": code.parent, "label": code.label}
        for code in data.attention_points()
    ]
    numbers = [point["number"] for point in points] or list(range(1, 11))
    sites = [site_attention(site_data, numbers) for site_data in grouped.values()]
    coverage = {number: sum(1 for site in sites if site.cells[number].worked) for number in numbers}
    return AttentionPointTable(points=points, sites=sites, coverage=coverage)
