"""A cluster's criteria table for one year (bảng tiêu chí chấm điểm thi đua): groups of criteria
with their maximum points, each criterion of a type that says how its points are made.

The sector's table and point scale are not published (law.md §c.3 [U]): every number here is set
by the cluster. A table is locked once the pledge that uses it is opened for signature, because
the members sign up to the criteria along with the pledge (law.md §c.2 step 1).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models import Indicator, Pledge
from thidua.core.db import VI_COLLATION
from thidua.core.models import TimeStampedModel
from thidua.org.models import Cluster

POINTS = {"max_digits": 7, "decimal_places": 2}


class CriteriaTable(TimeStampedModel):
    class CrossScorers(models.TextChoices):
        ALL_OTHERS = "all_others", _("Every other member unit")
        LEADERSHIP = "leadership", _("The leader and the deputy (each scores the others)")

    class BelowTarget(models.TextChoices):
        PROPORTIONAL = "proportional", _("Half the points in proportion to the result")
        ZERO = "zero", _("No points")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="criteria_tables"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    pledge = models.ForeignKey(
        Pledge, verbose_name=_("pledge"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="criteria_tables",
        help_text=_("Once this pledge is opened for signature the table can no longer change."),
    )  # fmt: skip
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), on_delete=models.SET_NULL, null=True, blank=True,
        editable=False, related_name="copies",
    )  # fmt: skip
    # The final-score rule (formulas.FinalRule) and the ranking's tie-break chain: policy.
    cross_scorers = models.CharField(
        _("who cross-scores"), max_length=16, choices=CrossScorers.choices,
        default=CrossScorers.ALL_OTHERS,
    )  # fmt: skip
    trim_extremes = models.BooleanField(
        _("drop the highest and the lowest cross score"), default=False,
        help_text=_("Applies when there are at least three cross scores."),
    )  # fmt: skip
    bonus_cap = models.DecimalField(_("bonus cap"), **POINTS, null=True, blank=True, default=10)
    penalty_cap = models.DecimalField(_("penalty cap"), **POINTS, null=True, blank=True)
    floor_at_zero = models.BooleanField(_("a final score is never below zero"), default=True)
    below_target = models.CharField(
        _("cluster-relative criteria, below the target"), max_length=16,
        choices=BelowTarget.choices, default=BelowTarget.PROPORTIONAL,
    )  # fmt: skip
    tie_break = models.JSONField(
        _("tie-break chain"), default=list, blank=True,
        help_text=_('Figures compared in order when final scores are equal, e.g. ["group:I", '
                    '"penalties"].'),
    )  # fmt: skip
    self_due_on = models.DateField(_("self-scoring due on"), null=True, blank=True)
    cross_due_on = models.DateField(_("cross-scoring due on"), null=True, blank=True)
    explanation_due_on = models.DateField(_("explanations due on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criteria table")
        verbose_name_plural = _("criteria tables")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="one_criteria_table_per_year")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.pledge_id is not None and self.pledge.status != Pledge.Status.DRAFT


class CriterionGroup(TimeStampedModel):
    """A group of the table (I, II, …); bonus and penalty items sit in groups of their own."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Scored criteria")
        BONUS = "bonus", _("Bonus points")
        PENALTY = "penalty", _("Penalty points")

    table = models.ForeignKey(
        CriteriaTable, verbose_name=_("criteria table"), on_delete=models.CASCADE,
        related_name="groups",
    )  # fmt: skip
    code = models.CharField(_("code"), max_length=16, help_text=_("For example I, II, III."))
    title = models.CharField(_("title"), max_length=300, db_collation=VI_COLLATION)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criteria group")
        verbose_name_plural = _("criteria groups")
        ordering = ["table", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="one_group_code_per_table")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Criterion(TimeStampedModel):
    class Kind(models.TextChoices):
        GRADED = "graded", _("Graded by the scorer, up to the maximum")
        TARGET = "target", _("Against the indicator's target")
        CLUSTER_RELATIVE = "cluster_relative", _("Against the target, relative to the best unit")
        PASS_FAIL = "pass_fail", _("Met or not met")
        PER_OCCURRENCE = "per_occurrence", _("Points per occurrence, up to a cap")

    group = models.ForeignKey(
        CriterionGroup, verbose_name=_("group"), on_delete=models.CASCADE,
        related_name="criteria",
    )  # fmt: skip
    code = models.CharField(_("code"), max_length=16, help_text=_("For example 1.2."))
    title = models.CharField(_("criterion"), max_length=500)
    guidance = models.TextField(_("how to score"), blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.GRADED)
    max_points = models.DecimalField(
        _("maximum points"), **POINTS,
        help_text=_("For a bonus or penalty item: the most it can add or take away."),
    )  # fmt: skip
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="criteria",
    )  # fmt: skip
    points_each = models.DecimalField(_("points each time"), **POINTS, null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["group", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["group", "code"], name="one_criterion_code_per_group"),
            models.CheckConstraint(
                condition=Q(max_points__gte=0), name="criterion_max_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_computed(self) -> bool:
        """Points come from the indicator's accepted figures, not from a scorer."""
        return self.kind in {self.Kind.TARGET, self.Kind.CLUSTER_RELATIVE}
