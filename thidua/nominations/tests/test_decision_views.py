from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from thidua.awards.models import AwardRecord
from thidua.awards.services import award_record_add
from thidua.core.tests.helpers import sign_in
from thidua.nominations.models import Decision, ReviewFlag, Revocation
from thidua.nominations.selectors.decisions import place_date_text
from thidua.nominations.services.revocation import line_revoke
from thidua.nominations.tests.factories import award, proposal
from thidua.nominations.tests.test_decisions import at_decide, dossier, draft, issued

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"nominations:{name}", args=args)


@pytest.fixture
def decision(world):
    return issued(world, ("CSTD_BO", world.dn_person, 2023), ("TTLDXS", world.dn, 2023))


# ---- reading -----------------------------------------------------------------------------------
def test_every_signed_in_user_reads_issued_decisions_but_not_drafts(client, world, decision):
    other = draft(world, ("LDTT", world.cq_person, 2023))
    sign_in(client, world.officer)
    page = client.get(url("decision_list"))
    assert decision.number_text in page.content.decode()
    assert url("decision_detail", other.pk) not in page.content.decode()
    assert client.get(url("decision_detail", decision.pk)).status_code == 200
    assert client.get(url("decision_detail", other.pk)).status_code == 404


def test_the_decision_page_shows_the_number_the_date_line_and_the_total(client, world, decision):
    sign_in(client, world.officer)
    page = client.get(url("decision_detail", decision.pk)).content.decode()
    with translation.override("vi"):
        line = place_date_text("Hà Nội", date(2024, 1, 5))
    assert "Số 12-QĐ/BTCTW" in page and line in page
    # 3.0 and 1.5 × 1,800,000 (the base salary on 5-1-2024)
    assert "8.100.000" in page


def test_the_list_filters_by_year(client, world, decision):
    sign_in(client, world.officer)
    assert decision.number_text in client.get(url("decision_list"), {"year": 2024}).content.decode()
    assert (
        decision.number_text
        not in client.get(url("decision_list"), {"year": 2025}).content.decode()
    )


def test_the_list_page_runs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for number in range(1, 6):
        issued(world, ("LDTT", world.dn_person, 2018 + number), number=number)
    sign_in(client, world.officer)
    with django_assert_max_num_queries(15):
        assert client.get(url("decision_list")).status_code == 200


# ---- drafting from a proposal ------------------------------------------------------------------
def test_the_secretariat_drafts_the_decision_of_a_proposal_at_its_decision_step(client, world):
    batch = at_decide(proposal(world))
    dossier(batch, world, "CSTD_BO", person=world.dn_person)
    sign_in(client, world.secretary)
    assert "Nguyễn Văn An" in client.get(url("decision_from_batch", batch.pk)).content.decode()
    response = client.post(
        url("decision_from_batch", batch.pk),
        {"abstract": "Về việc khen thưởng năm 2023", "place": "Hà Nội", "rounding": "up_10000"},
    )
    decision = Decision.objects.get(batch=batch)
    assert response.status_code == 302 and response.url == url("decision_edit", decision.pk)
    assert decision.lines.get().person == world.dn_person


def test_a_decision_of_an_authority_outside_thidua_needs_its_abbreviation(client, world):
    batch = at_decide(proposal(world))
    dossier(batch, world, "CSTD_BO", person=world.dn_person)
    sign_in(client, world.secretary)
    data = {"abstract": "Về việc", "rounding": "up_10000", "external": "on",
            "issuer_name": "Thủ tướng Chính phủ"}  # fmt: skip
    page = client.post(url("decision_from_batch", batch.pk), data)
    assert page.status_code == 200 and not Decision.objects.exists()
    assert "Thủ tướng Chính phủ" in page.content.decode()
    assert page.context["form"].errors["issuer_code"]


def test_a_unit_officer_who_sees_the_proposal_cannot_draft_its_decision(client, world):
    batch = at_decide(proposal(world))
    sign_in(client, world.leader_officer)
    assert client.get(url("decision_from_batch", batch.pk)).status_code == 403


def test_an_outsider_does_not_see_the_decision_page_of_a_proposal(client, world):
    batch = at_decide(proposal(world))
    sign_in(client, world.outsider)
    assert client.get(url("decision_from_batch", batch.pk)).status_code == 404


# ---- editing and issuing -----------------------------------------------------------------------
def test_a_unit_officer_cannot_issue_a_decision(client, world):
    decision = draft(world, ("CSTD_BO", world.dn_person, 2023))
    sign_in(client, world.leader_officer)
    data = {"number": 1, "signed_on": "2024-01-05", "signer_name": "A", "confirm": "on"}
    assert client.post(url("decision_issue", decision.pk), data).status_code == 404
    assert Decision.objects.get(pk=decision.pk).status == "draft"


def test_the_secretariat_issues_a_draft(client, world):
    decision = draft(world, ("CSTD_BO", world.dn_person, 2023))
    sign_in(client, world.secretary)
    data = {"number": 7, "signed_on": "2024-01-05", "signer_name": "Lê Văn C", "confirm": "on"}
    response = client.post(url("decision_issue", decision.pk), data)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.number_text == "Số 7-QĐ/BTCTW" and decision.signer_name == "Lê Văn C"
    assert AwardRecord.objects.get(person=world.dn_person).source == "decision"


def test_a_number_already_used_is_shown_beside_the_number_and_the_typed_values_kept(
    client, world, decision
):
    second = draft(world, ("LDTT", world.cq_person, 2023))
    sign_in(client, world.secretary)
    data = {"number": 12, "signed_on": "2024-03-01", "signer_name": "Lê Văn C", "confirm": "on"}
    page = client.post(url("decision_issue", second.pk), data)
    assert page.status_code == 200
    assert "Số 12-QĐ/BTCTW" in page.context["form"].errors["number"][0]
    assert 'value="Lê Văn C"' in page.content.decode()


def test_a_recipient_is_added_to_and_removed_from_a_draft(client, world):
    decision = draft(world)
    sign_in(client, world.secretary)
    data = {"award": award("CSTD_BO").pk, "person": world.dn_person.pk, "year": 2023}
    assert client.post(url("decision_line_add", decision.pk), data).status_code == 302
    line = decision.lines.get()
    assert line.label.startswith("Nguyễn Văn An") and line.multiplier == 3
    assert client.post(url("decision_line_remove", line.pk)).status_code == 302
    assert not decision.lines.exists()


def test_a_recipient_of_the_wrong_kind_is_refused_beside_the_award(client, world):
    decision = draft(world)
    sign_in(client, world.secretary)
    data = {"award": award("TTLDXS").pk, "person": world.dn_person.pk, "year": 2023}
    page = client.post(url("decision_line_add", decision.pk), data)
    assert page.status_code == 200 and page.context["add_form"].errors["award"]
    assert not decision.lines.exists()


def test_the_edit_page_of_an_issued_decision_sends_back_with_the_reason(client, world, decision):
    sign_in(client, world.secretary)
    response = client.post(url("decision_edit", decision.pk), {"abstract": "Khác"}, follow=True)
    assert response.redirect_chain[-1][0] == url("decision_detail", decision.pk)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Decision.objects.get(pk=decision.pk).abstract == "Về việc khen thưởng"


def test_every_decision_page_opens_for_the_secretariat(client, world, decision):
    other = draft(world, ("LDTT", world.cq_person, 2023))
    line = decision.lines.first()
    later = award_record_add(
        award=award("CSTDTQ"), year=2025, by=None, person=world.dn_person,
        decision_date=date(2026, 1, 5),
    )  # fmt: skip
    revocation = line_revoke(
        line=decision.lines.get(award__code="CSTD_BO"), ground="a", reason="Sai",
        document_ref="5-QĐ/BTCTW", revoked_on=date(2026, 3, 2), by=world.secretary,
    )  # fmt: skip
    flag = revocation.flags.get(award_record=later)
    sign_in(client, world.secretary)
    pages = [
        url("decision_detail", decision.pk), url("decision_detail", other.pk),
        url("decision_edit", other.pk), url("decision_issue", other.pk),
        url("decision_correct", decision.pk), url("line_revoke", line.pk),
        url("recovery_add", revocation.pk), url("flag_list"), url("flag_resolve", flag.pk),
        url("flag_list") + "?status=all",
    ]  # fmt: skip
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_correcting_through_the_form_makes_a_draft_that_refers_to_the_old_one(
    client, world, decision
):
    sign_in(client, world.secretary)
    response = client.post(url("decision_correct", decision.pk), {"reason": "Sai chức vụ"})
    correction = Decision.objects.get(corrects=decision)
    assert response.url == url("decision_edit", correction.pk)
    assert correction.lines.count() == 2


# ---- revocation --------------------------------------------------------------------------------
def test_revoking_through_the_form_lists_the_later_award_for_review(client, world, decision):
    later = award_record_add(
        award=award("CSTDTQ"), year=2025, by=None, person=world.dn_person,
        decision_date=date(2026, 1, 5),
    )  # fmt: skip
    line = decision.lines.get(award__code="CSTD_BO")
    sign_in(client, world.secretary)
    data = {"ground": "a", "reason": "Kê khai không trung thực", "document_ref": "5-QĐ/BTCTW",
            "revoked_on": "2026-03-02"}  # fmt: skip
    assert client.post(url("line_revoke", line.pk), data).status_code == 302
    flags = client.get(url("flag_list"))
    assert flags.context["rows"][0]["flag"].award_record == later
    flag = ReviewFlag.objects.get()
    data = {"status": "kept", "note": "Còn đủ hai lần Chiến sĩ thi đua Bộ"}
    assert client.post(url("flag_resolve", flag.pk), data).status_code == 302
    assert ReviewFlag.objects.get().status == "kept"


def test_a_revocation_without_a_reason_is_refused_beside_the_field(client, world, decision):
    line = decision.lines.first()
    sign_in(client, world.secretary)
    data = {"ground": "a", "reason": "", "document_ref": "5-QĐ/BTCTW", "revoked_on": "2026-03-02"}
    page = client.post(url("line_revoke", line.pk), data)
    assert page.status_code == 200 and page.context["form"].errors["reason"]
    assert not Revocation.objects.exists()


def test_a_unit_officer_cannot_revoke_an_award(client, world, decision):
    sign_in(client, world.leader_officer)
    assert client.get(url("line_revoke", decision.lines.first().pk)).status_code == 403


def test_money_recovered_is_recorded_through_the_form(client, world, decision):
    line = decision.lines.get(award__code="CSTD_BO")
    revocation = line_revoke(
        line=line, ground="a", reason="Sai", document_ref="5-QĐ/BTCTW",
        revoked_on=date(2026, 3, 2), by=world.secretary,
    )  # fmt: skip
    sign_in(client, world.secretary)
    data = {"amount": "5400000", "recovered_on": "2026-04-01", "insignia_returned": "on"}
    assert client.post(url("recovery_add", revocation.pk), data).status_code == 302
    assert revocation.recoveries.get().insignia_returned
    page = client.post(
        url("recovery_add", revocation.pk), {"amount": "1", "recovered_on": "2026-04-02"}
    )
    assert page.context["form"].errors["amount"]
