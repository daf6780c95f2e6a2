"""Every API error as JSON: a clear message and, where known, the fields at fault.

{"error": "Ugyldige data: held_on: Datoen mangler.", "status": 400,
 "fields": {"held_on": ["Datoen mangler."]}}

A refusal by the database itself (a constraint, the trial-action trigger) is a 409 that names the
rule, and a value the database cannot hold a 400: never a 500 page.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback


class VersionConflict(exceptions.APIException):
    status_code = 409
    default_detail = "Det er ændret af en anden, siden du hentede det; hent det igen og send den nye version."
    default_code = "conflict"


class DatabaseRefusal(exceptions.APIException):
    status_code = 409
    default_detail = "Databasen afviste ændringen."
    default_code = "database_refusal"


class DatabaseValueError(exceptions.APIException):
    status_code = 400
    default_detail = "En værdi passer ikke i databasen (fx for lang tekst eller for stort tal)."
    default_code = "database_value"


# Rules the database enforces by a name of its own (a trigger), in the words the user needs.
KNOWN_RULES = {
    "trial action must be followed up at a later visit of the same site": (
        "En prøvehandling skal følges op ved et senere besøg på samme sted end det, hvor den blev aftalt."
    ),
}
_UNIQUE = re.compile(r"UNIQUE constraint failed: (?P<columns>[\w., ]+)|unique constraint \W(?P<name>\w+)")
_CHECK = re.compile(r"CHECK constraint failed: (?P<name>\w+)|check constraint \W(?P<pgname>\w+)")
_NOT_NULL = re.compile(
    r"NOT NULL constraint failed: (?P<column>[\w.]+)|null value in column \W(?P<pgcolumn>\w+)"
)


def database_refusal(error: IntegrityError) -> DatabaseRefusal:
    """The database's refusal, with the rule it names."""
    text = str(error)
    for rule, message in KNOWN_RULES.items():
        if rule in text:
            return DatabaseRefusal(message)
    if match := _UNIQUE.search(text):
        what = match["columns"] or match["name"]
        return DatabaseRefusal(_("Findes allerede (%(what)s skal være entydig).") % {"what": what})
    if match := _CHECK.search(text):
        rule = match["name"] or match["pgname"]
        return DatabaseRefusal(_("Ændringen bryder databasens regel «%(rule)s».") % {"rule": rule})
    if match := _NOT_NULL.search(text):
        column = match["column"] or match["pgcolumn"]
        return DatabaseRefusal(_("Feltet %(column)s mangler en værdi.") % {"column": column})
    if "FOREIGN KEY" in text or "foreign key" in text:
        return DatabaseRefusal(_("Ændringen henviser til noget, der ikke findes (længere)."))
    return DatabaseRefusal(_("Databasen afviste ændringen: %(reason)s") % {"reason": text[:200]})


def django_errors_to_drf(error: DjangoValidationError) -> exceptions.ValidationError:
    """A model's full_clean() error, with its field names kept, as a DRF 400."""
    if hasattr(error, "error_dict"):
        detail = {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {"non_field_errors": [str(m) for m in error.messages]}
    return exceptions.ValidationError(detail)


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field" or "field.0.sub": [messages]}."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            fields.update(_flatten(value, name))
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            fields[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                fields.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
    else:
        fields[prefix or "non_field_errors"] = [str(detail)]
    return {name: messages for name, messages in fields.items() if messages}


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = django_errors_to_drf(exc)
    elif isinstance(exc, IntegrityError):
        exc = database_refusal(exc)
    elif isinstance(exc, DataError):
        exc = DatabaseValueError()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Ikke fundet."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    body: dict = {"status": exc.status_code}
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        first_field, first_messages = next(iter(fields.items()), ("", [""]))
        where = "" if first_field == "non_field_errors" else f"{first_field}: "
        body["error"] = _("Ugyldige data: %(where)s%(message)s") % {
            "where": where,
            "message": first_messages[0],
        }
        body["fields"] = fields
    else:
        detail = exc.detail
        body["error"] = str(detail if not isinstance(detail, dict | list) else exc.default_detail)
    set_rollback()
    return Response(body, status=exc.status_code or status.HTTP_400_BAD_REQUEST, headers=headers)
