"""The public ranking pages: published rankings only, with their rows and chart."""

import json
import re

import pytest
from django.urls import reverse

from thidua.news import records
from thidua.news.tests.records_builders import computed_ranking, published_ranking
from thidua.scoring.services.rankings import ranking_new_round

pytestmark = pytest.mark.django_db


def test_a_computed_but_unpublished_ranking_answers_404(client, world):
    ranking = computed_ranking(world)
    assert client.get(reverse("news:ranking", args=[ranking.pk])).status_code == 404


def test_a_round_replaced_by_a_new_one_answers_404(client, world):
    ranking = published_ranking(world)
    ranking_new_round(table=ranking.table, by=world.leader_officer, reason="Sửa điểm")
    assert client.get(reverse("news:ranking", args=[ranking.pk])).status_code == 404


def test_only_published_rankings_are_listed(world):
    ranking = published_ranking(world)
    assert list(records.published_rankings()) == [ranking]
    assert list(records.published_rankings(year=2022)) == []


def test_a_published_ranking_shows_units_in_rank_order_with_group_columns(client, world):
    ranking = published_ranking(world)
    text = client.get(reverse("news:ranking", args=[ranking.pk])).content.decode()
    assert text.index(world.dn.name) < text.index(world.cq.name)
    assert records.ranking_public(ranking.pk).codes == ["I", "II"]


def test_a_published_ranking_carries_its_chart_data(client, world):
    ranking = published_ranking(world)
    text = client.get(reverse("news:ranking", args=[ranking.pk])).content.decode()
    found = re.search(
        r'<script id="ranking-chart-data" type="application/json">(.*?)</script>', text
    )
    assert json.loads(found.group(1))["labels"] == [world.dn.name, world.cq.name]
    assert "vendor/chartjs/chart.umd.min.js" in text
