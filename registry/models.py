from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabels
from accounts.masking import MaskedCharField, MaskedEmailField, MaskedTextField


class Region(models.TextChoices):
    HOVEDSTADEN = "hovedstaden", _("Region Hovedstaden")
    SJAELLAND = "sjaelland", _("Region Sjælland")
    SYDDANMARK = "syddanmark", _("Region Syddanmark")
    MIDTJYLLAND = "midtjylland", _("Region Midtjylland")
    NORDJYLLAND = "nordjylland", _("Region Nordjylland")


class Ownership(models.TextChoices):
    MUNICIPAL = "municipal", _("Kommunal")
    SELF_OWNING = "self_owning", _("Selvejende")
    PRIVATE = "private", _("Privat")


class Programme(models.Model):
    code = MaskedCharField(_("kode"), max_length=10, unique=True)
    name = MaskedCharField(_("navn"), max_length=200)
    provider = MaskedCharField(_("udbyder"), max_length=200)
    training_months = models.DecimalField(_("uddannelsens længde (måneder)"), max_digits=5, decimal_places=1)
    training_description = MaskedTextField(_("uddannelsens form"), blank=True)
    character = MaskedTextField(_("karakter"), blank=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programmer")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(training_months__gt=0), name="programme_training_positive")
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class ProgrammeElement(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="elements", verbose_name=_("program")
    )
    name = MaskedCharField(_("navn"), max_length=200)
    description = MaskedTextField(_("beskrivelse"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("programelement")
        verbose_name_plural = _("programelementer")
        ordering = ["programme", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="programme_element_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Site(ChoiceLabels, models.Model):
    """An organisation implementing a programme: here a residential care home (anbringelsessted)."""

    code = MaskedCharField(_("kortkode"), max_length=20, unique=True)
    name = MaskedCharField(_("navn"), max_length=200)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="sites", verbose_name=_("program")
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    ownership = models.CharField(_("ejerform"), max_length=20, choices=Ownership.choices)
    places = models.PositiveSmallIntegerField(_("pladser"))
    permanent_staff = models.PositiveSmallIntegerField(_("fastansatte medarbejdere"))
    age_min = models.PositiveSmallIntegerField(_("alder fra"))
    age_max = models.PositiveSmallIntegerField(_("alder til"))
    internal_school = models.BooleanField(_("intern skole"), default=False)
    target_group_notes = MaskedTextField(_("målgruppe"), blank=True)
    joined_on = models.DateField(_("indtrådt"))
    left_on = models.DateField(_("udtrådt"), null=True, blank=True)
    left_reason = MaskedTextField(_("årsag til udtræden"), blank=True)
    is_fictional = models.BooleanField(_("fiktive demodata"), default=False)

    class Meta:
        verbose_name = _("anbringelsessted")
        verbose_name_plural = _("anbringelsessteder")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(age_min__lte=F("age_max")), name="site_age_range_ordered"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="site_left_after_joined",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True, left_reason="")
                | (Q(left_on__isnull=False) & ~Q(left_reason="")),
                name="site_left_has_reason",
                violation_error_message=_("En udtræden kræver både dato og årsag."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Department(models.Model):
    """A department or house of a site; several may sit at different addresses."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="departments", verbose_name=_("sted")
    )
    name = MaskedCharField(_("navn"), max_length=200)
    address = MaskedCharField(_("adresse"), max_length=300, blank=True)
    separate_address = models.BooleanField(_("på separat adresse"), default=False)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")
        ordering = ["site", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return f"{self.site.code}: {self.name}"


class Consultant(models.Model):
    name = MaskedCharField(_("navn"), max_length=200)
    background = MaskedCharField(_("faglig baggrund"), max_length=100, blank=True)
    email = MaskedEmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultant",
        verbose_name=_("bruger"),
    )

    class Meta:
        verbose_name = _("implementeringskonsulent")
        verbose_name_plural = _("implementeringskonsulenter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ConsultantAssignment(models.Model):
    """A consultant's responsibility for a site over a period; a change keeps the history."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("sted")
    )
    consultant = models.ForeignKey(
        Consultant, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("konsulent")
    )
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)
    reason = MaskedTextField(_("årsag til skift"), blank=True)

    class Meta:
        verbose_name = _("konsulenttilknytning")
        verbose_name_plural = _("konsulenttilknytninger")
        ordering = ["site", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="assignment_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultant} → {self.site.code} ({self.starts_on}–{self.ends_on or ''})"


class TeamRole(models.TextChoices):
    MANAGER = "manager", _("Leder")
    DEPARTMENT_MANAGER = "department_manager", _("Afdelingsleder")
    STAFF = "staff", _("Medarbejder")


class TeamMember(ChoiceLabels, models.Model):
    """A member of a site's implementation team (implementeringsteam) over a period."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="team_members", verbose_name=_("sted")
    )
    name = MaskedCharField(_("navn"), max_length=200)
    role = models.CharField(_("rolle"), max_length=20, choices=TeamRole.choices)
    is_lead = models.BooleanField(_("implementeringsansvarlig"), default=False)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)

    class Meta:
        verbose_name = _("teammedlem")
        verbose_name_plural = _("teammedlemmer")
        ordering = ["site", "starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="team_member_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class VisitPlan(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="visit_plans", verbose_name=_("sted")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    planned_visits = models.PositiveSmallIntegerField(_("planlagte besøg"))

    class Meta:
        verbose_name = _("besøgsplan")
        verbose_name_plural = _("besøgsplaner")
        ordering = ["site", "year"]
        constraints = [models.UniqueConstraint(fields=["site", "year"], name="visit_plan_unique_year")]

    def __str__(self) -> str:
        return f"{self.site.code} {self.year}: {self.planned_visits}"
