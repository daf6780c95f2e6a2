"""OpenAPI schema: every operation documents its JSON error responses (see api.exceptions).

Writes also document 409: a report saved by someone else since it was read (PATCH /api/reports/…)
and any refusal by the database (a constraint, the trial-action trigger).
"""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="En forklaring på dansk.")
    status = serializers.IntegerField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Felterne med fejl og deres beskeder (kun ved 400).",
    )


class DrivkraftAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404", "405"]
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("409")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
        return responses
