from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdmin
from decisions import models


@admin.register(models.AlertRule)
class AlertRuleAdmin(ReadOnlyAdmin):
    """The alert table, read-only: evaluators tune it on the decision-support pages (versioned)."""

    list_display = ["title_da", "key", "kind", "attention_point", "severity", "enabled", "sort_order"]
    list_filter = ["enabled", "severity", "kind"]
    search_fields = ["key", "title_da", "explanation_da", "finding"]
    fieldsets = [
        (None, {"fields": ["key", "kind", "parameters", "enabled", "severity", "sort_order"]}),
        (_("Tekst"), {"fields": ["title_da", "explanation_da", "title_en", "explanation_en"]}),
        (_("Evalueringen"), {"fields": ["attention_point", "finding"]}),
    ]


@admin.register(models.ReadinessAssessment)
class ReadinessAssessmentAdmin(ReadOnlyAdmin):
    """Saved self-assessments, read-only: answers and results are what the site gave at the time."""

    list_display = ["created_at", "label", "site", "programme_code", "previous"]
    list_filter = ["programme_code", "questionnaire_version"]
    readonly_fields = [
        "created_at",
        "label",
        "site",
        "created_by",
        "programme_code",
        "previous",
        "questionnaire_version",
        "answers",
        "result",
    ]
    exclude = ["token_hash"]
