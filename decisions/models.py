from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.masking import MaskedCharField, MaskedSlugField, MaskedTextField
from decisions.alerts import parameter_errors


class AlertKind(models.TextChoices):
    """How a rule is evaluated: each kind is one pure function in decisions/alerts.py."""

    KEYWORD_ABSENT = "keyword_absent", _("Emne ikke nævnt i flere besøg")
    KEYWORD_UNANSWERED = "keyword_unanswered", _("Emne nævnt uden svar")
    KEYWORD_PRESENT = "keyword_present", _("Emne nævnt som fremmer/hæmmer")
    TRIAL_ACTIONS_UNFOLLOWED = "trial_actions_unfollowed", _("Prøvehandlinger ikke fulgt op")
    TEAM_WITHOUT_MANAGEMENT = "team_without_management", _("Team uden ledelse")
    TEAM_DISSOLVING = "team_dissolving", _("Teamet går i opløsning")
    PHASE_RELAPSE = "phase_relapse", _("Tilbagefald til en tidligere fase")
    PRESSURE_INHIBITOR_RISE = "pressure_inhibitor_rise", _("Ydre pres og stigende andel hæmmere")
    ANCHORING_STALLED = "anchoring_stalled", _("Forankringen står stille")
    DRIVER_INHIBITOR_SHARE = "driver_inhibitor_share", _("Overvægt af hæmmere i en driver")
    ASSESSMENT_STYLE = "assessment_style", _("Ledelsesstil eller kultur")
    VISITS_CANCELLED = "visits_cancelled", _("Aflyste besøg i træk")


class Severity(models.TextChoices):
    HIGH = "high", _("Høj")
    MEDIUM = "medium", _("Middel")
    LOW = "low", _("Lav")


SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


class AlertRule(models.Model):
    """One row of the alert table (docs/alerts.md): a finding of the evaluation turned into a check."""

    key = MaskedSlugField(_("nøgle"), max_length=60, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=AlertKind.choices)
    parameters = models.JSONField(
        _("parametre"),
        default=dict,
        blank=True,
        help_text=_("Tærskler, ordstammer og antal besøg; se docs/alerts.md for hver type."),
    )
    title_da = MaskedCharField(_("dansk titel"), max_length=200)
    explanation_da = MaskedTextField(
        _("dansk forklaring"), help_text=_("Hvorfor evalueringen fandt det vigtigt.")
    )
    title_en = MaskedCharField(_("engelsk titel"), max_length=200, blank=True)
    explanation_en = MaskedTextField(_("engelsk forklaring"), blank=True)
    attention_point = models.ForeignKey(
        "coding.Code",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": "attention_point"},
        related_name="+",
        verbose_name=_("opmærksomhedspunkt"),
    )
    severity = models.CharField(_("alvor"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    enabled = models.BooleanField(_("aktiv"), default=True)
    finding = MaskedTextField(
        _("evalueringens fund"), blank=True, help_text=_("Det fund i evalueringen, reglen bygger på.")
    )
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("ændret"), null=True, blank=True)

    class Meta:
        verbose_name = _("advarselsregel")
        verbose_name_plural = _("advarselsregler")
        ordering = ["sort_order", "key"]

    def __str__(self) -> str:
        return self.title_da

    def clean(self) -> None:
        if not isinstance(self.parameters, dict):
            raise ValidationError({"parameters": _("Parametrene skal være et JSON-objekt.")})
        errors = parameter_errors(self.kind, self.parameters)
        if errors:
            raise ValidationError({"parameters": "; ".join(errors)})


class ReadinessAssessment(models.Model):
    """A saved readiness self-assessment of a site considering a programme.

    It is reached through a secret token (only its SHA-256 hash is stored) or, when a team member
    filled it in, through the site it is tied to. `previous` links a repetition to the one before.
    """

    token_hash = models.CharField(_("nøgle (hash)"), max_length=64, unique=True, editable=False)
    questionnaire_version = models.PositiveSmallIntegerField(_("spørgeskemaets version"))
    answers = models.JSONField(_("svar"), default=dict)
    result = models.JSONField(_("resultat"), default=dict, help_text=_("Profil pr. driver ved gemning."))
    programme_code = MaskedCharField(_("program overvejet"), max_length=10, blank=True)
    label = MaskedCharField(_("betegnelse"), max_length=200, blank=True)
    site = models.ForeignKey(
        "registry.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="readiness_assessments",
        verbose_name=_("sted"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("udfyldt af"),
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repetitions",
        verbose_name=_("forrige vurdering"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("parathedsvurdering")
        verbose_name_plural = _("parathedsvurderinger")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(previous=models.F("id")), name="readiness_not_own_previous")
        ]

    def __str__(self) -> str:
        return f"{self.label or _('Parathedsvurdering')} {self.created_at:%d.%m.%Y}"
