"""Query filters shared by the list endpoints: site, programme and period (from/to)."""

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

FILTER_PARAMETERS = [
    OpenApiParameter("site", OpenApiTypes.STR, description="Stedets kortkode, fx 'MG01'."),
    OpenApiParameter("programme", OpenApiTypes.STR, description="Programmets kode, fx 'MG' eller 'RP'."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Fra og med denne dato (ÅÅÅÅ-MM-DD)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Til og med denne dato (ÅÅÅÅ-MM-DD)."),
]


@dataclass(frozen=True)
class Filters:
    site: str | None
    programme: str | None
    date_from: datetime.date | None
    date_to: datetime.date | None

    def period_only(self) -> "Filters":
        return Filters(site=None, programme=None, date_from=self.date_from, date_to=self.date_to)


def _code(params, name: str) -> str | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if len(value) > 20 or "\x00" in value:
        raise ValidationError({name: [_("Ukendt kode.")]})
    return value


def _date(params, name: str) -> datetime.date | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError({name: [_("Ugyldig dato; brug ÅÅÅÅ-MM-DD.")]}) from exc


def parse_filters(params) -> Filters:
    filters = Filters(
        site=_code(params, "site"),
        programme=_code(params, "programme"),
        date_from=_date(params, "from"),
        date_to=_date(params, "to"),
    )
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationError({"to": [_("Slutdatoen ligger før startdatoen.")]})
    return filters


def apply_filters(
    queryset: QuerySet, filters: Filters, *, site_path: str | None, date_paths: tuple[str, ...] = ()
) -> QuerySet:
    """Filter `queryset` by the path to its site and by its date: the first non-empty of `date_paths`."""
    if site_path is not None:
        if filters.site:
            queryset = queryset.filter(**{f"{site_path}__code": filters.site})
        if filters.programme:
            queryset = queryset.filter(**{f"{site_path}__programme__code": filters.programme})
    if date_paths and (filters.date_from or filters.date_to):
        expression = Coalesce(*date_paths) if len(date_paths) > 1 else F(date_paths[0])
        queryset = queryset.annotate(period_date=expression)
        if filters.date_from:
            queryset = queryset.filter(period_date__gte=filters.date_from)
        if filters.date_to:
            queryset = queryset.filter(period_date__lte=filters.date_to)
    return queryset
