"""The demo loader: the seed's Cụm 6 as data, one account per role, and nothing new on a re-run."""

import datetime as dt
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from thidua.org.demo import data
from thidua.org.demo.loader import load_demo
from thidua.org.models import Cluster, ClusterMembership, Person, RoleAssignment, Unit
from thidua.org.selectors import cluster_leader_in, cluster_members, people_visible_to

# The demo loads once for the module, which runs first and whole on one worker (conftest).
pytestmark = pytest.mark.demo

SEED_MEMBERS = [
    "Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương",
    "Ban Tổ chức Đảng ủy Khối các cơ quan Trung ương",
    "Cục Tổ chức cán bộ, Bộ Công an",
    "Cục Tổ chức, Tổng Cục Chính trị, Quân đội nhân dân Việt Nam",
    "Cục Cán bộ, Tổng Cục Chính trị, Quân đội nhân dân Việt Nam",
]


@pytest.fixture
def cluster_6(demo, db) -> Cluster:
    return Cluster.objects.get(number=6, organiser__code="BTCTW")


def row_counts() -> dict[str, int]:
    """Rows of every org model and of its history table, plus accounts and TOTP devices."""
    models = [*apps.get_app_config("org").get_models(), get_user_model()]
    models.append(apps.get_model("otp_totp", "TOTPDevice"))
    return {model._meta.label: model.objects.count() for model in models}


def test_it_creates_cluster_6_with_the_five_members_named_in_the_seed(cluster_6):
    assert cluster_6.name == "Cụm thi đua số 6 – Ngành Tổ chức xây dựng Đảng"
    members = cluster_members(cluster_6, on=dt.date(2023, 6, 30))
    assert [m.unit.name for m in members.order_by("pk")] == SEED_MEMBERS


def test_the_2023_leader_is_the_enterprises_bloc_organisation_board(cluster_6):
    leader = cluster_leader_in(cluster_6, 2023)
    assert leader.name == "Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương"


def test_the_two_bloc_boards_give_way_to_their_successors_in_2025(cluster_6):
    before = {m.unit.code for m in cluster_members(cluster_6, on=dt.date(2025, 2, 2))}
    after = {m.unit.code for m in cluster_members(cluster_6, on=data.RESTRUCTURING_DATE)}
    assert before - after == {"BTC-DUKDN", "BTC-DUKCCQ"}
    assert after - before == {"BTC-DUCP", "BTC-DUCQD"}
    old = Unit.objects.get(code="BTC-DUKCCQ")
    assert (old.active_to, old.successor.code) == (data.RESTRUCTURING_DATE, "BTC-DUCQD")


def test_each_seed_member_has_30_to_60_people_in_its_departments(cluster_6):
    for unit in Unit.objects.filter(name__in=SEED_MEMBERS):
        people = Person.objects.filter(unit__path__startswith=unit.path)
        assert 30 <= people.count() <= 60, unit.name
        assert people.exclude(unit=unit).exists()  # most sit in a department


def test_no_demo_person_bears_a_name_from_the_seed_article(demo, db):
    assert not Person.objects.filter(full_name__in=["Chu Đình Động", "Nguyễn Long Hải"]).exists()


def test_running_it_twice_creates_no_rows_and_no_history(demo, db):
    before = row_counts()
    report = load_demo()
    assert report.already_loaded
    assert row_counts() == before


def test_a_second_run_that_misses_the_quick_check_still_writes_nothing(demo, db):
    get_user_model().objects.filter(username="canhan").delete()
    before = row_counts()
    report = load_demo()
    after = row_counts()
    assert not report.already_loaded
    assert after.pop("auth.User") == before.pop("auth.User") + 1
    changed = {label for label in after if after[label] != before[label]}
    assert changed == {"org.HistoricalPerson"}  # only the re-linked person's account field


def test_every_demo_record_has_an_audit_row_by_the_system(demo, db):
    for model in apps.get_app_config("org").get_models():
        if not hasattr(model, "history"):
            continue
        audited = set(model.history.values_list("id", flat=True))
        assert set(model.objects.values_list("pk", flat=True)) <= audited, model.__name__
        assert not model.history.filter(history_user__isnull=False).exists()


def test_every_role_has_a_demo_account(demo, db):
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == set(RoleAssignment.Role.values)
    assert Person.objects.get(user__username="canhan").unit.path.startswith(
        Unit.objects.get(code="BTC-DUKDN").path
    )


def test_the_police_unit_officer_sees_no_one_from_cluster_3(demo, db):
    officer = get_user_model().objects.get(username="donvi_bca")
    visible = people_visible_to(officer)
    cluster_3_paths = ClusterMembership.objects.filter(cluster__number=3).values_list(
        "unit__path", flat=True
    )
    assert visible.filter(unit__path__startswith=Unit.objects.get(code="CTCCB-BCA").path).exists()
    for path in cluster_3_paths:
        assert not visible.filter(unit__path__startswith=path).exists()


def test_the_command_prints_every_account_when_the_data_is_already_there(demo, db):
    out = io.StringIO()
    call_command("load_demo", "--quiet", stdout=out)
    for spec in data.ACCOUNTS:
        assert spec.username in out.getvalue()
    assert data.DEMO_PASSWORD in out.getvalue()
