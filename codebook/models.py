"""The codebook's models. They keep the app label "coding": their tables and migrations stay where
they were, so existing databases and other branches' migrations need no change (docs/ARCHITECTURE.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.masking import MaskedCharField, MaskedSlugField, MaskedTextField


def _in_page_language(danish: str, english: str) -> str:
    return english if english and (get_language() or "").startswith("en") else danish


class CodeKind(models.TextChoices):
    DRIVER = "driver", _("Driver")
    MECHANISM = "mechanism", _("Mekanisme")
    VALENCE = "valence", _("Valens")
    LEADERSHIP_STYLE = "leadership_style", _("Ledelsesstil")
    CULTURE_TYPE = "culture_type", _("Kulturtype")
    THEME = "theme", _("Rapporttema")
    PHASE = "phase", _("Fase")
    ATTENTION_POINT = "attention_point", _("Opmærksomhedspunkt")
    IMPORTED = "imported", _("Importeret kode")


class Valence(models.TextChoices):
    PROMOTER = "promoter", _("Fremmer")
    INHIBITOR = "inhibitor", _("Hæmmer")
    NEUTRAL = "neutral", _("Neutral")


class CodebookVersion(models.Model):
    """A state of the codebook; every changed definition opens a new one and codings keep theirs."""

    number = models.PositiveIntegerField(_("versionsnummer"), unique=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("oprettet af"),
    )
    note = MaskedTextField(_("ændring"), blank=True)

    class Meta:
        app_label = "coding"
        verbose_name = _("kodebogsversion")
        verbose_name_plural = _("kodebogsversioner")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"v{self.number}"


class Code(models.Model):
    """One entry of the codebook: a driver, mechanism, valence, style, culture, theme, phase or attention point."""

    kind = models.CharField(_("type"), max_length=20, choices=CodeKind.choices)
    key = MaskedSlugField(_("nøgle"), max_length=60, help_text=_("Engelsk navn i koden, fx 'competence'."))
    label_da = MaskedCharField(_("dansk betegnelse"), max_length=200)
    name_en = MaskedCharField(_("engelsk betegnelse"), max_length=200)
    description_da = MaskedTextField(_("beskrivelse"), blank=True)
    description_en = MaskedTextField(_("engelsk beskrivelse"), blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("overordnet kode"),
        help_text=_("Mekanismens og opmærksomhedspunktets driver."),
    )
    number = models.PositiveSmallIntegerField(_("nummer"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_retired = models.BooleanField(_("udgået"), default=False)

    class Meta:
        app_label = "coding"
        verbose_name = _("kode")
        verbose_name_plural = _("kodebog")
        ordering = ["kind", "sort_order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="code_unique_key_per_kind"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="code_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.label  # form choices and links name the code in the language of the page

    @property
    def label(self) -> str:
        """The code's name in the language of the page: `name_en` in English, else the Danish label."""
        return _in_page_language(self.label_da, self.name_en)

    @property
    def description(self) -> str:
        """The description in the language of the page: `description_en` in English, else the Danish."""
        return _in_page_language(self.description_da, self.description_en)


class CodeRevision(models.Model):
    """The definition of a code as it stood in one codebook version."""

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("kode"))
    version = models.ForeignKey(
        CodebookVersion, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("version")
    )
    label_da = MaskedCharField(_("dansk betegnelse"), max_length=200)
    name_en = MaskedCharField(_("engelsk betegnelse"), max_length=200)
    description_da = MaskedTextField(_("beskrivelse"), blank=True)
    description_en = MaskedTextField(_("engelsk beskrivelse"), blank=True)

    class Meta:
        app_label = "coding"
        verbose_name = _("kodedefinition")
        verbose_name_plural = _("kodedefinitioner")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="code_revision_unique")]

    def __str__(self) -> str:
        return f"{self.label_da} (v{self.version.number})"

    @property
    def description(self) -> str:
        """The description as it stood, in the language of the page (Danish where no English was written)."""
        return _in_page_language(self.description_da, self.description_en)
