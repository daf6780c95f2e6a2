"""What the site page shows of a site's own records (timeline, people, departments, assessment),
read once per version of that site's data and kept in the cache all workers share.

Every reader of the site sees the same records; what differs per reader (links they may follow,
meeting titles with other homes' names hidden) is decided on each request from these records. A
page shown from the cache records the same free-text reads as the page that built it
(`audit.reads.reads_captured`).
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db.models import Prefetch

from audit import data_version
from audit.reads import reads_captured, record_reads
from codebook.models import Code
from fieldwork import selectors
from fieldwork.models import SiteAssessment
from registry.models import ConsultantAssignment, TeamMember

CACHE_ALIAS = "shared"
# The cached rows are pickled model instances: a deploy that changes a model or this module must
# not read what the code before it stored.
_SOURCES = ("registry/models.py", "fieldwork/models.py", "codebook/models.py", "pages/site_records.py")
CODE = hashlib.sha256(b"".join((Path(settings.BASE_DIR) / name).read_bytes() for name in _SOURCES)).hexdigest()[:12]


@dataclass(frozen=True)
class SiteRecords:
    timeline: list
    departments: list
    team: list
    assignments: list
    assessment: SiteAssessment | None
    attention_points: list  # (code, worked in the latest assessment)
    drivers: list


def _read(site) -> SiteRecords:
    drivers = list(Code.objects.filter(kind="driver").order_by("sort_order", "key"))
    assessment = (
        SiteAssessment.objects.filter(site=site)
        .prefetch_related(
            Prefetch("attention_points_worked", queryset=Code.objects.order_by("number", "sort_order"))
        )
        .order_by("-assessed_on")
        .first()
    )
    worked = {c.pk for c in assessment.attention_points_worked.all()} if assessment else set()
    points = Code.objects.filter(kind="attention_point").select_related("parent").order_by("number")
    return SiteRecords(
        timeline=selectors.site_timeline(site),
        departments=list(site.departments.all()),
        team=list(TeamMember.objects.filter(site=site).order_by("-ends_on", "starts_on", "name")),
        assignments=list(
            ConsultantAssignment.objects.filter(site=site).select_related("consultant").order_by("starts_on")
        ),
        assessment=assessment,
        attention_points=[(point, point.pk in worked) for point in points],
        drivers=drivers,
    )


def site_records(site) -> SiteRecords:
    """The site's records as of its current data version (a fresh copy each call: callers annotate
    the rows for their reader)."""
    key = f"drivkraft:site-records:{CODE}:{data_version.site_version_without_texts(site.code)}:{site.pk}"
    shared = caches[CACHE_ALIAS]
    cached = shared.get(key)
    if cached is not None:
        records, reads = cached
        record_reads(reads)
        return records
    with reads_captured() as reads:
        records = _read(site)
    shared.set(key, (records, reads))
    return records
