"""Indicator values through the API: the feed's checks and recording, as the unit's officer.

Cluster 6 counts the documents received (VB_DEN) quarter by quarter in 2025; today is 15 July
2025, so Q1 and Q2 are open.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from thidua.api.tests.api_helpers import Api, fields, readable_codes
from thidua.campaigns.models import Indicator, IndicatorReport
from thidua.campaigns.services.reports import periods_ensure

pytestmark = pytest.mark.django_db
S = IndicatorReport.Status


@pytest.fixture(autouse=True)
def mid_july():
    with time_machine.travel(dt.datetime(2025, 7, 15, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def cast(world):
    readable_codes(world)
    world.received = Indicator.objects.create(
        cluster=world.cluster6, year=2025, code="VB_DEN", name="Văn bản đến",
        kind=Indicator.Kind.COUNT, frequency="quarter",
    )  # fmt: skip
    periods_ensure(cluster=world.cluster6, year=2025, by=None)
    return world


def value(**values):
    return {"unit": "CQ", "indicator": "VB_DEN", "year": 2025, "period": "Q2", "value": 120,
            **values}  # fmt: skip


def report(world):
    return IndicatorReport.objects.get(unit=world.cq, indicator=world.received, period__key="Q2")


def test_the_units_officer_records_a_value_with_its_audit_trail(cast):
    response = Api(cast.officer).post("/indicator-values", value(note="Lũy kế"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["result"], body["status"], Decimal(body["value"])) == ("created", "draft", 120)
    saved = report(cast)
    assert (saved.value, saved.note, saved.source) == (120, "Lũy kế", "feed")
    assert saved.history.get().history_user == cast.officer


def test_the_same_value_sent_again_changes_nothing(cast):
    api = Api(cast.officer)
    api.post("/indicator-values", value())
    response = api.post("/indicator-values", value())
    assert response.json()["result"] == "unchanged"
    assert report(cast).revision == 1


def test_the_value_may_be_submitted_to_the_cluster_leader_at_once(cast):
    response = Api(cast.officer).post("/indicator-values", value(submit=True))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == S.SUBMITTED
    assert report(cast).status == S.SUBMITTED


def test_someone_who_sees_the_unit_but_does_not_report_for_it_gets_403(cast):
    response = Api(cast.cq_head).post("/indicator-values", value())
    assert response.status_code == 403
    assert not IndicatorReport.objects.exists()


def test_a_unit_the_caller_cannot_see_is_a_404(cast):
    response = Api(cast.outsider).post("/indicator-values", value())
    assert response.status_code == 404


def test_a_wrong_period_and_a_missing_figure_are_refused_by_field(cast):
    response = Api(cast.officer).post("/indicator-values", value(period="Q9"))
    assert response.status_code == 422
    assert fields(response) == {"period": "'Q9' is not a period; use one of Q1, Q2, Q3, Q4, H1, "
                                          "H2, Y."}  # fmt: skip
    response = Api(cast.officer).post("/indicator-values", value(value=None))
    assert response.status_code == 422
    assert fields(response) == {"value": "Enter the value."}
    assert not IndicatorReport.objects.exists()


def test_an_unknown_indicator_is_refused(cast):
    response = Api(cast.officer).post("/indicator-values", value(indicator="VB_DI"))
    assert response.status_code == 422
    assert set(fields(response)) == {"indicator"}


def test_a_figure_too_large_for_the_column_is_refused(cast):
    response = Api(cast.officer).post("/indicator-values", value(value=10**20))
    assert response.status_code == 422
    assert fields(response) == {"value": "This number has too many digits."}
