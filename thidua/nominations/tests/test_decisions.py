from datetime import date
from decimal import Decimal

import pytest

from thidua.awards.models import AwardRecord, Initiative, PolicySetting
from thidua.awards.services import award_record_add
from thidua.core.errors import DomainError
from thidua.nominations.models import Decision, Dossier, RouteStep
from thidua.nominations.services.decisions import (
    decision_correct,
    decision_draft,
    decision_from_batch,
    decision_issue,
    line_add,
    line_update,
)
from thidua.nominations.tests.factories import award, proposal

pytestmark = pytest.mark.django_db


def party_issuer(unit):
    unit.document_style, unit.issuer_code = "party", "BTCTW"
    unit.save()
    return unit


def draft(world, *lines, issuer=None, by=None):
    """A draft decision of Ban Tổ chức Trung ương with (award code, subject, year) lines."""
    by = by or world.secretary
    decision = decision_draft(
        by=by, issuer=issuer or party_issuer(world.btctw), abstract="Về việc khen thưởng",
        place="Hà Nội", signer_name="Nguyễn Văn Bình",
    )  # fmt: skip
    for code, subject, year in lines:
        kind = "unit" if subject.__class__.__name__ == "Unit" else "person"
        line_add(decision=decision, award=award(code), by=by, year=year, **{kind: subject})
    return decision


def issued(world, *lines, number=12, signed_on=date(2024, 1, 5), **kwargs):
    decision = draft(world, *lines, **kwargs)
    return decision_issue(decision=decision, by=world.secretary, number=number, signed_on=signed_on)


def at_decide(batch):
    batch.step = batch.route.steps.get(kind=RouteStep.Kind.DECIDE)
    batch.status = batch.Status.IN_PROGRESS
    batch.save()
    return batch


def dossier(batch, world, code, *, person=None, unit=None, **values):
    values = {"appraisal": "passed", "council": "elected", **values}
    return Dossier.objects.create(
        batch=batch, award=award(code), person=person, unit=unit, owner_unit=world.dn,
        year=batch.year, **values,
    )  # fmt: skip


# ---- numbering ---------------------------------------------------------------------------------
def test_a_party_issuer_numbers_its_decision_like_12_qd_btctw(world):
    decision = issued(world, ("CSTD_BO", world.dn_person, 2023))
    assert decision.number_text == "Số 12-QĐ/BTCTW"
    assert decision.lines.get().award_record.decision_number == "12-QĐ/BTCTW"


def test_a_state_issuer_numbers_its_decision_like_12_qd_ubnd(world):
    world.kt.document_style, world.kt.issuer_code = "state", "UBND"
    world.kt.save()
    decision = issued(world, ("CSTD_BO", world.kt_person, 2023), issuer=world.kt)
    assert decision.number_text == "Số: 12/QĐ-UBND"
    assert decision.lines.get().award_record.decision_number == "12/QĐ-UBND"


def test_an_authority_outside_thidua_needs_a_name_and_an_abbreviation(world):
    with pytest.raises(DomainError) as exc:
        decision_draft(by=world.secretary, issuer=None, abstract="Về việc khen thưởng")
    assert exc.value.code == "issuer"
    decision = decision_draft(
        by=world.secretary, issuer=None, abstract="Về việc tặng danh hiệu",
        issuer_name="Thủ tướng Chính phủ", issuer_code="TTg", style="state",
    )  # fmt: skip
    assert decision.symbol == "QĐ-TTg"


def test_a_number_used_by_the_same_issuer_in_the_same_year_is_refused_naming_the_holder(world):
    issued(world, ("CSTD_BO", world.dn_person, 2023))
    second = draft(world, ("CSTD_BO", world.cq_person, 2023))
    with pytest.raises(DomainError) as exc:
        decision_issue(decision=second, by=world.secretary, number=12, signed_on=date(2024, 3, 1))
    assert exc.value.code == "number_taken"
    assert "Số 12-QĐ/BTCTW" in exc.value.messages[0]
    second.refresh_from_db()
    assert second.status == "draft" and not AwardRecord.objects.filter(person=world.cq_person)


def test_the_same_number_is_allowed_the_next_year(world):
    issued(world, ("CSTD_BO", world.dn_person, 2023))
    again = issued(world, ("CSTD_BO", world.cq_person, 2023), signed_on=date(2025, 1, 6))
    assert again.number == 12 and again.year == 2025


def test_the_same_number_is_allowed_for_another_issuer(world):
    issued(world, ("CSTD_BO", world.dn_person, 2023))
    world.kt.issuer_code = "TU"
    world.kt.save()
    again = issued(world, ("CSTD_BO", world.kt_person, 2023), issuer=world.kt)
    assert again.is_issued and again.number_text == "Số: 12/QĐ-TU"


# ---- money -------------------------------------------------------------------------------------
def test_the_money_uses_the_base_salary_on_the_decision_date(world):
    before = issued(world, ("CSTD_BO", world.dn_person, 2025), signed_on=date(2026, 6, 30))
    after = issued(world, ("CSTD_BO", world.cq_person, 2025), number=13, signed_on=date(2026, 7, 1))
    assert before.base_salary == Decimal(2_340_000)
    assert before.lines.get().amount == Decimal(7_020_000)
    assert after.lines.get().amount == Decimal(7_590_000)


def test_the_draft_takes_its_rounding_from_the_issuers_policy(world):
    PolicySetting.objects.create(unit=world.btctw, values={"money_rounding": "up_1000"})
    decision = issued(world, ("LDTT", world.dn_person, 2025), signed_on=date(2026, 7, 1))
    assert decision.rounding == "up_1000"
    assert decision.lines.get().amount == Decimal(759_000)


def test_a_line_without_a_multiplier_has_no_amount_until_one_is_typed(world):
    decision = draft(world, ("BK_BTCTW", world.dn_person, 2023), ("BK_BO", world.cq_person, 2023))
    first, second = decision.lines.order_by("order")
    assert first.multiplier is None
    line_update(line=second, by=world.secretary, multiplier=Decimal("1.0"))
    decision_issue(decision=decision, by=world.secretary, number=3, signed_on=date(2024, 7, 5))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.amount is None
    assert second.amount == Decimal(2_340_000)


# ---- the award history -------------------------------------------------------------------------
def test_issuing_creates_award_records_from_the_decision(world):
    decision = issued(world, ("TTLDXS", world.dn, 2023), ("CSTD_BO", world.dn_person, 2023))
    record = AwardRecord.objects.get(unit=world.dn)
    assert record.source == "decision"
    assert (record.award.code, record.year) == ("TTLDXS", 2023)
    assert record.decision_date == date(2024, 1, 5)
    assert record.issuer == "Ban Tổ chức Trung ương"
    assert decision.issued_by == world.secretary
    assert {x.award_record_id for x in decision.lines.all()} == set(
        AwardRecord.objects.filter(source="decision").values_list("pk", flat=True)
    )


def test_issuing_marks_the_dossiers_initiatives_used(world):
    batch = at_decide(proposal(world))
    initiative = Initiative.objects.create(
        person=world.dn_person, title="Phần mềm quản lý hồ sơ", year=2023, scope="ministry"
    )
    item = dossier(batch, world, "CSTD_BO", person=world.dn_person)
    item.initiatives.add(initiative)
    decision = decision_draft(by=world.secretary, issuer=world.btctw, abstract="Về việc")
    line_add(
        decision=decision, award=item.award, by=world.secretary, person=world.dn_person,
        year=2023, dossier=item,
    )  # fmt: skip
    decision_issue(decision=decision, by=world.secretary, number=1, signed_on=date(2024, 1, 5))
    assert list(initiative.used_by.values_list("award__code", flat=True)) == ["CSTD_BO"]


def test_issuing_is_all_or_nothing_when_an_award_is_already_recorded(world):
    award_record_add(award=award("CSTD_BO"), year=2023, by=None, person=world.cq_person)
    decision = draft(world, ("TTLDXS", world.dn, 2023), ("CSTD_BO", world.cq_person, 2023))
    with pytest.raises(DomainError) as exc:
        decision_issue(decision=decision, by=world.secretary, number=7, signed_on=date(2024, 1, 5))
    assert exc.value.code == "duplicate"
    assert "Trần Thị Bích" in exc.value.messages[0]
    decision.refresh_from_db()
    assert decision.status == "draft" and decision.number is None
    assert not AwardRecord.objects.filter(unit=world.dn).exists()
    assert not decision.lines.filter(amount__isnull=False).exists()


def test_a_decision_without_recipients_cannot_be_issued(world):
    with pytest.raises(DomainError) as exc:
        decision_issue(
            decision=draft(world), by=world.secretary, number=1, signed_on=date(2024, 1, 5)
        )
    assert exc.value.code == "no_lines"


# ---- from a proposal ---------------------------------------------------------------------------
def test_a_decision_drafted_from_a_proposal_lists_the_dossiers_that_got_through(world):
    batch = at_decide(proposal(world))
    dossier(batch, world, "TTLDXS", unit=world.dn, council="not_required")
    dossier(batch, world, "CSTD_BO", person=world.dn_person)
    dossier(batch, world, "CSTD_BO", person=world.cq_person, council="not_elected")
    dossier(batch, world, "LDTT", person=world.cq_person, appraisal="incomplete")
    decision = decision_from_batch(batch=batch, by=world.secretary)
    lines = {(x.award.code, x.label.split(",")[0]) for x in decision.lines.all()}
    assert lines == {("TTLDXS", world.dn.name), ("CSTD_BO", "Nguyễn Văn An")}
    assert decision.issuer == world.btctw and decision.batch == batch


def test_a_decision_cannot_be_drafted_before_the_proposal_reaches_the_decision_step(world):
    batch = proposal(world)
    dossier(batch, world, "CSTD_BO", person=world.dn_person)
    with pytest.raises(DomainError) as exc:
        decision_from_batch(batch=batch, by=world.secretary)
    assert exc.value.code == "not_at_decide"


def test_issuing_the_decision_of_a_proposal_closes_the_proposal(world):
    batch = at_decide(proposal(world))
    dossier(batch, world, "CSTD_BO", person=world.dn_person)
    decision = decision_from_batch(batch=batch, by=world.secretary)
    decision_issue(decision=decision, by=world.secretary, number=2, signed_on=date(2024, 1, 5))
    batch.refresh_from_db()
    assert batch.status == "decided"


# ---- corrections -------------------------------------------------------------------------------
def test_a_correction_is_a_new_draft_that_copies_the_lines_and_leaves_the_old_one_alone(world):
    old = issued(world, ("CSTD_BO", world.dn_person, 2023), ("TTLDXS", world.dn, 2023))
    correction = decision_correct(decision=old, by=world.secretary, reason="Sai tên đơn vị")
    assert correction.corrects == old and correction.status == "draft"
    assert "12-QĐ/BTCTW" in correction.abstract
    assert correction.lines.count() == 2
    old.refresh_from_db()
    assert old.is_issued and old.number == 12
    assert correction.history.first().history_change_reason == "Sai tên đơn vị"


def test_issuing_a_correction_leaves_one_live_record_per_award(world):
    old = issued(world, ("CSTD_BO", world.dn_person, 2023), ("TTLDXS", world.dn, 2023))
    correction = decision_correct(decision=old, by=world.secretary, reason="Sai tên")
    line_update(
        line=correction.lines.get(award__code="CSTD_BO"), by=world.secretary,
        label="Nguyễn Văn An, Vụ trưởng",
    )  # fmt: skip
    decision_issue(decision=correction, by=world.secretary, number=20, signed_on=date(2024, 2, 1))
    live = AwardRecord.objects.filter(person=world.dn_person, revoked=False)
    assert list(live.values_list("decision_number", flat=True)) == ["20-QĐ/BTCTW"]
    assert AwardRecord.objects.filter(unit=world.dn, revoked=False).count() == 1
    assert Decision.objects.get(pk=old.pk).corrections.get() == correction
