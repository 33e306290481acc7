"""The achievement reports of a dossier: Form 03 (an individual) and Form 02 (a collective)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from thidua.awards.services import award_record_add, initiative_add
from thidua.core.tests.helpers import sign_in
from thidua.documents.models.templates import Letterhead
from thidua.documents.papers.achievement_report import DOTS, LINE
from thidua.documents.registry import definition, definitions_for
from thidua.documents.render import render_pdf
from thidua.documents.tests.docx_helpers import docx_texts, pdf_text
from thidua.documents.tests.dossier_helpers import gathered, index_of, nominate, word
from thidua.nominations.models import Dossier
from thidua.nominations.services.dossiers import dossier_report_update
from thidua.nominations.tests.factories import award, proposal
from thidua.org import services as org


def individual(world) -> Dossier:
    """An Bằng khen dossier for Nguyễn Văn An, who already holds a title and a form."""
    person = world.dn_person
    award_record_add(
        award=award("CSTDCS"), year=2022, person=person, by=None,
        decision_number="Số 45-QĐ/BTCĐUKDN", decision_date=dt.date(2023, 1, 10),
        issuer="Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương",
    )  # fmt: skip
    award_record_add(
        award=award("GK"), year=2021, person=person, by=None, decision_number="Số: 7/QĐ-ĐUK",
        decision_date=dt.date(2022, 2, 3), issuer="Đảng ủy Khối Doanh nghiệp Trung ương",
    )  # fmt: skip
    initiative_add(
        person=person, by=None, title="Số hóa hồ sơ đảng viên", year=2023, scope="unit",
        recognised_by="Hội đồng sáng kiến", recognition_ref="QĐ số 3",
    )  # fmt: skip
    return nominate(world, proposal(world), "BK_BTCTW", person=person)


def collective(world) -> Dossier:
    return nominate(world, proposal(world), "BK_BTCTW_TT", unit=world.cq)


def written(dossier: Dossier, world, **report) -> Dossier:
    return dossier_report_update(dossier=dossier, report=report, by=world.leader_officer)


# ---- the definitions ----------------------------------------------------------------------------
def test_both_forms_are_registered_for_dossiers(world):
    assert sorted(d.kind for d in definitions_for(Dossier)) == [
        "report_collective",
        "report_individual",
    ]


def test_each_form_is_printable_only_for_its_own_kind_of_nominee(world):
    person, unit = individual(world), collective(world)
    form03, form02 = definition("report_individual"), definition("report_collective")
    assert form03.can_print(world.leader_officer, person)
    assert not form03.can_print(world.leader_officer, unit)
    assert form02.can_print(world.officer, unit)
    assert not form02.can_print(world.officer, person)


def test_a_unit_outside_the_proposal_may_not_print_a_report(world):
    assert not definition("report_individual").can_print(world.outsider, individual(world))


# ---- Form 03 ------------------------------------------------------------------------------------
def test_form_03_prints_the_persons_profile_with_dotted_blanks_for_what_is_missing(world):
    paper = gathered("report_individual", individual(world), world.leader_officer)
    profile = paper.body["profile"]
    gender = "Nam" if world.dn_person.gender == "male" else "Nữ"  # the factory picks either
    assert (profile["full_name"], profile["gender"], profile["unit"]) == (
        "Nguyễn Văn An",
        gender,
        world.dn_dept.name,
    )
    assert profile["ethnicity"] == profile["home_town"] == DOTS
    assert paper.abstract == "Đề nghị tặng Bằng khen của Ban Tổ chức Trung ương"


def test_form_03_writes_the_birth_date_the_vietnamese_way(world):
    dossier = written(individual(world), world, profile={"birth_date": "1980-05-02"})
    paper = gathered("report_individual", dossier, world.leader_officer)
    assert paper.body["profile"]["birth_date"] == "02/05/1980"


def test_a_profile_field_left_blank_is_taken_from_the_persons_record(world):
    dossier = individual(world)
    org.person_update(person=world.dn_person, by=None, birth_date=dt.date(1979, 11, 20))
    paper = gathered("report_individual", dossier, world.leader_officer)
    assert paper.body["profile"]["birth_date"] == "20/11/1979"


def test_what_the_unit_wrote_prints_one_paragraph_per_line(world):
    dossier = written(individual(world), world, duties="Trưởng phòng.\n\nPhụ trách cơ sở đảng.")
    paper = gathered("report_individual", dossier, world.leader_officer)
    assert paper.body["duties"] == ["Trưởng phòng.", "Phụ trách cơ sở đảng."]
    assert paper.body["achievements"] == [LINE, LINE]


def test_form_03_splits_the_awards_received_into_titles_and_forms(world):
    tables = gathered("report_individual", individual(world), world.leader_officer).tables
    [title] = tables["titles"].rows
    assert (title["year"], title["name"], title["decision"]) == (
        "2022",
        "Chiến sĩ thi đua cơ sở",
        "Số 45-QĐ/BTCĐUKDN ngày 10/01/2023; Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương",
    )
    assert (title["decision_number"], title["decision_date"]) == (
        "Số 45-QĐ/BTCĐUKDN",
        dt.date(2023, 1, 10),
    )
    assert [(r["year"], r["name"], r["decision_number"]) for r in tables["forms"].rows] == [
        ("2021", "Giấy khen", "Số: 7/QĐ-ĐUK")
    ]


def test_form_03_lists_the_initiatives_with_their_recognition_and_scope(world):
    rows = (
        gathered("report_individual", individual(world), world.leader_officer)
        .tables["initiatives"]
        .rows
    )
    assert rows == [
        {"title": "Số hóa hồ sơ đảng viên", "kind": "Sáng kiến", "year": "2023",
         "scope": "Cơ sở", "recognised_by": "Hội đồng sáng kiến, QĐ số 3"},
    ]  # fmt: skip


def test_the_person_signs_and_the_head_of_the_unit_confirms(world):
    Letterhead.objects.create(unit=world.dn, signer_title="Trưởng Ban", signer_name="Lê Văn Tâm")
    paper = gathered("report_individual", individual(world), world.leader_officer)
    assert (paper.signer.name, paper.body["confirmer"]["name"]) == ("Nguyễn Văn An", "Lê Văn Tâm")


def test_the_word_file_of_form_03_keeps_the_sections_in_order(world):
    texts = docx_texts(word(gathered("report_individual", individual(world), world.leader_officer)))
    order = [
        index_of(texts, "BÁO CÁO THÀNH TÍCH"),
        index_of(texts, "Đề nghị tặng Bằng khen của Ban Tổ chức Trung ương"),
        index_of(texts, "I. SƠ LƯỢC LÝ LỊCH"),
        index_of(texts, "- Họ và tên: Nguyễn Văn An"),
        index_of(texts, "II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        index_of(texts, "1. Quyền hạn, nhiệm vụ được giao"),
        index_of(texts, "2. Thành tích đạt được"),
        index_of(texts, "Số hóa hồ sơ đảng viên"),
        index_of(texts, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        index_of(texts, "1. Danh hiệu thi đua"),
        index_of(texts, "Số 45-QĐ/BTCĐUKDN ngày 10/01/2023"),
        index_of(texts, "2. Hình thức khen thưởng"),
        index_of(texts, "Số: 7/QĐ-ĐUK ngày 03/02/2022"),
        index_of(texts, "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ"),
        index_of(texts, "NGƯỜI BÁO CÁO THÀNH TÍCH"),
    ]
    assert order == sorted(order)


def test_a_report_has_no_number_and_symbol(world):
    texts = docx_texts(word(gathered("report_individual", individual(world), world.leader_officer)))
    assert not any("/BC-" in t or "-BC/" in t for t in texts)
    assert "ngày … tháng … năm …" in " ".join(texts)


def test_a_person_without_earlier_awards_reads_none_under_each_heading(world):
    dossier = nominate(world, proposal(world), "BK_BTCTW", person=world.cq_person)
    texts = docx_texts(word(gathered("report_individual", dossier, world.leader_officer)))
    assert texts.count("Chưa có.") == 2


# ---- Form 02 ------------------------------------------------------------------------------------
def test_form_02_prints_the_collective_and_its_superior_unit(world):
    profile = gathered("report_collective", collective(world), world.officer).body["profile"]
    assert (profile["name"], profile["parent"], profile["address"]) == (
        world.cq.name,
        world.sector.name,
        DOTS,
    )


def test_form_02_reminds_a_collective_to_state_it_has_no_party_organisation(world):
    texts = docx_texts(word(gathered("report_collective", collective(world), world.officer)))
    assert any("không có tổ chức đảng" in t for t in texts)


def test_form_02_drops_the_reminder_once_the_party_organisation_is_described(world):
    dossier = written(
        collective(world), world, profile={"party_organisation": "Chi bộ 15 đảng viên"}
    )
    texts = docx_texts(word(gathered("report_collective", dossier, world.officer)))
    assert "Chi bộ 15 đảng viên" in texts
    assert not any("không có tổ chức đảng" in t for t in texts)


def test_the_word_file_of_form_02_keeps_the_sections_in_order(world):
    dossier = written(
        collective(world), world, duties="Tham mưu công tác tổ chức.",
        achievements="Hoàn thành xuất sắc nhiệm vụ.",
    )  # fmt: skip
    texts = docx_texts(word(gathered("report_collective", dossier, world.officer)))
    order = [
        index_of(texts, "BÁO CÁO THÀNH TÍCH"),
        index_of(texts, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
        index_of(texts, "1. Đặc điểm"),
        index_of(texts, f"- Tên tập thể: {world.cq.name}"),
        index_of(texts, "- Tổ chức đảng, đoàn thể:"),
        index_of(texts, "2. Chức năng, nhiệm vụ"),
        index_of(texts, "Tham mưu công tác tổ chức."),
        index_of(texts, "II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        index_of(texts, "Hoàn thành xuất sắc nhiệm vụ."),
        index_of(texts, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        index_of(texts, "THỦ TRƯỞNG CẤP TRÌNH KHEN THƯỞNG XÁC NHẬN, ĐỀ NGHỊ"),
        index_of(texts, "THỦ TRƯỞNG ĐƠN VỊ"),
    ]
    assert order == sorted(order)


def test_the_collectives_head_signs_form_02_and_the_proposing_unit_confirms(world):
    Letterhead.objects.create(unit=world.cq, signer_name="Đỗ Thị Hoa")
    Letterhead.objects.create(unit=world.dn, signer_name="Lê Văn Tâm")
    paper = gathered("report_collective", collective(world), world.officer)
    assert (paper.signer.name, paper.body["confirmer"]["name"]) == ("Đỗ Thị Hoa", "Lê Văn Tâm")


# ---- PDF (one LibreOffice conversion for this part) ---------------------------------------------
def test_the_pdf_of_form_03_keeps_the_vietnamese_text(world):
    pdf = render_pdf(gathered("report_individual", individual(world), world.leader_officer))
    text = pdf_text(pdf)
    assert "SƠ LƯỢC LÝ LỊCH" in text and "Nguyễn Văn An" in text


def test_asking_for_the_wrong_form_of_a_visible_dossier_is_refused(world, client):
    dossier = collective(world)
    sign_in(client, world.officer)
    kwargs = {"kind": "report_individual", "pk": dossier.pk, "fmt": "docx"}
    assert client.get(reverse("documents:paper_file", kwargs=kwargs)).status_code == 403
