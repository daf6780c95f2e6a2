from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from coding import models


@admin.register(models.Code)
class CodeAdmin(ReadOnlyAdmin):
    list_display = ["kind", "key", "label_da", "name_en", "parent", "number", "is_retired"]
    list_filter = ["kind", "is_retired"]
    search_fields = ["key", "label_da", "name_en"]


@admin.register(models.CodedPassage)
class CodedPassageAdmin(ReadOnlyAdmin):
    list_display = ["text", "driver", "mechanism", "valence", "coder", "origin", "coding_round"]
    list_filter = ["origin", "driver", "valence", "coding_round"]


admin.site.register(models.CodebookVersion, ReadOnlyAdmin)
admin.site.register(models.CodeRevision, ReadOnlyAdmin)
admin.site.register(models.CodingRound, ReadOnlyAdmin)
admin.site.register(models.Suggestion, ReadOnlyAdmin)
admin.site.register(models.CoderModel, ReadOnlyAdmin)
admin.site.register(models.Memo, ReadOnlyAdmin)
