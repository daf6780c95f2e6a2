from django.contrib import admin

from registry import models


class ElementInline(admin.TabularInline):
    model = models.ProgrammeElement
    extra = 0


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "provider", "training_months"]
    inlines = [ElementInline]


class DepartmentInline(admin.TabularInline):
    model = models.Department
    extra = 0


class AssignmentInline(admin.TabularInline):
    model = models.ConsultantAssignment
    extra = 0


class TeamMemberInline(admin.TabularInline):
    model = models.TeamMember
    extra = 0


class VisitPlanInline(admin.TabularInline):
    model = models.VisitPlan
    extra = 0


@admin.register(models.Site)
class SiteAdmin(admin.ModelAdmin):
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
class ConsultantAdmin(admin.ModelAdmin):
    list_display = ["name", "background", "email", "user"]
    search_fields = ["name"]


admin.site.register(models.ProgrammeElement)
admin.site.register(models.Department)
admin.site.register(models.ConsultantAssignment)
admin.site.register(
    models.TeamMember, list_display=["name", "site", "role", "is_lead", "starts_on", "ends_on"]
)
admin.site.register(models.VisitPlan)
