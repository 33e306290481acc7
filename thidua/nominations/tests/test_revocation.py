from datetime import date
from decimal import Decimal

import pytest

from thidua.awards.models import AwardRecord
from thidua.awards.services import award_record_add
from thidua.core.errors import DomainError
from thidua.nominations.models import ReviewFlag
from thidua.nominations.services.decisions import decision_issue, line_add
from thidua.nominations.services.revocation import (
    flag_resolve,
    line_revoke,
    prerequisite_codes,
    recovered_total,
    recovery_record,
)
from thidua.nominations.tests.factories import award, proposal
from thidua.nominations.tests.test_decisions import dossier, draft, issued

pytestmark = pytest.mark.django_db


def revoke(world, line, **values):
    values = {
        "ground": "b", "reason": "Kê khai sáng kiến không trung thực",
        "document_ref": "25-QĐ/BTCTW", "revoked_on": date(2026, 3, 2), "by": world.secretary,
        **values,
    }  # fmt: skip
    return line_revoke(line=line, **values)


@pytest.fixture
def fighter(world):
    """The Ministry Emulation Fighter of 2024 for Nguyễn Văn An, decided on 10-1-2025."""
    decision = issued(world, ("CSTD_BO", world.dn_person, 2024), signed_on=date(2025, 1, 10))
    return decision.lines.get()


def later(world, code, year, decided_on, person=None):
    return award_record_add(
        award=award(code), year=year, by=None, person=person or world.dn_person,
        decision_date=decided_on,
    )  # fmt: skip


def test_revoking_a_line_marks_its_award_revoked_and_sets_the_money_to_recover(world, fighter):
    revocation = revoke(world, fighter)
    fighter.award_record.refresh_from_db()
    assert fighter.award_record.revoked
    assert revocation.amount_to_recover == fighter.amount == Decimal(7_020_000)
    assert revocation.by == world.secretary


def test_revoking_flags_a_later_national_fighter_whose_chain_needed_the_revoked_award(
    world, fighter
):
    national = later(world, "CSTDTQ", 2025, date(2026, 1, 5))
    revocation = revoke(world, fighter)
    flag = ReviewFlag.objects.get(revocation=revocation)
    assert flag.award_record == national and flag.status == "open"
    chain = next(o for o in flag.verdict["outcomes"] if o["rule"] == "cstdtq.chain")
    assert chain["result"] == "failed"
    assert flag.verdict["award"] == "CSTDTQ"


def test_revoking_does_not_flag_an_unrelated_later_award(world, fighter):
    later(world, "LDTT", 2025, date(2026, 1, 5))
    revocation = revoke(world, fighter)
    assert not revocation.flags.exists()


def test_revoking_does_not_flag_an_earlier_award(world, fighter):
    later(world, "CSTDTQ", 2023, date(2024, 2, 1))
    revocation = revoke(world, fighter)
    assert not revocation.flags.exists()


def test_revoking_does_not_flag_another_persons_award(world, fighter):
    later(world, "CSTDTQ", 2025, date(2026, 1, 5), person=world.cq_person)
    assert not revoke(world, fighter).flags.exists()


def test_an_award_whose_dossier_relied_on_the_revoked_one_is_flagged(world, fighter):
    batch = proposal(world, year=2025)
    item = dossier(batch, world, "LDTT", person=world.dn_person)
    item.relied_on.add(fighter.award_record)
    decision = draft(world)
    line_add(
        decision=decision, award=item.award, by=world.secretary, person=world.dn_person,
        year=2025, dossier=item,
    )  # fmt: skip
    decision_issue(decision=decision, by=world.secretary, number=40, signed_on=date(2026, 1, 5))
    flags = revoke(world, fighter).flags.all()
    assert [f.award_record.award.code for f in flags] == ["LDTT"]


def test_a_line_is_revoked_only_once(world, fighter):
    revoke(world, fighter)
    with pytest.raises(DomainError) as exc:
        revoke(world, fighter)
    assert exc.value.code == "already_revoked"


@pytest.mark.parametrize("field", ["reason", "document_ref"])
def test_a_revocation_needs_a_reason_and_the_revoking_document(world, fighter, field):
    with pytest.raises(DomainError) as exc:
        revoke(world, fighter, **{field: "  "})
    assert exc.value.field == field
    assert not AwardRecord.objects.filter(revoked=True).exists()


def test_a_line_of_a_draft_cannot_be_revoked(world):
    line = draft(world, ("CSTD_BO", world.dn_person, 2023)).lines.get()
    with pytest.raises(DomainError) as exc:
        revoke(world, line)
    assert exc.value.code == "not_issued"


def test_a_revocation_cannot_be_dated_before_the_decision(world, fighter):
    with pytest.raises(DomainError) as exc:
        revoke(world, fighter, revoked_on=date(2025, 1, 1))
    assert exc.value.field == "revoked_on"


def test_recoveries_add_up_and_cannot_exceed_the_money_to_recover(world, fighter):
    revocation = revoke(world, fighter)
    pay = {"revocation": revocation, "by": world.secretary, "recovered_on": date(2026, 4, 1)}
    recovery_record(amount=Decimal(5_000_000), **pay)
    recovery_record(amount=Decimal(2_000_000), insignia_returned=True, **pay)
    assert recovered_total(revocation) == Decimal(7_000_000)
    with pytest.raises(DomainError) as exc:
        recovery_record(amount=Decimal(30_000), **pay)
    assert exc.value.code == "too_much"
    assert recovered_total(revocation) == Decimal(7_000_000)


def test_a_flag_is_answered_with_a_note(world, fighter):
    later(world, "CSTDTQ", 2025, date(2026, 1, 5))
    flag = revoke(world, fighter).flags.get()
    with pytest.raises(DomainError):
        flag_resolve(flag=flag, status="kept", note="", by=world.secretary)
    flag_resolve(flag=flag, status="kept", note="Đủ điều kiện theo chuỗi khác", by=world.secretary)
    flag.refresh_from_db()
    assert flag.status == "kept" and flag.resolved_by == world.secretary


def test_revoking_the_flagged_award_in_turn_answers_its_flag_and_cascades_again(world, fighter):
    national = issued(
        world, ("CSTDTQ", world.dn_person, 2025), number=3, signed_on=date(2026, 1, 5)
    ).lines.get()
    flag = revoke(world, fighter).flags.get()
    revoke(world, national, document_ref="30-QĐ/BTCTW", revoked_on=date(2026, 4, 1))
    flag.refresh_from_db()
    assert flag.status == "revoked"


def test_prerequisites_are_read_from_nested_rules_and_lists():
    rules = [
        {"check": "prior_award", "award": ["BK_BO", "BK_BTCTW"]},
        {"check": "any_of", "rules": [{"check": "titles_in_window", "award": "CSTDCS"}]},
        {"check": "not_disciplined"},
    ]
    assert set(prerequisite_codes(rules)) == {"BK_BO", "BK_BTCTW", "CSTDCS"}
