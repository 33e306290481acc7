"""Criteria table pages: who sees and edits what, forms that keep what was typed, the locked
state, deletions that ask first, and a copy that lists what it could not relink."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.campaigns.services import indicators as indicator_services
from thidua.campaigns.services import pledges as pledge_services
from thidua.core.tests.helpers import sign_in
from thidua.scoring.models import CriteriaTable, Criterion
from thidua.scoring.services import tables as services
from thidua.scoring.tests.factories import criteria_table


@pytest.fixture
def en(client):
    """English pages, so assertions read the msgids whatever the catalogue holds."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def table(world):
    return criteria_table(world.cluster6, 2023)


def url(name: str, *args) -> str:
    return reverse(f"scoring:{name}", args=args)


def criterion_of(table, code="1.1") -> Criterion:
    return Criterion.objects.get(group__table=table, code=code)


def lock(world, table) -> None:
    pledge = pledge_services.pledge_create(
        cluster=world.cluster6, year=2023, theme="Đoàn kết, đổi mới", by=None
    )
    pledge_services.pledge_item_add(pledge=pledge, text="Hoàn thành nhiệm vụ", by=None)
    services.table_update(table=table, by=None, pledge=pledge)
    pledge_services.pledge_open_for_signing(pledge=pledge, by=None)


# ---- who sees and does what ---------------------------------------------------------------------
def test_an_outsider_gets_404_on_the_table_and_its_editing_pages(en, world, table):
    sign_in(en, world.outsider)
    group = table.groups.get(code="I")

    for page in (
        url("table_detail", table.pk),
        url("table_edit", table.pk),
        url("group_edit", group.pk),
        url("criterion_edit", criterion_of(table).pk),
    ):
        assert en.get(page).status_code == 404, page


def test_a_member_officer_sees_the_table_without_edit_buttons(en, world, table):
    sign_in(en, world.officer)

    response = en.get(url("table_detail", table.pk))

    assert response.status_code == 200
    assert "Tiêu chí 1.1" in response.content.decode()
    assert url("table_edit", table.pk) not in response.content.decode()
    assert url("group_add", table.pk) not in response.content.decode()


@pytest.mark.parametrize(
    "page",
    ["table_edit", "table_copy", "group_add", "group_edit", "criterion_add", "criterion_delete"],
)
def test_a_member_officer_cannot_edit_the_table(en, world, table, page):
    group = table.groups.get(code="I")
    target = {"table_edit": table, "table_copy": table, "group_add": table}.get(page, group)
    if page == "criterion_delete":
        target = criterion_of(table)
    sign_in(en, world.officer)

    assert en.post(url(page, target.pk), {"title": "x"}).status_code == 403
    assert Criterion.objects.filter(group__table=table).count() == 7


def test_the_leader_officer_sees_the_edit_buttons(en, world, table):
    sign_in(en, world.leader_officer)

    response = en.get(url("table_detail", table.pk))

    assert url("table_edit", table.pk) in response.content.decode()
    assert url("criterion_edit", criterion_of(table).pk) in response.content.decode()


def test_the_list_shows_the_tables_of_the_users_clusters_only(en, world, table):
    other = criteria_table(world.cluster3, 2023)
    sign_in(en, world.officer)

    response = en.get(url("table_list"))

    assert list(response.context["tables"]) == [table]
    assert url("table_detail", other.pk) not in response.content.decode()


def test_a_member_officer_is_not_offered_to_create_a_table(en, world):
    sign_in(en, world.officer)

    assert en.get(url("table_create")).status_code == 403


# ---- forms --------------------------------------------------------------------------------------
def test_creating_a_table_opens_it(en, world):
    sign_in(en, world.leader_officer)

    response = en.post(
        url("table_create"),
        {
            "cluster": world.cluster6.pk, "year": 2024, "title": "Bảng tiêu chí 2024",
            "cross_scorers": "all_others", "below_target": "proportional", "bonus_cap": "10",
            "floor_at_zero": "on",
        },
    )  # fmt: skip

    table = CriteriaTable.objects.get(cluster=world.cluster6, year=2024)
    assert response.status_code == 302
    assert response.url == url("table_detail", table.pk)
    assert table.history.get().history_user == world.leader_officer


def test_a_refused_criterion_is_shown_again_as_typed_with_the_reason_beside_it(en, world, table):
    sign_in(en, world.leader_officer)
    group = table.groups.get(code="I")

    response = en.post(
        url("criterion_add", group.pk),
        {"code": "1.5", "title": "Tỷ lệ văn bản đúng hạn", "kind": "target", "max_points": "12"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "choose one" in form.errors["indicator"][0]
    html = response.content.decode()
    assert 'value="Tỷ lệ văn bản đúng hạn"' in html and 'value="12"' in html
    assert not Criterion.objects.filter(group__table=table, code="1.5").exists()


def test_a_criterion_measured_against_an_indicator_can_be_added(en, world, table):
    indicator = indicator_services.indicator_create(
        cluster=world.cluster6, year=2023, by=None, code="vb", name="Văn bản đúng hạn",
        kind="percentage", target=Decimal(90),
    )  # fmt: skip
    sign_in(en, world.leader_officer)

    response = en.post(
        url("criterion_add", table.groups.get(code="I").pk),
        {"code": "1.5", "title": "Văn bản", "kind": "target", "max_points": "12",
         "indicator": indicator.pk},
    )  # fmt: skip

    assert response.status_code == 302
    assert criterion_of(table, "1.5").indicator == indicator


def test_the_tie_break_chain_is_chosen_in_order(en, world, table):
    sign_in(en, world.leader_officer)

    en.post(
        url("table_edit", table.pk),
        {
            "title": table.title, "cross_scorers": "all_others", "below_target": "zero",
            "bonus_cap": "10", "tie_1": "group:I", "tie_2": "penalties",
        },
    )  # fmt: skip

    table.refresh_from_db()
    assert (table.tie_break, table.below_target) == (["group:I", "penalties"], "zero")
    assert "fewer penalty points" in en.get(url("table_detail", table.pk)).content.decode()


def test_a_figure_named_twice_in_the_chain_is_refused_beside_the_field(en, world, table):
    sign_in(en, world.leader_officer)

    response = en.post(
        url("table_edit", table.pk),
        {"title": table.title, "cross_scorers": "all_others", "below_target": "zero",
         "tie_1": "self", "tie_2": "self"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "tie_2" in response.context["form"].errors


# ---- deletion asks first ------------------------------------------------------------------------
def test_deleting_a_criterion_asks_first_and_deletes_on_confirmation(en, world, table):
    item = criterion_of(table)
    sign_in(en, world.leader_officer)

    confirm = en.get(url("criterion_delete", item.pk))
    assert confirm.status_code == 200
    assert Criterion.objects.filter(pk=item.pk).exists()

    response = en.post(url("criterion_delete", item.pk))
    assert response.url == url("table_detail", table.pk)
    assert not Criterion.objects.filter(pk=item.pk).exists()


def test_a_refused_group_deletion_says_why(en, world):
    table = criteria_table(world.cluster6, 2023, tie_break=["group:I"])
    sign_in(en, world.leader_officer)

    response = en.post(url("group_delete", table.groups.get(code="I").pk), follow=True)

    assert "take it out of the tie-break chain" in response.content.decode()
    assert table.groups.filter(code="I").exists()


# ---- locked -------------------------------------------------------------------------------------
def test_a_locked_table_shows_the_badge_and_no_edit_button(en, world, table):
    lock(world, table)
    sign_in(en, world.leader_officer)

    html = en.get(url("table_detail", table.pk)).content.decode()

    assert "Locked: pledge signed" in html
    assert url("table_edit", table.pk) not in html
    assert url("criterion_edit", criterion_of(table).pk) not in html


def test_the_editing_pages_of_a_locked_table_send_back_with_the_reason(en, world, table):
    lock(world, table)
    sign_in(en, world.leader_officer)

    response = en.post(url("criterion_delete", criterion_of(table).pk), follow=True)

    assert response.redirect_chain[-1][0] == url("table_detail", table.pk)
    assert "opened for signature" in response.content.decode()
    assert Criterion.objects.filter(group__table=table).count() == 7


# ---- copy ---------------------------------------------------------------------------------------
def test_a_copy_lists_the_criteria_it_could_not_relink(en, world, table):
    old = indicator_services.indicator_create(
        cluster=world.cluster6, year=2023, by=None, code="vb", name="Văn bản đúng hạn",
        kind="percentage", target=Decimal(90),
    )  # fmt: skip
    services.criterion_save(
        group=table.groups.get(code="I"), by=None, code="1.5", title="Văn bản", kind="target",
        max_points=Decimal(12), indicator=old,
    )  # fmt: skip
    sign_in(en, world.leader_officer)

    response = en.post(url("table_copy", table.pk), {"year": 2024}, follow=True)

    copy = CriteriaTable.objects.get(cluster=world.cluster6, year=2024)
    assert response.redirect_chain[-1][0] == url("table_detail", copy.pk)
    assert "there is no indicator with the code vb in 2024" in response.content.decode()


def test_the_list_page_costs_the_same_queries_for_one_table_or_three(en, world, table):
    sign_in(en, world.leader_officer)
    en.get(url("table_list"))  # warm the session and the scope

    with CaptureQueriesContext(connection) as one:
        en.get(url("table_list"))
    criteria_table(world.cluster6, 2021)
    criteria_table(world.cluster6, 2022)
    with CaptureQueriesContext(connection) as three:
        en.get(url("table_list"))

    assert len(three) == len(one)
