"""Verdicts: facts sent in the JSON facts format, or the facts thidua holds on a subject."""

import datetime as dt

import pytest
import time_machine

from thidua.api.tests.api_helpers import Api, fields

pytestmark = pytest.mark.django_db

# The worked example of docs/eligibility.md §2: eligible for BK_BO for 2024.
PERSON = {
    "kind": "person",
    "id": "p-001",
    "name": "Nguyễn Thị Bình",
    "gender": "female",
    "employment_start": "2016-03-01",
    "ratings": [
        {"year": 2022, "rating": "HTT"},
        {"year": 2023, "rating": "HTXS"},
        {"year": 2024, "rating": "HTXS"},
    ],
    "leaves": [{"kind": "maternity", "start": "2022-02-01", "end": "2022-07-31"}],
    "transfers": [{"on": "2022-09-01", "months_at_old_unit": 8, "old_unit_comment": True}],
    "initiatives": [
        {"id": "SK-2023-01", "year": 2023, "scope": "unit", "recognised_by": "QĐ 15/QĐ-BTC"},
        {"id": "SK-2024-07", "year": 2024, "scope": "unit", "recognised_by": "QĐ 22/QĐ-BTC"},
    ],
    "awards": [
        {"code": "LDTT", "year": 2023, "decided_on": "2024-01-15"},
        {"code": "LDTT", "year": 2024, "decided_on": "2025-01-20"},
        {"code": "CSTDCS", "year": 2024, "decision": "QĐ 31/QĐ-BTC", "decided_on": "2025-01-20",
         "limb": "htxs"},
    ],
    "registered": ["LDTT:2025", "CSTDCS:2025"],
}  # fmt: skip


def ask(api, subject=PERSON, **values):
    body = {"subject": subject, "award": "BK_BO", "year": 2024, "as_of": "2025-03-20",
            "submitted_on": "2025-03-01", **values}  # fmt: skip
    return api.post("/eligibility/verdict", body)


def test_facts_in_give_the_verdict_with_its_pack_and_reasons_in_words(world):
    response = ask(Api(world.officer))
    assert response.status_code == 200, response.content
    verdict = response.json()
    assert verdict["status"] == "eligible"
    assert verdict["status_label"] == "Eligible"
    assert verdict["pack"] == "law2022-nd98"
    assert verdict["pack_version"]
    assert verdict["consumes"] == ["SK-2023-01", "SK-2024-07"]
    assert all(outcome["text"] and outcome["clause"] for outcome in verdict["outcomes"])


def test_the_reasons_come_in_vietnamese_by_default(world):
    english = ask(Api(world.officer)).json()["outcomes"]
    vietnamese = ask(Api(world.officer, language="vi")).json()["outcomes"]
    assert [o["message"] for o in english] == [o["message"] for o in vietnamese]
    assert [o["text"] for o in english] != [o["text"] for o in vietnamese]


def test_bad_facts_are_a_422_listing_each_problem_with_its_path(world):
    subject = {**PERSON, "ratings": [{"year": 2024, "rating": "XS"}], "nickname": "Bình"}
    response = ask(Api(world.officer), subject=subject)
    assert response.status_code == 422
    assert response.json()["message"] == "The facts are not valid; see the list of errors."
    assert set(fields(response)) == {"subject.ratings[0].rating", "subject.nickname"}


def test_an_unknown_award_is_a_422_naming_the_codes(world):
    response = ask(Api(world.officer), award="NOPE")
    assert response.status_code == 422
    assert "LDTT" in fields(response)["award"]


def test_an_award_for_collectives_asked_for_a_person_is_a_422(world):
    response = ask(Api(world.officer), award="TTLDXS")
    assert response.status_code == 422
    assert fields(response)["award"] == "TTLDXS is awarded to collectives, not to people."


def test_a_year_no_pack_judges_is_a_422(world):
    response = ask(Api(world.officer), year=2020, submitted_on=None, as_of="2021-03-01")
    assert response.status_code == 422
    assert set(fields(response)) == {"year"}


def test_facts_at_the_edge_of_the_calendar_are_not_a_server_error(world):
    subject = {**PERSON, "employment_start": "2100-12-31"}
    response = ask(Api(world.officer), subject=subject, as_of="2100-12-31")
    assert response.status_code in (200, 422)


@pytest.fixture
def march_2025():
    with time_machine.travel(dt.datetime(2025, 3, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_a_person_is_judged_on_the_records_thidua_holds(world, march_2025):
    response = Api(world.officer).get(
        f"/people/{world.cq_person.pk}/verdict", award="LDTT", year=2024
    )
    assert response.status_code == 200, response.content
    verdict = response.json()
    assert (verdict["subject"], verdict["award"], verdict["year"]) == (
        str(world.cq_person.pk),
        "LDTT",
        2024,
    )
    assert verdict["as_of"] == "2025-03-20"
    assert verdict["outcomes"]


def test_a_unit_is_judged_on_its_records(world, march_2025):
    response = Api(world.officer).get(f"/units/{world.cq.pk}/verdict", award="TTLDTT", year=2024)
    assert response.status_code == 200, response.content
    assert response.json()["subject"] == str(world.cq.pk)


def test_the_verdict_of_a_person_out_of_scope_is_a_404(world, march_2025):
    path = f"/people/{world.kt_person.pk}/verdict"
    assert Api(world.officer).get(path, award="LDTT", year=2024).status_code == 404


def test_a_person_cannot_be_judged_for_a_collective_award(world, march_2025):
    path = f"/people/{world.cq_person.pk}/verdict"
    response = Api(world.officer).get(path, award="TTLDTT", year=2024)
    assert response.status_code == 422
