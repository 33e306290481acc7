"""Cluster pledges (giao ước thi đua): signed by every member unit at the start of the year.

Opening a pledge for signature freezes its text (a digest of the canonical text is kept and each
signature records the digest it signed). An amendment is a new version that all members sign
again; the old version stays in force until the new one is fully signed (law.md §c.2 step 1).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models.indicators import Indicator
from thidua.core.models import TimeStampedModel
from thidua.org.models import Cluster, Unit


class Pledge(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNING = "signing", _("Open for signature")
        IN_FORCE = "in_force", _("Signed by all members")
        SUPERSEDED = "superseded", _("Replaced by an amendment")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="pledges"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    supersedes = models.OneToOneField(
        "self", verbose_name=_("amends"), on_delete=models.PROTECT, null=True, blank=True,
        editable=False, related_name="amended_by",
    )  # fmt: skip
    amendment_reason = models.CharField(_("reason for the amendment"), max_length=500, blank=True)
    theme = models.CharField(_("theme"), max_length=500)
    preamble = models.TextField(_("preamble"), blank=True)
    place = models.CharField(_("place of signing"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    text_digest = models.CharField(_("text fingerprint"), max_length=64, blank=True, editable=False)
    opened_at = models.DateTimeField(_("opened for signature at"), null=True, blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")
        ordering = ["cluster", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "version"], name="one_pledge_version_per_cluster_year"
            ),
            models.UniqueConstraint(
                fields=["cluster", "year"],
                condition=Q(status="draft") | Q(status="signing"),
                name="one_open_pledge_per_cluster_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year} (v{self.version})"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class PledgeItem(TimeStampedModel):
    """A numbered content of the pledge, optionally tied to the indicators that measure it."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("pledge"), on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("content"))
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("target indicators"), blank=True, related_name="pledge_items"
    )
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        verbose_name = _("pledge content")
        verbose_name_plural = _("pledge contents")
        ordering = ["pledge", "number"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "number"], name="one_pledge_item_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class PledgeSignature(models.Model):
    """A member unit's signature; never edited (an amendment is signed again as a new version)."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("pledge"), on_delete=models.PROTECT, related_name="signatures"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="pledge_signatures"
    )
    signer_name = models.CharField(_("signed by (name)"), max_length=150)
    signer_position = models.CharField(_("signer's position"), max_length=150)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    text_digest = models.CharField(_("text fingerprint signed"), max_length=64)

    class Meta:
        verbose_name = _("pledge signature")
        verbose_name_plural = _("pledge signatures")
        ordering = ["pledge", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit"], name="one_signature_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.pledge}"
