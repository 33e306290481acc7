"""A voting session of a cluster's year-end meeting or of an emulation council: its voter roll,
questions (the leading unit, Bằng khen units, next leader and deputy, a title), candidates and
rounds. Thresholds and tie-breaks are the cluster's or council's policy (law.md §c.4 [U]); the
session keeps a snapshot of the policy it ran under, so a later policy change cannot alter it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import Event, TimeStampedModel
from thidua.org.models import Cluster, Council, Person, Unit


class BallotSession(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        OPEN = "open", _("Voting")
        CLOSED = "closed", _("Closed")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="ballot_sessions",
    )  # fmt: skip
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="ballot_sessions",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year of the results"))
    title = models.CharField(_("title"), max_length=300)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    chair_name = models.CharField(_("chaired by"), max_length=200, blank=True)
    secretary_name = models.CharField(_("minutes taken by"), max_length=200, blank=True)
    policy = models.JSONField(_("voting rules"), default=dict, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ballot session")
        verbose_name_plural = _("ballot sessions")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(cluster__isnull=False) & Q(council__isnull=True))
                | (Q(cluster__isnull=True) & Q(council__isnull=False)),
                name="ballot_session_of_a_cluster_or_a_council",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Voter(TimeStampedModel):
    """A line of the voter roll: a member unit of the cluster, or a member of the council.

    The roll says who may vote and how they attended; whether they voted is a VoterMark; what they
    chose is in a Ballot that names neither."""

    class Attendance(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        WRITTEN = "written", _("Absent, voted in writing")

    session = models.ForeignKey(
        BallotSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="voters"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("votes online as"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="ballot_voters",
    )  # fmt: skip
    label = models.CharField(_("name on the roll"), max_length=255)
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.PRESENT
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voter roll")
        ordering = ["session", "label"]
        constraints = [
            models.UniqueConstraint(fields=["session", "unit"], name="one_roll_line_per_unit"),
            models.UniqueConstraint(fields=["session", "person"], name="one_roll_line_per_person"),
            models.UniqueConstraint(fields=["session", "user"], name="one_roll_line_per_user"),
        ]

    def __str__(self) -> str:
        return self.label


class Question(TimeStampedModel):
    class Kind(models.TextChoices):
        LEADING_UNIT = "leading_unit", _("Leading unit (emulation flag)")
        MERIT_UNITS = "merit_units", _("Units proposed for a certificate of merit")
        NEXT_LEADER = "next_leader", _("Next cluster leader")
        NEXT_DEPUTY = "next_deputy", _("Next deputy leader")
        TITLE = "title", _("Title or form of award")

    session = models.ForeignKey(
        BallotSession, verbose_name=_("session"), on_delete=models.CASCADE,
        related_name="questions",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("question"), max_length=300)
    seats = models.PositiveSmallIntegerField(_("how many to choose"), default=1)
    award_code = models.CharField(_("award code"), max_length=32, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ballot question")
        verbose_name_plural = _("ballot questions")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="question_chooses_at_least_one")
        ]

    def __str__(self) -> str:
        return self.title


class Candidate(TimeStampedModel):
    """A unit or a person standing in a question; `figures` carry what the tie-break chain
    compares (e.g. {"final": "93.50", "group:I": "58.00"}), given by whoever set the question up."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="candidates"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    label = models.CharField(_("name on the ballot"), max_length=255)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["question", "order", "label"]

    def __str__(self) -> str:
        return self.label


class Round(TimeStampedModel):
    """One vote on a question. A re-vote among tied candidates is a new round; `result` is the
    published tally, written once when the round closes."""

    class Status(models.TextChoices):
        OPEN = "open", _("Voting")
        CLOSED = "closed", _("Closed")

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    candidates = models.ManyToManyField(Candidate, verbose_name=_("candidates"), related_name="+")
    seats = models.PositiveSmallIntegerField(_("how many to choose"))
    reason = models.CharField(_("why this round"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, editable=False
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    result = models.JSONField(_("published tally"), default=dict, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ballot round")
        verbose_name_plural = _("ballot rounds")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="one_round_number_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question} – {self.number}"


class SessionEvent(Event):
    class Action(models.TextChoices):
        OPENED = "opened", _("Voting opened")
        ROUND_OPENED = "round_opened", _("Round opened")
        ROUND_CLOSED = "round_closed", _("Round closed")
        CHAIR_DECIDED = "chair_decided", _("Decided by the chair")
        CLOSED = "closed", _("Session closed")

    session = models.ForeignKey(
        BallotSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="events"
    )
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="events",
    )  # fmt: skip
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta(Event.Meta):
        verbose_name = _("session event")
        verbose_name_plural = _("session events")
