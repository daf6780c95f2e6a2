from django.contrib import admin

from accounts.admin import ReadOnlyAdmin, ReadOnlyStackedInline, ReadOnlyTabularInline
from fieldwork import models


class SectionInline(ReadOnlyStackedInline):
    model = models.ReportSection
    extra = 0


class FactorInline(ReadOnlyTabularInline):
    model = models.Factor
    fk_name = "report"
    extra = 0


@admin.register(models.ImplementationReport)
class ImplementationReportAdmin(ReadOnlyAdmin):
    list_display = ["visit", "status", "anchoring", "author", "updated_at"]
    list_filter = ["status", "visit__site__programme"]
    list_select_related = ["visit__site"]
    inlines = [SectionInline, FactorInline]


@admin.register(models.Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ["site", "planned_on", "held_on", "status", "phase", "consultant"]
    list_filter = ["status", "phase", "site__programme"]
    list_select_related = ["site", "consultant"]
    date_hierarchy = "planned_on"


@admin.register(models.Factor)
class FactorAdmin(ReadOnlyAdmin):
    list_display = ["valence", "statement", "theme", "driver", "mechanism"]
    list_filter = ["valence", "theme", "driver"]
    search_fields = ["statement", "quote"]


@admin.register(models.TrialAction)
class TrialActionAdmin(ReadOnlyAdmin):
    list_display = ["aim", "agreed_at", "followed_up_at", "outcome"]
    list_filter = ["outcome"]


admin.site.register(models.ReportSection, ReadOnlyAdmin)
admin.site.register(models.JointMeeting, ReadOnlyAdmin)
admin.site.register(
    models.ExternalEvent, ReadOnlyAdmin, list_display=["kind", "site", "starts_on", "ends_on"]
)
admin.site.register(
    models.SiteAssessment,
    ReadOnlyAdmin,
    list_display=["site", "assessed_on", "leadership_style", "culture_type"],
)
admin.site.register(
    models.Score, ReadOnlyAdmin, list_display=["site", "kind", "period_start", "period_end", "value"]
)
