"""The shared cast of the test suite, built through services like the app builds it.

The organisation: a sector → Ban Tổ chức Trung ương (awarding body, with a council) →
Cluster 6 with member units "dn" and "cq" (each with a department), and Cluster 3 with
member unit "kt" in another branch of the tree.

The people:
- secretary    – the sector's emulation secretariat (scope: the whole sector)
- leader_officer – officer of the leader unit "dn" (cluster officer of Cluster 6, unit officer)
- officer      – emulation officer of member unit "cq"
- individual   – a person of "cq" with their own account
- council_member, reviewer, admin
- outsider     – unit officer of "kt" in Cluster 3
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import translation

from thidua.org import services
from thidua.org.models import RoleAssignment
from thidua.org.tests.factories import PersonFactory, UnitFactory, UserFactory

Role = RoleAssignment.Role


# Scheduling of parallel runs and the demo load shared by the `test_demo*` modules.
pytest_plugins = ["tests.suite"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached page parts must not leak from one test into the next (ids are reused)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code run outside a request speaks English in tests, whatever ran before on the thread.

    Requests still choose their language through LocaleMiddleware (Vietnamese by default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    w = SimpleNamespace()
    w.sector = UnitFactory(name="Ngành Tổ chức xây dựng Đảng", code="TCXDD", kind="sector")
    w.btctw = UnitFactory(name="Ban Tổ chức Trung ương", code="BTCTW", parent=w.sector)
    w.dn = UnitFactory(name="Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương", parent=w.sector)
    w.cq = UnitFactory(name="Ban Tổ chức Đảng ủy Khối các cơ quan Trung ương", parent=w.sector)
    w.kt = UnitFactory(name="Ban Tổ chức Tỉnh ủy Kon Tum", parent=w.sector)
    w.dn_dept = UnitFactory(name="Phòng Tổ chức cán bộ", parent=w.dn, kind="division")
    w.cq_dept = UnitFactory(name="Phòng Cơ sở đảng", parent=w.cq, kind="division")
    w.cluster6 = services.cluster_create(
        by=None, organiser=w.btctw, number=6, name="Cụm thi đua số 6"
    )
    w.cluster3 = services.cluster_create(
        by=None, organiser=w.btctw, number=3, name="Cụm thi đua số 3"
    )
    start = dt.date(2021, 1, 1)
    for unit in (w.dn, w.cq):
        services.cluster_member_add(cluster=w.cluster6, unit=unit, joined_on=start, by=None)
    services.cluster_member_add(cluster=w.cluster3, unit=w.kt, joined_on=start, by=None)
    services.cluster_leadership_set(
        cluster=w.cluster6, year=2023, role="leader", unit=w.dn, by=None
    )
    w.council = services.council_create(unit=w.btctw, name="Hội đồng Thi đua", by=None)

    w.dn_person = PersonFactory(full_name="Nguyễn Văn An", unit=w.dn_dept)
    w.cq_person = PersonFactory(full_name="Trần Thị Bích", unit=w.cq_dept)
    w.kt_person = PersonFactory(full_name="Lê Đức Cường", unit=w.kt)

    def user(name: str, role: str | None = None, **scope):
        account = UserFactory(username=name)
        if role:
            services.role_assign(user=account, role=role, by=None, **scope)
        setattr(w, name, account)
        return account

    user("admin", Role.SYSTEM_ADMIN)
    user("secretary", Role.SECRETARIAT, unit=w.sector)
    user("leader_officer", Role.CLUSTER_OFFICER, cluster=w.cluster6)
    services.role_assign(user=w.leader_officer, role=Role.UNIT_OFFICER, unit=w.dn, by=None)
    user("officer", Role.UNIT_OFFICER, unit=w.cq)
    user("cq_head", Role.UNIT_HEAD, unit=w.cq)
    user("council_member", Role.COUNCIL_MEMBER, council=w.council)
    user("reviewer", Role.REVIEWER, unit=w.sector)
    user("outsider", Role.UNIT_OFFICER, unit=w.kt)
    user("individual")
    services.person_update(person=w.cq_person, user=w.individual, by=None)
    return w
