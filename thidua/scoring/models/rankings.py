"""The cluster's ranking of a year: computed from the final-score rule, hidden from members until
the leader publishes it; a published ranking is never edited, a change is a new round with a
reason (the old one stays, marked replaced)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import TimeStampedModel
from thidua.org.models import Unit
from thidua.scoring.models.tables import CriteriaTable

SCORE = {"max_digits": 9, "decimal_places": 4}


class Ranking(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Replaced by a new round")

    table = models.ForeignKey(
        CriteriaTable, verbose_name=_("criteria table"), on_delete=models.PROTECT,
        related_name="rankings",
    )  # fmt: skip
    round = models.PositiveSmallIntegerField(_("round"), default=1, editable=False)
    reason = models.CharField(_("reason for a new round"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        ordering = ["table", "-round"]
        constraints = [
            models.UniqueConstraint(fields=["table", "round"], name="one_ranking_per_round"),
            models.UniqueConstraint(
                fields=["table"], condition=Q(status="draft"), name="one_draft_ranking_per_table"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.table} – {self.round}"


class RankingRow(models.Model):
    ranking = models.ForeignKey(
        Ranking, verbose_name=_("ranking"), on_delete=models.CASCADE, related_name="rows"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    final_score = models.DecimalField(_("final score"), **SCORE)
    self_score = models.DecimalField(_("self score"), **SCORE, null=True, blank=True)
    cross_mean = models.DecimalField(_("mean of cross scores"), **SCORE)
    cross_count = models.PositiveSmallIntegerField(_("cross scores counted"))
    bonus = models.DecimalField(_("bonus"), **SCORE, default=0)
    penalties = models.DecimalField(_("penalties"), **SCORE, default=0)
    group_scores = models.JSONField(_("scores by group"), default=dict)
    decided_by = models.CharField(_("decided by"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("ranking row")
        verbose_name_plural = _("ranking rows")
        ordering = ["ranking", "rank", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["ranking", "unit"], name="one_row_per_unit_and_ranking")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit}"
