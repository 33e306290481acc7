"""Appraisal: a dossier missing a required component cannot pass; the verdict is judged again;
a proposal moves past appraisal only when every nominee in it was appraised."""

from datetime import date

import pytest

from thidua.awards.services import rating_set
from thidua.core.errors import DomainError
from thidua.nominations.models import Batch, Dossier, DossierAttachment, Route
from thidua.nominations.services import dossiers as services
from thidua.nominations.services.appraisal import batch_appraised, checklist_for, dossier_appraise
from thidua.nominations.tests.factories import award, proposal
from thidua.nominations.tests.test_dossiers import _media, attach, nominate  # noqa: F401

Kind = DossierAttachment.Kind


@pytest.fixture
def batch(world) -> Batch:
    """A proposal being prepared, whose submission (tờ trình) is already numbered."""
    return proposal(world, document_number="25-TTr/BTCĐU")


def at_appraisal(batch: Batch) -> None:
    """Sent on to the secretariat's appraisal step, as the routing would."""
    step = Route.objects.get(code="sector").steps.get(code="appraise")
    Batch.objects.filter(pk=batch.pk).update(
        status=Batch.Status.IN_PROGRESS, step=step, submitted_on=date(2024, 1, 10)
    )


def eligible_ldtt(world, batch) -> Dossier:
    """An advanced worker whose year was rated "well completed" (Law Art. 24)."""
    rating_set(person=world.dn_person, year=2023, rating="HTT", by=None)
    return nominate(world, batch, code="LDTT")


def complete(dossier, world) -> Dossier:
    services.dossier_report_update(
        dossier=dossier, report={"achievements": "Hoàn thành tốt nhiệm vụ."}, by=None
    )
    attach(dossier, Kind.EVIDENCE)
    return dossier


def appraise(dossier, world, result="passed", **kwargs) -> Dossier:
    at_appraisal(dossier.batch)
    values = {"checklist": {}, "note": "", "override_reason": "", **kwargs}
    return dossier_appraise(dossier=dossier, by=world.secretary, result=result, **values)


def refusal(dossier, world, result="passed", **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        appraise(dossier, world, result, **kwargs)
    return caught.value


def states(dossier) -> dict[str, str]:
    return {row["code"]: row["state"] for row in checklist_for(dossier)}


def test_the_checklist_shows_each_required_component_and_whether_it_is_on_file(world, batch):
    dossier = eligible_ldtt(world, batch)
    assert states(dossier) == {"proposal": "present", "report": "missing", "evidence": "missing"}


def test_a_dossier_missing_a_component_cannot_pass_and_the_refusal_lists_it(world, batch):
    dossier = eligible_ldtt(world, batch)
    attach(dossier, Kind.EVIDENCE)
    error = refusal(dossier, world)
    assert (error.code, error.field) == ("incomplete", "checklist")
    assert "Achievement report" in error.messages[0]
    assert "Evidence" not in error.messages[0]


def test_the_dossier_passes_once_the_missing_file_is_there(world, batch):
    dossier = complete(eligible_ldtt(world, batch), world)
    dossier = appraise(dossier, world, checklist={"evidence": "ok"})
    assert dossier.verdict_status == "eligible"
    assert (dossier.appraisal, dossier.appraised_by) == (Dossier.Appraisal.PASSED, world.secretary)
    assert dossier.checklist["marks"] == {"evidence": "ok"}


def test_an_uncertified_copy_does_not_count_as_evidence(world, batch):
    dossier = eligible_ldtt(world, batch)
    attach(dossier, Kind.EVIDENCE, certified=False)
    assert states(dossier)["evidence"] == "missing"


def test_the_reviewer_can_mark_a_filed_component_as_not_acceptable(world, batch):
    dossier = complete(eligible_ldtt(world, batch), world)
    assert refusal(dossier, world, checklist={"evidence": "missing"}).code == "incomplete"


def test_a_rejection_needs_a_note(world, batch):
    assert refusal(eligible_ldtt(world, batch), world, "rejected").code == "note_required"


def test_a_dossier_may_be_found_incomplete_with_components_missing(world, batch):
    dossier = appraise(eligible_ldtt(world, batch), world, "incomplete", note="Thiếu minh chứng")
    assert dossier.appraisal == Dossier.Appraisal.INCOMPLETE
    assert dossier.checklist["missing"] == ["report", "evidence"]


def test_an_ineligible_nominee_passes_only_when_the_reviewer_says_why(world, batch):
    dossier = complete(nominate(world, batch, code="LDTT"), world)
    assert refusal(dossier, world).code == "ineligible"
    dossier = appraise(dossier, world, override_reason="Đã bổ sung kết quả đánh giá")
    assert dossier.appraisal == Dossier.Appraisal.PASSED
    assert dossier.checklist["override_reason"] == "Đã bổ sung kết quả đánh giá"


def test_a_public_posting_still_ahead_on_the_route_does_not_block_appraisal(world, batch):
    Route.objects.filter(code="sector").update(components={"LDTT": ["report", "posting"]})
    dossier = services.dossier_report_update(
        dossier=eligible_ldtt(world, batch), report={"achievements": "…"}, by=None
    )
    assert states(dossier) == {"proposal": "present", "report": "present", "posting": "later"}
    assert [row["required"] for row in checklist_for(dossier)] == [False, True, True]
    assert appraise(dossier, world).appraisal == Dossier.Appraisal.PASSED


# ---- the proposal as a whole --------------------------------------------------------------
def test_a_proposal_with_a_nominee_not_yet_appraised_is_not_appraised(world, batch):
    dossier = complete(eligible_ldtt(world, batch), world)
    nominate(world, batch, code="BK_BTCTW_TT", unit=world.cq)
    appraise(dossier, world)
    done, reasons = batch_appraised(batch)
    assert not done
    assert reasons == [f"{world.cq.name} – {award('BK_BTCTW_TT').name}: not appraised yet."]


def test_a_proposal_is_appraised_when_every_nominee_passed_or_was_rejected(world, batch):
    dossier = complete(eligible_ldtt(world, batch), world)
    collective = nominate(world, batch, code="BK_BTCTW_TT", unit=world.cq)
    appraise(dossier, world)
    appraise(collective, world, "rejected", note="Không đủ tiêu chuẩn")
    assert batch_appraised(batch) == (True, [])


def test_a_proposal_where_every_nominee_was_rejected_cannot_move_on(world, batch):
    appraise(eligible_ldtt(world, batch), world, "rejected", note="Không đủ tiêu chuẩn")
    done, reasons = batch_appraised(batch)
    assert not done and len(reasons) == 1
