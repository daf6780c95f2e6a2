"""The evaluator's decisions on top of the proposed analysis: confirmed matrix ratings and
capacity statuses, degree overrides, and the stored configuration of the degree rule."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.masking import MaskedCharField, MaskedTextField
from analysis.computations.config import resolve_config


class Degree(models.TextChoices):
    HIGH = "high", _("I høj grad")
    SOME = "some", _("I nogen grad")
    LOW = "low", _("I lav grad eller slet ikke")


class CapacityStatus(models.TextChoices):
    IN_PLACE = "in_place", _("På plads")
    PARTLY = "partly", _("Delvist på plads")
    NOT_IN_PLACE = "not_in_place", _("Ikke på plads")


class MatrixRating(models.Model):
    """The evaluator's confirmed rating (−2..+2, empty = missing) of a cross-case matrix cell,
    with the proposed rating it was confirmed against and a written summary."""

    site = models.ForeignKey(
        "registry.Site", on_delete=models.CASCADE, related_name="matrix_ratings", verbose_name=_("sted")
    )
    code = models.ForeignKey(
        "coding.Code",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": ["driver", "mechanism"]},
        verbose_name=_("driver eller mekanisme"),
    )
    proposed = models.SmallIntegerField(_("foreslået vurdering"), null=True, blank=True)
    rating = models.SmallIntegerField(
        _("bekræftet vurdering"), null=True, blank=True, help_text=_("Fra −2 til +2; tom = mangler.")
    )
    summary = MaskedTextField(_("sammenfatning"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("bekræftet"), auto_now=True)

    class Meta:
        verbose_name = _("matrixvurdering")
        verbose_name_plural = _("matrixvurderinger")
        ordering = ["site", "code"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="matrix_rating_unique_cell"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=-2, rating__lte=2),
                name="matrix_rating_range",
                violation_error_message=_("En vurdering ligger fra −2 til +2."),
            ),
            models.CheckConstraint(
                condition=Q(proposed__isnull=True) | Q(proposed__gte=-2, proposed__lte=2),
                name="matrix_proposed_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site.code} × {self.code.key}: {self.rating}"

    def clean(self) -> None:
        if self.code_id and self.code.kind not in ("driver", "mechanism"):
            raise ValidationError({"code": _("Matrixen har kun drivere og mekanismer.")})


class CapacityRating(models.Model):
    """The evaluator's confirmed DBPA-style status of a mechanism at a site in a period (a year)."""

    site = models.ForeignKey(
        "registry.Site", on_delete=models.CASCADE, related_name="capacity_ratings", verbose_name=_("sted")
    )
    period = MaskedCharField(_("periode"), max_length=10, help_text=_("Året, fx 2019."))
    mechanism = models.ForeignKey(
        "coding.Code",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "mechanism"},
        verbose_name=_("mekanisme"),
    )
    proposed = models.CharField(
        _("foreslået status"), max_length=15, choices=CapacityStatus.choices, blank=True
    )
    status = models.CharField(_("bekræftet status"), max_length=15, choices=CapacityStatus.choices)
    note = MaskedTextField(_("note"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("bekræftet"), auto_now=True)

    class Meta:
        verbose_name = _("kapacitetsvurdering")
        verbose_name_plural = _("kapacitetsvurderinger")
        ordering = ["site", "period", "mechanism"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "period", "mechanism"], name="capacity_rating_unique_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site.code} {self.period} {self.mechanism.key}: {self.status}"

    def clean(self) -> None:
        if self.mechanism_id and self.mechanism.kind != "mechanism":
            raise ValidationError({"mechanism": _("Vælg en mekanisme.")})
        if not (self.period.isdigit() and len(self.period) == 4):
            raise ValidationError({"period": _("Perioden er et årstal, fx 2019.")})


class DegreeOverride(models.Model):
    """An evaluator's classification of a site's degree that replaces the proposed one.

    Every override is kept; the newest applies, and the report shows it with its reason."""

    site = models.ForeignKey(
        "registry.Site", on_delete=models.CASCADE, related_name="degree_overrides", verbose_name=_("sted")
    )
    degree = models.CharField(_("grad af målrettethed"), max_length=10, choices=Degree.choices)
    proposed = models.CharField(_("foreslået grad"), max_length=10, choices=Degree.choices, blank=True)
    reason = MaskedTextField(_("begrundelse"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("tilsidesat klassifikation")
        verbose_name_plural = _("tilsidesatte klassifikationer")
        ordering = ["site", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="degree_override_has_reason",
                violation_error_message=_("En tilsidesættelse kræver en begrundelse."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.site.code}: {self.get_degree_display()}"


class DegreeRuleConfig(models.Model):
    """A stored override of the analysis rules (analysis.computations.config), edited by evaluators.

    `rules` holds only the entries that differ from the documented defaults, e.g.
    {"degree": {"thresholds": {"high": 0.7}}}. Saving a new active configuration deactivates the
    previous one, which is kept."""

    name = MaskedCharField(_("navn"), max_length=200)
    rules = models.JSONField(_("indstillinger"), default=dict, blank=True)
    note = MaskedTextField(_("begrundelse for ændringen"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("regel for målrettethed")
        verbose_name_plural = _("regler for målrettethed")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="degree_rule_one_active"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            resolve_config(self.rules)
        except ValueError as exc:
            raise ValidationError({"rules": _("Ugyldig indstilling: %(error)s") % {"error": exc}}) from exc
