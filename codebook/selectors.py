"""Reads of the codebook: its codes, versions and definitions, and where each code is used."""

from django.db.models import Count, QuerySet

from codebook.models import Code, CodebookVersion, CodeKind, CodeRevision


def current_codebook_version() -> CodebookVersion:
    """The newest codebook version; new codings are made under it."""
    return CodebookVersion.objects.order_by("-number").first()


def _code_references() -> list:
    """Every relation from another table to Code that counts as use (revisions are history, not use)."""
    references = []
    for relation in Code._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        if relation.related_model is CodeRevision:
            continue
        references.append(relation)
    return references


def _usage_label(relation) -> str:
    model = relation.related_model
    if model is Code:
        return str(Code._meta.get_field("parent").verbose_name)
    return f"{model._meta.verbose_name_plural} ({relation.field.verbose_name})"


def code_usage(code: Code) -> dict[str, int]:
    """Where a code is used — passages, factors, trial actions, suggestions, memos, assessments, ratings."""
    usage: dict[str, int] = {}
    for relation in _code_references():
        count = relation.related_model._default_manager.filter(**{relation.field.name: code}).count()
        if count:
            usage[_usage_label(relation)] = count
    return usage


def used_code_ids() -> set[int]:
    """Ids of all codes in use, in one query per referring relation (not per code)."""
    used: set[int] = set()
    for relation in _code_references():
        name = relation.field.name
        used.update(
            relation.related_model._default_manager.filter(**{f"{name}__isnull": False})
            .values_list(name, flat=True)
            .distinct()
        )
    return used


def codebook_codes(*, kind: str = "", include_retired: bool = True) -> QuerySet:
    codes = Code.objects.select_related("parent").order_by("kind", "parent__sort_order", "sort_order", "key")
    if kind:
        codes = codes.filter(kind=kind)
    if not include_retired:
        codes = codes.filter(is_retired=False)
    return codes


def codes_for_coding(kind: str) -> QuerySet:
    """Codes offered for new codings: not retired, and not under a retired driver."""
    return (
        Code.objects.filter(kind=kind, is_retired=False)
        .exclude(parent__is_retired=True)
        .select_related("parent")
        .order_by("parent__sort_order", "sort_order", "number", "key")
    )


def code_revisions(code: Code) -> QuerySet:
    return code.revisions.select_related("version", "version__created_by").order_by("-version__number")


def codebook_versions() -> QuerySet:
    return CodebookVersion.objects.select_related("created_by").annotate(passages_count=Count("passages"))


def drivers() -> QuerySet:
    return Code.objects.filter(kind=CodeKind.DRIVER).order_by("sort_order")
