"""Target indicators of a cluster's year, the periods units report in, their reports and evidence.

Reports carry raw figures; a ratio is always computed from its numerator and denominator
(1,054/1,709 = 61.67 %), never from a rounded figure. Figures are year-to-date (lũy kế từ đầu
năm): the latest accepted report of the year is the unit's result.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models.files import CheckedFile, random_name
from thidua.core.db import VI_COLLATION
from thidua.core.models import Event, TimeStampedModel
from thidua.org.models import Cluster, Unit

FIGURE = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True}


class Indicator(TimeStampedModel):
    class Kind(models.TextChoices):
        RATIO = "ratio", _("Ratio of two counts")
        COUNT = "count", _("Count")
        PERCENTAGE = "percentage", _("Percentage")
        YES_NO = "yes_no", _("Yes or no")
        NUMBER = "number", _("Number")

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("At least the target (higher is better)")
        AT_MOST = "at_most", _("At most the target (lower is better)")

    class Frequency(models.TextChoices):
        QUARTER = "quarter", _("Every quarter")
        HALF = "half", _("Every half-year")
        YEAR = "year", _("Once a year")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="indicators"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    code = models.SlugField(_("code"), max_length=32, help_text=_("Short code used by feeds."))
    name = models.CharField(_("name"), max_length=300, db_collation=VI_COLLATION)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COUNT)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50, blank=True)
    numerator_label = models.CharField(_("numerator"), max_length=200, blank=True)
    denominator_label = models.CharField(_("denominator"), max_length=200, blank=True)
    direction = models.CharField(
        _("direction"), max_length=16, choices=Direction.choices, default=Direction.AT_LEAST
    )
    target = models.DecimalField(
        _("target"), **FIGURE,
        help_text=_("For a ratio or a percentage, in per cent; for yes or no, 1 means yes."),
    )  # fmt: skip
    frequency = models.CharField(
        _("reported"), max_length=16, choices=Frequency.choices, default=Frequency.QUARTER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target indicator")
        verbose_name_plural = _("target indicators")
        ordering = ["cluster", "year", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "code"], name="one_indicator_code_per_cluster_year"
            )
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(TimeStampedModel):
    """A unit's own target, overriding the indicator's common one."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit target")
        verbose_name_plural = _("unit targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit"], name="one_target_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} – {self.unit}: {self.target}"


class ReportingPeriod(TimeStampedModel):
    """A period of a cluster's year with its due date; once closed it takes no more reports."""

    class Key(models.TextChoices):
        Q1 = "Q1", _("Quarter I")
        Q2 = "Q2", _("Quarter II")
        Q3 = "Q3", _("Quarter III")
        Q4 = "Q4", _("Quarter IV")
        H1 = "H1", _("First half-year")
        H2 = "H2", _("Second half-year")
        YEAR = "Y", _("Whole year")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT,
        related_name="reporting_periods",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    key = models.CharField(_("period"), max_length=2, choices=Key.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("reports due on"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["cluster", "year", "ends_on", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "key"], name="one_reporting_period_per_key"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on"))
                & Q(due_on__gte=models.F("ends_on")),
                name="reporting_period_dates_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} {self.year}"

    @property
    def label(self) -> str:
        return str(self)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class IndicatorReport(TimeStampedModel):
    """A unit's year-to-date figures for one indicator at the end of one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for correction")

    class Source(models.TextChoices):
        FORM = "form", _("Entered on the page")
        FEED = "feed", _("Automatic feed")
        UPLOAD = "upload", _("File upload")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="indicator_reports"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT,
        related_name="reports",
    )  # fmt: skip
    numerator = models.DecimalField(_("numerator"), **FIGURE)
    denominator = models.DecimalField(_("denominator"), **FIGURE)
    value = models.DecimalField(_("value"), **FIGURE)
    note = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.FORM, editable=False
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    first_submitted_at = models.DateTimeField(
        _("first submitted at"), null=True, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    is_late = models.BooleanField(_("late"), default=False, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    return_reason = models.CharField(_("reason for return"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator report")
        verbose_name_plural = _("indicator reports")
        ordering = ["period__ends_on", "indicator__order", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="one_report_per_unit_period"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0),
                name="report_numerator_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gte=0),
                name="report_denominator_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.indicator} – {self.period}"


class ReportEvent(Event):
    """A move of a report (submitted, accepted, returned, changed by a feed) with its reason."""

    report = models.ForeignKey(IndicatorReport, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=16, choices=IndicatorReport.Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=IndicatorReport.Status.choices)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.from_status} → {self.to_status}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return random_name(f"evidence/{instance.report.period.year}", filename)


class Evidence(CheckedFile):
    """A file backing a report."""

    report = models.ForeignKey(
        IndicatorReport, verbose_name=_("report"), on_delete=models.PROTECT,
        related_name="evidence",
    )  # fmt: skip
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["report", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class FeedToken(TimeStampedModel):
    """A secret that lets another system (e.g. document management) push indicator values for a
    unit and its sub-units. Only a hash is stored; the token is shown once."""

    name = models.CharField(_("name"), max_length=150)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit (with its sub-units)"), on_delete=models.CASCADE,
        related_name="feed_tokens",
    )  # fmt: skip
    prefix = models.CharField(_("token begins with"), max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")
        ordering = ["unit", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
