"""The org pages through the test client: scope (404), permission (403), forms and refusals.

The cast: a sector with two provincial boards. The officer runs "Kon Tum" (with a department
and a team under it); "Gia Lai" is foreign to them. The secretary runs the whole sector and the
cluster both boards belong to.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from thidua.core.tests.helpers import sign_in
from thidua.org import services
from thidua.org.models import ClusterMembership, LeavePeriod, Person, Unit

pytestmark = pytest.mark.django_db
JOINED = dt.date(2021, 1, 1)


def person(unit: Unit, full_name: str) -> Person:
    return services.person_create(
        by=None, unit=unit, full_name=full_name, gender="male", employment_start=JOINED
    )


@pytest.fixture
def cast():
    c = SimpleNamespace()
    c.sector = services.unit_create(by=None, name="Ngành Tổ chức", code="TC", kind="sector")
    c.kt = services.unit_create(by=None, parent=c.sector, name="Ban Tổ chức Kon Tum", code="KT")
    c.dept = services.unit_create(
        by=None, parent=c.kt, name="Phòng Tổ chức cán bộ", code="KT-TCCB", kind="division"
    )
    c.team = services.unit_create(by=None, parent=c.dept, name="Tổ Chính sách", code="KT-CS")
    c.gl = services.unit_create(by=None, parent=c.sector, name="Ban Tổ chức Gia Lai", code="GL")
    c.an = person(c.dept, "Nguyễn Văn An")
    c.foreigner = person(c.gl, "Lê Văn Bình")
    c.cluster = services.cluster_create(
        by=None, organiser=c.sector, number=3, name="Cụm thi đua số 3"
    )
    for unit in (c.kt, c.gl):
        services.cluster_member_add(cluster=c.cluster, unit=unit, joined_on=JOINED, by=None)
    users = get_user_model().objects
    c.officer = users.create_user("officer", password="Thidua@2026")
    services.role_assign(user=c.officer, role="unit_officer", unit=c.kt, by=None)
    c.secretary = users.create_user("secretary", password="Thidua@2026")
    services.role_assign(user=c.secretary, role="secretariat", unit=c.sector, by=None)
    return c


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.officer)
    return client


@pytest.fixture
def secretary(client, cast):
    """The secretariat must pass the second factor; its session is marked as verified."""
    sign_in(client, cast.secretary)
    return client


def html(response) -> str:
    return response.content.decode()


# ---- every page ----------------------------------------------------------------------------

OFFICER_PAGES = [
    ("org:unit_tree", None),
    ("org:unit_detail", "kt"),
    ("org:unit_edit", "dept"),
    ("org:unit_add_child", "kt"),
    ("org:unit_deactivate", "dept"),
    ("org:unit_delete", "team"),
    ("org:person_add", "dept"),
    ("org:person_search", None),
    ("org:person_detail", "an"),
    ("org:person_edit", "an"),
    ("org:person_transfer", "an"),
    ("org:leave_add", "an"),
    ("org:cluster_list", None),
    ("org:cluster_detail", "cluster"),
]


@pytest.mark.parametrize(("name", "record"), OFFICER_PAGES)
def test_each_page_renders_for_an_in_scope_unit_officer(officer, cast, name, record):
    args = [getattr(cast, record).pk] if record else []
    assert officer.get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize("name", ["org:cluster_member_add", "org:cluster_leadership_add"])
def test_the_cluster_forms_render_for_the_secretariat(secretary, cast, name):
    assert secretary.get(reverse(name, args=[cast.cluster.pk])).status_code == 200


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login_page(client, cast):
    response = client.get(reverse("org:unit_detail", args=[cast.kt.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# ---- scope and permission ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "record"),
    [("org:unit_detail", "gl"), ("org:unit_edit", "gl"), ("org:person_add", "gl")],
)
def test_a_foreign_unit_does_not_exist_for_the_officer(officer, cast, name, record):
    assert officer.get(reverse(name, args=[getattr(cast, record).pk])).status_code == 404


@pytest.mark.parametrize("name", ["org:person_detail", "org:person_edit", "org:leave_add"])
def test_a_foreign_units_person_does_not_exist_for_the_officer(officer, cast, name):
    assert officer.get(reverse(name, args=[cast.foreigner.pk])).status_code == 404


def test_an_officer_cannot_edit_their_own_units_record(officer, cast):
    assert officer.get(reverse("org:unit_edit", args=[cast.kt.pk])).status_code == 403


def test_an_officer_cannot_add_members_to_a_cluster_they_only_belong_to(officer, cast):
    url = reverse("org:cluster_member_add", args=[cast.cluster.pk])
    assert officer.get(url).status_code == 403


def test_the_unit_tree_leaves_out_foreign_units(officer, cast):
    page = html(officer.get(reverse("org:unit_tree")))

    assert cast.team.name in page
    assert cast.gl.name not in page


def test_the_unit_page_hides_the_people_of_a_unit_seen_only_through_a_cluster(client, cast):
    """A cluster officer sees the member units, not their staff."""
    leader = get_user_model().objects.create_user("leader")
    services.role_assign(user=leader, role="cluster_officer", cluster=cast.cluster, by=None)
    client.force_login(leader)

    response = client.get(reverse("org:unit_detail", args=[cast.kt.pk]))

    assert response.status_code == 200
    assert response.context["people"] is None
    assert cast.an.full_name not in html(response)


# ---- units ---------------------------------------------------------------------------------


def test_the_unit_page_lists_the_people_with_their_sub_units(officer, cast):
    page = html(officer.get(reverse("org:unit_detail", args=[cast.kt.pk])))

    assert cast.an.full_name in page
    assert cast.dept.name in page


def test_the_unit_tree_greys_an_inactive_unit_with_its_end_date(officer, cast):
    services.unit_deactivate(unit=cast.team, on=dt.date(2024, 6, 30), by=None)

    page = html(officer.get(reverse("org:unit_tree")))

    assert "text-body-secondary" in page
    assert "30/06/2024" in page


def test_the_unit_filter_answers_htmx_with_the_matching_units_only(officer, cast):
    response = officer.get(reverse("org:unit_tree"), {"q": "to chinh sach"}, HTTP_HX_REQUEST="true")

    assert "<html" not in html(response)
    assert list(response.context["results"]) == [cast.team]


def test_an_officer_can_edit_a_sub_unit(officer, cast):
    response = officer.post(
        reverse("org:unit_edit", args=[cast.dept.pk]),
        {**unit_form(cast.dept), "short_name": "Phòng TCCB"},
    )

    assert response.status_code == 302
    cast.dept.refresh_from_db()
    assert cast.dept.short_name == "Phòng TCCB"


def unit_form(unit: Unit, **changes) -> dict:
    data = {
        "parent": unit.parent_id,
        "name": unit.name,
        "short_name": unit.short_name,
        "code": unit.code,
        "kind": unit.kind,
        "document_style": unit.document_style,
        "issuer_code": unit.issuer_code,
        "active_from": "",
        "sort_order": unit.sort_order,
    }
    return {**data, **changes}


def test_moving_a_unit_under_its_own_child_shows_the_error_beside_the_parent(officer, cast):
    response = officer.post(
        reverse("org:unit_edit", args=[cast.dept.pk]),
        unit_form(cast.dept, parent=cast.team.pk, name="Phòng mới"),
    )

    assert response.status_code == 200
    assert cast.team.name in response.context["form"].errors["parent"][0]
    cast.dept.refresh_from_db()
    assert (cast.dept.parent, cast.dept.name) == (cast.kt, "Phòng Tổ chức cán bộ")


def test_moving_a_unit_to_another_parent_moves_its_sub_units_too(officer, cast):
    sibling = services.unit_create(by=None, parent=cast.kt, name="Phòng Cơ sở", code="KT-CS2")

    officer.post(
        reverse("org:unit_edit", args=[cast.dept.pk]), unit_form(cast.dept, parent=sibling.pk)
    )

    cast.team.refresh_from_db()
    assert cast.team.path.startswith(sibling.path)


def test_a_duplicate_code_is_shown_beside_the_code_field(officer, cast):
    response = officer.post(
        reverse("org:unit_edit", args=[cast.dept.pk]), unit_form(cast.dept, code="GL")
    )

    assert "code" in response.context["form"].errors


def test_an_officer_can_add_a_sub_unit(officer, cast):
    response = officer.post(
        reverse("org:unit_add_child", args=[cast.kt.pk]),
        {
            "name": "Văn phòng",
            "code": "KT-VP",
            "kind": "division",
            "document_style": "party",
            "sort_order": 1,
        },
    )

    child = Unit.objects.get(code="KT-VP")
    assert response.url == reverse("org:unit_detail", args=[child.pk])
    assert child.parent == cast.kt


def test_the_delete_page_refuses_a_unit_with_people_and_keeps_it(officer, cast):
    response = officer.post(reverse("org:unit_delete", args=[cast.dept.pk]))

    assert response.status_code == 200
    assert 'data-testid="delete-refused"' in html(response)
    assert reverse("org:unit_deactivate", args=[cast.dept.pk]) in html(response)
    assert Unit.objects.filter(pk=cast.dept.pk).exists()


def test_the_delete_page_deletes_an_empty_unit(officer, cast):
    response = officer.post(reverse("org:unit_delete", args=[cast.team.pk]))

    assert response.url == reverse("org:unit_detail", args=[cast.dept.pk])
    assert not Unit.objects.filter(pk=cast.team.pk).exists()


def test_deactivating_a_unit_records_its_last_day_and_successor(officer, cast):
    officer.post(
        reverse("org:unit_deactivate", args=[cast.team.pk]),
        {"on": "2025-03-31", "successor": cast.dept.pk},
    )

    cast.team.refresh_from_db()
    assert (cast.team.active_to, cast.team.successor) == (dt.date(2025, 3, 31), cast.dept)


# ---- people --------------------------------------------------------------------------------


def test_adding_a_person_puts_them_in_the_unit(officer, cast):
    response = officer.post(
        reverse("org:person_add", args=[cast.team.pk]),
        {"full_name": "Phạm Thu Dung", "gender": "female", "position": "Chuyên viên"},
    )

    added = Person.objects.get(full_name="Phạm Thu Dung")
    assert response.url == reverse("org:person_detail", args=[added.pk])
    assert (added.unit, added.position) == (cast.team, "Chuyên viên")


def test_editing_a_person_keeps_the_typed_values_when_a_field_is_missing(officer, cast):
    response = officer.post(
        reverse("org:person_edit", args=[cast.an.pk]),
        {"full_name": "Nguyễn Văn Ân", "gender": "", "birth_date": "1980-02-03"},
    )

    assert "gender" in response.context["form"].errors
    assert 'value="1980-02-03"' in html(response)
    cast.an.refresh_from_db()
    assert cast.an.full_name == "Nguyễn Văn An"


def test_transferring_a_person_moves_them_to_the_new_unit(officer, cast):
    officer.post(
        reverse("org:person_transfer", args=[cast.an.pk]),
        {"to_unit": cast.team.pk, "on": "2024-07-01", "position": "Tổ trưởng"},
    )

    cast.an.refresh_from_db()
    assert (cast.an.unit, cast.an.position) == (cast.team, "Tổ trưởng")


def test_a_transfer_to_a_unit_the_officer_does_not_manage_is_refused(officer, cast):
    response = officer.post(
        reverse("org:person_transfer", args=[cast.an.pk]),
        {"to_unit": cast.gl.pk, "on": "2024-07-01"},
    )

    assert "to_unit" in response.context["form"].errors
    cast.an.refresh_from_db()
    assert cast.an.unit == cast.dept


def test_a_transfer_dated_before_the_current_post_shows_the_error_beside_the_date(officer, cast):
    response = officer.post(
        reverse("org:person_transfer", args=[cast.an.pk]),
        {"to_unit": cast.team.pk, "on": "2010-01-01"},
    )

    assert "on" in response.context["form"].errors


def test_an_overlapping_leave_is_refused_naming_the_other_leave(officer, cast):
    services.leave_add(
        person=cast.an,
        kind="sick",
        start_date=dt.date(2024, 3, 1),
        end_date=dt.date(2024, 3, 10),
        by=None,
    )

    response = officer.post(
        reverse("org:leave_add", args=[cast.an.pk]),
        {"kind": "unpaid", "start_date": "2024-03-05", "end_date": "2024-03-20"},
    )

    errors = response.context["form"].errors["start_date"]
    assert "2024" in errors[0]
    assert 'value="2024-03-20"' in html(response)
    assert LeavePeriod.objects.filter(person=cast.an).count() == 1


def test_the_person_page_shows_the_posts_over_time(officer, cast):
    services.person_transfer(person=cast.an, to_unit=cast.team, on=dt.date(2024, 7, 1), by=None)

    page = html(officer.get(reverse("org:person_detail", args=[cast.an.pk])))

    assert cast.dept.name in page
    assert cast.team.name in page


# ---- search --------------------------------------------------------------------------------


def test_the_search_finds_a_person_without_typing_the_accents(officer, cast):
    response = officer.get(reverse("org:person_search"), {"q": "nguyen van"})

    assert list(response.context["people"]) == [cast.an]


def test_the_search_lists_people_given_name_first(officer, cast):
    for name in ("Trần Văn Cường", "Lê Văn Bảo", "Đỗ Văn Anh"):
        person(cast.dept, name)

    response = officer.get(reverse("org:person_search"), {"q": "van"})

    names = [p.full_name for p in response.context["people"]]
    assert names == ["Nguyễn Văn An", "Đỗ Văn Anh", "Lê Văn Bảo", "Trần Văn Cường"]


def test_the_search_leaves_out_people_and_units_outside_the_viewers_scope(officer, cast):
    people = officer.get(reverse("org:person_search"), {"q": "binh"}).context["people"]
    units = officer.get(reverse("org:person_search"), {"q": "gia lai"}).context["units"]

    assert (list(people), list(units)) == ([], [])


def test_the_search_also_finds_units(officer, cast):
    response = officer.get(reverse("org:person_search"), {"q": "to chuc can bo"})

    assert list(response.context["units"]) == [cast.dept]


def test_the_search_answers_htmx_with_the_results_only(officer, cast):
    response = officer.get(reverse("org:person_search"), {"q": "an"}, HTTP_HX_REQUEST="true")

    assert "<html" not in html(response)
    assert cast.an.full_name in html(response)


def test_the_unit_people_search_answers_htmx_with_the_people_list_only(officer, cast):
    url = reverse("org:unit_detail", args=[cast.kt.pk])
    response = officer.get(url, {"q": "nguyen"}, HTTP_HX_REQUEST="true")

    assert "<html" not in html(response)
    assert cast.an.full_name in html(response)


# ---- clusters ------------------------------------------------------------------------------


def test_the_cluster_list_shows_the_member_count_and_this_years_leader(officer, cast):
    year = timezone.localdate().year
    services.cluster_leadership_set(
        cluster=cast.cluster, year=year, role="leader", unit=cast.gl, by=None
    )

    response = officer.get(reverse("org:cluster_list"))

    [cluster] = response.context["clusters"]
    assert cluster.member_count == 2
    assert cast.gl.name in html(response)


def test_the_cluster_page_separates_former_members(officer, cast):
    membership = ClusterMembership.objects.get(unit=cast.gl)
    services.cluster_member_leave(membership=membership, left_on=dt.date(2023, 12, 31), by=None)

    response = officer.get(reverse("org:cluster_detail", args=[cast.cluster.pk]))

    assert [m.unit for m in response.context["current_members"]] == [cast.kt]
    assert [m.unit for m in response.context["former_members"]] == [cast.gl]


def test_an_overlapping_membership_shows_the_message_and_keeps_the_typed_values(secretary, cast):
    response = secretary.post(
        reverse("org:cluster_member_add", args=[cast.cluster.pk]),
        {"unit": cast.kt.pk, "joined_on": "2022-05-01", "left_on": "2022-12-31"},
    )

    assert cast.cluster.name in response.context["form"].errors["unit"][0]
    assert 'value="2022-05-01"' in html(response)
    assert ClusterMembership.objects.filter(unit=cast.kt).count() == 1


def test_a_second_leader_in_a_year_shows_the_message_and_keeps_the_typed_values(secretary, cast):
    services.cluster_leadership_set(
        cluster=cast.cluster, year=2024, role="leader", unit=cast.kt, by=None
    )

    response = secretary.post(
        reverse("org:cluster_leadership_add", args=[cast.cluster.pk]),
        {"year": "2024", "role": "leader", "unit": cast.gl.pk, "note": "bầu tại hội nghị"},
    )

    assert cast.kt.name in response.context["form"].errors["unit"][0]
    assert 'value="bầu tại hội nghị"' in html(response)
    assert cast.cluster.leaderships.count() == 1


def test_the_secretariat_records_a_deputy(secretary, cast):
    response = secretary.post(
        reverse("org:cluster_leadership_add", args=[cast.cluster.pk]),
        {"year": "2024", "role": "deputy", "unit": cast.gl.pk},
    )

    assert response.url == reverse("org:cluster_detail", args=[cast.cluster.pk])
    assert cast.cluster.leaderships.get().unit == cast.gl


# ---- query counts --------------------------------------------------------------------------


@pytest.fixture
def crowd(cast):
    for n in range(60):
        person(cast.team if n % 2 else cast.dept, f"Nguyễn Văn Số {n}")


def test_the_unit_page_with_60_people_keeps_to_a_fixed_number_of_queries(
    officer, cast, crowd, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = officer.get(reverse("org:unit_detail", args=[cast.kt.pk]))
    assert len(response.context["people"]) == 50


def test_the_search_page_with_60_people_keeps_to_a_fixed_number_of_queries(
    officer, cast, crowd, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = officer.get(reverse("org:person_search"), {"q": "nguyen van"})
    assert len(response.context["people"]) == 50


def test_the_cluster_list_with_many_clusters_keeps_to_a_fixed_number_of_queries(
    officer, cast, django_assert_max_num_queries
):
    year = timezone.localdate().year
    for number in range(10, 20):
        cluster = services.cluster_create(
            by=None, organiser=cast.sector, number=number, name=f"Cụm thi đua số {number}"
        )
        services.cluster_member_add(cluster=cluster, unit=cast.kt, joined_on=JOINED, by=None)
        services.cluster_leadership_set(
            cluster=cluster, year=year, role="leader", unit=cast.kt, by=None
        )

    with django_assert_max_num_queries(10):
        response = officer.get(reverse("org:cluster_list"))
    assert len(response.context["clusters"]) == 11


def test_the_unit_tree_keeps_to_a_fixed_number_of_queries(
    officer, cast, crowd, django_assert_max_num_queries
):
    for n in range(20):
        services.unit_create(by=None, parent=cast.dept, name=f"Tổ {n}", code=f"KT-T{n}")

    with django_assert_max_num_queries(8):
        officer.get(reverse("org:unit_tree"))
