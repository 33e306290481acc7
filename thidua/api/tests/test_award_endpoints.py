"""Award history read through the API, and achievement records added through it."""

import datetime as dt

import pytest

from thidua.api.tests.api_helpers import Api, fields, readable_codes
from thidua.awards.models import AwardRecord
from thidua.awards.services import award_record_add
from thidua.nominations.tests.factories import award
from thidua.org import services as org_services

pytestmark = pytest.mark.django_db


def record(*, code="LDTT", year=2023, **values):
    values = {"decision_number": "12/QĐ-BTC", "decision_date": dt.date(2024, 1, 15), **values}
    return award_record_add(award=award(code), year=year, by=None, issuer="Bộ Tài chính", **values)


@pytest.fixture
def cast(world):
    readable_codes(world)
    org_services.person_update(person=world.cq_person, staff_code="CQ-007", by=None)
    world.cq_person.refresh_from_db()
    return world


def person_row(**values):
    return {
        "unit": "CQ", "staff_code": "CQ-007", "full_name": "Trần Thị Bích", "award": "LDTT",
        "year": 2024, "decision_number": "15/QĐ-BTCĐUKCCQ", "decision_date": "2025-01-20",
        "issuer": "Ban Tổ chức Đảng ủy Khối các cơ quan Trung ương", **values,
    }  # fmt: skip


# ---- history -----------------------------------------------------------------------------------
def test_a_persons_history_lists_their_awards_with_the_decision_and_revoked_ones(world):
    record(person=world.cq_person, year=2023)
    record(person=world.cq_person, year=2022, revoked=True)
    response = Api(world.officer).get(f"/people/{world.cq_person.pk}/awards")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["year"], i["award"], i["revoked"]) for i in items] == [
        (2023, "LDTT", False),
        (2022, "LDTT", True),
    ]
    assert items[0]["decision_number"] == "12/QĐ-BTC"
    assert items[0]["decision_date"] == "2024-01-15"
    assert items[0]["issuer"] == "Bộ Tài chính"


def test_a_persons_history_may_be_narrowed_to_a_year(world):
    record(person=world.cq_person, year=2023)
    record(person=world.cq_person, year=2022)
    response = Api(world.officer).get(f"/people/{world.cq_person.pk}/awards", year=2022)
    assert [i["year"] for i in response.json()["items"]] == [2022]


def test_the_history_of_a_person_out_of_scope_is_a_404(world):
    assert Api(world.officer).get(f"/people/{world.kt_person.pk}/awards").status_code == 404


def test_a_units_history_lists_the_collectives_own_awards(world):
    record(code="TTLDTT", unit=world.cq, year=2023)
    response = Api(world.officer).get(f"/units/{world.cq.pk}/awards")
    assert [i["award"] for i in response.json()["items"]] == ["TTLDTT"]
    assert response.json()["items"][0]["unit_id"] == world.cq.pk


# ---- adding records ----------------------------------------------------------------------------
def test_an_officer_adds_an_award_of_one_of_their_people_with_its_audit_trail(cast):
    response = Api(cast.officer).post("/award-records", person_row())
    assert response.status_code == 201, response.content
    saved = AwardRecord.objects.get(pk=response.json()["id"])
    assert (saved.person, saved.award.code, saved.year) == (cast.cq_person, "LDTT", 2024)
    assert saved.source == AwardRecord.Source.IMPORT
    assert saved.history.get().history_user == cast.officer


def test_an_officer_adds_an_award_of_their_unit(cast):
    row = person_row(award="TTLDTT", staff_code=None, full_name=None)
    response = Api(cast.officer).post("/award-records", row)
    assert response.status_code == 201, response.content
    assert AwardRecord.objects.get().unit == cast.cq


def test_someone_who_sees_the_unit_but_may_not_change_it_gets_403(cast):
    response = Api(cast.reviewer).post("/award-records", person_row())
    assert response.status_code == 403
    assert not AwardRecord.objects.exists()


def test_a_unit_the_caller_cannot_see_is_a_404(cast):
    response = Api(cast.outsider).post("/award-records", person_row())
    assert response.status_code == 404
    assert response.json()["message"] == "No unit you may see has the code 'CQ'."


def test_refusals_name_their_field(cast):
    row = person_row(award="NOPE", full_name="Nguyễn Văn Khác")
    response = Api(cast.officer).post("/award-records", row)
    assert response.status_code == 422
    assert set(fields(response)) == {"award", "full_name"}
    assert fields(response)["award"] == "'NOPE' does not exist."


def test_a_second_live_award_for_the_same_year_is_refused(cast):
    record(person=cast.cq_person, year=2024)
    response = Api(cast.officer).post("/award-records", person_row())
    assert response.status_code == 422
    assert "already recorded" in fields(response)["year"]


def test_a_date_in_another_format_is_refused_in_the_callers_language(cast):
    response = Api(cast.officer).post("/award-records", person_row(decision_date="20/01/2025"))
    assert response.status_code == 422
    assert fields(response) == {"decision_date": "Give a date written YYYY-MM-DD."}


def test_an_unknown_field_is_refused(cast):
    response = Api(cast.officer).post("/award-records", person_row(nickname="Bích"))
    assert response.status_code == 422
    assert fields(response) == {"nickname": "Unknown field."}


def test_a_body_that_is_not_json_is_a_400(cast):
    response = Api(cast.officer).post("/award-records", "{not json")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_json"
