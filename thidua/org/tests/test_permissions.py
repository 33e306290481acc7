"""The permission matrix: every role × own/foreign record × every permission.

Rows read: permission, target, then the users allowed; every other user of the cast is denied.
"""

import pytest

from thidua.org.tests.factories import PersonFactory, UnitFactory

CAST = [
    "admin",
    "secretary",
    "leader_officer",
    "officer",
    "council_member",
    "reviewer",
    "outsider",
    "individual",
]
ALL = set(CAST)
SECTOR_WIDE = {"admin", "secretary", "reviewer"}

MATRIX = [
    ("org.view_unit", "dn", SECTOR_WIDE | {"leader_officer", "council_member"}),
    ("org.view_unit", "dn_dept", SECTOR_WIDE | {"leader_officer", "council_member"}),
    ("org.view_unit", "cq_dept", SECTOR_WIDE | {"leader_officer", "officer", "council_member"}),
    ("org.view_unit", "cq", SECTOR_WIDE | {"leader_officer", "officer", "council_member"}),
    ("org.view_unit", "kt", SECTOR_WIDE | {"outsider", "council_member"}),
    ("org.view_unit", "elsewhere", {"admin"}),
    ("org.view_unit_people", "dn", SECTOR_WIDE | {"leader_officer"}),
    ("org.view_unit_people", "cq", SECTOR_WIDE | {"officer"}),
    ("org.view_unit_people", "kt", SECTOR_WIDE | {"outsider"}),
    ("org.view_unit_people", "elsewhere", {"admin"}),
    ("org.change_unit", "dn", {"admin", "secretary"}),
    ("org.change_unit", "dn_dept", {"admin", "secretary", "leader_officer"}),
    ("org.change_unit", "cq_dept", {"admin", "secretary", "officer"}),
    ("org.change_unit", "kt", {"admin", "secretary"}),
    ("org.add_subunit", "cq", {"admin", "secretary", "officer"}),
    ("org.add_person_to_unit", "kt", {"admin", "secretary", "outsider"}),
    ("org.export_unit", "cq", SECTOR_WIDE | {"officer"}),
    ("org.view_history", "dn", SECTOR_WIDE | {"leader_officer"}),
    ("org.view_person", "dn_person", SECTOR_WIDE | {"leader_officer"}),
    ("org.view_person", "cq_person", SECTOR_WIDE | {"officer", "individual"}),
    ("org.view_person", "kt_person", SECTOR_WIDE | {"outsider"}),
    ("org.view_person", "elsewhere_person", {"admin"}),
    ("org.change_person", "dn_person", {"admin", "secretary", "leader_officer"}),
    ("org.change_person", "cq_person", {"admin", "secretary", "officer"}),
    ("org.change_person", "kt_person", {"admin", "secretary", "outsider"}),
    ("org.view_cluster", "cluster6", ALL - {"outsider", "individual"}),
    (
        "org.view_cluster",
        "cluster3",
        {"admin", "secretary", "reviewer", "council_member", "outsider"},
    ),
    ("org.change_cluster", "cluster6", {"admin", "secretary"}),
    ("org.change_cluster", "cluster3", {"admin", "secretary"}),
]


@pytest.fixture
def targets(world):
    world.elsewhere = UnitFactory(name="Bộ Y tế")
    world.elsewhere_person = PersonFactory(full_name="Vũ Thị Hoa", unit=world.elsewhere)
    return world


@pytest.mark.parametrize(("perm", "target", "allowed"), MATRIX)
def test_permission_matrix(targets, perm, target, allowed):
    obj = getattr(targets, target)
    granted = {who for who in CAST if getattr(targets, who).has_perm(perm, obj)}
    assert granted == allowed, f"{perm} on {target}"
