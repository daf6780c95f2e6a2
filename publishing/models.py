"""Documents built in the background, one row per document kind, scope, language, format and data version."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    READY = "ready", _("Klar")
    FAILED = "failed", _("Fejlet")


class BuiltDocument(models.Model):
    """A rendered report kept in storage until its data change (`publishing.builds`)."""

    kind = models.CharField(_("dokumenttype"), max_length=20)
    scope = models.CharField(_("omfang"), max_length=60)
    language = models.CharField(_("sprog"), max_length=5)
    fmt = models.CharField(_("format"), max_length=10)
    version = models.CharField(_("dataversion"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    path = models.CharField(_("fil"), max_length=300, blank=True)
    filename = models.CharField(_("filnavn"), max_length=200, blank=True)
    content_type = models.CharField(_("indholdstype"), max_length=120, blank=True)
    message = models.CharField(_("besked"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)

    class Meta:
        verbose_name = _("bygget dokument")
        verbose_name_plural = _("byggede dokumenter")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "scope", "language", "fmt", "version"], name="publishing_built_document_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.scope}:{self.language}:{self.fmt}@{self.version} ({self.status})"
