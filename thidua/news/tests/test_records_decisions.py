"""The public pages of issued decisions: only issued ones exist, search without diacritics,
money and personal details as the policy says."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.news import records
from thidua.news.tests.records_builders import draft_decision, issued_decision
from thidua.nominations.services.decisions import decision_correct, decision_issue

pytestmark = pytest.mark.django_db


def page(client, name, *args, **query):
    return client.get(reverse(f"news:{name}", args=args), query)


def test_a_draft_decision_answers_404_by_its_address(client, world):
    draft = draft_decision(world, ("CSTD_BO", world.dn_person, 2023))
    assert page(client, "decision", draft.pk).status_code == 404


def test_a_draft_decision_is_not_listed(client, world):
    draft_decision(world, ("CSTD_BO", world.dn_person, 2023), abstract="Bản nháp chưa ban hành")
    assert "Bản nháp chưa ban hành" not in page(client, "decisions").content.decode()


def test_an_issued_decision_shows_its_recipients_in_the_decisions_order(client, world):
    decision = issued_decision(
        world, ("CSTD_BO", world.dn_person, 2023), ("BK_BTCTW_TT", world.cq, 2023)
    )
    text = page(client, "decision", decision.pk).content.decode()
    assert "Số 12-QĐ/BTCTW" in text
    assert text.index("Nguyễn Văn An") < text.index(world.cq.name)


def test_search_without_diacritics_finds_a_decision_by_recipient_name(world):
    wanted = issued_decision(world, ("CSTD_BO", world.dn_person, 2023), number=12)
    issued_decision(world, ("CSTD_BO", world.kt_person, 2023), number=13)
    assert list(records.issued_decisions(query="nguyen van an")) == [wanted]


def test_the_search_page_finds_a_decision_by_its_number(client, world):
    issued_decision(world, ("CSTD_BO", world.dn_person, 2023), number=12, abstract="Khen A")
    issued_decision(world, ("CSTD_BO", world.kt_person, 2023), number=13, abstract="Khen B")
    text = page(client, "decisions", q="13-qd").content.decode()
    assert "Khen B" in text and "Khen A" not in text


def test_decisions_filter_by_year_of_signature(world):
    old = issued_decision(world, ("CSTD_BO", world.dn_person, 2022), signed_on=dt.date(2023, 3, 1))
    issued_decision(world, ("CSTD_BO", world.kt_person, 2023), number=13)
    assert list(records.issued_decisions(year=2023)) == [old]


def test_decisions_filter_by_issuer(world):
    decision = issued_decision(world, ("CSTD_BO", world.dn_person, 2023))
    assert list(records.issued_decisions(issuer="BTCTW")) == [decision]
    assert not records.issued_decisions(issuer="UBND").exists()


def test_amounts_are_hidden_by_default(client, world):
    decision = issued_decision(world, ("CSTD_BO", world.dn_person, 2023))
    assert decision.lines.get().amount  # the money exists …
    response = page(client, "decision", decision.pk)
    assert 'data-testid="amount"' not in response.content.decode()  # … but is not shown


def test_amounts_are_shown_when_the_setting_allows_it(client, world, settings):
    settings.THIDUA_PUBLIC_DECISION_AMOUNTS = True
    decision = issued_decision(world, ("CSTD_BO", world.dn_person, 2023))
    shown = records.decision_public(decision.pk)
    assert shown.lines[0].amount == decision.lines.get().amount
    assert 'data-testid="amount"' in page(client, "decision", decision.pk).content.decode()


def test_a_person_in_a_decision_shows_name_and_unit_without_position_by_default(client, world):
    world.dn_person.position = "Phó Vụ trưởng"
    world.dn_person.save()
    decision = issued_decision(world, ("CSTD_BO", world.dn_person, 2023))
    line = records.decision_public(decision.pk).lines[0]
    assert (line.recipient, line.unit) == ("Nguyễn Văn An", "Phòng Tổ chức cán bộ")
    assert "Phó Vụ trưởng" not in page(client, "decision", decision.pk).content.decode()


def test_a_person_in_a_decision_shows_as_printed_when_details_are_allowed(world, settings):
    settings.THIDUA_PUBLIC_PERSON_DETAILS = True
    world.dn_person.position = "Phó Vụ trưởng"
    world.dn_person.save()
    decision = issued_decision(world, ("CSTD_BO", world.dn_person, 2023))
    assert "Phó Vụ trưởng" in records.decision_public(decision.pk).lines[0].recipient


def test_a_corrected_decision_and_its_correction_link_to_each_other(client, world):
    first = issued_decision(world, ("CSTD_BO", world.dn_person, 2023))
    correction = decision_correct(decision=first, by=world.secretary, reason="Sai tên")
    decision_issue(
        decision=correction, by=world.secretary, number=20, signed_on=dt.date(2024, 2, 1)
    )
    old_page = page(client, "decision", first.pk).content.decode()
    new_page = page(client, "decision", correction.pk).content.decode()
    assert reverse("news:decision", args=[correction.pk]) in old_page
    assert reverse("news:decision", args=[first.pk]) in new_page


def test_a_correction_still_in_draft_is_not_linked(world):
    first = issued_decision(world, ("CSTD_BO", world.dn_person, 2023))
    decision_correct(decision=first, by=world.secretary, reason="Sai tên")
    assert records.decision_public(first.pk).corrections == []
