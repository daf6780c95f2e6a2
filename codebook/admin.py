from django.contrib import admin

from codebook import models


@admin.register(models.Code)
class CodeAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "label_da", "name_en", "parent", "number", "is_retired"]
    list_filter = ["kind", "is_retired"]
    search_fields = ["key", "label_da", "name_en"]


admin.site.register(models.CodebookVersion)
admin.site.register(models.CodeRevision)
