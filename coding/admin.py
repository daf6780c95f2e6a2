from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from coding import models


@admin.register(models.CodedPassage)
class CodedPassageAdmin(ReadOnlyAdmin):
    list_display = ["text", "driver", "mechanism", "valence", "coder", "origin", "coding_round"]
    list_filter = ["origin", "driver", "valence", "coding_round"]


admin.site.register(models.CodingRound, ReadOnlyAdmin)
admin.site.register(models.Suggestion, ReadOnlyAdmin)
admin.site.register(models.CoderModel, ReadOnlyAdmin)
admin.site.register(models.Memo, ReadOnlyAdmin)
