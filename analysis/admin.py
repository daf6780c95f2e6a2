import json

from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdmin
from analysis.computations.config import DEFAULT_CONFIG
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
class DegreeRuleConfigAdmin(admin.ModelAdmin):
    """The evaluator edits only the entries that differ from the documented defaults (shown below)."""

    list_display = ["name", "is_active", "updated_by", "updated_at"]
    list_select_related = ["updated_by"]
    readonly_fields = ["updated_by", "updated_at", "defaults"]
    fields = ["name", "rules", "note", "is_active", "updated_by", "updated_at", "defaults"]

    @admin.display(description=_("standardregler (docs/analysis.md)"))
    def defaults(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(DEFAULT_CONFIG, ensure_ascii=False, indent=2))

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if obj.is_active:
            for other in DegreeRuleConfig.objects.filter(is_active=True).exclude(pk=obj.pk):
                other.is_active = False
                other.save(update_fields=["is_active", "updated_at"])
        super().save_model(request, obj, form, change)
