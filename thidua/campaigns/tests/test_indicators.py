"""Target indicators of a cluster's year: checked by kind, per-unit targets, copied from last
year, changed with a reason once reported on; their pages and the reporting periods."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from thidua.campaigns.models import Indicator, IndicatorTarget, ReportingPeriod
from thidua.campaigns.services import indicators as services
from thidua.campaigns.tests.test_reports import YEAR, make_indicator, period, record, refused
from thidua.core.tests.helpers import sign_in

K = Indicator.Kind


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# ---- services ---------------------------------------------------------------------------------
def test_the_first_indicator_of_a_year_sets_up_its_reporting_periods(world):
    make_indicator(world)

    periods = ReportingPeriod.objects.filter(cluster=world.cluster6, year=YEAR)
    assert sorted(periods.values_list("key", flat=True)) == sorted(ReportingPeriod.Key.values)
    q1 = periods.get(key="Q1")
    assert (q1.ends_on, q1.due_on) == (dt.date(2024, 3, 31), dt.date(2024, 4, 10))


def test_an_indicator_code_is_used_once_in_a_cluster_year(world):
    make_indicator(world)

    error = refused(make_indicator, world=world, name="Một chỉ tiêu khác")

    assert (error.field, error.code) == ("code", "code_taken")
    assert Indicator.objects.count() == 1


def test_the_same_code_may_return_the_next_year(world):
    make_indicator(world)

    services.indicator_create(
        cluster=world.cluster6, year=YEAR + 1, by=world.leader_officer, code="van-ban-den",
        name="Tỷ lệ văn bản", kind=K.COUNT,
    )  # fmt: skip

    assert Indicator.objects.filter(code="van-ban-den").count() == 2


def test_a_ratio_needs_both_of_its_labels(world):
    error = refused(make_indicator, world=world, denominator_label="")

    assert error.field == "denominator_label"
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(
    ("kind", "target"),
    [
        (K.PERCENTAGE, Decimal("100.01")),
        (K.RATIO, Decimal(-1)),
        (K.YES_NO, Decimal(2)),
        (K.COUNT, Decimal("3.5")),
    ],
)
def test_a_target_the_kind_cannot_reach_is_refused(world, kind, target):
    error = refused(make_indicator, world=world, kind=kind, target=target)

    assert (error.field, error.code) == ("target", "target")


def test_a_unit_target_is_only_for_a_member_of_the_cluster_that_year(world):
    indicator = make_indicator(world)

    error = refused(
        services.indicator_target_set, indicator=indicator, unit=world.kt,
        target=Decimal(70), by=world.leader_officer,
    )  # fmt: skip

    assert error.code == "not_member"
    assert not IndicatorTarget.objects.exists()


def test_a_unit_that_left_the_cluster_before_the_year_gets_no_target(world):
    membership = world.cluster6.memberships.get(unit=world.cq)
    membership.left_on = dt.date(2023, 12, 31)
    membership.save()

    error = refused(
        services.indicator_target_set, indicator=make_indicator(world), unit=world.cq,
        target=Decimal(70), by=world.leader_officer,
    )  # fmt: skip

    assert error.code == "not_member"


def test_changing_an_indicator_units_reported_on_needs_a_reason_kept_in_the_history(world):
    indicator = make_indicator(world)
    record(world, indicator, numerator=1, denominator=2)

    error = refused(
        services.indicator_update, indicator=indicator, by=world.leader_officer,
        target=Decimal(70),
    )  # fmt: skip
    assert error.field == "reason"

    services.indicator_update(
        indicator=indicator, by=world.leader_officer, target=Decimal(70),
        reason="Kết luận hội nghị cụm",
    )  # fmt: skip
    latest = indicator.history.latest("history_date")
    assert latest.target == 70
    assert latest.history_change_reason == "Kết luận hội nghị cụm"


def test_changing_an_indicator_nobody_reported_on_needs_no_reason(world):
    indicator = make_indicator(world)

    services.indicator_update(indicator=indicator, by=world.leader_officer, target=Decimal(70))

    assert Indicator.objects.get(pk=indicator.pk).target == 70


def test_the_kind_of_an_indicator_units_reported_on_cannot_change(world):
    indicator = make_indicator(world)
    record(world, indicator, numerator=1, denominator=2)

    error = refused(
        services.indicator_update, indicator=indicator, by=world.leader_officer,
        kind=K.COUNT, reason="Đổi loại",
    )  # fmt: skip

    assert (error.field, error.code) == ("kind", "reported")


def test_copying_last_years_indicators_brings_the_own_targets_of_units_still_members(world):
    old = services.indicator_create(
        cluster=world.cluster6, year=YEAR - 1, by=world.leader_officer, code="van-ban-den",
        name="Tỷ lệ văn bản", kind=K.RATIO, numerator_label="Đã xử lý",
        denominator_label="Đến", target=Decimal(60),
    )  # fmt: skip
    services.indicator_target_set(
        indicator=old, unit=world.cq, target=Decimal(75), by=world.leader_officer
    )

    created = services.indicators_copy_from_year(
        cluster=world.cluster6, from_year=YEAR - 1, to_year=YEAR, by=world.leader_officer
    )

    [copy] = created
    assert (copy.year, copy.code, copy.kind, copy.target) == (YEAR, "van-ban-den", K.RATIO, 60)
    assert copy.targets.get().target == 75
    assert period(world, "Q1").due_on == dt.date(2024, 4, 10)


def test_copying_twice_adds_nothing(world):
    services.indicator_create(
        cluster=world.cluster6, year=YEAR - 1, by=world.leader_officer, code="dung-han",
        name="Báo cáo đúng hạn", kind=K.YES_NO, target=Decimal(1),
    )  # fmt: skip
    copy = {"cluster": world.cluster6, "from_year": YEAR - 1, "to_year": YEAR}
    services.indicators_copy_from_year(by=world.leader_officer, **copy)

    assert services.indicators_copy_from_year(by=world.leader_officer, **copy) == []
    assert Indicator.objects.filter(year=YEAR).count() == 1


def test_copying_from_a_year_without_indicators_is_refused(world):
    error = refused(
        services.indicators_copy_from_year, cluster=world.cluster6, from_year=YEAR - 1,
        to_year=YEAR, by=world.leader_officer,
    )  # fmt: skip

    assert error.code == "nothing_to_copy"


# ---- pages ------------------------------------------------------------------------------------
def list_url(world, year=YEAR) -> str:
    return f"/clusters/{world.cluster6.pk}/{year}/indicators/"


def test_the_list_shows_kind_target_frequency_and_the_units_own_targets(client, world):
    indicator = make_indicator(world)
    services.indicator_target_set(
        indicator=indicator, unit=world.cq, target=Decimal(75), by=world.leader_officer
    )
    sign_in(client, world.officer)

    page = client.get(list_url(world)).content.decode()

    assert "Tỷ lệ văn bản đến được xử lý đúng hạn" in page
    assert "60,00 %" in page
    assert "75,00 %" in page
    assert "31/03/2024" in page and "10/04/2024" in page


def test_the_leader_officer_adds_an_indicator_from_its_page_after_the_others(client, world):
    make_indicator(world)
    sign_in(client, world.leader_officer)

    response = client.post(
        f"{list_url(world)}new/",
        {"code": "dung-han", "name": "Báo cáo đúng hạn", "kind": "percentage",
         "direction": "at_least", "frequency": "half", "target": "95,5", "order": ""},
    )  # fmt: skip

    assert response.status_code == 302
    created = Indicator.objects.get(code="dung-han")
    assert (created.year, created.target, created.frequency) == (YEAR, Decimal("95.5"), "half")
    assert created.order == 2


def test_a_refused_indicator_keeps_what_was_typed_beside_the_error(client, world):
    sign_in(client, world.leader_officer)

    response = client.post(
        f"{list_url(world)}new/",
        {"code": "ty-le", "name": "Tỷ lệ đảng viên mới", "kind": "ratio",
         "numerator_label": "Đảng viên mới", "direction": "at_least", "frequency": "year",
         "order": "0"},
    )  # fmt: skip

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].has_error("denominator_label")
    assert 'value="Tỷ lệ đảng viên mới"' in page
    assert not Indicator.objects.exists()


def test_a_member_units_officer_sees_the_indicators_but_cannot_change_them(client, world):
    indicator = make_indicator(world)
    sign_in(client, world.officer)

    assert client.get(list_url(world)).status_code == 200
    assert client.get(f"{list_url(world)}new/").status_code == 403
    assert client.get(f"/indicators/{indicator.pk}/edit/").status_code == 403


def test_an_officer_of_another_cluster_gets_404(client, world):
    indicator = make_indicator(world)
    sign_in(client, world.outsider)

    assert client.get(list_url(world)).status_code == 404
    assert client.get(f"/indicators/{indicator.pk}/targets/").status_code == 404


def test_editing_an_indicator_reported_on_asks_for_the_reason(client, world):
    indicator = make_indicator(world)
    record(world, indicator, numerator=1, denominator=2)
    sign_in(client, world.leader_officer)
    data = {
        "code": indicator.code, "name": indicator.name, "kind": "ratio",
        "numerator_label": indicator.numerator_label,
        "denominator_label": indicator.denominator_label, "direction": "at_least",
        "frequency": "quarter", "target": "65", "order": "0",
    }  # fmt: skip

    refused_page = client.post(f"/indicators/{indicator.pk}/edit/", data)
    saved = client.post(f"/indicators/{indicator.pk}/edit/", data | {"reason": "Nghị quyết"})

    assert refused_page.status_code == 200
    assert refused_page.context["form"].has_error("reason")
    assert saved.status_code == 302
    assert Indicator.objects.get(pk=indicator.pk).target == 65


def test_the_units_targets_form_sets_one_and_clears_another(client, world):
    indicator = make_indicator(world)
    services.indicator_target_set(
        indicator=indicator, unit=world.dn, target=Decimal(80), by=world.leader_officer
    )
    sign_in(client, world.leader_officer)

    response = client.post(
        f"/indicators/{indicator.pk}/targets/",
        {f"unit_{world.cq.pk}": "70,5", f"unit_{world.dn.pk}": ""},
    )

    assert response.status_code == 302
    assert list(indicator.targets.values_list("unit", "target")) == [(world.cq.pk, Decimal("70.5"))]


def test_a_target_refused_for_one_unit_saves_none(client, world):
    indicator = make_indicator(world)
    sign_in(client, world.leader_officer)

    response = client.post(
        f"/indicators/{indicator.pk}/targets/",
        {f"unit_{world.cq.pk}": "70", f"unit_{world.dn.pk}": "120"},
    )

    assert response.status_code == 200
    assert response.context["form"].has_error(f"unit_{world.dn.pk}")
    assert not IndicatorTarget.objects.exists()


def test_the_copy_button_copies_last_years_set(client, world):
    services.indicator_create(
        cluster=world.cluster6, year=YEAR - 1, by=world.leader_officer, code="dung-han",
        name="Báo cáo đúng hạn", kind=K.YES_NO, target=Decimal(1),
    )  # fmt: skip
    sign_in(client, world.leader_officer)

    response = client.post(f"{list_url(world)}copy/")

    assert response.status_code == 302
    assert Indicator.objects.filter(year=YEAR, code="dung-han").exists()


def test_the_due_date_is_changed_on_its_page(client, world):
    make_indicator(world)
    q1 = period(world)
    sign_in(client, world.leader_officer)

    response = client.post(f"/periods/{q1.pk}/due/", {"due_on": "2024-04-15"})

    assert response.status_code == 302
    assert period(world).due_on == dt.date(2024, 4, 15)


def test_a_due_date_before_the_period_ends_is_refused_on_its_page(client, world):
    make_indicator(world)
    sign_in(client, world.leader_officer)

    response = client.post(f"/periods/{period(world).pk}/due/", {"due_on": "2024-03-01"})

    assert response.context["form"].has_error("due_on")
    assert period(world).due_on == dt.date(2024, 4, 10)


def test_closing_a_period_asks_for_confirmation_and_a_reason(client, world):
    make_indicator(world)
    q1 = period(world)
    sign_in(client, world.leader_officer)

    confirm = client.get(f"/periods/{q1.pk}/close/")
    without_reason = client.post(f"/periods/{q1.pk}/close/", {"reason": ""})
    closed = client.post(f"/periods/{q1.pk}/close/", {"reason": "Hội nghị cụm đã chốt số liệu"})

    assert confirm.status_code == 200 and without_reason.status_code == 200
    assert closed.status_code == 302
    q1.refresh_from_db()
    assert q1.is_closed and q1.closed_by == world.leader_officer
    assert q1.history.latest("history_date").history_change_reason == (
        "Hội nghị cụm đã chốt số liệu"
    )


def test_a_member_units_officer_cannot_close_a_period(client, world):
    make_indicator(world)
    sign_in(client, world.officer)

    response = client.post(f"/periods/{period(world).pk}/close/", {"reason": "Thử"})

    assert response.status_code == 403
    assert not period(world).is_closed


def test_the_secretariat_running_the_cluster_manages_its_indicators(client, world):
    sign_in(client, world.secretary)

    assert client.get(f"{list_url(world)}new/").status_code == 200


def test_the_management_pages_open_for_the_leader_officer(client, world):
    indicator = make_indicator(world)
    sign_in(client, world.leader_officer)

    for url in (
        f"/indicators/{indicator.pk}/edit/",
        f"/indicators/{indicator.pk}/targets/",
        f"/periods/{period(world).pk}/due/",
        f"{list_url(world)}new/",
    ):
        assert client.get(url).status_code == 200, url


def test_the_list_reads_in_as_many_queries_for_many_indicators_as_for_one(client, world):
    make_indicator(world)
    sign_in(client, world.leader_officer)
    with CaptureQueriesContext(connection) as one:
        client.get(list_url(world))
    for n in range(5):
        indicator = make_indicator(world, code=f"ct-{n}", name=f"Chỉ tiêu {n}")
        services.indicator_target_set(
            indicator=indicator, unit=world.cq, target=Decimal(50), by=world.leader_officer
        )

    with CaptureQueriesContext(connection) as many:
        client.get(list_url(world))

    assert len(many) == len(one)
