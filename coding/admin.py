from django.contrib import admin

from coding import models


@admin.register(models.CodedPassage)
class CodedPassageAdmin(admin.ModelAdmin):
    list_display = ["text", "driver", "mechanism", "valence", "coder", "origin", "coding_round"]
    list_filter = ["origin", "driver", "valence", "coding_round"]


admin.site.register(models.CodingRound)
admin.site.register(models.Suggestion)
admin.site.register(models.CoderModel)
admin.site.register(models.Memo)
