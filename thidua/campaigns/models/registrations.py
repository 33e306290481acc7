"""Emulation registrations (đăng ký thi đua): the titles a unit and its people aim for in a year.

A unit registers once per movement; its entries name either the unit itself (a collective title)
or one of its people (an individual title). The unit head approves; changes after the deadline or
after approval are recorded with their reason (law.md §a: registration is often a precondition).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models.movements import Movement
from thidua.core.models import Event, TimeStampedModel
from thidua.org.models import Person, Unit


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting the unit head's approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    note = models.TextField(_("note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    return_reason = models.CharField(_("reason for return"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation registration")
        verbose_name_plural = _("emulation registrations")
        ordering = ["-movement__starts_on", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="one_registration_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"


class RegistrationEntry(TimeStampedModel):
    """One target title: for the unit itself when `person` is empty, else for that person."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE,
        related_name="entries",
    )  # fmt: skip
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="registration_entries",
    )  # fmt: skip
    award_code = models.CharField(_("target title"), max_length=32)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registered title")
        verbose_name_plural = _("registered titles")
        ordering = ["registration", "person__sort_name", "award_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "award_code"],
                condition=Q(person__isnull=True),
                name="one_collective_entry_per_title",
            ),
            models.UniqueConstraint(
                fields=["registration", "person", "award_code"],
                condition=Q(person__isnull=False),
                name="one_person_entry_per_title",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.registration.unit}: {self.award_code}"

    @property
    def is_collective(self) -> bool:
        return self.person_id is None


class RegistrationEvent(Event):
    """A move of a registration (submitted, approved, returned) or a late change, with why."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        LATE_CHANGE = "late_change", _("Changed after the deadline or after approval")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    detail = models.CharField(_("what changed"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("registration event")
        verbose_name_plural = _("registration events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.registration}: {self.kind}"
