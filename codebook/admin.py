from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from codebook import models


@admin.register(models.Code)
class CodeAdmin(ReadOnlyAdmin):
    list_display = ["kind", "key", "label_da", "name_en", "parent", "number", "is_retired"]
    list_filter = ["kind", "is_retired"]
    search_fields = ["key", "label_da", "name_en"]


admin.site.register(models.CodebookVersion, ReadOnlyAdmin)
admin.site.register(models.CodeRevision, ReadOnlyAdmin)
