"""Decisions (quyết định) with their lines and money, revocations and what they put in doubt.

An issued decision is never edited: a correction is a new decision that refers to it, and a
revocation is a record of its own (Law 06/2022, Chapter VII)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.models import AwardRecord, AwardType
from thidua.campaigns.models.files import CheckedFile, random_name
from thidua.core.formatting import document_number_text
from thidua.core.models import TimeStampedModel
from thidua.nominations.models.dossiers import Batch, Dossier
from thidua.org.models import Person, Unit


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) in force from a date: award money is a multiple of it."""

    valid_from = models.DateField(_("in force from"), unique=True)
    amount = models.DecimalField(_("amount (VND)"), max_digits=12, decimal_places=0)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.amount} ({self.valid_from})"


class Decision(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    class Style(models.TextChoices):
        PARTY = "party", _("Party (Guidance 36-HD/VPTW)")
        STATE = "state", _("State (Decree 30/2020/NĐ-CP)")

    class Rounding(models.TextChoices):
        UP_10000 = "up_10000", _("Up to the next 10,000 VND (ND 98/2023 Art. 53(2))")
        UP_1000 = "up_1000", _("Up to the next 1,000 VND")
        NONE = "none", _("Not rounded")

    issuer = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="decisions",
        help_text=_(
            "Empty for a decision of an authority outside thidua, e.g. the Prime Minister."
        ),
    )  # fmt: skip
    issuer_name = models.CharField(_("issued by"), max_length=255)
    issuer_code = models.CharField(_("issuer abbreviation"), max_length=32)
    style = models.CharField(_("document style"), max_length=8, choices=Style.choices)
    type_code = models.CharField(_("document type abbreviation"), max_length=16, default="QĐ")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year of the number"))
    signed_on = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's position"), max_length=150, blank=True)
    abstract = models.CharField(_("abstract"), max_length=500)
    batch = models.ForeignKey(
        Batch, verbose_name=_("proposal"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="decisions",
    )  # fmt: skip
    corrects = models.ForeignKey(
        "self", verbose_name=_("corrects"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="corrections",
    )  # fmt: skip
    rounding = models.CharField(
        _("rounding of money"), max_length=16, choices=Rounding.choices,
        default=Rounding.UP_10000,
    )  # fmt: skip
    base_salary = models.DecimalField(
        _("base salary applied (VND)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_code", "year", "number"],
                condition=Q(number__isnull=False),
                name="decision_number_unique_per_issuer_and_year",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False, signed_on__isnull=False),
                name="issued_decision_has_number_and_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number_text or str(self.abstract)

    @property
    def symbol(self) -> str:
        """Party: "QĐ/BTCTW" (type/issuer); State: "QĐ-UBND" (type-issuer)."""
        if self.style == self.Style.PARTY:
            return f"{self.type_code}/{self.issuer_code}"
        return f"{self.type_code}-{self.issuer_code}"

    @property
    def number_text(self) -> str:
        """36-HD/VPTW: "Số 12-QĐ/BTCTW"; ND 30/2020: "Số: 12/QĐ-UBND"; "" before numbering."""
        if self.number is None:
            return ""
        return document_number_text(
            style=self.style, number=self.number, type_code=self.type_code,
            issuer_code=self.issuer_code,
        )  # fmt: skip

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED


class DecisionLine(models.Model):
    """One recipient of a decision: award, person or collective, and the money."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="lines"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="decision_lines",
    )  # fmt: skip
    award = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, verbose_name=_("collective"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    label = models.CharField(_("name in the decision"), max_length=300)
    year = models.PositiveSmallIntegerField(_("achievement year"))
    period_start = models.PositiveSmallIntegerField(
        _("achievement period from"), null=True, blank=True
    )
    multiplier = models.DecimalField(
        _("multiplier"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    amount = models.DecimalField(
        _("amount (VND)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    award_record = models.OneToOneField(
        AwardRecord, verbose_name=_("award history record"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="decision_line",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        ordering = ["decision", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="decision_line_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} – {self.award}"


def decision_file_path(instance: "DecisionAttachment", filename: str) -> str:
    return random_name("decisions", filename)


class DecisionAttachment(CheckedFile):
    """A file of a decision: the signed and sealed copy, an annex with the list. Added to a draft
    or to an issued decision (its scan); removed only from a draft."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to=decision_file_path, max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision attachment")
        verbose_name_plural = _("decision attachments")
        ordering = ["uploaded_at", "pk"]


class Revocation(TimeStampedModel):
    """Law 06/2022 Art. 93: a decision line revoked, with its ground; insignia and money are
    recalled. Never edited: it is the record of what was decided."""

    class Ground(models.TextChoices):
        DISHONEST = "a", _("Achievements declared dishonestly (Art. 93(1)(a))")
        FALSE_PAPERS = "b", _("False information or forged papers (Art. 93(1)(b))")
        PROCEDURE = "c", _("Appraisal, review or proposal broke the law (Art. 93(1)(c))")
        NOT_MET = "d", _("A competent conclusion shows the criteria were not met (Art. 93(1)(d))")

    line = models.OneToOneField(
        DecisionLine, verbose_name=_("decision line"), on_delete=models.PROTECT,
        related_name="revocation",
    )  # fmt: skip
    ground = models.CharField(_("legal ground"), max_length=2, choices=Ground.choices)
    reason = models.TextField(_("reason"))
    document_ref = models.CharField(_("revoking decision"), max_length=100)
    revoked_on = models.DateField(_("revoked on"))
    amount_to_recover = models.DecimalField(
        _("money to recover (VND)"), max_digits=14, decimal_places=0, default=0
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")
        ordering = ["-revoked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.line} ({self.document_ref})"


class Recovery(TimeStampedModel):
    """Money and insignia recovered after a revocation (one row per payment)."""

    revocation = models.ForeignKey(
        Revocation, verbose_name=_("revocation"), on_delete=models.PROTECT,
        related_name="recoveries",
    )  # fmt: skip
    amount = models.DecimalField(_("amount recovered (VND)"), max_digits=14, decimal_places=0)
    recovered_on = models.DateField(_("recovered on"))
    insignia_returned = models.BooleanField(_("insignia returned"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recovery")
        verbose_name_plural = _("recoveries")
        ordering = ["recovered_on", "pk"]


class ReviewFlag(TimeStampedModel):
    """A later award put in doubt because an award it relied on as a prerequisite was revoked."""

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        KEPT = "kept", _("Reviewed: the award stands")
        REVOKED = "revoked", _("Reviewed: revoked in turn")

    revocation = models.ForeignKey(
        Revocation, verbose_name=_("caused by"), on_delete=models.PROTECT, related_name="flags"
    )
    award_record = models.ForeignKey(
        AwardRecord, verbose_name=_("award to review"), on_delete=models.PROTECT,
        related_name="review_flags",
    )  # fmt: skip
    verdict = models.JSONField(_("engine verdict without the revoked award"), default=dict)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    resolved_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award to review")
        verbose_name_plural = _("awards to review")
        ordering = ["status", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["revocation", "award_record"], name="one_flag_per_revocation_and_award"
            )
        ]
