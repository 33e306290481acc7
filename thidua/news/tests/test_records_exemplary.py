"""Exemplary units and people: live high awards only, name and unit only by default, and the
"Gương điển hình" stories about them."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.awards.models import AwardRecord
from thidua.core.audit import save_audited
from thidua.news import records
from thidua.news.tests.records_builders import honour, story

pytestmark = pytest.mark.django_db


def person_page(client, person):
    return client.get(reverse("news:exemplary_person", args=[person.pk]))


def test_a_revoked_award_does_not_make_a_person_exemplary(client, world):
    record = honour(world, "CSTD_BO", person=world.dn_person)
    record.revoked = True
    save_audited(record, by=world.secretary, reason="Thu hồi")
    assert records.exemplary_list() == ([], [])
    assert person_page(client, world.dn_person).status_code == 404


def test_a_grassroots_title_does_not_make_a_unit_exemplary(client, world):
    honour(world, "TTLDTT", unit=world.cq)
    assert client.get(reverse("news:exemplary_unit", args=[world.cq.pk])).status_code == 404


def test_the_shown_awards_are_a_setting(world, settings):
    settings.THIDUA_PUBLIC_EXEMPLARY_AWARDS = ("TTLDTT",)
    honour(world, "TTLDTT", unit=world.cq)
    units, _people = records.exemplary_list()
    assert [u.name for u in units] == [world.cq.name]


def test_a_person_with_awards_in_two_years_is_listed_once_newest_first(world):
    honour(world, "CSTD_BO", person=world.dn_person, year=2021)
    honour(world, "BK_TTG", person=world.dn_person, year=2023)
    _units, people = records.exemplary_list()
    assert [(p.name, [h.year for h in p.honours]) for p in people] == [
        ("Nguyễn Văn An", [2023, 2021])
    ]


def test_the_person_page_shows_no_birth_date_or_position_by_default(client, world):
    world.dn_person.birth_date, world.dn_person.position = dt.date(1980, 7, 15), "Vụ trưởng"
    world.dn_person.save()
    honour(world, "CSTD_BO", person=world.dn_person)
    text = person_page(client, world.dn_person).content.decode()
    assert "Nguyễn Văn An" in text and "Phòng Tổ chức cán bộ" in text
    assert "1980" not in text and "15/07" not in text and "Vụ trưởng" not in text


def test_the_person_page_shows_position_and_year_of_birth_when_allowed(client, world, settings):
    settings.THIDUA_PUBLIC_PERSON_DETAILS = True
    world.dn_person.birth_date, world.dn_person.position = dt.date(1980, 7, 15), "Vụ trưởng"
    world.dn_person.save()
    honour(world, "CSTD_BO", person=world.dn_person)
    text = person_page(client, world.dn_person).content.decode()
    assert "Vụ trưởng" in text and "1980" in text
    assert "15/07" not in text  # the full birth date never


def test_the_unit_page_links_the_stories_that_name_the_unit(client, world):
    honour(world, "CO_BO", unit=world.cq)
    article = story(world, "Đơn vị dẫn đầu phong trào", units=[world.cq])
    story(world, "Một đơn vị khác", units=[world.kt])
    response = client.get(reverse("news:exemplary_unit", args=[world.cq.pk]))
    assert [a.pk for a in response.context["articles"]] == [article.pk]
    assert reverse("news:article", args=[article.slug]) in response.content.decode()


def test_the_person_page_links_the_stories_that_name_the_person(world):
    honour(world, "CSTD_BO", person=world.dn_person)
    story(world, "Gương sáng", body="<p>Đồng chí Nguyễn Văn An tận tụy.</p>")
    subject = records.exemplary_person(world.dn_person.pk)
    assert [a.title for a in records.exemplary_articles(subject)] == ["Gương sáng"]


def test_the_year_filter_keeps_subjects_awarded_that_year(world):
    honour(world, "CO_BO", unit=world.cq, year=2021)
    honour(world, "CO_BO", unit=world.dn, year=2023)
    units, _people = records.exemplary_list(year=2023)
    assert [u.name for u in units] == [world.dn.name]


def test_a_revoked_record_beside_a_live_one_shows_only_the_live_one(world):
    honour(world, "CSTD_BO", person=world.dn_person, year=2022).__class__.objects.update(
        revoked=True
    )
    honour(world, "CSTD_BO", person=world.dn_person, year=2023)
    subject = records.exemplary_person(world.dn_person.pk)
    assert [h.year for h in subject.honours] == [2023]
    assert AwardRecord.objects.filter(person=world.dn_person).count() == 2
