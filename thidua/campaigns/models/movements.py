"""Emulation movements and campaigns (phong trào, đợt thi đua) with their lifecycle."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models.files import CheckedFile, random_name
from thidua.core.db import VI_COLLATION
from thidua.core.models import Event, TimeStampedModel
from thidua.org.models import Cluster, Unit


class Movement(TimeStampedModel):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular annual emulation")
        THEMATIC = "thematic", _("Thematic emulation")
        CAMPAIGN = "campaign", _("Time-boxed campaign")

    class Reach(models.TextChoices):
        SECTOR = "sector", _("The whole sector under the launching body")
        CLUSTERS = "clusters", _("Chosen clusters")
        UNITS = "units", _("Chosen units")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LAUNCHED = "launched", _("Launched")
        IN_PROGRESS = "in_progress", _("In progress")
        REVIEWING = "reviewing", _("Under review")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=500, db_collation=VI_COLLATION)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    authority = models.ForeignKey(
        Unit, verbose_name=_("launched by"), on_delete=models.PROTECT, related_name="movements"
    )
    decision_number = models.CharField(_("decision or plan number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    reach = models.CharField(_("reach"), max_length=16, choices=Reach.choices, default=Reach.SECTOR)
    units = models.ManyToManyField(Unit, verbose_name=_("units"), blank=True, related_name="+")
    clusters = models.ManyToManyField(
        Cluster, verbose_name=_("clusters"), blank=True, related_name="movements"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    registration_deadline = models.DateField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Units register their target titles by this date; later changes need a reason."
        ),
    )
    goals = models.TextField(_("goals"), blank=True)
    slogan = models.CharField(_("slogan"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    history = HistoricalRecords(m2m_fields=[units, clusters])

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="movement_dates_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        """The emulation year the movement's registrations count for."""
        return self.starts_on.year

    @property
    def grounds_merit_awards(self) -> bool:
        """Results of thematic movements and campaigns cannot ground a merit award
        (ND 98/2023 and ND 152/2025 Art. 4; law.md §b.0 rule 2)."""
        return self.kind == self.Kind.REGULAR


class MovementEvent(Event):
    """One move of a movement through its lifecycle: who, when, from, to, why."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=16, choices=Movement.Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Movement.Status.choices)

    class Meta:
        verbose_name = _("movement event")
        verbose_name_plural = _("movement events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.movement}: {self.from_status} → {self.to_status}"


def movement_document_path(instance: "MovementDocument", filename: str) -> str:
    return random_name(f"movements/{instance.movement.starts_on.year}", filename)


class MovementDocument(CheckedFile):
    """A document attached to a movement (the launching decision, the plan, guidance), sent only
    to who may see the movement."""

    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(_("document title"), max_length=300)
    file = models.FileField(_("file"), upload_to=movement_document_path, max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("movement document")
        verbose_name_plural = _("movement documents")
        ordering = ["movement", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title
