"""The proposal (tờ trình, Form 01) of a nominations Batch: what it gathers and how it prints."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.documents.models.templates import Letterhead
from thidua.documents.papers import proposal as form01
from thidua.documents.registry import definition, definitions_for
from thidua.documents.tests.docx_helpers import docx_texts
from thidua.documents.tests.dossier_helpers import (
    cluster_proposal,
    gathered,
    index_of,
    nominate,
    word,
    year_end_ballot,
)
from thidua.nominations.models import Batch
from thidua.nominations.services.dossiers import dossier_withdraw
from thidua.nominations.tests.factories import proposal
from thidua.org import services as org


def rows_of(paper) -> list[tuple]:
    return [(row["no"], row["name"]) for row in paper.tables["nominees"].rows]


# ---- gathering ---------------------------------------------------------------------------------
def test_the_proposal_is_registered_for_batches(world):
    assert [d.kind for d in definitions_for(Batch)] == ["proposal"]


def test_the_list_is_grouped_by_award_with_a_heading_row_for_each(world):
    paper = gathered("proposal", cluster_proposal(world), world.leader_officer)
    assert rows_of(paper) == [
        ("I", "BẰNG KHEN CỦA BAN TỔ CHỨC TRUNG ƯƠNG"),
        (1, "Nguyễn Văn An"),
        ("II", "BẰNG KHEN CỦA BAN TỔ CHỨC TRUNG ƯƠNG (TẬP THỂ)"),
        (1, world.cq.name),
    ]
    assert [bool(row.get("_bold")) for row in paper.tables["nominees"].rows] == [
        True, False, True, False,
    ]  # fmt: skip


def test_a_row_gives_the_position_and_unit_the_award_and_the_reports_summary(world):
    batch = proposal(world)
    person = org.person_create(
        by=None, unit=world.dn_dept, full_name="Phạm Thu Dung", gender="female",
        position="Trưởng phòng",
    )  # fmt: skip
    dossier = nominate(world, batch, "BK_BTCTW", person=person)
    dossier.report = {**dossier.report, "summary": "Hoàn thành xuất sắc nhiệm vụ năm 2023."}
    dossier.save()
    row = gathered("proposal", batch, world.leader_officer).tables["nominees"].rows[1]
    assert row["position"] == f"Trưởng phòng, {world.dn_dept.name}, {world.dn.name}"
    assert (row["award"], row["summary"], row["note"]) == (
        "Bằng khen của Ban Tổ chức Trung ương",
        "Hoàn thành xuất sắc nhiệm vụ năm 2023.",
        "",
    )


def test_a_collectives_row_names_its_superior_unit(world):
    row = (
        gathered("proposal", cluster_proposal(world), world.leader_officer)
        .tables["nominees"]
        .rows[3]
    )
    assert row["position"] == world.sector.name


def test_the_abstract_names_each_award_once_without_the_collective_mark(world):
    paper = gathered("proposal", cluster_proposal(world), world.leader_officer)
    assert paper.abstract == "Về việc đề nghị tặng Bằng khen của Ban Tổ chức Trung ương năm 2023"


def test_the_request_counts_individuals_and_collectives_per_award(world):
    body = gathered("proposal", cluster_proposal(world), world.leader_officer).body
    assert body["requests"] == [
        {"award": "Bằng khen của Ban Tổ chức Trung ương", "people": 1, "collectives": 0},
        {"award": "Bằng khen của Ban Tổ chức Trung ương (tập thể)", "people": 0,
         "collectives": 1},
    ]  # fmt: skip
    assert (body["people"], body["collectives"]) == (1, 1)


def test_a_nominee_taken_out_of_the_proposal_is_not_listed(world):
    batch = cluster_proposal(world)
    dossier_withdraw(
        dossier=batch.dossiers.get(unit=world.cq), by=world.leader_officer, reason="Không đủ"
    )
    assert rows_of(gathered("proposal", batch, world.leader_officer)) == [
        ("I", "BẰNG KHEN CỦA BAN TỔ CHỨC TRUNG ƯƠNG"),
        (1, "Nguyễn Văn An"),
    ]


def test_a_unit_that_only_prepares_one_dossier_sees_only_its_own_nominee(world):
    paper = gathered("proposal", cluster_proposal(world), world.officer)
    assert [row["name"] for row in paper.tables["nominees"].rows if not row.get("_bold")] == [
        world.cq.name
    ]


def test_the_typed_number_keeps_its_number_and_a_blank_one_prints_a_draft(world):
    batch = proposal(world, document_number="Số 25-TTr/BTCĐUKDN")
    numbered = gathered("proposal", batch, world.leader_officer)
    assert numbered.number == "25"
    assert form01.number_of("") is None
    assert form01.number_of("12") == "12"


def test_a_proposal_submitted_before_july_2025_cites_decree_98(world):
    bases = form01.legal_bases(year=2024, on=dt.date(2025, 6, 30))
    assert bases[0].startswith("Luật Thi đua, khen thưởng số 06/2022/QH15")
    assert [b.split(" ngày")[0] for b in bases[1:]] == ["Nghị định số 98/2023/NĐ-CP"]


def test_a_proposal_submitted_from_july_2025_cites_decree_152(world):
    batch = proposal(world, year=2024, submitted_on=dt.date(2025, 7, 1))
    bases = gathered("proposal", batch, world.leader_officer).body["bases"]
    assert [b.split(" ngày")[0] for b in bases] == [
        "Luật Thi đua, khen thưởng số 06/2022/QH15",
        "Nghị định số 152/2025/NĐ-CP",
    ]


def test_an_installation_may_reword_a_legal_basis(world, settings):
    settings.DOCUMENTS_LEGAL_BASES = {"Nghị định 98/2023/NĐ-CP": "Nghị định 98 (bản riêng)"}
    assert form01.legal_bases(year=2023, on=dt.date(2024, 1, 2))[1] == "Nghị định 98 (bản riêng)"


def test_the_addressee_is_the_awarding_bodys_council(world):
    body = gathered("proposal", proposal(world), world.leader_officer).body
    assert body["addressee"] == "Hội đồng Thi đua Ban Tổ chức Trung ương"


def test_the_signer_is_the_proposing_units_default_signer(world):
    Letterhead.objects.create(
        unit=world.dn, signer_authority="TM. BAN THƯỜNG VỤ", signer_title="Trưởng Ban",
        signer_name="Lê Văn Tâm",
    )  # fmt: skip
    signer = gathered("proposal", proposal(world), world.leader_officer).signer
    assert (signer.authority, signer.title, signer.name) == (
        "TM. BAN THƯỜNG VỤ",
        "Trưởng Ban",
        "Lê Văn Tâm",
    )


def test_the_closed_cluster_ballot_is_told_with_its_date_and_votes(world):
    batch = proposal(world, ballot_session=year_end_ballot(world, elect=world.cq))
    [meeting] = gathered("proposal", batch, world.leader_officer).body["meetings"]
    assert (meeting["name"], meeting["date"], meeting["place"]) == (
        "Cụm thi đua số 6",
        "22/12/2023",
        "Hà Nội",
    )
    [result] = meeting["results"]
    assert (result["label"], result["votes"], result["base"], result["by_chair"]) == (
        world.cq.name, 2, 2, False,
    )  # fmt: skip


def test_only_its_authors_and_the_awarding_side_may_print_it(world):
    batch = cluster_proposal(world)
    can_print = definition("proposal").can_print
    assert can_print(world.leader_officer, batch) and can_print(world.secretary, batch)
    assert not can_print(world.outsider, batch)


# ---- the Word file ----------------------------------------------------------------------------
def test_the_word_file_follows_form_01_in_order(world):
    batch = proposal(world, ballot_session=year_end_ballot(world, elect=world.cq))
    nominate(world, batch, "BK_BTCTW_TT", unit=world.cq)
    texts = docx_texts(word(gathered("proposal", batch, world.leader_officer)))
    order = [
        index_of(texts, "TỜ TRÌNH"),
        index_of(texts, "Về việc đề nghị tặng Bằng khen của Ban Tổ chức Trung ương năm 2023"),
        index_of(texts, "Kính gửi: Hội đồng Thi đua Ban Tổ chức Trung ương"),
        index_of(texts, "Căn cứ Luật Thi đua, khen thưởng"),
        index_of(texts, "Ngày 22/12/2023, Cụm thi đua số 6 đã tổ chức họp"),
        index_of(texts, f"{world.cq.name} đạt 2/2 phiếu (100,00%)"),
        index_of(texts, "kính đề nghị Ban Tổ chức Trung ương xem xét, tặng thưởng cho 1 tập thể"),
        index_of(texts, "Nơi nhận:"),
        index_of(texts, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"),
        index_of(texts, "BẰNG KHEN CỦA BAN TỔ CHỨC TRUNG ƯƠNG (TẬP THỂ)"),
    ]
    assert order == sorted(order)


def test_without_a_meeting_the_word_file_says_the_unit_chose_the_nominees(world):
    texts = docx_texts(word(gathered("proposal", cluster_proposal(world), world.leader_officer)))
    assert any(t.startswith("Căn cứ thành tích đạt được năm 2023") for t in texts)
    assert not any("bỏ phiếu kín" in t for t in texts)


def test_a_party_unit_numbers_it_the_party_way_and_a_state_unit_the_state_way(world):
    org.unit_update(unit=world.dn, by=None, document_style="party", issuer_code="BTCĐUKDN")
    batch = proposal(world, document_number="Số 25-TTr/BTCĐUKDN")
    party = docx_texts(word(gathered("proposal", batch, world.leader_officer)))
    assert "Số 25-TTr/BTCĐUKDN" in party and "ĐẢNG CỘNG SẢN VIỆT NAM" in party
    assert any("(Kèm theo Tờ trình số 25-TTr/BTCĐUKDN" in t for t in party)
    org.unit_update(unit=world.dn, by=None, document_style="state", issuer_code="BTCĐUKDN")
    state = docx_texts(word(gathered("proposal", batch, world.leader_officer)))
    assert "Số: 25/TTr-BTCĐUKDN" in state and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in state


# ---- through the print page -------------------------------------------------------------------
def test_the_proposals_officer_downloads_it_as_a_word_file(world, client):
    batch = cluster_proposal(world)
    sign_in(client, world.leader_officer)
    url = reverse(
        "documents:paper_file", kwargs={"kind": "proposal", "pk": batch.pk, "fmt": "docx"}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "TỜ TRÌNH" in docx_texts(response.content)


def test_a_unit_outside_the_proposal_does_not_even_learn_it_exists(world, client):
    batch = cluster_proposal(world)
    sign_in(client, world.outsider)
    url = reverse(
        "documents:paper_file", kwargs={"kind": "proposal", "pk": batch.pk, "fmt": "docx"}
    )
    assert client.get(url).status_code == 404
