from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.masking import MaskedCharField, MaskedTextField
from audit.reads import ReadRecordingQuerySet
from codebook.models import Code, CodebookVersion, Valence


class CodingRound(models.Model):
    """A named round in which several coders code the same reports, blind to each other until compared."""

    name = MaskedCharField(_("navn"), max_length=200, unique=True)
    description = MaskedTextField(_("beskrivelse"), blank=True)
    codebook_version = models.ForeignKey(
        CodebookVersion, on_delete=models.PROTECT, verbose_name=_("kodebogsversion")
    )
    is_blind = models.BooleanField(_("blind kodning"), default=True)
    reports = models.ManyToManyField(
        "fieldwork.ImplementationReport", blank=True, verbose_name=_("rapporter")
    )
    coders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coding_rounds", verbose_name=_("kodere")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("kodningsrunde")
        verbose_name_plural = _("kodningsrunder")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class PassageOrigin(models.TextChoices):
    MANUAL = "manual", _("Manuel")
    SUGGESTION_ACCEPTED = "suggestion_accepted", _("Accepteret forslag")
    SUGGESTION_CORRECTED = "suggestion_corrected", _("Rettet forslag")
    IMPORTED = "imported", _("Importeret")
    CONSENSUS = "consensus", _("Konsensus")
    MODEL = "model", _("Kodningsmodel")


class CodedPassageQuerySet(ReadRecordingQuerySet):
    def counted(self) -> "CodedPassageQuerySet":
        """The passages that count (analysis, evidence, lists): ordinary codings and a round's
        consensus. A round's own codings (each coder's, the model's) stay in the round."""
        return self.filter(models.Q(coding_round__isnull=True) | models.Q(origin=PassageOrigin.CONSENSUS))

    def blind_for(self, user) -> "CodedPassageQuerySet":
        """Without the codes of others on reports the user codes in an open blind round."""
        blind_reports = CodingRound.objects.filter(is_blind=True, closed_at__isnull=True, coders=user).values(
            "reports"
        )
        return self.exclude(models.Q(section__report__in=blind_reports) & ~models.Q(coder=user))


class CodedPassage(models.Model):
    """A passage of report or minutes text (character offsets) given codes by one coder."""

    READ_TEXT_FIELDS = ("text",)  # reads by others than the site's own are recorded (audit.reads)
    READ_SITE_PATHS = ("section__report__visit__site", "joint_meeting__sites")

    section = models.ForeignKey(
        "fieldwork.ReportSection",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coded_passages",
        verbose_name=_("rapportafsnit"),
    )
    joint_meeting = models.ForeignKey(
        "fieldwork.JointMeeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coded_passages",
        verbose_name=_("erfaringsopsamlingsmøde"),
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("slut"))
    text = MaskedTextField(_("passage"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coded_passages",
        verbose_name=_("koder"),
    )
    model_version = models.CharField(
        _("modelversion"), max_length=40, blank=True, help_text=_("Udfyldt når kodningsmodellen er koderen.")
    )
    coding_round = models.ForeignKey(
        CodingRound,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="passages",
        verbose_name=_("kodningsrunde"),
    )
    codebook_version = models.ForeignKey(
        CodebookVersion, on_delete=models.PROTECT, related_name="passages", verbose_name=_("kodebogsversion")
    )
    driver = models.ForeignKey(
        Code, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("driver")
    )
    mechanism = models.ForeignKey(
        Code, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("mekanisme")
    )
    valence = models.CharField(_("valens"), max_length=10, choices=Valence.choices, blank=True)
    attention_point = models.ForeignKey(
        Code,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opmærksomhedspunkt"),
    )
    extra_code = models.ForeignKey(
        Code,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("anden kode"),
        help_text=_("En kode uden for driverne, fx en importeret kode."),
    )
    origin = models.CharField(
        _("oprindelse"), max_length=25, choices=PassageOrigin.choices, default=PassageOrigin.MANUAL
    )
    consensus_of = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="settled_by", verbose_name=_("konsensus af")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = CodedPassageQuerySet.as_manager()

    class Meta:
        verbose_name = _("kodet passage")
        verbose_name_plural = _("kodede passager")
        ordering = ["section", "joint_meeting", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="passage_not_empty"),
            models.CheckConstraint(
                condition=Q(section__isnull=False, joint_meeting__isnull=True)
                | Q(section__isnull=True, joint_meeting__isnull=False),
                name="passage_has_one_source",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Afventer")
    ACCEPTED = "accepted", _("Accepteret")
    REJECTED = "rejected", _("Afvist")
    CORRECTED = "corrected", _("Rettet")


class CoderModel(models.Model):
    """A trained, stored version of the coding model."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    trained_at = models.DateTimeField(_("trænet"), auto_now_add=True)
    training_size = models.PositiveIntegerField(_("træningseksempler"))
    scores = models.JSONField(_("krydsvaliderede resultater"), default=dict)
    path = models.CharField(_("fil"), max_length=500)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("kodningsmodel")
        verbose_name_plural = _("kodningsmodeller")
        ordering = ["-trained_at"]

    def __str__(self) -> str:
        return self.version


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Kører")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


class RetrainingJob(models.Model):
    """A background retraining of the coding model, with the progress a page can poll."""

    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    message = models.CharField(_("besked"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    coder_model = models.ForeignKey(
        CoderModel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("model"),
    )

    class Meta:
        verbose_name = _("genoptræning")
        verbose_name_plural = _("genoptræninger")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="retraining_progress_percent")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.progress}%"


class Suggestion(models.Model):
    """A code the model proposes for a passage, to be accepted, corrected or rejected by a person."""

    READ_TEXT_FIELDS = ("text",)  # reads by others than the site's own are recorded (audit.reads)
    READ_SITE_PATHS = ("section__report__visit__site",)

    section = models.ForeignKey(
        "fieldwork.ReportSection",
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("rapportafsnit"),
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("slut"))
    text = MaskedTextField(_("passage"))
    model_version = models.CharField(_("modelversion"), max_length=40)
    driver = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="+", verbose_name=_("driver"))
    mechanism = models.ForeignKey(
        Code, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("mekanisme")
    )
    valence = models.CharField(_("valens"), max_length=10, choices=Valence.choices)
    confidence = models.FloatField(_("sikkerhed"))
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    passage = models.ForeignKey(
        CodedPassage, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )

    objects = ReadRecordingQuerySet.as_manager()

    class Meta:
        verbose_name = _("kodningsforslag")
        verbose_name_plural = _("kodningsforslag")
        ordering = ["confidence"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="suggestion_not_empty"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1), name="suggestion_confidence_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.driver} ({self.confidence:.2f}): {self.text[:60]}"


class MemoTarget(models.TextChoices):
    SITE = "site", _("Sted")
    REPORT = "report", _("Rapport")
    CODE = "code", _("Kode")
    MATRIX_CELL = "matrix_cell", _("Matrixcelle")


class Memo(models.Model):
    """A dated analytic note by its author on a site, a report, a code or a cell of the framework matrix."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memos", verbose_name=_("forfatter")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    title = MaskedCharField(_("titel"), max_length=200)
    text = MaskedTextField(_("tekst"))
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Øges ved hver gemning (konfliktkontrol).")
    )
    target = models.CharField(_("knyttet til"), max_length=20, choices=MemoTarget.choices)
    site = models.ForeignKey(
        "registry.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memos",
        verbose_name=_("sted"),
    )
    report = models.ForeignKey(
        "fieldwork.ImplementationReport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memos",
        verbose_name=_("rapport"),
    )
    code = models.ForeignKey(
        Code, null=True, blank=True, on_delete=models.PROTECT, related_name="memos", verbose_name=_("kode")
    )

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memoer")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target="site", site__isnull=False, report__isnull=True, code__isnull=True)
                | Q(target="report", site__isnull=True, report__isnull=False, code__isnull=True)
                | Q(target="code", site__isnull=True, report__isnull=True, code__isnull=False)
                | Q(target="matrix_cell", site__isnull=False, report__isnull=True, code__isnull=False),
                name="memo_target_matches_fields",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SentenceEmbedding(models.Model):
    """A text's e5 sentence vector, computed once: keyed by the text's SHA-256 and the model version.

    The text itself is not stored (the vector is enough for training and suggesting), so erasing a
    report leaves no readable trace here; the vector is 384 float32 values.
    """

    text_hash = models.CharField(_("tekstens hash"), max_length=64)
    model_version = models.CharField(_("modelversion"), max_length=80)
    vector = models.BinaryField(_("vektor"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("sætningsvektor")
        verbose_name_plural = _("sætningsvektorer")
        constraints = [
            models.UniqueConstraint(fields=["text_hash", "model_version"], name="embedding_text_model_unique")
        ]

    def __str__(self) -> str:
        return f"{self.text_hash[:12]} ({self.model_version})"


class SuggestionJob(models.Model):
    """A background run of the coding model over many reports, with the progress a page can poll."""

    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(_("sætninger i alt"), default=0)
    done = models.PositiveIntegerField(_("sætninger færdige"), default=0)
    message = models.CharField(_("besked"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("forslagskørsel")
        verbose_name_plural = _("forslagskørsler")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="suggestion_job_done_le_total")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.done}/{self.total}"

    @property
    def progress(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
