"""Every API error as JSON: a clear message and, where known, the fields at fault.

{"error": "Ugyldige data: held_on: Datoen mangler.", "status": 400,
 "fields": {"held_on": ["Datoen mangler."]}}
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback


class VersionConflict(exceptions.APIException):
    status_code = 409
    default_detail = "Det er ændret af en anden, siden du hentede det; hent det igen og send den nye version."
    default_code = "conflict"


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
