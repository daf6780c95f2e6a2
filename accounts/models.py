from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabels
from accounts.masking import MaskedCharField, MaskedEmailField


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    EVALUATOR = "evaluator", _("Evaluator")
    CONSULTANT = "consultant", _("Implementeringskonsulent")
    TEAM_MEMBER = "team_member", _("Medlem af implementeringsteam")
    PROVIDER = "provider", _("Programudbyder/beslutningstager")


class User(ChoiceLabels, AbstractUser):
    """A person who logs in; what they may see follows from `role` (see accounts.permissions)."""

    # AbstractUser's own fields, redeclared only to be masked like every other supplied text.
    username = MaskedCharField(
        _("username"),
        max_length=150,
        unique=True,
        help_text=_("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
        validators=[AbstractUser.username_validator],
        error_messages={"unique": _("A user with that username already exists.")},
    )
    first_name = MaskedCharField(_("first name"), max_length=150, blank=True)
    last_name = MaskedCharField(_("last name"), max_length=150, blank=True)
    email = MaskedEmailField(_("email address"), blank=True)

    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.EVALUATOR)
    site = models.ForeignKey(
        "registry.Site",
        verbose_name=_("anbringelsessted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="team_users",
        help_text=_("Kun for medlemmer af et implementeringsteam: stedet de hører til."),
    )

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="team_member", site__isnull=False)
                | (~Q(role="team_member") & Q(site__isnull=True)),
                name="user_team_member_has_site",
                violation_error_message=_(
                    "Et teammedlem skal høre til præcis ét sted; andre roller til intet."
                ),
            )
        ]

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser


class PseudonymKind(models.TextChoices):
    STAFF = "staff", _("Medarbejder")
    YOUNG_PERSON = "young_person", _("Ung")
    PERSON = "person", _("Person")


class Pseudonym(models.Model):
    """A stable stand-in for a person's name at one site ("Medarbejder A", "Ung B")."""

    site = models.ForeignKey(
        "registry.Site", on_delete=models.CASCADE, related_name="pseudonyms", verbose_name=_("sted")
    )
    name_key = MaskedCharField(_("navn (normaliseret)"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=PseudonymKind.choices)
    label = models.CharField(_("pseudonym"), max_length=50)

    class Meta:
        verbose_name = _("pseudonym")
        verbose_name_plural = _("pseudonymer")
        constraints = [
            models.UniqueConstraint(fields=["site", "name_key"], name="pseudonym_unique_name"),
            models.UniqueConstraint(fields=["site", "label"], name="pseudonym_unique_label"),
        ]

    def __str__(self) -> str:
        return self.label
