from django.contrib import admin

from accounts.admin import ReadOnlyAdmin, ReadOnlyTabularInline
from registry import models


class ElementInline(ReadOnlyTabularInline):
    model = models.ProgrammeElement
    extra = 0


@admin.register(models.Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "provider", "training_months"]
    inlines = [ElementInline]


class DepartmentInline(ReadOnlyTabularInline):
    model = models.Department
    extra = 0


class AssignmentInline(ReadOnlyTabularInline):
    model = models.ConsultantAssignment
    extra = 0


class TeamMemberInline(ReadOnlyTabularInline):
    model = models.TeamMember
    extra = 0


class VisitPlanInline(ReadOnlyTabularInline):
    model = models.VisitPlan
    extra = 0


@admin.register(models.Site)
class SiteAdmin(ReadOnlyAdmin):
    list_display = [
        "code",
        "name",
        "programme",
        "region",
        "ownership",
        "places",
        "permanent_staff",
        "left_on",
    ]
    list_filter = ["programme", "region", "ownership", "is_fictional"]
    search_fields = ["code", "name"]
    inlines = [DepartmentInline, AssignmentInline, TeamMemberInline, VisitPlanInline]


@admin.register(models.Consultant)
class ConsultantAdmin(ReadOnlyAdmin):
    list_display = ["name", "background", "email", "user"]
    search_fields = ["name"]


admin.site.register(models.ProgrammeElement, ReadOnlyAdmin)
admin.site.register(models.Department, ReadOnlyAdmin)
admin.site.register(models.ConsultantAssignment, ReadOnlyAdmin)
admin.site.register(
    models.TeamMember, ReadOnlyAdmin, list_display=["name", "site", "role", "is_lead", "starts_on", "ends_on"]
)
admin.site.register(models.VisitPlan, ReadOnlyAdmin)
