from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Oprettet")
    UPDATE = "update", _("Ændret")
    DELETE = "delete", _("Slettet")
    READ = "read", _("Læst")
    BULK = "bulk", _("Masseindlæsning")
    ERASE = "erase", _("Slettet efter anmodning")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")

    def redact(self) -> int:
        """Blank the recorded values: only for the erasure of a site's personal data (interop.site_data)."""
        return super().update(before=None, after=None, object_repr="[redigeret]")


class AuditEntry(models.Model):
    """One change (or one sensitive read) of domain data. Append-only for the application."""

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bruger"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_name = models.CharField(_("brugernavn"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=10, choices=AuditAction.choices)
    model = models.CharField(_("datatype"), max_length=100, db_index=True)
    object_pk = models.CharField(_("id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("objekt"), max_length=200, blank=True)
    site_code = models.CharField(_("sted"), max_length=20, blank=True, db_index=True)
    before = models.JSONField(_("før"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)
    note = models.TextField(_("bemærkning"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("revisionspost")
        verbose_name_plural = _("revisionslog")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.model} {self.object_pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class DataVersion(models.Model):
    """One row whose token changes with every write of the domain data (`audit.data_version`), so
    that what is derived from the data (the analysis) can be cached under it by every worker."""

    token = models.CharField(_("token"), max_length=32)
    changed_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("dataversion")
        verbose_name_plural = _("dataversioner")

    def __str__(self) -> str:
        return self.token


class SiteDataVersion(models.Model):
    """One site's token, replaced by every write of that site's data, so that what is derived from
    one site (its status, its status report) is not recomputed when another site changes."""

    site_code = models.CharField(_("sted"), max_length=20, unique=True)
    token = models.CharField(_("token"), max_length=32)
    # Replaced instead of `token` by a write that changes only report text (audit.data_version).
    texts_token = models.CharField(_("teksttoken"), max_length=32, default="0")

    class Meta:
        verbose_name = _("stedets dataversion")
        verbose_name_plural = _("stedernes dataversioner")

    def __str__(self) -> str:
        return f"{self.site_code} {self.token}"
