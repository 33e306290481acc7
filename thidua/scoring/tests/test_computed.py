"""Computed criteria: points made from each unit's accepted figures of the year, against its
target or relative to the best unit of the cluster, explained in words."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from thidua.campaigns.models import Indicator, IndicatorReport, ReportingPeriod
from thidua.campaigns.services import indicators as indicator_services
from thidua.campaigns.services import reports as report_services
from thidua.core.audit import save_audited
from thidua.scoring.computed import answered_points, computed_points, year_results
from thidua.scoring.models import Criterion, ScoreEntry
from thidua.scoring.services import scorecards as services
from thidua.scoring.tests.factories import criteria_table

YEAR = 2023
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
R = IndicatorReport.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def ratio_indicator(world, *, code="van-ban", target=Decimal(60), **fields) -> Indicator:
    return indicator_services.indicator_create(
        cluster=world.cluster6, year=YEAR, by=world.leader_officer, code=code,
        name="Tỷ lệ văn bản xử lý đúng hạn", kind=Indicator.Kind.RATIO, target=target,
        numerator_label="Văn bản đã xử lý", denominator_label="Văn bản đến",
        frequency=Indicator.Frequency.QUARTER, **fields,
    )  # fmt: skip


def report(world, indicator, unit, numerator, denominator, *, key="Q4", status=R.ACCEPTED):
    """A unit's year-to-date figures at the end of period `key`, moved to `status`."""
    period = ReportingPeriod.objects.get(cluster=world.cluster6, year=YEAR, key=key)
    day = period.ends_on
    found, _changed = report_services.report_record(
        indicator=indicator, unit=unit, period=period, by=world.leader_officer,
        figures={"numerator": numerator, "denominator": denominator}, today=day,
    )  # fmt: skip
    now = dt.datetime(day.year, day.month, day.day, 9, tzinfo=HANOI)
    if status in (R.SUBMITTED, R.ACCEPTED):
        found = report_services.report_transition(
            report=found, to=R.SUBMITTED, by=world.leader_officer, now=now
        )
    if status == R.ACCEPTED:
        found = report_services.report_transition(
            report=found, to=R.ACCEPTED, by=world.secretary, now=now
        )
    return found


def table_with(world, kind: str, indicator, top: str = "20", **policy):
    layout = [("I", "regular", [("1.1", "graded", "30")]), ("II", "regular", [])]
    table = criteria_table(world.cluster6, YEAR, layout=layout, **policy)
    group = table.groups.get(code="II")
    criterion = Criterion(
        group=group, code="2.1", title="Văn bản đúng hạn", kind=kind,
        max_points=Decimal(top), indicator=indicator,
    )  # fmt: skip
    save_audited(criterion, by=None)
    return table, criterion


def points_of(world, table, criterion):
    found = computed_points([criterion], [world.dn, world.cq], table=table)
    return found[(criterion.pk, world.dn.pk)], found[(criterion.pk, world.cq.pk)]


# ---- the year's result -------------------------------------------------------------------------
def test_the_years_result_is_the_latest_accepted_report(world):
    indicator = ratio_indicator(world)
    report(world, indicator, world.cq, 50, 100, key="Q1")
    report(world, indicator, world.cq, 70, 100, key="Q2")
    report(world, indicator, world.cq, 90, 100, key="Q3", status=R.SUBMITTED)

    assert year_results(indicator, [world.cq]) == {world.cq.pk: Fraction(70)}


def test_a_report_not_yet_accepted_counts_for_nothing(world):
    indicator = ratio_indicator(world)
    report(world, indicator, world.cq, 90, 100, status=R.SUBMITTED)
    table, criterion = table_with(world, Criterion.Kind.TARGET, indicator)

    _dn, cq = points_of(world, table, criterion)

    assert cq.points == 0
    assert cq.explanation == "No accepted figures for 2023 yet: 0 points."


# ---- against the target ------------------------------------------------------------------------
def test_a_result_beyond_the_target_earns_the_full_points(world):
    indicator = ratio_indicator(world)
    report(world, indicator, world.cq, 1054, 1709)
    table, criterion = table_with(world, Criterion.Kind.TARGET, indicator)

    _dn, cq = points_of(world, table, criterion)

    assert cq.points == 20
    assert "61.67 %" in cq.explanation and "at least 60.00 %" in cq.explanation


def test_a_result_short_of_the_target_earns_points_in_proportion(world):
    indicator = ratio_indicator(world)
    report(world, indicator, world.cq, 45, 100)
    table, criterion = table_with(world, Criterion.Kind.TARGET, indicator)

    _dn, cq = points_of(world, table, criterion)

    assert cq.points == 15  # 45 / 60 of 20 points
    assert "15 of 20 points" in cq.explanation


def test_a_units_own_target_replaces_the_common_one(world):
    indicator = ratio_indicator(world)
    indicator_services.indicator_target_set(
        indicator=indicator, unit=world.cq, target=Decimal(90), by=world.leader_officer
    )
    report(world, indicator, world.cq, 45, 100)
    table, criterion = table_with(world, Criterion.Kind.TARGET, indicator)

    _dn, cq = points_of(world, table, criterion)

    assert cq.points == 10  # 45 / 90 of 20 points


def test_a_lower_is_better_target_inverts_the_ratio(world):
    indicator = ratio_indicator(world, target=Decimal(5), direction=Indicator.Direction.AT_MOST)
    report(world, indicator, world.cq, 10, 100)  # 10 % where at most 5 % is wanted
    table, criterion = table_with(world, Criterion.Kind.TARGET, indicator)

    _dn, cq = points_of(world, table, criterion)

    assert cq.points == 10


def test_a_criterion_without_an_indicator_earns_nothing_and_says_why(world):
    table, criterion = table_with(world, Criterion.Kind.TARGET, None)

    _dn, cq = points_of(world, table, criterion)

    assert cq.points == 0 and "No indicator is linked" in cq.explanation


# ---- relative to the cluster -------------------------------------------------------------------
def test_cluster_relative_points_compare_each_unit_with_the_best(world):
    indicator = ratio_indicator(world)
    report(world, indicator, world.dn, 80, 100)
    report(world, indicator, world.cq, 70, 100)
    table, criterion = table_with(world, Criterion.Kind.CLUSTER_RELATIVE, indicator)

    dn, cq = points_of(world, table, criterion)

    assert dn.points == 20
    assert cq.points == 15  # half, plus half × (10 / 20) of the best unit's excess
    assert "the best result in the cluster is 80.00 %" in cq.explanation


def test_below_the_target_a_unit_gets_nothing_when_the_policy_says_so(world):
    indicator = ratio_indicator(world)
    report(world, indicator, world.dn, 80, 100)
    report(world, indicator, world.cq, 30, 100)
    table, criterion = table_with(
        world, Criterion.Kind.CLUSTER_RELATIVE, indicator, below_target="zero"
    )

    _dn, cq = points_of(world, table, criterion)

    assert cq.points == 0 and "Below the target a unit gets no points." in cq.explanation


def test_below_the_target_a_unit_gets_half_in_proportion_by_default(world):
    indicator = ratio_indicator(world)
    report(world, indicator, world.dn, 80, 100)
    report(world, indicator, world.cq, 30, 100)
    table, criterion = table_with(world, Criterion.Kind.CLUSTER_RELATIVE, indicator)

    _dn, cq = points_of(world, table, criterion)

    assert cq.points == 5  # half of 20 × 30 / 60


# ---- on the cards ------------------------------------------------------------------------------
def test_the_cards_carry_the_computed_points_rounded_to_hundredths(world):
    indicator = ratio_indicator(world, target=Decimal(90))
    report(world, indicator, world.cq, 1054, 1709)
    table, criterion = table_with(world, Criterion.Kind.TARGET, indicator, top="10")

    services.cards_ensure(table=table, by=world.leader_officer)

    entry = ScoreEntry.objects.get(
        criterion=criterion, scorecard__unit=world.cq, scorecard__kind="self"
    )
    assert entry.points == Decimal("6.85")  # 61.6735… / 90 × 10


def test_a_submitted_card_keeps_the_points_it_was_submitted_with(world):
    indicator = ratio_indicator(world)
    table, criterion = table_with(world, Criterion.Kind.TARGET, indicator)
    services.cards_ensure(table=table, by=world.leader_officer)
    card = table.scorecards.get(unit=world.cq, kind="self")
    services.entry_record(entry=card.entries.get(criterion__code="1.1"), points=0, by=world.officer)
    services.card_submit(card=card, by=world.officer)
    report(world, indicator, world.cq, 90, 100)

    services.cards_ensure(table=table, by=world.leader_officer)

    assert card.entries.get(criterion=criterion).points == 0
    draft = table.scorecards.get(unit=world.cq, kind="cross")
    assert draft.entries.get(criterion=criterion).points == 20


# ---- answered by the scorer --------------------------------------------------------------------
def test_per_occurrence_points_stop_at_the_cap(world):
    table = criteria_table(world.cluster6, YEAR)
    criterion = Criterion.objects.get(group__table=table, code="2.2")  # 2 points each, cap 10

    assert answered_points(criterion, occurrences=3) == 6
    assert answered_points(criterion, occurrences=9) == 10


def test_pass_fail_earns_all_or_nothing(world):
    table = criteria_table(world.cluster6, YEAR)
    criterion = Criterion.objects.get(group__table=table, code="2.1")

    assert (answered_points(criterion, passed=True), answered_points(criterion, passed=False)) == (
        10,
        0,
    )
