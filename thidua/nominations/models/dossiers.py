"""Proposals (tờ trình) and the dossier of each nominee, with the moves of the proposal."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.models import AwardRecord, AwardType, Initiative
from thidua.ballots.models import BallotSession, Candidate
from thidua.campaigns.models.files import CheckedFile, random_name
from thidua.core.models import Event, TimeStampedModel
from thidua.nominations.models.routes import Route, RouteStep
from thidua.org.models import Cluster, Person, Unit


class Batch(TimeStampedModel):
    """A proposal (tờ trình, ND 98/152 Form 01) with its list of nominees, moving along a route."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        IN_PROGRESS = "in_progress", _("In progress")
        RETURNED = "returned", _("Returned")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    proposer = models.ForeignKey(
        Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT,
        related_name="proposals_made",
    )  # fmt: skip
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="proposals",
    )  # fmt: skip
    awarding_unit = models.ForeignKey(
        Unit, verbose_name=_("awarding body"), on_delete=models.PROTECT,
        related_name="proposals_received",
    )  # fmt: skip
    route = models.ForeignKey(
        Route, verbose_name=_("route"), on_delete=models.PROTECT, related_name="batches"
    )
    year = models.PositiveSmallIntegerField(_("achievement year"))
    title = models.CharField(_("abstract"), max_length=500)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    step = models.ForeignKey(
        RouteStep, verbose_name=_("current step"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    step_entered_at = models.DateTimeField(_("step entered at"), null=True, blank=True)
    step_due_on = models.DateField(_("step due on"), null=True, blank=True)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True)
    ballot_session = models.ForeignKey(
        BallotSession, verbose_name=_("ballot it comes from"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    council_session = models.ForeignKey(
        BallotSession, verbose_name=_("council vote"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return self.title


class BatchMove(Event):
    """Every move of a proposal along its route: who, when, from which step to which, and why."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        FORWARD = "forward", _("Sent on")
        SKIP = "skip", _("Step skipped")
        RETURN = "return", _("Returned")
        RESTART = "restart", _("Started again")
        WITHDRAW = "withdraw", _("Withdrawn")
        REMIND = "remind", _("Reminder sent")
        DECIDE = "decide", _("Decided")

    batch = models.ForeignKey(
        Batch, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="moves"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_step = models.ForeignKey(
        RouteStep, verbose_name=_("from step"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    to_step = models.ForeignKey(
        RouteStep, verbose_name=_("to step"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta(Event.Meta):
        verbose_name = _("move of a proposal")
        verbose_name_plural = _("moves of proposals")


class Dossier(TimeStampedModel):
    """One nominee of a proposal: the achievement report (Form 02 for a collective, Form 03 for
    an individual), attachments, the engine's verdict with its pack version, and warnings."""

    class Status(models.TextChoices):
        INCLUDED = "included", _("In the proposal")
        WITHDRAWN = "withdrawn", _("Taken out of the proposal")

    class Appraisal(models.TextChoices):
        PENDING = "pending", _("Not appraised yet")
        PASSED = "passed", _("Appraised: complete")
        INCOMPLETE = "incomplete", _("Appraised: components missing")
        REJECTED = "rejected", _("Appraised: not eligible")

    class Council(models.TextChoices):
        PENDING = "pending", _("Not voted yet")
        ELECTED = "elected", _("Approved by the council")
        NOT_ELECTED = "not_elected", _("Not approved by the council")
        NOT_REQUIRED = "not_required", _("No council vote needed")

    batch = models.ForeignKey(
        Batch, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="dossiers"
    )
    award = models.ForeignKey(
        AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="dossiers"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="dossiers",
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, verbose_name=_("collective"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="dossiers",
    )  # fmt: skip
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The unit that prepares the dossier and may see it."),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("achievement year"))
    period_start = models.PositiveSmallIntegerField(
        _("achievement period from"), null=True, blank=True
    )
    report = models.JSONField(_("achievement report"), default=dict, blank=True)
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatives relied on"), blank=True, related_name="dossiers"
    )
    relied_on = models.ManyToManyField(
        AwardRecord, verbose_name=_("awards relied on"), blank=True, related_name="relied_by",
        help_text=_("Earlier awards the verdict counted as prerequisites."),
    )  # fmt: skip
    ballot_candidate = models.ForeignKey(
        Candidate, verbose_name=_("ballot result"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    verdict = models.JSONField(_("engine verdict"), default=dict, blank=True)
    verdict_status = models.CharField(_("verdict"), max_length=20, blank=True)
    pack = models.CharField(_("rule pack"), max_length=64, blank=True)
    pack_version = models.CharField(_("pack version"), max_length=64, blank=True)
    verdict_at = models.DateTimeField(_("judged at"), null=True, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INCLUDED
    )
    appraisal = models.CharField(
        _("appraisal"), max_length=16, choices=Appraisal.choices, default=Appraisal.PENDING
    )
    checklist = models.JSONField(_("appraisal checklist"), default=dict, blank=True)
    appraisal_note = models.TextField(_("reviewer's notes"), blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("appraised by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    appraised_at = models.DateTimeField(_("appraised at"), null=True, blank=True)
    council = models.CharField(
        _("council vote"), max_length=16, choices=Council.choices, default=Council.PENDING
    )
    history = HistoricalRecords(m2m_fields=[initiatives])

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["batch", "award__sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="dossier_one_subject",
            ),
            models.UniqueConstraint(
                fields=["batch", "award", "person"],
                condition=Q(status="included", person__isnull=False),
                name="one_person_dossier_per_award_in_batch",
            ),
            models.UniqueConstraint(
                fields=["batch", "award", "unit"],
                condition=Q(status="included", unit__isnull=False),
                name="one_unit_dossier_per_award_in_batch",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} – {self.award}"

    @property
    def subject(self) -> Person | Unit:
        return self.person or self.unit

    @property
    def form(self) -> str:
        """The achievement report form: 03 for an individual, 02 for a collective."""
        return "03" if self.person_id else "02"


def attachment_path(instance: "DossierAttachment", filename: str) -> str:
    return random_name("dossiers", filename)


class DossierAttachment(CheckedFile):
    class Kind(models.TextChoices):
        REPORT = "report", _("Signed achievement report")
        UNIT_MINUTES = "unit_minutes", _("Minutes of the unit's meeting")
        CLUSTER_MINUTES = "cluster_minutes", _("Minutes of the cluster meeting and ballot results")
        COUNCIL_MINUTES = "council_minutes", _("Minutes of the council meeting and ballot results")
        INITIATIVE = "initiative", _("Recognition of an initiative or research")
        EVIDENCE = "evidence", _("Evidence")
        OPINION = "opinion", _("Opinion of a related agency")
        OTHER = "other", _("Other")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    certified = models.BooleanField(
        _("original or certified copy"), default=True,
        help_text=_("Evidence must be originals or certified copies (CV 3385/BTĐKT-P.II)."),
    )  # fmt: skip
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier attachment")
        verbose_name_plural = _("dossier attachments")
        ordering = ["uploaded_at", "pk"]
