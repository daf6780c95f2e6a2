"""No clear CPR number reaches the database, the audit log or the search index, on any write path.

Every user- or file-supplied text field of every model (found by introspection, so a new field is
covered without editing this file) × every generic write path × every separator people type.
"""

import copy
import datetime
import json

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import DatabaseError, connection, models, transaction
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.masking import CPR_MASK, MASKED_FIELDS, SLUG_MASK, mask_cpr
from accounts.models import Pseudonym, Role, User
from accounts.tests.factories import UserFactory
from analysis.models import CapacityRating, DegreeOverride, DegreeRuleConfig, MatrixRating
from audit.models import AuditEntry
from coding.models import Code, CodebookVersion, CodedPassage, CodingRound, Suggestion
from decisions.tests.factories import saved_assessment
from fieldwork import search
from fieldwork.models import ReportSection
from fieldwork.tests.factories import ReportFactory
from interop.jsonio.exporter import export_dataset
from interop.jsonio.importer import import_dataset
from interop.tests.test_jsonio import build_dataset, wipe
from registry.models import Department, ProgrammeElement, Site

pytestmark = pytest.mark.django_db

DATE_PART = "241287"  # 24 December 1987: a valid date, found nowhere else in the test data
SEPARATORS = {
    "hyphen": "-",
    "en_dash": "\u2013",
    "non_breaking_hyphen": "\u2011",
    "space": " ",
    "dot": ".",
    "none": "",
}
# Text columns that hold no supplied text: enumerations (choices) and these system values.
SYSTEM_TEXT = {
    "accounts.Pseudonym.label",
    "accounts.User.password",
    "coding.CodedPassage.model_version",
    "coding.Suggestion.model_version",
    "coding.CoderModel.version",
    "coding.CoderModel.path",
    "coding.RetrainingJob.message",
    "coding.SuggestionJob.message",
    "coding.SentenceEmbedding.text_hash",
    "coding.SentenceEmbedding.model_version",
    "decisions.ReadinessAssessment.token_hash",
    "interop.PassageGuid.selection",  # another tool's GUID, written back unchanged
    # A built document's key and storage record, set by the build from the data version.
    *(
        f"publishing.BuiltDocument.{name}"
        for name in ("kind", "scope", "language", "fmt", "version", "path", "filename", "content_type", "message")
    ),
}
TRIED: dict[str, int] = {}
NOT_DOMAIN_APPS = {
    "admin",
    "auth",
    "contenttypes",
    "sessions",
    "axes",
    "audit",
    "authtoken",
    "django_tasks_database",
}


def cpr(separator: str) -> str:
    return f"{DATE_PART}{separator}4321"


def masked_fields() -> list[tuple[type, models.Field]]:
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, MASKED_FIELDS)
    ]


FIELDS = masked_fields()
FIELD_IDS = [f"{model._meta.label}.{field.name}" for model, field in FIELDS]


def test_every_supplied_text_field_is_masked():
    """A text column is masked unless it is an enumeration or a listed system value."""
    unmasked = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label not in NOT_DOMAIN_APPS and not model.__module__.startswith("django.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, MASKED_FIELDS)
        and not field.choices
        and f"{model._meta.label}.{field.name}" not in SYSTEM_TEXT
    ]
    assert unmasked == []
    assert len(FIELDS) >= 60


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_the_pattern_masks_every_separator_and_leaves_other_numbers(separator):
    assert mask_cpr(f"født {cpr(separator)}.").text == f"født {CPR_MASK}."
    assert mask_cpr(f"tlf. 2412 8743 21{separator}4321 og sag 991287{separator}4321").count == 0


def world() -> None:
    """At least one row of every model with a masked field."""
    build_dataset()
    site = Site.objects.get(code="LB")
    evaluator = User.objects.get(username="eva")
    code = Code.objects.get(kind="driver", key="competence")
    mechanism = Code.objects.filter(kind="mechanism").first()
    version = CodebookVersion.objects.get(number=1)
    Department.objects.create(site=site, name="Hus A", address="Vej 1")
    ProgrammeElement.objects.create(programme=site.programme, name="Supervision", description="Månedlig")
    Pseudonym.objects.create(site=site, name_key="hanne", kind="staff", label="Medarbejder A")
    CodingRound.objects.create(name="Runde 1", codebook_version=version, created_by=evaluator)
    section = ReportSection.objects.exclude(text="").first()
    Suggestion.objects.create(
        section=section,
        start=0,
        end=5,
        text="Ledel",
        model_version="m1",
        driver=code,
        valence="promoter",
        confidence=0.5,
    )
    MatrixRating.objects.create(site=site, code=code, rating=1, summary="Tydelig")
    CapacityRating.objects.create(site=site, period="2019", mechanism=mechanism, status="in_place")
    DegreeOverride.objects.create(site=site, degree="high", reason="Begrundet")
    DegreeRuleConfig.objects.create(name="Standard", note="Første")
    saved_assessment(site=site)


def leaks() -> list[str]:
    """Where the clear number is found: database columns, the audit log, the search index."""
    found = [
        f"{model._meta.label}.{field.name}"
        for model, field in FIELDS
        if model._default_manager.filter(**{f"{field.name}__contains": DATE_PART}).exists()
    ]
    for entry in AuditEntry.objects.all():
        if DATE_PART in json.dumps([entry.before, entry.after, entry.object_repr, entry.note]):
            found.append(f"audit {entry.model} {entry.object_pk}")
    if search.uses_fts5():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE} WHERE body LIKE %s", [f"%{DATE_PART}%"])
            if cursor.fetchone()[0]:
                found.append("search index")
    if search.search_texts(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True), DATE_PART):
        found.append("search hits")
    return found


def sent_in_clear(queries: CaptureQueriesContext) -> list[str]:
    """Writes only: the admin form's uniqueness check may look the value up before it is masked."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if DATE_PART in q["sql"] and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


def _value(field: models.Field, separator: str) -> str | None:
    """The number with some text around it, as long as the column takes (PostgreSQL refuses more)."""
    if isinstance(field, models.EmailField):
        return f"{cpr(separator)}@example.dk"
    for value in (f"x {cpr(separator)}", cpr(separator)):
        if not field.max_length or len(value) <= field.max_length:
            return value
    return None


def _expected_mask(field: models.Field) -> str:
    return (SLUG_MASK if isinstance(field, models.SlugField) else CPR_MASK)[:8]


def _write_save(model, field, obj, value):
    setattr(obj, field.attname, value)
    obj.save()


def _write_update(model, field, obj, value):
    model._default_manager.filter(pk=obj.pk).update(**{field.name: value})


def _write_bulk_update(model, field, obj, value):
    setattr(obj, field.attname, value)
    model._default_manager.bulk_update([obj], [field.name])


def _write_bulk_create(model, field, obj, value):
    """A copy of the row; unique or check constraints may refuse it, but the INSERT is sent."""
    copy_ = copy.copy(obj)
    copy_.pk = None
    copy_.id = None
    setattr(copy_, field.attname, value)
    try:
        with transaction.atomic():
            model._default_manager.bulk_create([copy_])
    except DatabaseError:
        pass


def _form_value(obj, name, value):
    if isinstance(obj._meta.get_field(name), models.JSONField):
        return json.dumps(value)
    if isinstance(value, list):
        return [item.pk if hasattr(item, "pk") else item for item in value]
    return value


def _write_admin(model, field, obj, value):
    """The admin's change form, while it is writable; a refused form stores nothing."""
    model_admin = admin.site._registry.get(model)
    request = RequestFactory().post("/")
    request.user = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    if model_admin is None or not model_admin.has_change_permission(request, obj):
        return False
    form_class = model_admin.get_form(request, obj, change=True)
    if field.name not in form_class.base_fields:
        return False
    data = {k: v for k, v in model_to_dict(obj).items() if v is not None}
    data = {k: _form_value(obj, k, v) for k, v in data.items()}
    data[field.name] = value
    form = form_class(data=data, instance=obj)
    if form.is_valid():
        model_admin.save_model(request, form.save(commit=False), form, True)
    return True


PATHS = {
    "save": _write_save,
    "update": _write_update,
    "bulk_update": _write_bulk_update,
    "bulk_create": _write_bulk_create,
    "admin": _write_admin,
}


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=FIELD_IDS)
def test_no_write_path_stores_a_clear_cpr(model, field):
    """Each write path × separator for one field; returns the combinations it tried."""
    world()
    rows = model._default_manager.order_by("pk")
    obj = rows.exclude(**{field.name: ""}).first() or rows.first()  # e.g. the visit with a cancel reason
    assert obj is not None, "the test world lacks a row of this model"
    failures, tried = [], 0
    for path, write in PATHS.items():
        for name, separator in SEPARATORS.items():
            value = _value(field, separator)
            if value is None:
                continue
            with CaptureQueriesContext(connection) as queries:
                if write(model, field, model._default_manager.get(pk=obj.pk), value) is False:
                    break
            tried += 1
            found = sent_in_clear(queries)  # every INSERT/UPDATE of this write
            if path in ("save", "update", "bulk_update"):
                stored = model._default_manager.values_list(field.name, flat=True).get(pk=obj.pk)
                if _expected_mask(field) not in stored:
                    found.append(f"stored {stored!r}")
            if found:
                failures.append((path, name, found[:2]))
        if leaks():  # the audit log and the index keep every separator's write: checked once per path
            failures.append((path, "any", leaks()[:2]))
    TRIED[f"{model._meta.label}.{field.name}"] = tried
    assert failures == []


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_the_json_import_masks_every_name_title_and_text(separator):
    """Every supplied string of a dataset (references excepted) gets a CPR number; none survives."""
    build_dataset()
    data = export_dataset()
    references = {
        value
        for model, field in FIELDS
        if field.name in ("code", "key", "username", "email", "period")
        for value in model._default_manager.values_list(field.name, flat=True)
    }
    texts = {
        value
        for model, field in FIELDS
        if field.name not in ("code", "key", "username", "email", "period")
        and model not in (CodedPassage, Suggestion)  # cut from the report's text at their offsets
        for value in model._default_manager.values_list(field.name, flat=True)
        if value and value not in references
    }

    def plant(node):
        if isinstance(node, dict):
            return {k: plant(v) for k, v in node.items()}
        if isinstance(node, list):
            return [plant(v) for v in node]
        if isinstance(node, str) and node in texts:
            return f"{node} {cpr(separator)}"
        return node

    planted = plant(data)
    assert json.dumps(planted, ensure_ascii=False).count(DATE_PART) >= 20
    wipe()
    import_dataset(json.loads(json.dumps(planted)))
    assert leaks() == []
    assert Site.objects.filter(name__contains=CPR_MASK).exists()


def test_count_of_combinations_is_reported(capsys):
    """Runs last in this module: the figure for the report (field × path × separator tried)."""
    with capsys.disabled():
        print(f"\nCPR: {len(TRIED)} fields, {sum(TRIED.values())} field × path × separator combinations")
    assert datetime.date(1987, 12, 24).strftime("%d%m%y") == DATE_PART


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_the_web_forms_mask_code_labels_descriptions_and_round_names(client, separator):
    """Two of the 25 paths that stored clear numbers: codebook and coding-round forms."""
    evaluator = UserFactory(role=Role.ADMINISTRATOR)
    second = UserFactory(role=Role.EVALUATOR)
    report = ReportFactory()
    client.force_login(evaluator)
    number = cpr(separator)
    client.post(
        reverse("coding:code_create"),
        {
            "kind": "driver",
            "key": "ny-kode",
            "label_da": f"Kode {number}",
            "name_en": "New",
            "description_da": f"Om {number}",
            "description_en": f"About {number}",
        },
    )
    response = client.post(
        reverse("coding_rounds:create"),
        {
            "name": f"Runde {number}",
            "description": number,
            "reports": [report.pk],
            "coders": [evaluator.pk, second.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Code.objects.filter(
        label_da__contains=CPR_MASK, description_da__contains=CPR_MASK, description_en__contains=CPR_MASK
    ).exists()
    assert CodingRound.objects.filter(name__contains=CPR_MASK).exists()
    assert leaks() == []
