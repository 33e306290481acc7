"""Indicator reports: raw figures checked by kind, submitted, reviewed by the cluster leader,
replaced by feeds, guarded against lost updates."""

import datetime as dt
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db.models import QuerySet
from django.utils import translation

from thidua.campaigns.models import Indicator, IndicatorReport, ReportEvent, ReportingPeriod
from thidua.campaigns.services import indicators as indicator_services
from thidua.campaigns.services import reports as services
from thidua.core.errors import DomainError

K = Indicator.Kind
S = IndicatorReport.Status
YEAR = 2024
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _english():
    """Messages compared in English (the msgids); the pages are checked in Vietnamese."""
    with translation.override("en"):
        yield


# ---- helpers shared with the other report test modules ------------------------------------------
def make_indicator(world, **fields) -> Indicator:
    values = {
        "code": "van-ban-den",
        "name": "Tỷ lệ văn bản đến được xử lý đúng hạn",
        "kind": K.RATIO,
        "numerator_label": "Văn bản đã xử lý",
        "denominator_label": "Văn bản đến",
        "target": Decimal(60),
        "frequency": Indicator.Frequency.QUARTER,
    }
    return indicator_services.indicator_create(
        cluster=world.cluster6, year=YEAR, by=world.leader_officer, **(values | fields)
    )


def period(world, key: str = "Q1") -> ReportingPeriod:
    return ReportingPeriod.objects.get(cluster=world.cluster6, year=YEAR, key=key)


def record(world, indicator, *, unit=None, key="Q1", by=None, **kwargs) -> IndicatorReport:
    figures = {n: kwargs.pop(n) for n in ("numerator", "denominator", "value") if n in kwargs}
    report, _changed = services.report_record(
        indicator=indicator, unit=unit or world.cq, period=period(world, key), figures=figures,
        by=by or world.officer, **kwargs,
    )  # fmt: skip
    return report


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=HANOI)


def submitted(world, indicator, **kwargs) -> IndicatorReport:
    report = record(world, indicator, **kwargs)
    return services.report_transition(report=report, to=S.SUBMITTED, by=world.officer)


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


# ---- figures ----------------------------------------------------------------------------------
def test_a_ratio_report_keeps_its_raw_counts(world):
    report = record(world, make_indicator(world), numerator=1054, denominator=1709)

    report.refresh_from_db()
    assert (report.numerator, report.denominator, report.value) == (1054, 1709, None)
    assert report.status == S.DRAFT and report.revision == 1


def test_a_report_for_a_closed_period_is_refused_and_nothing_is_saved(world):
    indicator = make_indicator(world)
    services.period_close(period=period(world), by=world.leader_officer, reason="Đã họp cụm")

    error = refused(record, world=world, indicator=indicator, numerator=1, denominator=2)

    assert error.code == "period_closed"
    assert "closed" in error.messages[0]
    assert not IndicatorReport.objects.exists()


@pytest.mark.parametrize(
    ("kind", "figures", "field", "message"),
    [
        (K.COUNT, {"value": -3}, "value", "A count is a whole number, zero or more."),
        (K.COUNT, {"value": Decimal("2.5")}, "value", "A count is a whole number, zero or more."),
        (K.RATIO, {"numerator": -1, "denominator": 5}, "numerator", "cannot be negative"),
        (K.RATIO, {"numerator": Decimal("1.5"), "denominator": 5}, "numerator", "whole number"),
        (K.PERCENTAGE, {"value": Decimal("100.5")}, "value", "between 0 and 100"),
        (K.YES_NO, {"value": 2}, "value", "Answer yes or no."),
        (K.COUNT, {"value": "mười"}, "value", "Enter a number."),
        (K.NUMBER, {"value": "NaN"}, "value", "Enter a number."),
    ],
)
def test_figures_the_kind_cannot_have_are_refused_and_nothing_is_saved(
    world, kind, figures, field, message
):
    labels = {"numerator_label": "Đã xử lý", "denominator_label": "Đến"}
    indicator = make_indicator(world, kind=kind, target=None, **labels)

    error = refused(record, world=world, indicator=indicator, **figures)

    assert error.field == field
    assert message in error.messages[0]
    assert not IndicatorReport.objects.exists()


def test_a_numerator_larger_than_its_denominator_is_refused_naming_both(world):
    indicator = make_indicator(world)

    error = refused(record, world=world, indicator=indicator, numerator=1800, denominator=1709)

    assert error.messages == ["Văn bản đã xử lý (1,800) cannot be more than Văn bản đến (1,709)."]
    assert not IndicatorReport.objects.exists()


def test_a_period_outside_the_indicators_frequency_is_refused(world):
    indicator = make_indicator(world, frequency=Indicator.Frequency.YEAR)

    error = refused(record, world=world, indicator=indicator, numerator=1, denominator=2)

    assert error.code == "period_frequency"


def test_a_unit_outside_the_cluster_cannot_report(world):
    error = refused(
        record, world=world, indicator=make_indicator(world), unit=world.kt, by=world.outsider,
        numerator=1, denominator=2,
    )  # fmt: skip

    assert error.code == "not_member"


# ---- submitting and the late flag -------------------------------------------------------------
def test_a_report_first_submitted_after_its_due_date_is_late(world, time_machine):
    indicator = make_indicator(world)
    time_machine.move_to(at(dt.date(2024, 4, 11)), tick=False)  # Q1 reports were due on 10/4/2024

    report = submitted(world, indicator, numerator=1054, denominator=1709)

    assert report.is_late
    assert report.first_submitted_at == at(dt.date(2024, 4, 11))


def test_a_report_submitted_on_its_due_date_is_not_late(world, time_machine):
    indicator = make_indicator(world)
    time_machine.move_to(at(dt.date(2024, 4, 10), hour=23))

    assert not submitted(world, indicator, numerator=1054, denominator=1709).is_late


def test_a_correction_sent_after_the_due_date_does_not_make_an_on_time_report_late(
    world, time_machine
):
    indicator = make_indicator(world)
    time_machine.move_to(at(dt.date(2024, 4, 5)))
    report = submitted(world, indicator, numerator=1054, denominator=1709)
    report = services.report_transition(
        report=report, to=S.RETURNED, by=world.leader_officer, reason="Thiếu số liệu tháng 3"
    )
    time_machine.move_to(at(dt.date(2024, 4, 20)))
    report, _ = services.report_record(
        indicator=indicator, unit=world.cq, period=period(world), by=world.officer,
        figures={"numerator": 1100, "denominator": 1709}, expected_revision=report.revision,
    )  # fmt: skip

    report = services.report_transition(report=report, to=S.SUBMITTED, by=world.officer)

    assert not report.is_late


# ---- review -----------------------------------------------------------------------------------
def test_the_cluster_leader_accepts_a_submitted_report(world):
    report = submitted(world, make_indicator(world), numerator=1054, denominator=1709)

    report = services.report_transition(report=report, to=S.ACCEPTED, by=world.leader_officer)

    assert (report.status, report.reviewed_by) == (S.ACCEPTED, world.leader_officer)
    assert report.events.last().to_status == S.ACCEPTED


def test_returning_a_report_needs_a_reason(world):
    report = submitted(world, make_indicator(world), numerator=1054, denominator=1709)

    error = refused(
        services.report_transition, report=report, to=S.RETURNED, by=world.leader_officer,
        reason="  ",
    )  # fmt: skip

    assert error.field == "reason"
    assert IndicatorReport.objects.get(pk=report.pk).status == S.SUBMITTED


def test_the_unit_corrects_a_returned_report_and_submits_it_again(world):
    indicator = make_indicator(world)
    report = submitted(world, indicator, numerator=1054, denominator=1709)
    report = services.report_transition(
        report=report, to=S.RETURNED, by=world.leader_officer, reason="Số văn bản đến chưa đúng"
    )

    report, changed = services.report_record(
        indicator=indicator, unit=world.cq, period=period(world), by=world.officer,
        figures={"numerator": 1054, "denominator": 1712}, expected_revision=report.revision,
    )  # fmt: skip
    report = services.report_transition(report=report, to=S.SUBMITTED, by=world.officer)

    assert changed and report.status == S.SUBMITTED and report.denominator == 1712
    moves = list(report.events.values_list("to_status", "reason"))
    assert moves == [
        (S.SUBMITTED, ""),
        (S.RETURNED, "Số văn bản đến chưa đúng"),
        (S.SUBMITTED, ""),
    ]


def test_a_unit_cannot_change_a_report_it_has_submitted(world):
    indicator = make_indicator(world)
    submitted(world, indicator, numerator=1054, denominator=1709)

    error = refused(record, world=world, indicator=indicator, numerator=1000, denominator=1709)

    assert error.code == "locked"


def test_a_report_cannot_be_accepted_before_it_is_submitted(world):
    report = record(world, make_indicator(world), numerator=1, denominator=2)

    error = refused(
        services.report_transition, report=report, to=S.ACCEPTED, by=world.leader_officer
    )

    assert error.code == "transition"


# ---- lost updates, feeds, idempotence ---------------------------------------------------------
def test_saving_over_a_newer_revision_is_refused_saying_who_changed_what(world):
    indicator = make_indicator(world)
    report = record(world, indicator, numerator=1000, denominator=1709)
    record(world, indicator, numerator=1054, denominator=1709, expected_revision=1)

    with pytest.raises(services.ReportConflict) as conflict:
        record(world, indicator, numerator=990, denominator=1709, expected_revision=1)

    message = conflict.value.messages[0]
    assert world.officer.username in message
    assert "1,000 → 1,054" in message
    assert IndicatorReport.objects.get(pk=report.pk).numerator == 1054


def test_a_feed_replacing_accepted_figures_sends_the_report_back_for_review(world):
    indicator = make_indicator(world)
    report = submitted(world, indicator, numerator=1054, denominator=1709)
    services.report_transition(report=report, to=S.ACCEPTED, by=world.leader_officer)

    report = record(
        world, indicator, numerator=1060, denominator=1709, by=None,
        source=IndicatorReport.Source.FEED,
    )  # fmt: skip

    assert (report.status, report.numerator, report.source) == (S.SUBMITTED, 1060, "feed")
    event = ReportEvent.objects.filter(report=report).last()
    assert (event.from_status, event.to_status) == (S.ACCEPTED, S.SUBMITTED)
    assert event.reason


def test_sending_the_same_figures_again_changes_nothing_and_writes_no_history(world):
    indicator = make_indicator(world)
    feed = {"by": None, "source": IndicatorReport.Source.FEED}
    first = record(world, indicator, numerator=1054, denominator=1709, **feed)
    rows = first.history.count()

    again, changed = services.report_record(
        indicator=indicator, unit=world.cq, period=period(world),
        figures={"numerator": "1054", "denominator": "1709"}, **feed,
    )  # fmt: skip

    assert not changed
    assert again.revision == first.revision
    assert again.history.count() == rows
    assert not ReportEvent.objects.exists()


def test_closing_a_period_twice_is_refused(world):
    make_indicator(world)
    services.period_close(period=period(world), by=world.leader_officer, reason="Đã họp cụm")

    error = refused(
        services.period_close, period=period(world), by=world.leader_officer, reason="Lần nữa"
    )

    assert error.code == "period_closed"


def test_a_first_report_saved_by_someone_else_meanwhile_is_replaced_not_duplicated(world):
    indicator = make_indicator(world)
    record(world, indicator, numerator=10, denominator=20, today=dt.date(YEAR, 4, 2))
    real_first, misses = QuerySet.first, []

    def misses_once(queryset):  # the lookup runs before the other first report was committed
        if not misses:
            misses.append(True)
            return None
        return real_first(queryset)

    with mock.patch.object(QuerySet, "first", misses_once):
        report = record(world, indicator, numerator=15, denominator=20, today=dt.date(YEAR, 4, 2))

    assert IndicatorReport.objects.count() == 1
    assert (report.numerator, report.revision) == (15, 2)
