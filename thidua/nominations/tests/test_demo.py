"""The nominations demo: Cluster 6's 2023 proposals from the ballot to the decisions (the seed: 1
flag, 2 Bằng khen for collectives, 6 for individuals, TTLĐXS, CSTĐTQ) and one revocation."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from thidua.awards.facts import policy_values
from thidua.awards.models import AwardRecord
from thidua.ballots.models import BallotSession
from thidua.eligibility import Case, Status, evaluate
from thidua.nominations import demo_data
from thidua.nominations import demo_plan as plan
from thidua.nominations.models import Batch, Decision, Dossier, Feedback, Posting, Revocation
from thidua.nominations.selectors.decisions import recovered_total
from thidua.nominations.services.verdicts import pack_for, subject_facts

# The demo loads once for the module, which runs first and whole on one worker (conftest).
pytestmark = pytest.mark.demo


def decision(number: int) -> Decision:
    return Decision.objects.get(number=number, year=2024)


def subjects(number: int, award: str) -> list[str]:
    lines = decision(number).lines.filter(award__code=award).select_related("unit", "person")
    return sorted(line.unit.code if line.unit else line.person.staff_code for line in lines)


def row_counts() -> dict[str, int]:
    models = apps.get_app_config("nominations").get_models()
    return {model._meta.label: model.objects.count() for model in models}


def test_ban_tctws_decision_gives_the_seeds_flag_and_certificates_of_merit(demo, db):
    assert subjects(125, "CO_BTCTW") == ["CTCCB-BCA"]
    assert subjects(125, "BK_BTCTW_TT") == ["BTC-DUKDN", "CTC-TCCT"]
    assert len(subjects(125, "BK_BTCTW")) == 6
    assert subjects(125, "TTLDXS") == ["BTC-DUKDN"]


def test_the_head_of_the_leading_board_becomes_a_national_emulation_fighter(demo, db):
    line = decision(456).lines.select_related("person__unit").get()

    assert line.award.code == "CSTDTQ"
    assert (line.person.position, line.person.unit.code) == ("Trưởng Ban", "BTC-DUKDN")
    assert subjects(125, "CSTD_BO") == [line.person.staff_code]


def test_decision_numbers_follow_each_issuers_format(demo, db):
    party, state = decision(125), decision(456)

    assert (party.number_text, party.signed_on) == ("Số 125-QĐ/BTCTW", date(2024, 1, 15))
    assert (state.number_text, state.signed_on) == ("Số: 456/QĐ-TTg", date(2024, 4, 20))
    assert state.issuer is None and state.issuer_name == "Thủ tướng Chính phủ"
    refs = set(
        AwardRecord.objects.filter(source=AwardRecord.Source.DECISION).values_list(
            "decision_number", flat=True
        )
    )
    assert refs == {"125-QĐ/BTCTW", "456/QĐ-TTg"}


def test_money_is_the_multiplier_times_the_base_salary_of_the_signing_day(demo, db):
    amounts = {
        line.award.code: line.amount
        for line in [*decision(125).lines.all(), *decision(456).lines.all()]
    }

    assert decision(125).base_salary == decision(456).base_salary == Decimal(1_800_000)
    assert amounts["TTLDXS"] == Decimal(2_700_000)
    assert amounts["CSTD_BO"] == Decimal(5_400_000)
    assert amounts["CSTDTQ"] == Decimal(8_100_000)
    assert amounts["BK_BTCTW"] == Decimal(1_800_000)


def test_the_posting_lasts_ten_working_days_and_the_council_meets_after_it(demo, db):
    posting = Posting.objects.get()
    feedback = Feedback.objects.get(posting=posting)
    session = posting.batch.council_session

    assert (posting.opened_on, posting.ends_on, posting.working_days) == (
        date(2024, 2, 19),
        date(2024, 3, 1),
        10,
    )
    assert session.status == BallotSession.Status.CLOSED
    assert session.meeting_date > posting.ends_on
    assert feedback.status == Feedback.Status.RESOLVED and feedback.dossier is not None


def test_both_proposals_are_decided_and_every_move_is_dated_before_the_decisions(demo, db):
    batches = Batch.objects.all()

    assert {(b.route.code, b.status) for b in batches} == {
        ("sector", Batch.Status.DECIDED),
        ("government", Batch.Status.DECIDED),
    }
    assert batches.get(route__code="sector").document_number == plan.CLUSTER_NUMBER
    for batch in batches:
        days = {move.at.date() for move in batch.moves.all()}
        assert max(days) <= date(2024, 4, 20), batch.title


def test_one_certificate_of_merit_is_revoked_and_its_money_recovered(demo, db):
    revocation = Revocation.objects.select_related("line__award_record").get()

    assert revocation.line.decision == decision(125)
    assert revocation.line.award.code == "BK_BTCTW"
    assert (revocation.ground, revocation.document_ref) == ("b", "Số 210-QĐ/BTCTW")
    assert revocation.line.award_record.revoked
    assert revocation.amount_to_recover == Decimal(1_800_000)
    assert recovered_total(revocation) == revocation.amount_to_recover


def test_the_engine_agrees_with_the_live_award_history(demo, db):
    """Each live decided award: its stored verdict was ELIGIBLE (or the secretariat passed it
    with a reason), and judged again from the history without the award itself (and the
    initiatives it used), the engine still finds it ELIGIBLE."""
    lines = Decision.objects.filter(status=Decision.Status.ISSUED).values_list("lines", flat=True)
    dossiers = Dossier.objects.filter(
        decision_lines__in=lines, decision_lines__award_record__revoked=False
    ).select_related("batch__awarding_unit", "award")
    overridden = 0
    for dossier in dossiers:
        if dossier.verdict_status != Status.ELIGIBLE.value:
            assert dossier.checklist["override_reason"], dossier
            overridden += 1
            continue
        batch, own = dossier.batch, (dossier.award.code, dossier.year)
        facts = subject_facts(dossier)
        facts = replace(facts, awards=tuple(a for a in facts.awards if (a.code, a.year) != own))
        case = Case(facts, *own, date(2024, 12, 31), batch.submitted_on)
        verdict = evaluate(
            case, pack=pack_for(dossier, batch.submitted_on),
            policy=policy_values(batch.awarding_unit),
        )  # fmt: skip
        assert verdict.status is Status.ELIGIBLE, (dossier, [o.rule for o in verdict.failed])
    assert dossiers.count() == 11 and overridden == 1


def test_loading_twice_changes_nothing(demo, db):
    before = row_counts()

    assert demo_data.load() == {}
    assert row_counts() == before
