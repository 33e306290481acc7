"""Achievement records (ratings, initiatives, discipline, freezes), award history, sweeps.

These are the facts the eligibility engine judges; `facts.py` turns them into engine facts.
The catalogue (`AwardType`) mirrors the rule packs and is refreshed by `catalogue_sync`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.db import VI_COLLATION
from thidua.core.models import TimeStampedModel
from thidua.org.models import Person, Unit


class Rating(models.TextChoices):
    HTXS = "HTXS", _("Excellently completed tasks (HTXS)")
    HTT = "HTT", _("Well completed tasks (HTT)")
    HT = "HT", _("Completed tasks (HT)")
    KHT = "KHT", _("Did not complete tasks (KHT)")


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class AwardType(models.Model):
    """An emulation title or commendation form, mirrored from the newest pack that has it."""

    code = models.CharField(_("award code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255, db_collation=VI_COLLATION)
    name_en = models.CharField(_("English name"), max_length=255)
    subject = models.CharField(_("awarded to"), max_length=16, choices=Subject.choices)
    kind = models.CharField(_("kind"), max_length=16)
    level = models.CharField(_("level"), max_length=16)
    authority = models.CharField(_("decided by"), max_length=32)
    system = models.CharField(_("system"), max_length=16, default="state")
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    multiplier = models.DecimalField(
        _("money multiplier"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    report_years = models.PositiveSmallIntegerField(_("report period (years)"), default=1)
    pack = models.CharField(_("rule pack"), max_length=64)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class PersonRating(TimeStampedModel):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=4, choices=Rating.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        ordering = ["person", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_rating_per_person_year")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.rating}"


class UnitYear(TimeStampedModel):
    """A collective's year. Member counts are computed from people unless entered here."""

    class Led(models.TextChoices):
        NONE = "", _("Did not lead a cluster")
        MINISTRY = "ministry", _("Led a cluster of a ministry, sector or province")
        CENTRAL = "central", _("Led a cluster of the Central Emulation Council")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="award_years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=4, choices=Rating.choices, blank=True)
    led_cluster = models.CharField(
        _("leading unit of a cluster"), max_length=16, choices=Led.choices, blank=True
    )
    party_clean_strong = models.BooleanField(
        _("Party organisation clean and strong"), null=True, blank=True
    )
    roster = models.PositiveIntegerField(_("members on the roster"), null=True, blank=True)
    completed = models.PositiveIntegerField(_("members who completed tasks"), null=True, blank=True)
    ldtt = models.PositiveIntegerField(_("members who are Advanced Workers"), null=True, blank=True)
    cstdcs = models.PositiveIntegerField(
        _("members who are Grassroots Emulation Fighters"), null=True, blank=True
    )
    disciplined = models.PositiveIntegerField(_("members disciplined"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit year")
        verbose_name_plural = _("unit years")
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class Initiative(TimeStampedModel):
    class Scope(models.TextChoices):
        UNIT = "unit", _("Grassroots (agency or unit)")
        MINISTRY = "ministry", _("Ministry, sector or province")
        NATIONAL = "national", _("National")

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        RESEARCH = "research", _("Research topic or scheme")
        COMBAT = "combat", _("Ingenuity in combat")

    person = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INITIATIVE)
    year = models.PositiveSmallIntegerField(_("year recognised"))
    scope = models.CharField(_("scope of influence"), max_length=16, choices=Scope.choices)
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    recognition_ref = models.CharField(_("recognition document"), max_length=100, blank=True)
    applied = models.BooleanField(_("applied effectively"), default=True)
    used_elsewhere = models.CharField(
        _("already used for"),
        max_length=255,
        blank=True,
        help_text=_("An award outside thidua this initiative already grounded."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["person", "-year", "title"]

    def __str__(self) -> str:
        return self.title


class Discipline(TimeStampedModel):
    class Form(models.TextChoices):
        REPRIMAND = "reprimand", _("Reprimand")
        WARNING = "warning", _("Warning")
        DEMOTION = "demotion", _("Salary downgrade or demotion")
        DISMISSAL = "dismissal", _("Removal from post")
        EXPULSION = "expulsion", _("Dismissal or expulsion")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="disciplines"
    )
    form = models.CharField(_("form"), max_length=16, choices=Form.choices)
    party = models.BooleanField(_("Party discipline"), default=False)
    decided_on = models.DateField(_("decided on"))
    ends_on = models.DateField(_("period ends on"), null=True, blank=True)
    decision_ref = models.CharField(_("decision"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["person", "-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("decided_on")),
                name="discipline_range_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_form_display()}"


class Freeze(TimeStampedModel):
    """A review, inspection, audit or complaint being verified: awards wait (ND 152 Art. 4)."""

    class Kind(models.TextChoices):
        DISCIPLINARY_REVIEW = "review", _("Disciplinary review")
        INSPECTION = "inspection", _("Inspection or audit")
        COMPLAINT = "complaint", _("Complaint or denunciation")
        PRESS = "press", _("Press report")
        INVESTIGATION = "investigation", _("Investigation")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="freezes",
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="freezes",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verification in progress")
        verbose_name_plural = _("verifications in progress")
        ordering = ["-opened_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="freeze_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="freeze_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} – {self.get_kind_display()}"


class TransferComment(TimeStampedModel):
    """The old unit's written comment on a transferred person's year (TT 15/2025 Art. 2(5))."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="transfer_comments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    document_ref = models.CharField(_("document"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("old unit's comment")
        verbose_name_plural = _("old units' comments")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_transfer_comment")
        ]


class AwardRecord(TimeStampedModel):
    """An award a person or unit received: the history chains and windows are read from."""

    class Limb(models.TextChoices):
        NONE = "", _("Not applicable")
        HTXS = "htxs", _("Excellent rating")
        INITIATIVE = "initiative", _("Initiative or research")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        IMPORT = "import", _("Imported")
        DECISION = "decision", _("From a decision in thidua")

    award = models.ForeignKey(
        AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="records"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="award_records",
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="award_records",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("achievement year"))
    period_start = models.PositiveSmallIntegerField(
        _("achievement period from"), null=True, blank=True
    )
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    limb = models.CharField(_("won on"), max_length=16, choices=Limb.choices, blank=True)
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatives used"), blank=True, related_name="used_by"
    )
    revoked = models.BooleanField(_("revoked"), default=False)
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.MANUAL
    )
    history = HistoricalRecords(m2m_fields=[initiatives])

    class Meta:
        verbose_name = _("award received")
        verbose_name_plural = _("awards received")
        ordering = ["-year", "award__sort_order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="award_record_one_subject",
            ),
            models.UniqueConstraint(
                fields=["award", "person", "year"],
                condition=Q(revoked=False, person__isnull=False),
                name="one_person_award_per_year",
            ),
            models.UniqueConstraint(
                fields=["award", "unit", "year"],
                condition=Q(revoked=False, unit__isnull=False),
                name="one_unit_award_per_year",
            ),
        ]
        indexes = [models.Index(fields=["award", "year"])]

    def __str__(self) -> str:
        return f"{self.award} {self.year}"


class PolicySetting(TimeStampedModel):
    """Overrides of the engine's policy for a unit's subtree (None: the whole installation)."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="eligibility_policy",
    )  # fmt: skip
    values = models.JSONField(_("settings"), default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility policy")
        verbose_name_plural = _("eligibility policies")

    def __str__(self) -> str:
        return str(self.unit or _("Whole installation"))


class Sweep(TimeStampedModel):
    """A batch check of everyone in scope for some awards and a year, run as a job."""

    year = models.PositiveSmallIntegerField(_("year"))
    as_of = models.DateField(_("judged on"))
    awards = models.JSONField(_("awards"), default=list)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    pack = models.CharField(_("rule pack"), max_length=64, blank=True)
    pack_version = models.CharField(_("pack version"), max_length=64, blank=True)
    job = models.ForeignKey(
        "core.Job", verbose_name=_("job"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    subjects = models.PositiveIntegerField(_("subjects checked"), default=0)
    eligible = models.PositiveIntegerField(_("eligible"), default=0)
    counts = models.JSONField(_("verdicts by award and status"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("eligibility sweep")
        verbose_name_plural = _("eligibility sweeps")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.year} ({self.as_of})"


class StoredVerdict(models.Model):
    """A verdict as it was given, with the pack and version that gave it (never edited)."""

    # An append-only log written by the million with COPY: no foreign-key triggers per row
    # (the ORM still cascades deletes).
    sweep = models.ForeignKey(
        Sweep, verbose_name=_("sweep"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="verdicts", db_constraint=False,
    )  # fmt: skip
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="verdicts",
        db_constraint=False,
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="verdicts",
        db_constraint=False,
    )  # fmt: skip
    award = models.CharField(_("award"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year"))
    as_of = models.DateField(_("judged on"))
    status = models.CharField(_("status"), max_length=20)
    pack = models.CharField(_("rule pack"), max_length=64)
    pack_version = models.CharField(_("pack version"), max_length=64)
    failed_rules = models.JSONField(_("failed rules"), default=list)
    outcomes = models.JSONField(_("outcomes"), default=list)
    consumes = models.JSONField(_("initiatives consumed"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stored verdict")
        verbose_name_plural = _("stored verdicts")
        # One index, in the order rows are written: a sweep appends its verdicts in bulk.
        indexes = [models.Index(fields=["sweep", "award", "status"])]

    def __str__(self) -> str:
        return f"{self.award} {self.year}: {self.status}"
