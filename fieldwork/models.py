from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabels
from accounts.masking import MaskedCharField, MaskedTextField
from audit.reads import ReadRecordingQuerySet
from codebook.models import Valence


class Phase(models.TextChoices):
    """The four overlapping phases of the implementation, in their usual order."""

    PREPARATION = "preparation", _("Forberedelse")
    PREREQUISITE_ANALYSIS = "prerequisite_analysis", _("Forudsætningsanalyse")
    CAPACITY_BUILDING = "capacity_building", _("Kapacitetsopbygning")
    ADAPTATION_ANCHORING = "adaptation_anchoring", _("Tilpasning og forankring")


PHASE_ORDER = {phase.value: index for index, phase in enumerate(Phase)}


class Theme(models.TextChoices):
    """The six themes of the implementation report."""

    PROMOTERS_INHIBITORS = "promoters_inhibitors", _("Arbejde med fremmere og hæmmere")
    ORGANISATION_CULTURE = "organisation_culture", _("Organisatoriske forhold og kultur")
    IMPLEMENTATION_PROCESS = "implementation_process", _("Implementeringsprocessen")
    IMPLEMENTATION_TEAM = "implementation_team", _("Implementeringsteamet")
    LEADERSHIP = "leadership", _("Ledelse")
    ANCHORING = "anchoring", _("Graden af forankring")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")


class Visit(ChoiceLabels, models.Model):
    """A narrative conversation between the consultant and a site's implementation team."""

    site = models.ForeignKey(
        "registry.Site", on_delete=models.CASCADE, related_name="visits", verbose_name=_("sted")
    )
    planned_on = models.DateField(_("planlagt dato"))
    held_on = models.DateField(_("afholdt dato"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    cancel_reason = MaskedTextField(_("årsag til aflysning"), blank=True)
    phase = models.CharField(_("fase"), max_length=25, choices=Phase.choices, blank=True)
    consultant = models.ForeignKey(
        "registry.Consultant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("konsulent"),
    )
    participants = models.ManyToManyField(
        "registry.TeamMember", blank=True, related_name="visits", verbose_name=_("deltagere fra teamet")
    )
    other_participants = MaskedTextField(_("øvrige deltagere"), blank=True)

    class Meta:
        verbose_name = _("besøg")
        verbose_name_plural = _("besøg")
        ordering = ["site", "planned_on"]
        indexes = [models.Index(fields=["site", "held_on"]), models.Index(fields=["status", "planned_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="planned", held_on__isnull=True, cancel_reason="")
                | Q(status="held", held_on__isnull=False, cancel_reason="")
                | (Q(status="cancelled", held_on__isnull=True) & ~Q(cancel_reason="")),
                name="visit_status_consistent",
                violation_error_message=_(
                    "Et afholdt besøg har en afholdt dato; et aflyst besøg har en årsag og ingen afholdt dato."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.site.code} {self.held_on or self.planned_on}"

    @property
    def date(self):
        return self.held_on or self.planned_on


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    VALIDATED = "validated", _("Valideret med teamet")


class ImplementationReport(ChoiceLabels, models.Model):
    """The consultant's condensation of one held visit into the six themes (the first condensation)."""

    READ_TEXT_FIELDS = ("introduction",)  # reads by others than the site's own are recorded (audit.reads)
    READ_SITE_PATHS = ("visit__site",)

    visit = models.OneToOneField(
        Visit, on_delete=models.CASCADE, related_name="report", verbose_name=_("besøg")
    )
    introduction = MaskedTextField(_("indledning"), blank=True)
    anchoring = models.PositiveSmallIntegerField(
        _("grad af forankring (1-5)"),
        null=True,
        blank=True,
        help_text=_("1 = ikke forankret, 5 = fuldt forankret"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    validated_on = models.DateField(_("valideret dato"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_written",
        verbose_name=_("forfatter"),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Øges ved hver gemning (konfliktkontrol).")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = ReadRecordingQuerySet.as_manager()

    class Meta:
        verbose_name = _("implementeringsrapport")
        verbose_name_plural = _("implementeringsrapporter")
        constraints = [
            models.CheckConstraint(
                condition=Q(anchoring__isnull=True) | Q(anchoring__gte=1, anchoring__lte=5),
                name="report_anchoring_1_5",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(validated_on__isnull=False),
                name="report_validated_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Rapport {self.visit}"


class ReportSection(ChoiceLabels, models.Model):
    """The text of one of the six themes of a report."""

    READ_TEXT_FIELDS = ("text",)  # reads by others than the site's own are recorded (audit.reads)
    READ_SITE_PATHS = ("report__visit__site",)

    report = models.ForeignKey(
        ImplementationReport, on_delete=models.CASCADE, related_name="sections", verbose_name=_("rapport")
    )
    theme = models.CharField(_("tema"), max_length=25, choices=Theme.choices)
    text = MaskedTextField(_("tekst"), blank=True)

    objects = ReadRecordingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapportafsnit")
        verbose_name_plural = _("rapportafsnit")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "theme"], name="report_section_unique_theme")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_theme_display()}"


class JointMeeting(models.Model):
    """An experience meeting (erfaringsopsamlingsmøde) bringing several sites' teams together."""

    READ_TEXT_FIELDS = ("title", "minutes")  # reads by others than the site's own are recorded (audit.reads)
    READ_SITE_PATHS = ("sites",)

    held_on = models.DateField(_("dato"))
    title = MaskedCharField(_("titel"), max_length=200)
    minutes = MaskedTextField(_("referat"), blank=True)
    sites = models.ManyToManyField(
        "registry.Site", related_name="joint_meetings", verbose_name=_("deltagende steder")
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Øges ved hver gemning (konfliktkontrol).")
    )

    objects = ReadRecordingQuerySet.as_manager()

    class Meta:
        verbose_name = _("erfaringsopsamlingsmøde")
        verbose_name_plural = _("erfaringsopsamlingsmøder")
        ordering = ["held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class Factor(ChoiceLabels, models.Model):
    """A promoter (fremmer) or inhibitor (hæmmer) named in a report or at a joint meeting."""

    READ_TEXT_FIELDS = (
        "statement",
        "quote",
    )  # reads by others than the site's own are recorded (audit.reads)
    READ_SITE_PATHS = ("report__visit__site", "site")

    report = models.ForeignKey(
        ImplementationReport,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="factors",
        verbose_name=_("rapport"),
    )
    joint_meeting = models.ForeignKey(
        JointMeeting,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="factors",
        verbose_name=_("erfaringsopsamlingsmøde"),
    )
    site = models.ForeignKey(
        "registry.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_factors",
        verbose_name=_("sted (ved møder)"),
        help_text=_("Ved et fællesmøde: det sted, udsagnet kom fra, hvis det vides."),
    )
    valence = models.CharField(
        _("valens"),
        max_length=10,
        choices=[(Valence.PROMOTER, Valence.PROMOTER.label), (Valence.INHIBITOR, Valence.INHIBITOR.label)],
    )
    statement = MaskedTextField(_("udsagn"))
    quote = MaskedTextField(_("citat"), blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Øges ved hver gemning (konfliktkontrol).")
    )
    theme = models.CharField(_("tema"), max_length=25, choices=Theme.choices, blank=True)
    driver = models.ForeignKey(
        "coding.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("driver"),
    )
    mechanism = models.ForeignKey(
        "coding.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mekanisme"),
    )
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    codebook_version = models.ForeignKey(
        "coding.CodebookVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReadRecordingQuerySet.as_manager()

    class Meta:
        verbose_name = _("fremmer/hæmmer")
        verbose_name_plural = _("fremmere og hæmmere")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, joint_meeting__isnull=True, site__isnull=True)
                | Q(report__isnull=True, joint_meeting__isnull=False),
                name="factor_has_one_source",
            ),
            models.CheckConstraint(
                condition=Q(valence__in=["promoter", "inhibitor"]), name="factor_valence_known"
            ),
            models.CheckConstraint(
                condition=Q(mechanism__isnull=True) | Q(driver__isnull=False),
                name="factor_mechanism_needs_driver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_valence_display()}: {self.statement[:60]}"


class TrialOutcome(models.TextChoices):
    DONE = "done", _("Gennemført")
    PARTLY = "partly", _("Delvist gennemført")
    NOT_DONE = "not_done", _("Ikke gennemført")
    DROPPED = "dropped", _("Droppet")


def clear_follow_up(collector, field, sub_objs, using):
    """Deleting the visit of a follow-up undoes the follow-up: its date and outcome go together."""
    TrialAction.objects.using(using).filter(pk__in=[obj.pk for obj in sub_objs]).update(
        followed_up_at=None, outcome=""
    )


class TrialAction(ChoiceLabels, models.Model):
    """A small plan-do-study-act cycle (prøvehandling): agreed at one visit, followed up at a later one."""

    READ_TEXT_FIELDS = (
        "aim",
        "description",
        "learning",
    )  # reads by others than the site's own are recorded (audit.reads)
    READ_SITE_PATHS = ("agreed_at__site",)

    agreed_at = models.ForeignKey(
        Visit,
        on_delete=models.CASCADE,
        related_name="trial_actions_agreed",
        verbose_name=_("aftalt ved besøg"),
    )
    aim = MaskedTextField(_("formål"))
    description = MaskedTextField(_("handling"), blank=True)
    driver = models.ForeignKey(
        "coding.Code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("driver"),
    )
    carried_by = MaskedCharField(_("hvem bærer den"), max_length=300, blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Øges ved hver gemning (konfliktkontrol).")
    )
    followed_up_at = models.ForeignKey(
        Visit,
        null=True,
        blank=True,
        on_delete=clear_follow_up,
        related_name="trial_actions_followed_up",
        verbose_name=_("fulgt op ved besøg"),
    )
    outcome = models.CharField(_("resultat"), max_length=10, choices=TrialOutcome.choices, blank=True)
    learning = MaskedTextField(_("hvad blev lært"), blank=True)

    objects = ReadRecordingQuerySet.as_manager()

    class Meta:
        verbose_name = _("prøvehandling")
        verbose_name_plural = _("prøvehandlinger")
        ordering = ["agreed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(followed_up_at__isnull=True, outcome="")
                | (Q(followed_up_at__isnull=False) & ~Q(outcome="")),
                name="trial_action_outcome_with_follow_up",
                violation_error_message=_(
                    "En opfølgning kræver et resultat, og et resultat kræver en opfølgning."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(followed_up_at=F("agreed_at")), name="trial_action_followed_up_later"
            ),
        ]

    def __str__(self) -> str:
        return self.aim[:80]


class EventKind(models.TextChoices):
    SAVINGS = "savings", _("Besparelser")
    SUPERVISION_CASE = "supervision_case", _("Tilsynssag")
    REORGANISATION = "reorganisation", _("Omorganisering")
    DISMISSALS = "dismissals", _("Afskedigelser")
    MANAGEMENT_CHANGE = "management_change", _("Ledelsesskifte")
    PANDEMIC = "pandemic", _("Pandemi")
    OTHER = "other", _("Andet")


class ExternalEvent(ChoiceLabels, models.Model):
    """An external event or pressure on one site, or on all sites when `site` is empty."""

    site = models.ForeignKey(
        "registry.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("sted (tomt = alle)"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)
    description = MaskedTextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("ekstern begivenhed")
        verbose_name_plural = _("eksterne begivenheder og pres")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="event_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}"


class LeadershipStyle(models.TextChoices):
    AUTHORITARIAN = "authoritarian", _("Autoritær")
    DEMOCRATIC = "democratic", _("Demokratisk")
    LAISSEZ_FAIRE = "laissez_faire", _("Laissez-faire")


class CultureType(models.TextChoices):
    COLLABORATION = "collaboration", _("Samarbejdsorienteret")
    CONTROL = "control", _("Kontrol og regler")
    COMPETITION = "competition", _("Vækst og konkurrence")
    CREATIVE = "creative", _("Kreativ")


class SiteAssessment(ChoiceLabels, models.Model):
    """The evaluator's periodic assessment of a site."""

    site = models.ForeignKey(
        "registry.Site", on_delete=models.CASCADE, related_name="assessments", verbose_name=_("sted")
    )
    assessed_on = models.DateField(_("vurderet dato"))
    leadership_style = models.CharField(
        _("ledelsesstil"), max_length=20, choices=LeadershipStyle.choices, blank=True
    )
    culture_type = models.CharField(_("kulturtype"), max_length=20, choices=CultureType.choices, blank=True)
    attention_points_worked = models.ManyToManyField(
        "coding.Code",
        blank=True,
        limit_choices_to={"kind": "attention_point"},
        related_name="+",
        verbose_name=_("opmærksomhedspunkter arbejdet med"),
    )
    notes = MaskedTextField(_("evaluators noter"), blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("stedsvurdering")
        verbose_name_plural = _("stedsvurderinger")
        ordering = ["site", "assessed_on"]
        constraints = [models.UniqueConstraint(fields=["site", "assessed_on"], name="assessment_unique_date")]

    def __str__(self) -> str:
        return f"{self.site.code} {self.assessed_on}"


class ScoreKind(models.TextChoices):
    FIDELITY = "fidelity", _("Programtroskab")
    OUTCOME = "outcome", _("Effekt")


class Score(models.Model):
    """An optional fidelity or outcome score of a site for a period (from sibling studies)."""

    site = models.ForeignKey(
        "registry.Site", on_delete=models.CASCADE, related_name="scores", verbose_name=_("sted")
    )
    kind = models.CharField(_("type"), max_length=10, choices=ScoreKind.choices)
    instrument = MaskedCharField(_("instrument"), max_length=200, blank=True)
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    value = models.FloatField(_("værdi"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scorer")
        ordering = ["site", "period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="score_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site.code} {self.get_kind_display()} {self.value}"
