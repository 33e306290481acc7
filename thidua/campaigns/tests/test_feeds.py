"""Feeds of indicator values: tokens, and the JSON endpoint a document-management system uses.

Cluster 6 (members dn and cq) measures in 2025 the documents received (VB_DEN, a count) and the
documents handled on time (VB_DUNG_HAN, a ratio), quarter by quarter. The document-management
system of "cq" holds a token for cq. Today is 15 July 2025: Q1 and Q2 are open.
"""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from thidua.campaigns.models import FeedToken, Indicator, IndicatorReport, ReportEvent
from thidua.campaigns.services import feeds as services
from thidua.campaigns.services.reports import period_close, periods_ensure, report_transition
from thidua.core.tests.helpers import sign_in
from thidua.org import services as org_services

pytestmark = pytest.mark.django_db
URL = "/feeds/v1/indicator-values/"
S = IndicatorReport.Status


@pytest.fixture(autouse=True)
def mid_july():
    with time_machine.travel(dt.datetime(2025, 7, 15, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def indicator(cluster, code: str, **fields) -> Indicator:
    defaults = {"name": code, "kind": Indicator.Kind.COUNT, "frequency": "quarter"}
    return Indicator.objects.create(cluster=cluster, year=2025, code=code, **defaults | fields)


@pytest.fixture
def cast(world):
    world.received = indicator(world.cluster6, "VB_DEN", name="Văn bản đến")
    world.on_time = indicator(
        world.cluster6, "VB_DUNG_HAN", name="Văn bản xử lý đúng hạn", kind=Indicator.Kind.RATIO,
        numerator_label="văn bản xử lý đúng hạn", denominator_label="văn bản phải xử lý",
    )  # fmt: skip
    world.periods = {p.key: p for p in periods_ensure(cluster=world.cluster6, year=2025, by=None)}
    world.token, world.secret = services.feed_token_create(
        unit=world.cq, name="Hệ thống quản lý văn bản", by=world.officer
    )
    return world


def push(client, body, secret, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        URL, data=data, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE="en", **headers,
    )  # fmt: skip


def count(unit="CQ", period="Q2", value=120) -> dict:
    return {"unit": unit, "indicator": "VB_DEN", "year": 2025, "period": period, "value": value}


def ratio(numerator=1054, denominator=1709, **more) -> dict:
    item = {"unit": "CQ", "indicator": "VB_DUNG_HAN", "year": 2025, "period": "Q2"}
    return item | {"numerator": numerator, "denominator": denominator, **more}


@pytest.fixture
def codes(cast):
    """The fixture units get generated codes; give the feed's units readable ones."""
    for unit, code in ((cast.cq, "CQ"), (cast.dn, "DN"), (cast.kt, "KT")):
        org_services.unit_update(unit=unit, by=None, code=code)
        unit.refresh_from_db()
    return cast


def report_of(world, indicator=None, period="Q2") -> IndicatorReport:
    return IndicatorReport.objects.get(
        unit=world.cq, indicator=indicator or world.received, period=world.periods[period]
    )


# ---- tokens ------------------------------------------------------------------------------------


def test_only_a_hash_of_the_secret_is_stored(cast):
    token = FeedToken.objects.get()
    assert cast.secret not in (token.token_hash, token.prefix + "x")
    assert token.prefix == cast.secret[:8]
    assert len(token.token_hash) == 64


def test_the_secret_authenticates_and_stamps_the_last_use(cast):
    found = services.feed_token_authenticate(cast.secret)
    assert found == cast.token
    assert FeedToken.objects.get().last_used_at is not None


def test_a_revoked_token_no_longer_authenticates(cast):
    services.feed_token_revoke(token=cast.token, by=cast.officer)
    assert services.feed_token_authenticate(cast.secret) is None


def test_a_request_without_a_token_is_refused(client, codes):
    response = client.post(URL, data=json.dumps(count()), content_type="application/json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not IndicatorReport.objects.exists()


def test_a_wrong_token_is_refused(client, codes):
    response = push(client, count(), codes.secret + "x")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(client, codes):
    services.feed_token_revoke(token=codes.token, by=codes.officer)
    response = push(client, count(), codes.secret)
    assert response.status_code == 401
    assert not IndicatorReport.objects.exists()


# ---- the endpoint ------------------------------------------------------------------------------


def test_a_value_is_recorded_as_sent_by_the_feed(client, codes):
    response = push(client, count(value=120), codes.secret)
    assert response.status_code == 200, response.content
    [result] = response.json()["results"]
    report = report_of(codes)
    assert result == {
        "index": 0, "result": "created", "report": report.pk, "revision": 1, "unit": "CQ",
        "indicator": "VB_DEN", "cluster": codes.cluster6.pk, "year": 2025, "period": "Q2",
    }  # fmt: skip
    assert (report.value, report.source) == (120, IndicatorReport.Source.FEED)


def test_a_list_of_values_is_recorded_together(client, codes):
    response = push(client, {"values": [count(), ratio()]}, codes.secret)
    assert [r["result"] for r in response.json()["results"]] == ["created", "created"]
    on_time = report_of(codes, codes.on_time)
    assert (on_time.numerator, on_time.denominator) == (1054, 1709)


def test_sending_the_same_values_again_changes_nothing(client, codes):
    push(client, {"values": [count(), ratio()]}, codes.secret)
    history = report_of(codes).history.count()
    response = push(client, {"values": [count(), ratio()]}, codes.secret)
    assert response.status_code == 200
    assert [r["result"] for r in response.json()["results"]] == ["unchanged", "unchanged"]
    assert IndicatorReport.objects.count() == 2
    assert report_of(codes).history.count() == history


def test_a_new_value_replaces_the_old_one_with_a_history_row(client, codes):
    push(client, count(value=120), codes.secret)
    history = report_of(codes).history.count()
    response = push(client, count(value=135), codes.secret)
    [result] = response.json()["results"]
    report = report_of(codes)
    assert (result["result"], result["revision"]) == ("replaced", 2)
    assert IndicatorReport.objects.count() == 1
    assert report.value == 135
    assert report.history.count() == history + 1


def test_replacing_an_accepted_report_sends_it_back_to_review(client, codes):
    push(client, count(value=120), codes.secret)
    report = report_transition(report=report_of(codes), to=S.SUBMITTED, by=codes.officer)
    report_transition(report=report, to=S.ACCEPTED, by=codes.leader_officer)
    push(client, count(value=135), codes.secret)
    report = report_of(codes)
    assert report.status == S.SUBMITTED
    event = ReportEvent.objects.filter(report=report).latest("pk")
    assert (event.from_status, event.to_status) == (S.ACCEPTED, S.SUBMITTED)


def test_one_bad_value_saves_none_and_names_the_item_and_field(client, codes):
    body = {"values": [count(), ratio(numerator=1800, denominator=1709)]}
    response = push(client, body, codes.secret)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["index"], error["field"]) == (1, "numerator")
    assert "cannot be more than" in error["message"]
    assert not IndicatorReport.objects.exists()


def test_a_negative_count_is_refused(client, codes):
    response = push(client, count(value=-1), codes.secret)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "value"


def test_a_figure_too_long_for_its_column_is_refused_not_a_server_error(client, codes):
    response = push(client, count(value=10**19), codes.secret)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "value"
    assert not IndicatorReport.objects.exists()


def test_every_bad_item_is_listed_at_once(client, codes):
    body = {"values": [count(period="Q5"), count(unit="NOPE"), ratio(), count(value="12")]}
    errors = push(client, body, codes.secret).json()["errors"]
    assert [(e["index"], e["field"]) for e in errors] == [(0, "period"), (1, "unit"), (3, "value")]


def test_a_closed_period_is_refused(client, codes):
    period_close(period=codes.periods["Q2"], by=codes.leader_officer)
    response = push(client, count(), codes.secret)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "period"


def test_the_same_values_sent_again_after_the_period_closed_are_unchanged(client, codes):
    push(client, count(), codes.secret)
    period_close(period=codes.periods["Q2"], by=codes.leader_officer)

    response = push(client, count(), codes.secret)

    assert response.status_code == 200
    assert response.json()["results"][0]["result"] == "unchanged"


def test_the_audit_trail_names_the_feed_that_sent_a_value(client, codes):
    push(client, count(), codes.secret)

    [row] = report_of(codes).history.all()
    assert "Hệ thống quản lý văn bản" in row.history_change_reason
    assert codes.token.prefix in row.history_change_reason


def test_a_unit_outside_the_tokens_subtree_is_refused(client, codes):
    response = push(client, {"values": [count(), count(unit="DN")]}, codes.secret)
    assert response.status_code == 403
    [error] = response.json()["errors"]
    assert (error["index"], error["field"], error["code"]) == (1, "unit", "forbidden")
    assert not IndicatorReport.objects.exists()


def test_a_token_of_a_parent_unit_covers_its_sub_units(client, codes):
    _token, secret = services.feed_token_create(unit=codes.sector, name="Ngành", by=codes.admin)
    response = push(client, {"values": [count(), count(unit="DN")]}, secret)
    assert response.status_code == 200


def test_the_same_value_twice_in_one_request_is_refused(client, codes):
    response = push(client, {"values": [count(value=1), count(value=2)]}, codes.secret)
    [error] = response.json()["errors"]
    assert (error["index"], error["code"]) == (1, "duplicate")
    assert not IndicatorReport.objects.exists()


def test_an_indicator_code_of_two_clusters_needs_the_cluster(client, codes):
    org_services.cluster_member_add(
        cluster=codes.cluster3, unit=codes.cq, joined_on=dt.date(2024, 1, 1), by=None
    )
    indicator(codes.cluster3, "VB_DEN")
    periods_ensure(cluster=codes.cluster3, year=2025, by=None)
    ambiguous = push(client, count(), codes.secret)
    assert ambiguous.status_code == 422
    assert ambiguous.json()["errors"][0]["field"] == "cluster"
    named = push(client, count() | {"cluster": codes.cluster3.pk}, codes.secret)
    assert named.json()["results"][0]["cluster"] == codes.cluster3.pk


def test_an_unknown_field_is_refused(client, codes):
    response = push(client, count() | {"valeu": 3}, codes.secret)
    assert response.json()["errors"][0]["field"] == "valeu"


def test_a_body_that_is_not_json_is_a_bad_request(client, codes):
    response = push(client, "{not json", codes.secret)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_json"


def test_get_is_not_allowed(client, codes):
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {codes.secret}")
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_body_over_one_megabyte_is_refused(client, codes):
    body = json.dumps({"values": [count()], "padding": "x" * 2**20})
    response = push(client, body, codes.secret)
    assert response.status_code == 413
    assert not IndicatorReport.objects.exists()


def test_more_than_a_thousand_values_are_refused(client, codes):
    response = push(client, {"values": [count()] * 1001}, codes.secret)
    assert response.status_code == 413


def test_messages_follow_the_accept_language_header(client, codes):
    response = client.post(
        URL, data="{", content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {codes.secret}", HTTP_ACCEPT_LANGUAGE="fr, en;q=0.8",
    )  # fmt: skip
    assert response["Content-Language"] == "en"


def test_messages_are_in_vietnamese_by_default(client, codes):
    response = client.post(
        URL, data="{", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {codes.secret}"
    )
    assert response["Content-Language"] == "vi"


# ---- the tokens page ---------------------------------------------------------------------------


def test_an_officer_makes_a_token_and_sees_its_secret_once(client, codes):
    sign_in(client, codes.officer)
    response = client.post(
        reverse("campaigns:feed_tokens"), {"name": "Văn thư", "unit": codes.cq.pk}, follow=True
    )
    secret = response.context["new"]["secret"]
    assert services.feed_token_authenticate(secret).name == "Văn thư"
    assert secret not in client.get(reverse("campaigns:feed_tokens")).content.decode()


def test_an_officer_cannot_make_a_token_for_another_unit(client, codes):
    sign_in(client, codes.officer)
    response = client.post(reverse("campaigns:feed_tokens"), {"name": "X", "unit": codes.dn.pk})
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert FeedToken.objects.count() == 1


def test_an_officer_sees_only_the_tokens_of_their_unit(client, codes):
    services.feed_token_create(unit=codes.dn, name="Của DN", by=codes.leader_officer)
    sign_in(client, codes.officer)
    tokens = client.get(reverse("campaigns:feed_tokens")).context["tokens"]
    assert [t.name for t in tokens] == ["Hệ thống quản lý văn bản"]


def test_an_officer_revokes_a_token_after_confirming(client, codes):
    sign_in(client, codes.officer)
    url = reverse("campaigns:feed_token_revoke", args=[codes.token.pk])
    assert client.get(url).status_code == 200
    assert FeedToken.objects.get().revoked_at is None
    client.post(url)
    assert FeedToken.objects.get().revoked_at is not None


def test_another_units_token_cannot_be_revoked(client, codes):
    sign_in(client, codes.outsider)
    url = reverse("campaigns:feed_token_revoke", args=[codes.token.pk])
    assert client.post(url).status_code == 404
    assert FeedToken.objects.get().revoked_at is None


def test_a_user_without_a_unit_cannot_open_the_tokens_page(client, codes):
    sign_in(client, codes.individual)
    assert client.get(reverse("campaigns:feed_tokens")).status_code == 403
