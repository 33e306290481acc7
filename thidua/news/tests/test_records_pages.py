"""What every public record page shares: no sign-in, GET only, Vietnamese by default, a
canonical link, a meta description, the portal menu and the side blocks."""

import pytest
from django.urls import reverse

from thidua.news.tests.records_builders import (
    honour,
    issued_decision,
    published_ranking,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def addresses(world):
    decision = issued_decision(world, ("CSTD_BO", world.dn_person, 2023))
    ranking = published_ranking(world)
    honour(world, "CO_BO", unit=world.cq)
    return [
        reverse("news:decisions"),
        reverse("news:decision", args=[decision.pk]),
        reverse("news:rankings"),
        reverse("news:ranking", args=[ranking.pk]),
        reverse("news:exemplary"),
        reverse("news:exemplary_unit", args=[world.cq.pk]),
        reverse("news:exemplary_person", args=[world.dn_person.pk]),
    ]


def test_the_pages_open_without_signing_in(client, addresses):
    assert [client.get(url).status_code for url in addresses] == [200] * 7


def test_the_pages_render_in_vietnamese_by_default(client, addresses):
    for url in addresses:
        text = client.get(url).content.decode()
        assert '<html lang="vi">' in text and "Mới nhất" in text, url


def test_each_page_has_a_canonical_link_and_a_meta_description(client, addresses):
    for url in addresses:
        text = client.get(url, {"page": "1"}).content.decode()
        assert f'<link rel="canonical" href="http://testserver{url}">' in text, url
        assert '<meta name="description" content="' in text, url
        assert '<meta name="description" content="">' not in text, url


def test_the_pages_refuse_a_post(client, addresses):
    assert client.post(addresses[0]).status_code == 405


def test_the_portal_menu_links_the_records_and_the_public_postings(client, addresses):
    text = client.get(addresses[0]).content.decode()
    for name in ("news:home", "news:decisions", "news:rankings", "news:exemplary",
                 "nominations:public_postings"):  # fmt: skip
        assert f'href="{reverse(name)}"' in text, name


def test_a_person_without_an_award_shown_answers_404(client, world):
    address = reverse("news:exemplary_person", args=[world.kt_person.pk])
    assert client.get(address).status_code == 404
