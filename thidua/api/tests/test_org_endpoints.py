"""Units, people and clusters: the caller's scope, never wider; paging of every list."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.api.tests.api_helpers import Api, ids, readable_codes
from thidua.org import services
from thidua.org.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


# ---- units -------------------------------------------------------------------------------------
def test_an_officer_lists_the_units_of_their_subtree_only(world):
    response = Api(world.officer).get("/units")
    assert response.status_code == 200
    assert set(ids(response)) == {world.cq.pk, world.cq_dept.pk}


def test_units_are_found_without_accents(world):
    response = Api(world.admin).get("/units", q="to chuc tinh uy kon tum")
    assert ids(response) == [world.kt.pk]


def test_a_search_with_a_nul_character_is_refused_before_the_database(world):
    response = Api(world.admin).get("/units", q="ban\x00to")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"


def test_units_are_filtered_by_code_and_by_parent(world):
    readable_codes(world)
    api = Api(world.admin)
    assert ids(api.get("/units", code="kt")) == [world.kt.pk]
    assert set(ids(api.get("/units", parent=world.cq.pk))) == {world.cq_dept.pk}


def test_a_unit_shows_its_visible_children_and_clusters(world):
    response = Api(world.officer).get(f"/units/{world.cq.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == world.cq.code
    assert [child["id"] for child in body["children"]] == [world.cq_dept.pk]
    assert [m["cluster"]["id"] for m in body["clusters"]] == [world.cluster6.pk]


def test_a_unit_outside_the_scope_does_not_exist(world):
    response = Api(world.officer).get(f"/units/{world.kt.pk}")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_unit_id_that_no_unit_has_is_a_404_not_a_crash(world):
    assert Api(world.admin).get(f"/units/{2**63 - 1}").status_code == 404


# ---- people ------------------------------------------------------------------------------------
def test_an_officer_of_cq_does_not_see_the_people_of_kt(world):
    response = Api(world.officer).get("/people")
    assert world.kt_person.pk not in ids(response)
    assert world.cq_person.pk in ids(response)


def test_asking_for_the_people_of_an_unseen_unit_is_a_404(world):
    assert Api(world.officer).get("/people", unit=world.kt.pk).status_code == 404


def test_a_council_member_sees_a_member_unit_but_not_its_people(world):
    response = Api(world.council_member).get("/people", unit=world.cq.pk)
    assert response.status_code == 403


def test_people_are_found_without_accents_within_a_unit(world):
    response = Api(world.secretary).get("/people", q="tran thi bich", unit=world.cq.pk)
    assert ids(response) == [world.cq_person.pk]


def test_a_person_of_another_unit_is_a_404(world):
    assert Api(world.officer).get(f"/people/{world.kt_person.pk}").status_code == 404


def test_a_person_shows_their_unit_and_dates(world):
    response = Api(world.officer).get(f"/people/{world.cq_person.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "Trần Thị Bích"
    assert body["unit"]["id"] == world.cq_dept.pk
    assert body["employment_start"] == "2015-01-01"


def test_an_individual_sees_themself(world):
    response = Api(world.individual).get(f"/people/{world.cq_person.pk}")
    assert response.status_code == 200


# ---- paging ------------------------------------------------------------------------------------
def test_a_list_is_paged_with_its_total(world):
    for number in range(3):
        PersonFactory(full_name=f"Đỗ Văn Số {number}", unit=world.cq)
    api = Api(world.officer)
    first = api.get("/people", page_size=2).json()
    second = api.get("/people", page_size=2, page=2).json()
    assert first["count"] == 4 and first["page_size"] == 2
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}


def test_a_longer_list_of_people_costs_no_more_queries(world):
    api = Api(world.officer)
    api.get("/people")  # the token's first use is stamped once

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert api.get("/people").status_code == 200
        return len(context)

    few = queries()
    for number in range(5):
        PersonFactory(full_name=f"Vũ Thị Số {number}", unit=world.cq_dept)
    assert queries() == few


def test_a_page_is_fifty_items_unless_asked(world):
    assert Api(world.officer).get("/people").json()["page_size"] == 50


def test_a_page_larger_than_two_hundred_is_refused(world):
    response = Api(world.officer).get("/people", page_size=201)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "page_size"
    assert response.json()["errors"][0]["message"] == "Give 200 or less."


# ---- clusters ----------------------------------------------------------------------------------
def test_clusters_list_their_members_on_a_day_and_the_years_leader(world):
    response = Api(world.leader_officer).get("/clusters", on="2023-06-30")
    assert response.status_code == 200
    (cluster,) = response.json()["items"]
    assert cluster["id"] == world.cluster6.pk
    assert cluster["member_count"] == 2
    assert cluster["leader"]["id"] == world.dn.pk


def test_a_cluster_shows_its_members_on_a_day_and_the_leader_of_a_year(world):
    services.cluster_member_leave(
        membership=world.cluster6.memberships.get(unit=world.cq), left_on=dt.date(2024, 6, 30),
        by=None,
    )  # fmt: skip
    api = Api(world.leader_officer)
    later = api.get(f"/clusters/{world.cluster6.pk}", on="2024-12-31", year=2023).json()
    assert [m["unit"]["id"] for m in later["members"]] == [world.dn.pk]
    assert later["leader"]["id"] == world.dn.pk and later["deputy"] is None
    earlier = api.get(f"/clusters/{world.cluster6.pk}", on="2024-01-01", year=2024).json()
    assert {m["unit"]["id"] for m in earlier["members"]} == {world.dn.pk, world.cq.pk}
    assert earlier["leader"] is None


def test_a_cluster_of_another_branch_is_a_404(world):
    assert Api(world.officer).get(f"/clusters/{world.cluster3.pk}").status_code == 404
