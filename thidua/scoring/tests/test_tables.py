"""Criteria tables: built by the cluster's runners, checked as they are built, copied from last
year with their indicators relinked, and frozen once the pledge that uses them is opened."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from thidua.campaigns.models import Pledge
from thidua.campaigns.services import indicators as indicator_services
from thidua.campaigns.services import pledges as pledge_services
from thidua.core.errors import DomainError
from thidua.scoring import policy
from thidua.scoring.models import CriteriaTable, Criterion, CriterionGroup, Scorecard, ScoreEntry
from thidua.scoring.selectors import tables as selectors
from thidua.scoring.services import tables as services
from thidua.scoring.tests.factories import criteria_table

K = Criterion.Kind


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked against their msgids, whatever the catalogue holds."""
    with translation.override("en"):
        yield


def indicator(world, year=2023, code="van-ban", cluster=None):
    return indicator_services.indicator_create(
        cluster=cluster or world.cluster6, year=year, by=None, code=code,
        name="Tỷ lệ văn bản được xử lý đúng hạn", kind="percentage", target=Decimal(95),
    )  # fmt: skip


def draft_pledge(world, year=2023):
    pledge = pledge_services.pledge_create(
        cluster=world.cluster6, year=year, theme="Đoàn kết, đổi mới", by=world.leader_officer
    )
    pledge_services.pledge_item_add(pledge=pledge, text="Hoàn thành 100% nhiệm vụ", by=None)
    return pledge


def group_of(table, code):
    return table.groups.get(code=code)


def refusal(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(**kwargs)
    return refused.value


# ---- the table ----------------------------------------------------------------------------------
def test_a_cluster_has_one_criteria_table_per_year(world):
    criteria_table(world.cluster6, 2023)

    refused = refusal(
        services.table_create, cluster=world.cluster6, year=2023, title="Bảng 2", by=None
    )

    assert refused.code == "exists"
    assert "already has a criteria table for 2023" in refused.messages[0]


def test_a_table_cannot_use_the_pledge_of_another_year(world):
    pledge = draft_pledge(world, 2024)

    refused = refusal(
        services.table_create, cluster=world.cluster6, year=2023, title="Bảng", by=None,
        pledge=pledge,
    )  # fmt: skip

    assert (refused.code, refused.field) == ("pledge", "pledge")


def test_a_table_is_linked_to_its_pledge_only_while_the_pledge_is_a_draft(world):
    pledge = draft_pledge(world)
    pledge_services.pledge_open_for_signing(pledge=pledge, by=None)

    refused = refusal(
        services.table_create, cluster=world.cluster6, year=2023, title="Bảng", by=None,
        pledge=pledge,
    )  # fmt: skip

    assert refused.code == "pledge_open"


def test_creating_a_table_records_who_created_it(world):
    table = services.table_create(
        cluster=world.cluster6, year=2023, title="Bảng tiêu chí 2023", by=world.leader_officer,
        bonus_cap=Decimal(5),
    )  # fmt: skip

    record = table.history.get()
    assert (record.history_type, record.history_user) == ("+", world.leader_officer)
    assert record.bonus_cap == Decimal(5)


def test_a_negative_cap_is_refused(world):
    table = criteria_table(world.cluster6)

    refused = refusal(services.table_update, table=table, by=None, penalty_cap=Decimal(-1))

    assert (refused.code, refused.field) == ("cap", "penalty_cap")


def test_cross_scoring_cannot_be_due_before_self_scoring(world):
    table = criteria_table(world.cluster6)

    refused = refusal(
        services.table_update, table=table, by=None,
        self_due_on=dt.date(2023, 12, 10), cross_due_on=dt.date(2023, 12, 5),
    )  # fmt: skip

    assert refused.field == "cross_due_on"


# ---- the lock -----------------------------------------------------------------------------------
@pytest.fixture
def locked(world):
    pledge = draft_pledge(world)
    table = criteria_table(world.cluster6)
    services.table_update(table=table, by=None, pledge=pledge)
    pledge_services.pledge_open_for_signing(pledge=pledge, by=None)
    return CriteriaTable.objects.get(pk=table.pk)


def test_a_table_locks_once_its_pledge_is_opened_for_signature(locked):
    assert locked.is_locked
    refused = refusal(services.table_update, table=locked, by=None, title="Đổi tên")

    assert refused.code == "locked"
    assert "opened for signature" in refused.messages[0]


@pytest.mark.parametrize(
    "change",
    [
        lambda t: services.group_save(table=t, by=None, code="III", title="Mới", kind="regular"),
        lambda t: services.group_save(
            table=t, group=t.groups.get(code="I"), by=None, title="Đổi tên"
        ),
        lambda t: services.group_delete(group=t.groups.get(code="P"), by=None),
        lambda t: services.criterion_save(
            group=t.groups.get(code="I"), by=None, code="1.3", title="Mới", max_points=Decimal(5)
        ),
        lambda t: services.criterion_delete(
            criterion=Criterion.objects.get(group__table=t, code="1.1"), by=None
        ),
    ],
    ids=["add group", "edit group", "delete group", "add criterion", "delete criterion"],
)
def test_no_part_of_a_locked_table_can_change(locked, change):
    with pytest.raises(DomainError) as refused:
        change(locked)

    assert refused.value.code == "locked"


def test_a_locked_table_keeps_its_criteria(locked):
    with pytest.raises(DomainError):
        services.criterion_delete(
            criterion=Criterion.objects.get(group__table=locked, code="1.1"), by=None
        )

    assert Criterion.objects.filter(group__table=locked).count() == 7


# ---- groups -------------------------------------------------------------------------------------
def test_a_new_group_goes_last(world):
    table = criteria_table(world.cluster6)

    group = services.group_save(table=table, by=None, code="III", title="Nhóm III", kind="regular")

    assert group.order == 4


def test_two_groups_of_a_table_cannot_share_a_code(world):
    table = criteria_table(world.cluster6)

    refused = refusal(
        services.group_save, table=table, by=None, code="I", title="Khác", kind="regular"
    )

    assert (refused.code, refused.field) == ("code_taken", "code")


def test_a_group_with_an_indicator_criterion_cannot_become_a_bonus_group(world):
    table = criteria_table(world.cluster6)
    services.criterion_save(
        group=group_of(table, "I"), by=None, code="1.3", title="Văn bản", kind=K.TARGET,
        max_points=Decimal(10), indicator=indicator(world),
    )  # fmt: skip

    refused = refusal(
        services.group_save, table=table, group=group_of(table, "I"), by=None, kind="bonus"
    )

    assert (refused.code, refused.field) == ("side_kind", "kind")
    assert "1.3" in refused.messages[0]


def test_deleting_a_group_deletes_its_criteria_and_records_who_did(world):
    table = criteria_table(world.cluster6)
    group = group_of(table, "II")
    group_pk = group.pk
    criterion_pks = list(group.criteria.values_list("pk", flat=True))

    services.group_delete(group=group, by=world.leader_officer)

    assert not Criterion.objects.filter(pk__in=criterion_pks).exists()
    deleted = Criterion.history.filter(id__in=criterion_pks, history_type="-")
    assert {row.history_user for row in deleted} == {world.leader_officer}
    assert CriterionGroup.history.get(id=group_pk, history_type="-").history_user == (
        world.leader_officer
    )


def test_a_criterion_with_scores_cannot_be_deleted(world):
    table = criteria_table(world.cluster6)
    card = Scorecard.objects.create(table=table, unit=world.dn, scorer=world.dn, kind="self")
    criterion = Criterion.objects.get(group__table=table, code="1.1")
    ScoreEntry.objects.create(scorecard=card, criterion=criterion, points=Decimal(20))

    refused = refusal(services.criterion_delete, criterion=criterion, by=None)

    assert refused.code == "scored"


# ---- the tie-break chain ------------------------------------------------------------------------
def test_the_tie_break_chain_names_only_scored_groups_penalties_and_self(world):
    table = criteria_table(world.cluster6)

    refused = refusal(services.table_update, table=table, by=None, tie_break=["group:B"])

    assert (refused.code, refused.field) == ("tie_break", "tie_break")


def test_the_tie_break_chain_names_each_figure_once(world):
    table = criteria_table(world.cluster6)

    refused = refusal(
        services.table_update, table=table, by=None, tie_break=["penalties", "penalties"]
    )

    assert refused.code == "tie_break"


def test_a_renamed_group_keeps_its_place_in_the_tie_break_chain(world):
    table = criteria_table(world.cluster6, tie_break=["group:I", "penalties"])

    services.group_save(table=table, group=group_of(table, "I"), by=None, code="1")

    table.refresh_from_db()
    assert table.tie_break == ["group:1", "penalties"]
    assert policy.tie_chain(table) == ["group:1", "penalties"]


def test_a_group_in_the_tie_break_chain_cannot_be_deleted(world):
    table = criteria_table(world.cluster6, tie_break=["group:I"])

    refused = refusal(services.group_delete, group=group_of(table, "I"), by=None)

    assert refused.code == "in_chain"
    assert table.groups.filter(code="I").exists()


# ---- criteria -----------------------------------------------------------------------------------
def criterion(table, group="I", **fields):
    values = {"code": "1.9", "title": "Tiêu chí mới", "kind": K.GRADED, "max_points": Decimal(5)}
    return services.criterion_save(group=group_of(table, group), by=None, **(values | fields))


@pytest.mark.parametrize("kind", [K.TARGET, K.CLUSTER_RELATIVE])
def test_a_criterion_measured_against_a_target_needs_an_indicator(world, kind):
    table = criteria_table(world.cluster6)

    refused = refusal(criterion, table=table, kind=kind)

    assert (refused.code, refused.field) == ("indicator", "indicator")


def test_the_indicator_of_a_criterion_is_of_the_same_cluster_and_year(world):
    table = criteria_table(world.cluster6, 2023)

    refused = refusal(criterion, table=table, kind=K.TARGET, indicator=indicator(world, 2024))

    assert "same cluster and year" in refused.messages[0]


def test_a_per_occurrence_criterion_says_how_many_points_each_time(world):
    table = criteria_table(world.cluster6)

    refused = refusal(criterion, table=table, kind=K.PER_OCCURRENCE, points_each=Decimal(0))

    assert (refused.code, refused.field) == ("points_each", "points_each")


def test_a_bonus_group_holds_no_criterion_measured_against_an_indicator(world):
    table = criteria_table(world.cluster6)

    refused = refusal(criterion, table=table, group="B", kind=K.TARGET, indicator=indicator(world))

    assert (refused.code, refused.field) == ("side_kind", "kind")


def test_a_criterion_code_is_unique_in_the_whole_table(world):
    table = criteria_table(world.cluster6)

    refused = refusal(criterion, table=table, group="II", code="1.1")

    assert (refused.code, refused.field) == ("code_taken", "code")


def test_maximum_points_cannot_be_negative(world):
    table = criteria_table(world.cluster6)

    refused = refusal(criterion, table=table, max_points=Decimal(-1))

    assert refused.field == "max_points"


def test_zero_maximum_points_is_allowed(world):
    table = criteria_table(world.cluster6)

    assert criterion(table, max_points=Decimal(0)).max_points == 0


def test_changing_a_criterion_keeps_the_old_value_in_its_history(world):
    table = criteria_table(world.cluster6)
    item = Criterion.objects.get(group__table=table, code="1.1")

    services.criterion_save(
        group=item.group, criterion=item, by=world.leader_officer, max_points=Decimal(25)
    )

    newest, older = item.history.order_by("-history_date")[:2]
    assert (older.max_points, newest.max_points) == (Decimal(30), Decimal(25))
    assert newest.history_user == world.leader_officer


# ---- maxima and warnings ------------------------------------------------------------------------
def test_the_maxima_add_up_per_group_and_over_the_scored_groups(world):
    table = selectors.table_get(criteria_table(world.cluster6).pk)

    tree = selectors.table_tree(table)

    assert {node.group.code: node.max_points for node in tree} == {
        "I": 50, "II": 20, "B": 16, "P": 5,
    }  # fmt: skip
    assert policy.table_max(table) == selectors.regular_max(tree) == Decimal(70)


def test_scored_groups_short_of_100_points_give_a_warning_not_an_error(world):
    table = selectors.table_get(criteria_table(world.cluster6).pk)

    warnings = selectors.table_warnings(table, selectors.table_tree(table))

    assert any("70" in warning and "100" in warning for warning in warnings)


def test_scored_groups_of_100_points_give_no_warning(world):
    table = criteria_table(world.cluster6)
    criterion(table, max_points=Decimal(30))
    table = selectors.table_get(table.pk)

    assert selectors.table_warnings(table, selectors.table_tree(table)) == []


# ---- policy -------------------------------------------------------------------------------------
def test_the_final_rule_follows_the_tables_policy(world):
    table = criteria_table(
        world.cluster6, trim_extremes=True, bonus_cap=Decimal("7.5"), penalty_cap=None,
        floor_at_zero=False,
    )  # fmt: skip

    rule = policy.final_rule(table)

    assert rule.trim_extremes and not rule.floor_at_zero
    assert (rule.bonus_cap, rule.penalty_cap) == (Fraction(15, 2), None)


def test_the_policy_is_told_in_plain_words(world):
    table = criteria_table(world.cluster6, bonus_cap=None, tie_break=["group:I", "penalties"])

    lines = selectors.policy_in_words(table)

    assert "Bonus points have no cap." in lines
    assert lines[-1] == (
        "When final scores are equal, these decide in order: the higher score of group I; "
        "fewer penalty points."
    )


# ---- who sees which tables ----------------------------------------------------------------------
def test_a_unit_sees_only_the_tables_of_its_clusters(world):
    mine = criteria_table(world.cluster6)
    theirs = criteria_table(world.cluster3)

    assert list(selectors.tables_for(user=world.officer)) == [mine]
    assert list(selectors.tables_for(user=world.outsider)) == [theirs]


# ---- copy ---------------------------------------------------------------------------------------
@pytest.fixture
def last_year(world):
    table = criteria_table(
        world.cluster6, 2023, tie_break=["group:I"], bonus_cap=Decimal(8),
        self_due_on=dt.date(2023, 12, 15),
    )  # fmt: skip
    for code in ("van-ban", "dang-vien"):
        criterion(table, code=f"1.{code}", kind=K.TARGET, indicator=indicator(world, 2023, code))
    return table


def test_a_copy_keeps_the_groups_criteria_and_policy(world, last_year):
    indicator(world, 2024, "van-ban")
    indicator(world, 2024, "dang-vien")

    table, warnings = services.table_copy(source=last_year, year=2024, by=world.leader_officer)

    assert warnings == []
    assert (table.year, table.title, table.copied_from) == (2024, "Bảng tiêu chí 2024", last_year)
    assert (table.bonus_cap, table.tie_break) == (Decimal(8), ["group:I"])
    assert table.self_due_on == dt.date(2024, 12, 15)
    assert sorted(Criterion.objects.filter(group__table=table).values_list("code", flat=True)) == (
        sorted(Criterion.objects.filter(group__table=last_year).values_list("code", flat=True))
    )


def test_a_copy_relinks_each_criterion_to_the_new_years_indicator_of_the_same_code(
    world, last_year
):
    new_indicator = indicator(world, 2024, "van-ban")
    indicator(world, 2024, "dang-vien")

    table, _warnings = services.table_copy(source=last_year, year=2024, by=None)

    copied = Criterion.objects.get(group__table=table, code="1.van-ban")
    assert copied.indicator == new_indicator


def test_a_copy_keeps_a_criterion_without_an_indicator_and_warns(world, last_year):
    indicator(world, 2024, "van-ban")

    table, warnings = services.table_copy(source=last_year, year=2024, by=None)

    orphan = Criterion.objects.get(group__table=table, code="1.dang-vien")
    assert orphan.indicator is None
    assert len(warnings) == 1 and "dang-vien" in warnings[0]
    refreshed = selectors.table_get(table.pk)
    standing = selectors.table_warnings(refreshed, selectors.table_tree(refreshed))
    assert any("1.dang-vien" in warning for warning in standing)


def test_a_copy_cannot_overwrite_the_new_years_table(world, last_year):
    criteria_table(world.cluster6, 2024)

    refused = refusal(services.table_copy, source=last_year, year=2024, by=None)

    assert refused.code == "exists"


def test_a_copy_may_be_linked_to_the_new_years_draft_pledge(world, last_year):
    pledge = draft_pledge(world, 2024)

    table, _warnings = services.table_copy(source=last_year, year=2024, by=None, pledge=pledge)

    assert table.pledge == pledge and not table.is_locked
    assert Pledge.objects.get(pk=pledge.pk).status == Pledge.Status.DRAFT
