
from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from analysis.models import CapacityRating, DegreeOverride, DegreeRuleConfig, MatrixRating


@admin.register(MatrixRating)
class MatrixRatingAdmin(ReadOnlyAdmin):
    list_display = ["site", "code", "proposed", "rating", "confirmed_by", "confirmed_at"]
    list_filter = ["code", "site__programme"]
    list_select_related = ["site", "code", "confirmed_by"]
    search_fields = ["site__code", "summary"]
    readonly_fields = ["confirmed_by", "confirmed_at"]


@admin.register(CapacityRating)
class CapacityRatingAdmin(ReadOnlyAdmin):
    list_display = ["site", "period", "mechanism", "proposed", "status", "confirmed_by", "confirmed_at"]
    list_filter = ["period", "mechanism", "status"]
    list_select_related = ["site", "mechanism", "confirmed_by"]
    search_fields = ["site__code"]
    readonly_fields = ["confirmed_by", "confirmed_at"]


@admin.register(DegreeOverride)
class DegreeOverrideAdmin(ReadOnlyAdmin):
    """Overrides are kept as a history, added on the degree page (analysis.services)."""

    list_display = ["site", "degree", "proposed", "created_by", "created_at"]
    list_filter = ["degree", "site__programme"]
    list_select_related = ["site", "created_by"]
    search_fields = ["site__code", "reason"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(DegreeRuleConfig)
class DegreeRuleConfigAdmin(ReadOnlyAdmin):
    """Stored rule configurations, read-only: evaluators change them on the analysis page."""

    list_display = ["name", "is_active", "updated_by", "updated_at"]
    list_select_related = ["updated_by"]
