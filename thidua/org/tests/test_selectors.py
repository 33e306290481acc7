import pytest

from thidua.org import selectors, services
from thidua.org.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["nguyen van", "Nguyễn Văn", "NGUYEN", "van an", "an"])
def test_search_ignores_diacritics_and_case(world, query):
    found = selectors.person_search(user=world.admin, query=query)
    assert world.dn_person in found


def test_search_matches_every_word(world):
    assert not selectors.person_search(user=world.admin, query="nguyen bich").exists()


def test_search_folds_d_stroke(world):
    assert world.kt_person in selectors.person_search(user=world.admin, query="duc cuong")


def test_people_are_listed_given_name_first_in_vietnamese_order(world):
    for name in ["Trần Ánh", "Lê Anh", "Phạm Ân", "Hồ Ăn", "Lê Đức", "Lê Dũng"]:
        PersonFactory(full_name=name, unit=world.cq)
    names = [p.full_name for p in selectors.unit_people(world.cq)]
    assert names == [
        "Lê Anh",
        "Trần Ánh",
        "Hồ Ăn",
        "Phạm Ân",
        "Trần Thị Bích",
        "Lê Dũng",
        "Lê Đức",
    ]


def test_search_keeps_to_the_viewers_units(world):
    found = set(selectors.person_search(user=world.officer, query=""))
    assert found == {world.cq_person}


def test_an_individual_finds_only_themself(world):
    assert list(selectors.people_visible_to(world.individual)) == [world.cq_person]


def test_a_cluster_officer_sees_the_member_units_but_not_their_people(world):
    units = set(selectors.units_visible_to(world.leader_officer))
    people = set(selectors.people_visible_to(world.leader_officer))
    assert {world.dn, world.cq} <= units
    assert world.kt not in units
    assert people == {world.dn_person}


def test_clusters_visible_follow_the_member_units(world):
    assert list(selectors.clusters_visible_to(world.outsider)) == [world.cluster3]
    assert set(selectors.clusters_visible_to(world.secretary)) == {world.cluster6, world.cluster3}


def test_the_tree_nests_units_under_their_parents(world):
    (root,) = selectors.unit_tree(user=world.secretary)
    assert root["unit"] == world.sector
    children = {node["unit"] for node in root["children"]}
    assert {world.btctw, world.dn, world.cq, world.kt} == children


def test_the_leader_of_a_year_is_found(world):
    assert selectors.cluster_leader_in(world.cluster6, 2023) == world.dn
    assert selectors.cluster_leader_in(world.cluster6, 2022) is None


def test_a_secretariat_sees_the_member_units_of_its_clusters_but_not_their_staff(world):
    office = UserFactory(username="office")
    services.role_assign(user=office, role="secretariat", unit=world.btctw, by=None)
    units = set(selectors.units_visible_to(office))
    assert {world.dn, world.cq, world.kt} <= units
    assert world.dn_person not in selectors.people_visible_to(office)
