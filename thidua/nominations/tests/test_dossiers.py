"""Proposals and their nominees: who prepares a dossier, the report prefilled from the records
(Form 02 / Form 03), attachments, and when nothing can change any more."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.awards.services import award_record_add
from thidua.core.errors import DomainError
from thidua.core.tests.helpers import TINY_PDF as PDF
from thidua.nominations.models import Batch, BatchMove, Dossier, DossierAttachment
from thidua.nominations.services import dossiers as services
from thidua.nominations.tests.factories import award, proposal

Kind = DossierAttachment.Kind


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def nominate(world, batch=None, code="CSTDCS", **subject) -> Dossier:
    if not subject:
        subject = {"person": world.dn_person}
    return services.dossier_add(
        batch=batch or proposal(world), award=award(code), by=world.leader_officer, **subject
    )


def attach(dossier, kind, *, by=None, certified=True, name="tep.pdf") -> DossierAttachment:
    upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    return services.attachment_add(
        dossier=dossier, uploaded_file=upload, kind=kind, title="", certified=certified, by=by
    )


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


def passed(dossier) -> Dossier:
    Dossier.objects.filter(pk=dossier.pk).update(appraisal=Dossier.Appraisal.PASSED)
    dossier.refresh_from_db()
    return dossier


# ---- proposals ---------------------------------------------------------------------------------
def test_a_proposal_starts_as_a_draft_at_the_first_step_of_its_route(world):
    batch = services.batch_create(
        proposer=world.dn, awarding_unit=world.btctw, year=2023, title="Tờ trình 2023",
        by=world.leader_officer, cluster=world.cluster6, award_codes=["CO_BTCTW"],
    )  # fmt: skip
    assert (batch.route.code, batch.status, batch.step.order) == ("sector", Batch.Status.DRAFT, 1)
    move = batch.moves.get()
    assert (move.action, move.to_step, move.by) == (
        BatchMove.Action.CREATE,
        batch.step,
        world.leader_officer,
    )


def test_a_proposal_through_a_cluster_must_come_from_one_of_its_members(world):
    error = refused(
        services.batch_create, proposer=world.kt, awarding_unit=world.btctw, year=2023,
        title="Tờ trình", by=world.outsider, cluster=world.cluster6, award_codes=["CO_BTCTW"],
    )  # fmt: skip
    assert error.code == "not_member"


# ---- adding a nominee ------------------------------------------------------------------------
def test_a_persons_dossier_is_prepared_by_the_member_unit_above_them(world):
    assert nominate(world).owner_unit == world.dn


def test_a_collectives_dossier_is_prepared_by_the_collective_itself(world):
    assert nominate(world, code="BK_BTCTW_TT", unit=world.cq).owner_unit == world.cq


def test_an_award_for_collectives_cannot_be_given_to_a_person(world):
    error = refused(
        services.dossier_add, batch=proposal(world), award=award("CO_BTCTW"),
        person=world.dn_person, by=None,
    )  # fmt: skip
    assert (error.code, error.field) == ("subject", "unit")


def test_the_same_nominee_cannot_be_proposed_twice_for_one_award_in_a_proposal(world):
    batch = proposal(world)
    nominate(world, batch)
    assert refused(nominate, world=world, batch=batch).code == "duplicate"


def test_nominees_cannot_be_added_once_the_proposal_is_on_its_way(world):
    batch = proposal(world, status=Batch.Status.IN_PROGRESS)
    assert refused(nominate, world=world, batch=batch).code == "locked"


def test_nominees_can_be_added_again_once_the_proposal_is_returned_to_its_first_step(world):
    batch = proposal(world, status=Batch.Status.RETURNED)
    assert nominate(world, batch).status == Dossier.Status.INCLUDED


def test_a_nominee_can_rely_only_on_their_own_initiatives(world):
    from thidua.awards.services import initiative_add

    theirs = initiative_add(
        person=world.cq_person, by=None, title="Sáng kiến", year=2023, scope="unit"
    )
    error = refused(
        services.dossier_add, batch=proposal(world), award=award("CSTDCS"),
        person=world.dn_person, initiatives=[theirs], by=None,
    )  # fmt: skip
    assert error.field == "initiatives"


# ---- the achievement report ----------------------------------------------------------------
def test_the_individual_report_is_form_03_prefilled_with_the_live_award_history(world):
    award_record_add(
        award=award("LDTT"), year=2022, person=world.dn_person, by=None,
        decision_number="15/QĐ-BTCĐU", issuer="Ban Tổ chức Đảng ủy Khối",
    )  # fmt: skip
    award_record_add(award=award("LDTT"), year=2021, person=world.dn_person, by=None, revoked=True)
    report = nominate(world).report
    assert report["form"] == "03"
    assert report["profile"]["full_name"] == "Nguyễn Văn An"
    assert report["profile"]["unit"] == "Phòng Tổ chức cán bộ"
    assert [(a["award"], a["year"], a["decision_number"]) for a in report["awards"]] == [
        ("LDTT", 2022, "15/QĐ-BTCĐU")
    ]
    assert (report["duties"], report["achievements"], report["summary"]) == ("", "", "")


def test_the_collective_report_is_form_02_naming_the_unit_and_its_parent(world):
    report = nominate(world, code="BK_BTCTW_TT", unit=world.cq).report
    assert report["form"] == "02"
    assert report["profile"]["parent"] == world.sector.name
    assert report["profile"]["party_organisation"] == ""


def test_the_report_keeps_what_the_unit_wrote(world):
    dossier = services.dossier_report_update(
        dossier=nominate(world),
        report={"achievements": "  Hoàn thành nhiệm vụ.  ", "profile": {"ethnicity": "Kinh"}},
        by=world.leader_officer,
    )  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.report["achievements"] == "Hoàn thành nhiệm vụ."
    assert dossier.report["profile"]["ethnicity"] == "Kinh"
    assert dossier.report["profile"]["full_name"] == "Nguyễn Văn An"


def test_a_section_the_form_does_not_have_is_refused(world):
    error = refused(
        services.dossier_report_update, dossier=nominate(world),
        report={"finance": "1 tỷ"}, by=None,
    )  # fmt: skip
    assert error.field == "report"


def test_the_report_cannot_change_once_the_dossier_passed_appraisal(world):
    dossier = passed(nominate(world))
    error = refused(
        services.dossier_report_update, dossier=dossier, report={"duties": "…"}, by=None
    )
    assert error.code == "locked"


# ---- taking a nominee out ----------------------------------------------------------------------
def test_taking_a_nominee_out_needs_a_reason(world):
    error = refused(services.dossier_withdraw, dossier=nominate(world), by=None, reason=" ")
    assert error.code == "reason_required"


def test_a_nominee_taken_out_stays_on_record_with_the_reason(world):
    dossier = services.dossier_withdraw(
        dossier=nominate(world), by=world.leader_officer, reason="Chuyển công tác"
    )
    assert dossier.status == Dossier.Status.WITHDRAWN
    assert dossier.history.first().history_change_reason == "Chuyển công tác"


# ---- attachments ------------------------------------------------------------------------------
def test_a_file_is_kept_with_its_kind_and_what_its_content_is(world):
    attachment = attach(nominate(world), Kind.EVIDENCE, by=world.leader_officer)
    assert (attachment.kind, attachment.content_type) == (Kind.EVIDENCE, "application/pdf")


def test_a_file_of_an_unknown_kind_is_refused(world):
    assert refused(attach, dossier=nominate(world), kind="photo").field == "kind"


def test_a_file_can_be_removed_with_a_reason_before_appraisal(world):
    attachment = services.attachment_remove(
        attachment=attach(nominate(world), Kind.EVIDENCE), by=None, reason="Nhầm tệp"
    )
    assert attachment.removed_at is not None


def test_a_file_cannot_be_removed_once_the_dossier_passed_appraisal(world):
    dossier = nominate(world)
    attachment = attach(dossier, Kind.EVIDENCE)
    passed(dossier)
    error = refused(services.attachment_remove, attachment=attachment, by=None, reason="Nhầm")
    assert error.code == "locked"
