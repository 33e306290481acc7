"""Scorecards: a unit scores itself (self) and the other members score it (cross).

A self scorecard goes through review rounds: the leader reviews, the unit explains (giải trình),
the leader reviews again (law.md §c.2 step 3). A cross scorer with a conflict of interest declares
it and is recused; a recused card does not count. Every score change is audited with its reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models.files import CheckedFile, random_name
from thidua.core.models import Event, TimeStampedModel
from thidua.org.models import Unit
from thidua.scoring.models.tables import POINTS, CriteriaTable, Criterion


class Scorecard(TimeStampedModel):
    class Kind(models.TextChoices):
        SELF = "self", _("Self-scoring")
        CROSS = "cross", _("Cross-scoring")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being scored")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for explanation")
        EXPLAINED = "explained", _("Explained, awaiting second review")
        ACCEPTED = "accepted", _("Accepted")
        RECUSED = "recused", _("Recused (conflict of interest)")

    table = models.ForeignKey(
        CriteriaTable, verbose_name=_("criteria table"), on_delete=models.PROTECT,
        related_name="scorecards",
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit scored"), on_delete=models.PROTECT, related_name="scorecards"
    )
    scorer = models.ForeignKey(
        Unit, verbose_name=_("scoring unit"), on_delete=models.PROTECT,
        related_name="scorecards_given",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0, editable=False)
    conflict = models.CharField(_("declared conflict of interest"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    is_late = models.BooleanField(_("late"), default=False, editable=False)
    revision = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["table", "unit", "kind", "scorer"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "unit", "scorer"], name="one_scorecard_per_scorer_and_unit"
            ),
            models.CheckConstraint(
                condition=(Q(kind="self") & Q(unit=F("scorer")))
                | (Q(kind="cross") & ~Q(unit=F("scorer"))),
                name="self_card_by_the_unit_cross_card_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.unit} ({self.scorer})"


class ScoreEntry(TimeStampedModel):
    """One criterion on one card. `points` is always within [0, max] (formulas.clamp)."""

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="entries"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="entries"
    )
    points = models.DecimalField(_("points"), **POINTS, null=True, blank=True)
    occurrences = models.PositiveIntegerField(_("occurrences"), null=True, blank=True)
    passed = models.BooleanField(_("met"), null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["scorecard", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion"], name="one_score_per_criterion_and_card"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0), name="score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"


def score_evidence_path(instance: "ScoreEvidence", filename: str) -> str:
    return random_name("scoring", filename)


class ScoreEvidence(CheckedFile):
    entry = models.ForeignKey(
        ScoreEntry, verbose_name=_("score"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=score_evidence_path, max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scoring evidence")
        verbose_name_plural = _("scoring evidence")
        ordering = ["uploaded_at", "pk"]


class ReviewComment(TimeStampedModel):
    """The leader's remark on a criterion in a review round, and the unit's explanation."""

    class Side(models.TextChoices):
        REVIEWER = "reviewer", _("Reviewer's remark")
        UNIT = "unit", _("Unit's explanation")

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="comments"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    review_round = models.PositiveSmallIntegerField(_("review round"))
    side = models.CharField(_("from"), max_length=8, choices=Side.choices)
    text = models.TextField(_("text"))
    proposed_points = models.DecimalField(_("proposed points"), **POINTS, null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["scorecard", "review_round", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ScorecardEvent(Event):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for explanation")
        EXPLAINED = "explained", _("Explanation sent")
        ACCEPTED = "accepted", _("Accepted")
        RECUSED = "recused", _("Recused")
        REOPENED = "reopened", _("Reopened")

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)

    class Meta(Event.Meta):
        verbose_name = _("scorecard event")
        verbose_name_plural = _("scorecard events")
