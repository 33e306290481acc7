"""The campaigns demo: the seed's 2023 figures, the 2024 campaign, the 2025 pledge, 2026 reports."""

from decimal import Decimal

import pytest
from django.apps import apps

from thidua.campaigns import demo_data
from thidua.campaigns.figures import Figures, rounded
from thidua.campaigns.models import IndicatorReport, Movement, Pledge

# The demo loads once for the module, which runs first and whole on one worker (conftest).
pytestmark = pytest.mark.demo

S = IndicatorReport.Status


def report(unit_code: str, indicator_code: str, year: int, key: str) -> IndicatorReport:
    return IndicatorReport.objects.select_related("indicator").get(
        unit__code=unit_code, indicator__code=indicator_code, period__year=year, period__key=key
    )


def result(found: IndicatorReport) -> Decimal | None:
    figures = Figures(found.indicator.kind, found.numerator, found.denominator, found.value)
    return rounded(figures.result)


def test_a_second_load_creates_nothing(demo, db):
    models = list(apps.get_app_config("campaigns").get_models())
    before = {model._meta.label: model.objects.count() for model in models}
    assert not demo_data.load()
    assert before == {model._meta.label: model.objects.count() for model in models}


def test_the_cluster_leader_of_2023_issued_1054_of_1709_outgoing_documents_61_67_percent(demo, db):
    found = report("BTC-DUKDN", "VB-DI-TL", 2023, "Y")
    assert (found.numerator, found.denominator) == (1054, 1709)
    assert result(found) == Decimal("61.67")
    assert found.status == S.ACCEPTED


def test_the_cluster_leader_of_2023_handled_4290_of_9317_incoming_documents(demo, db):
    found = report("BTC-DUKDN", "VB-DEN-TL", 2023, "Y")
    assert (found.numerator, found.denominator) == (4290, 9317)
    assert result(found) == Decimal("46.04")


@pytest.mark.parametrize(
    ("unit_code", "indicator_code", "figure"),
    [
        ("BTC-DUKCCQ", "VB-DEN", 6172),
        ("BTC-DUKCCQ", "VB-DI", 3498),
        ("CTCCB-BCA", "VB-DEN", 73688),
        ("CTCCB-BCA", "VB-DI", 22158),
        ("CTC-TCCT", "VB-DI", 200),
        ("CTC-TCCT", "VB-CQ", 300),
        ("CTC-TCCT", "Y-KIEN", 800),
        ("CCB-TCCT", "VB-TONG", 3825),
        ("CCB-TCCT", "VB-NQ", 47),
    ],
)
def test_each_member_reports_the_seed_figures_of_2023(demo, db, unit_code, indicator_code, figure):
    assert report(unit_code, indicator_code, 2023, "Y").value == figure


def test_a_floor_figure_quotes_the_article_in_its_note(demo, db):
    assert "trên 800" in report("CTC-TCCT", "Y-KIEN", 2023, "Y").note


def test_the_2024_campaign_cannot_ground_merit_awards(demo, db):
    campaign = Movement.objects.get(kind=Movement.Kind.CAMPAIGN, starts_on__year=2024)
    assert "về đích sớm" in campaign.title
    assert not campaign.grounds_merit_awards


def test_the_latest_period_shows_a_late_a_returned_an_awaiting_and_a_draft_report(demo, db):
    latest = IndicatorReport.objects.filter(period__year=2026, period__key="Q3")
    assert latest.filter(is_late=True).exists()
    assert latest.filter(status=S.RETURNED).exclude(return_reason="").exists()
    assert latest.filter(status=S.SUBMITTED).exists()
    assert latest.filter(status=S.DRAFT).exists()


def test_the_2025_pledge_has_at_least_eight_contents_signed_by_all_five_members(demo, db):
    pledge = Pledge.objects.get(cluster__number=6, year=2025, status=Pledge.Status.IN_FORCE)
    assert pledge.items.count() >= 8
    assert pledge.signatures.count() == 5
    assert {s.text_digest for s in pledge.signatures.all()} == {pledge.text_digest}
