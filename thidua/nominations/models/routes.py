"""Routes: how a proposal travels from the proposing unit to a decision, as configuration.

A route is an ordered list of steps (prepare → endorse → appraise → post → vote → decide …).
Which route a proposal takes follows the awards it carries (their level, or named codes) and
the awarding body; steps may be skipped by a condition or merged with the next one."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import TimeStampedModel
from thidua.org.models import Unit


class Route(TimeStampedModel):
    class Line(models.TextChoices):
        AUTHORITY = "authority", _("By line of authority (through the proposer's superiors)")
        SECTOR = "sector", _("By sector (through the sector's emulation secretariat)")

    class Restart(models.TextChoices):
        # After a return, the proposal goes through the steps after the named step again
        # (RESUME), or starts again at the first step (FROM_START).
        RESUME = "resume", _("Continue from the step it was returned to")
        FROM_START = "from_start", _("Start again from the first step")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    awarding_unit = models.ForeignKey(
        Unit, verbose_name=_("awarding body"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="nomination_routes",
        help_text=_("Empty: the route serves every awarding body."),
    )  # fmt: skip
    line = models.CharField(_("line"), max_length=16, choices=Line.choices, default=Line.SECTOR)
    award_levels = models.JSONField(
        _("award levels"), default=list, blank=True,
        help_text=_("Levels of the awards this route carries, e.g. [\"ministry\"]."),
    )  # fmt: skip
    award_codes = models.JSONField(
        _("award codes"), default=list, blank=True,
        help_text=_("Awards this route carries whatever their level; takes precedence."),
    )  # fmt: skip
    restart = models.CharField(
        _("after a return"), max_length=16, choices=Restart.choices, default=Restart.RESUME
    )
    components = models.JSONField(
        _("required dossier components"), default=dict, blank=True,
        help_text=_("Per award code, the components appraisal requires, replacing the defaults."),
    )  # fmt: skip
    vote_awards = models.JSONField(
        _("awards voted on by the council"), default=list, blank=True,
        # law.md §e.1 row 4: titles voted by a council (CSTĐ, flags …)
        help_text=_("Award codes that need a council vote; empty: every emulation title "
                    "above the unit level."),
    )  # fmt: skip
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RouteStep(models.Model):
    class Kind(models.TextChoices):
        PREPARE = "prepare", _("Prepare and submit")
        ENDORSE = "endorse", _("Endorse")
        APPRAISE = "appraise", _("Appraise")
        POST = "post", _("Public posting")
        VOTE = "vote", _("Council vote")
        FORWARD = "forward", _("Forward to a higher authority")
        DECIDE = "decide", _("Decide")

    class Actor(models.TextChoices):
        PROPOSER = "proposer", _("The proposing unit")
        CLUSTER = "cluster", _("The cluster leader")
        SUPERIOR = "superior", _("The proposing unit's superior")
        SECRETARIAT = "secretariat", _("The emulation secretariat")
        COUNCIL = "council", _("The emulation council")
        DECIDER = "decider", _("The awarding body")

    class Skip(models.TextChoices):
        NEVER = "", _("Never skipped")
        NO_CLUSTER = "no_cluster", _("Skipped when the proposal does not come from a cluster")
        NO_POSTING = "no_posting", _("Skipped when no award in the proposal needs public posting")
        NO_VOTE = "no_vote", _("Skipped when no award in the proposal needs a council vote")
        ALWAYS = "always", _("Always skipped (switched off)")

    route = models.ForeignKey(
        Route, verbose_name=_("route"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    actor = models.CharField(_("done by"), max_length=16, choices=Actor.choices)
    due_working_days = models.PositiveSmallIntegerField(
        _("deadline (working days)"), null=True, blank=True
    )
    remind_before_days = models.PositiveSmallIntegerField(
        _("reminder (working days before the deadline)"), default=2
    )
    skip = models.CharField(
        _("skipped"), max_length=16, choices=Skip.choices, default=Skip.NEVER, blank=True
    )
    merge_with_next = models.BooleanField(
        _("merged with the next step"), default=False,
        help_text=_("One action completes this step and the next (the same people do both)."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("route step")
        verbose_name_plural = _("route steps")
        ordering = ["route", "order"]
        constraints = [
            models.UniqueConstraint(fields=["route", "order"], name="route_step_order_unique"),
            models.UniqueConstraint(fields=["route", "code"], name="route_step_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
