"""Cluster pledges: drafted by the cluster, frozen when opened, signed by every member unit,
amended by a new version that all members sign again (law.md §c.2 step 1)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from thidua.campaigns.models import Indicator, Pledge, PledgeSignature
from thidua.campaigns.selectors import pledges as selectors
from thidua.campaigns.services import pledges as services
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.org import services as org_services
from thidua.org.tests.factories import UnitFactory

S = Pledge.Status
YEAR = 2024
IN_THE_YEAR = dt.datetime(2024, 2, 20, 9, 0, tzinfo=dt.UTC)


def indicator(world, code="vb", *, cluster=None, year=YEAR, target="90") -> Indicator:
    found = Indicator(
        cluster=cluster or world.cluster6, year=year, code=code, name=f"Chỉ tiêu {code}",
        kind=Indicator.Kind.PERCENTAGE, target=Decimal(target),
    )  # fmt: skip
    save_audited(found, by=None)
    return found


def draft(world, *texts: str, indicators=()) -> Pledge:
    pledge = services.pledge_create(
        cluster=world.cluster6, year=YEAR, theme="Đoàn kết, sáng tạo", by=world.leader_officer
    )
    for text in texts or ("Hoàn thành xuất sắc nhiệm vụ chính trị",):
        services.pledge_item_add(
            pledge=pledge, text=text, indicators=indicators, by=world.leader_officer
        )
    return pledge


def opened(world, *texts: str, indicators=()) -> Pledge:
    return services.pledge_open_for_signing(
        pledge=draft(world, *texts, indicators=indicators), by=world.leader_officer
    )


def sign(world, pledge: Pledge, unit, by=None) -> PledgeSignature:
    return services.pledge_sign(
        pledge=pledge, unit=unit, signer_name="Nguyễn Văn An", signer_position="Trưởng ban",
        by=by or world.leader_officer,
    )  # fmt: skip


def in_force(world, pledge: Pledge) -> Pledge:
    sign(world, pledge, world.dn)
    sign(world, pledge, world.cq, by=world.officer)
    return Pledge.objects.get(pk=pledge.pk)


def numbered(pledge: Pledge) -> list[tuple[int, str]]:
    return list(pledge.items.order_by("number").values_list("number", "text"))


# ---- drafting -----------------------------------------------------------------------------------
def test_a_second_pledge_for_the_same_cluster_and_year_is_refused(world):
    draft(world)

    with pytest.raises(DomainError) as refused:
        services.pledge_create(cluster=world.cluster6, year=YEAR, theme="Khác", by=world.admin)

    assert refused.value.code == "exists"


def test_a_pledge_in_force_is_changed_by_amendment_not_by_a_new_pledge(world):
    in_force(world, opened(world))

    with translation.override("vi"), pytest.raises(DomainError) as refused:
        services.pledge_create(cluster=world.cluster6, year=YEAR, theme="Khác", by=world.admin)

    assert refused.value.code == "exists"
    assert "sửa đổi" in str(refused.value)  # the message points to an amendment


def test_another_year_gets_its_own_pledge(world):
    draft(world)

    other = services.pledge_create(
        cluster=world.cluster6, year=YEAR + 1, theme="Năm sau", by=world.leader_officer
    )

    assert (other.year, other.version, other.status) == (YEAR + 1, 1, S.DRAFT)


def test_contents_are_numbered_in_the_order_they_are_added(world):
    pledge = draft(world, "Một", "Hai", "Ba")

    assert numbered(pledge) == [(1, "Một"), (2, "Hai"), (3, "Ba")]


def test_removing_a_content_closes_the_gap_in_the_numbers(world):
    pledge = draft(world, "Một", "Hai", "Ba")

    services.pledge_item_remove(item=pledge.items.get(number=1), by=world.leader_officer)

    assert numbered(pledge) == [(1, "Hai"), (2, "Ba")]


def test_renumbering_puts_the_contents_in_the_given_order(world):
    pledge = draft(world, "Một", "Hai", "Ba")
    one, two, three = pledge.items.order_by("number")

    services.pledge_item_renumber(pledge=pledge, order=[three, one, two], by=world.leader_officer)

    assert numbered(pledge) == [(1, "Ba"), (2, "Một"), (3, "Hai")]


def test_renumbering_must_list_every_content_once(world):
    pledge = draft(world, "Một", "Hai")
    one, _two = pledge.items.order_by("number")

    with pytest.raises(DomainError) as refused:
        services.pledge_item_renumber(pledge=pledge, order=[one, one], by=world.leader_officer)

    assert refused.value.code == "order"


def test_moving_a_content_up_swaps_it_with_the_one_before(world):
    pledge = draft(world, "Một", "Hai", "Ba")

    services.pledge_item_move(item=pledge.items.get(text="Ba"), offset=-1, by=world.admin)

    assert numbered(pledge) == [(1, "Một"), (2, "Ba"), (3, "Hai")]


def test_an_indicator_of_another_cluster_or_year_cannot_be_linked(world):
    pledge = draft(world)
    foreign = [indicator(world, "kt", cluster=world.cluster3), indicator(world, "old", year=2023)]

    for wrong in foreign:
        with pytest.raises(DomainError) as refused:
            services.pledge_item_add(
                pledge=pledge, text="Chỉ tiêu", indicators=[wrong], by=world.leader_officer
            )
        assert refused.value.code == "indicator_foreign"


def test_content_changes_are_recorded_with_who_made_them(world):
    pledge = draft(world, "Một")
    item = pledge.items.get()

    services.pledge_item_update(
        item=item, text="Một", indicators=[indicator(world)], by=world.leader_officer
    )

    latest = item.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == world.leader_officer
    assert [i.indicator.code for i in latest.indicators.all()] == ["vb"]


# ---- opening and the frozen text ----------------------------------------------------------------
def test_a_pledge_without_contents_cannot_be_opened(world):
    empty = services.pledge_create(
        cluster=world.cluster6, year=YEAR, theme="Chủ đề", by=world.leader_officer
    )

    with pytest.raises(DomainError) as refused:
        services.pledge_open_for_signing(pledge=empty, by=world.leader_officer)

    assert refused.value.code == "no_items"


def test_opening_records_the_digest_of_the_text_and_when(world):
    pledge = opened(world, indicators=[indicator(world)])

    assert pledge.status == S.SIGNING
    assert pledge.opened_at is not None
    assert pledge.text_digest == selectors.pledge_digest(pledge)
    assert len(pledge.text_digest) == 64


def test_once_opened_the_text_and_the_contents_cannot_be_changed(world):
    pledge = opened(world, "Một")
    item = pledge.items.get()
    changes = [
        lambda: services.pledge_update(pledge=pledge, theme="Khác", by=world.admin),
        lambda: services.pledge_item_add(pledge=pledge, text="Hai", by=world.admin),
        lambda: services.pledge_item_update(item=item, text="Khác", indicators=[], by=world.admin),
        lambda: services.pledge_item_remove(item=item, by=world.admin),
    ]

    for change in changes:
        with pytest.raises(DomainError) as refused:
            change()
        assert refused.value.code == "locked"
    assert numbered(pledge) == [(1, "Một")]


def test_a_page_opened_before_the_pledge_was_opened_cannot_add_contents(world):
    stale = draft(world, "Một")
    services.pledge_open_for_signing(pledge=stale, by=world.leader_officer)

    with pytest.raises(DomainError) as refused:
        services.pledge_item_add(pledge=stale, text="Hai", by=world.admin)

    assert refused.value.code == "locked"


def test_the_digest_is_the_same_for_the_same_text_and_changes_with_a_target(world):
    target = indicator(world)
    pledge = draft(world, "Một", indicators=[target])
    before = selectors.pledge_digest(pledge)

    assert selectors.pledge_digest(Pledge.objects.get(pk=pledge.pk)) == before
    target.target = Decimal("95")
    save_audited(target, by=None)
    assert selectors.pledge_digest(pledge) != before


def test_going_back_to_draft_is_possible_only_while_nobody_has_signed(world):
    pledge = opened(world)
    back = services.pledge_reopen_draft(pledge=pledge, by=world.leader_officer)
    assert (back.status, back.text_digest, back.opened_at) == (S.DRAFT, "", None)

    again = services.pledge_open_for_signing(pledge=back, by=world.leader_officer)
    sign(world, again, world.dn)
    with pytest.raises(DomainError) as refused:
        services.pledge_reopen_draft(pledge=again, by=world.leader_officer)
    assert refused.value.code == "signed"


# ---- signing ------------------------------------------------------------------------------------
def test_each_signature_records_the_digest_it_signed_and_who_recorded_it(world):
    pledge = opened(world)

    signature = sign(world, pledge, world.cq, by=world.officer)

    assert signature.text_digest == pledge.text_digest
    assert signature.recorded_by == world.officer


def test_a_draft_cannot_be_signed(world):
    with pytest.raises(DomainError) as refused:
        sign(world, draft(world), world.dn)

    assert refused.value.code == "not_signing"


def test_a_unit_outside_the_cluster_cannot_sign(world):
    with pytest.raises(DomainError) as refused:
        sign(world, opened(world), world.kt, by=world.outsider)

    assert refused.value.code == "not_member"


def test_a_unit_that_left_the_cluster_before_the_year_cannot_sign(world):
    former = UnitFactory(name="Ban Tổ chức Thành ủy Huế", parent=world.sector)
    org_services.cluster_member_add(
        cluster=world.cluster6, unit=former, joined_on=dt.date(2021, 1, 1),
        left_on=dt.date(2023, 12, 31), by=None,
    )  # fmt: skip

    with pytest.raises(DomainError) as refused:
        sign(world, opened(world), former)

    assert refused.value.code == "not_member"


def test_a_unit_cannot_sign_twice(world):
    pledge = opened(world)
    sign(world, pledge, world.dn)

    with pytest.raises(DomainError) as refused:
        sign(world, pledge, world.dn)

    assert refused.value.code == "already_signed"
    assert pledge.signatures.count() == 1


def test_the_signer_name_and_position_are_required(world):
    with pytest.raises(DomainError) as refused:
        services.pledge_sign(
            pledge=opened(world), unit=world.dn, signer_name=" ", signer_position="Trưởng ban",
            by=world.leader_officer,
        )  # fmt: skip

    assert refused.value.field == "signer_name"


def test_the_pledge_comes_into_force_when_the_last_member_signs(world):
    pledge = opened(world)

    sign(world, pledge, world.dn)
    assert Pledge.objects.get(pk=pledge.pk).status == S.SIGNING

    sign(world, pledge, world.cq, by=world.officer)
    signed = Pledge.objects.get(pk=pledge.pk)
    assert signed.status == S.IN_FORCE
    assert signed.in_force_at is not None


def test_a_unit_joining_after_opening_may_sign_but_is_not_awaited(world):
    with time_machine.travel(IN_THE_YEAR, tick=False):
        pledge = opened(world)
    newcomer = UnitFactory(name="Ban Tổ chức Tỉnh ủy Gia Lai", parent=world.sector)
    org_services.cluster_member_add(
        cluster=world.cluster6, unit=newcomer, joined_on=dt.date(YEAR, 6, 1), by=None
    )

    assert newcomer.pk not in selectors.awaited_unit_ids(pledge)
    in_force(world, pledge)
    late = sign(world, Pledge.objects.get(pk=pledge.pk), newcomer)
    assert late.text_digest == pledge.text_digest


def test_a_changed_target_after_opening_stops_further_signatures(world):
    target = indicator(world)
    pledge = opened(world, indicators=[target])
    target.target = Decimal("80")
    save_audited(target, by=None)

    with pytest.raises(DomainError) as refused:
        sign(world, pledge, world.dn)

    assert refused.value.code == "text_changed"
    assert selectors.pledge_text_changed(pledge)


# ---- amendment ----------------------------------------------------------------------------------
def test_an_amendment_needs_a_reason(world):
    pledge = in_force(world, opened(world))

    with pytest.raises(DomainError) as refused:
        services.pledge_amend(pledge=pledge, reason="  ", by=world.leader_officer)

    assert refused.value.field == "reason"


def test_a_draft_cannot_be_amended(world):
    with pytest.raises(DomainError) as refused:
        services.pledge_amend(pledge=draft(world), reason="Sửa", by=world.leader_officer)

    assert refused.value.code == "not_amendable"


def test_an_amendment_is_a_new_draft_version_copying_the_text_and_indicators(world):
    target = indicator(world)
    first = in_force(world, opened(world, "Một", "Hai", indicators=[target]))

    amended = services.pledge_amend(pledge=first, reason="Thêm chỉ tiêu", by=world.leader_officer)

    assert (amended.version, amended.status, amended.supersedes) == (2, S.DRAFT, first)
    assert amended.amendment_reason == "Thêm chỉ tiêu"
    assert amended.theme == first.theme
    assert numbered(amended) == [(1, "Một"), (2, "Hai")]
    assert [list(i.indicators.all()) for i in amended.items.order_by("number")] == [[target]] * 2
    assert selectors.pledge_digest(amended) == first.text_digest


def test_the_old_version_stays_in_force_until_every_member_signs_the_amendment(world):
    first = in_force(world, opened(world, "Một"))
    first_signatures = list(first.signatures.values_list("pk", "text_digest", "signer_name"))
    amended = services.pledge_amend(pledge=first, reason="Bổ sung", by=world.leader_officer)
    services.pledge_item_add(pledge=amended, text="Hai", by=world.leader_officer)
    amended = services.pledge_open_for_signing(pledge=amended, by=world.leader_officer)

    sign(world, amended, world.dn)
    assert Pledge.objects.get(pk=first.pk).status == S.IN_FORCE

    sign(world, amended, world.cq, by=world.officer)
    assert Pledge.objects.get(pk=first.pk).status == S.SUPERSEDED
    assert Pledge.objects.get(pk=amended.pk).status == S.IN_FORCE
    assert list(first.signatures.values_list("pk", "text_digest", "signer_name")) == (
        first_signatures
    )
    assert amended.text_digest != first.text_digest


def test_amending_a_version_still_being_signed_replaces_it_at_once(world):
    pledge = opened(world)
    sign(world, pledge, world.dn)

    amended = services.pledge_amend(pledge=pledge, reason="Sửa lỗi", by=world.leader_officer)

    assert Pledge.objects.get(pk=pledge.pk).status == S.SUPERSEDED
    assert amended.status == S.DRAFT
    assert pledge.signatures.count() == 1


def test_only_one_amendment_is_prepared_at_a_time(world):
    first = in_force(world, opened(world))
    services.pledge_amend(pledge=first, reason="Lần một", by=world.leader_officer)

    with pytest.raises(DomainError) as refused:
        services.pledge_amend(pledge=first, reason="Lần hai", by=world.leader_officer)

    assert refused.value.code == "amendment_pending"


# ---- permissions --------------------------------------------------------------------------------
def test_a_member_units_officer_may_sign_only_for_their_own_unit(world):
    assert world.officer.has_perm("campaigns.sign_for_unit", world.cq)
    assert not world.officer.has_perm("campaigns.sign_for_unit", world.dn)


def test_the_unit_head_may_sign_for_the_unit(world):
    assert world.cq_head.has_perm("campaigns.sign_for_unit", world.cq)


def test_the_cluster_officer_runs_the_pledge_and_a_member_officer_only_sees_it(world):
    assert world.leader_officer.has_perm("campaigns.run_cluster_year", world.cluster6)
    assert world.secretary.has_perm("campaigns.run_cluster_year", world.cluster6)
    assert not world.officer.has_perm("campaigns.run_cluster_year", world.cluster6)
    assert world.officer.has_perm("campaigns.view_cluster_year", world.cluster6)
    assert not world.outsider.has_perm("campaigns.view_cluster_year", world.cluster6)
