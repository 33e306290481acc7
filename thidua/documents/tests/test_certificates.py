"""Certificates as PDF: values from a decision line, layouts, positions, calibration, defaults."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.core.errors import DomainError
from thidua.documents import certificates as printing
from thidua.documents.models.certificates import CertificateLayout
from thidua.documents.services import certificates as services
from thidua.documents.services.certificate_defaults import certificate_layouts_ensure
from thidua.documents.tests.certificate_helpers import (
    blank_layout,
    draft,
    fonts_of,
    ink_share,
    issued,
    page_count,
    page_size_mm,
    text_of,
    word_box,
    words_of,
)
from thidua.nominations.tests.factories import award
from thidua.org import services as org_services

pytestmark = pytest.mark.django_db
NAME_FIELD = {"key": "recipient_name", "x_mm": 100, "y_mm": 50, "font_size": 20}


def three_lines(world):
    return issued(
        world,
        ("BK_BTCTW", world.dn_person, 2023),
        ("BK_BTCTW", world.cq_person, 2023),
        ("BK_BTCTW_TT", world.cq, 2023),
    )


# ---- values ------------------------------------------------------------------------------------
def test_the_values_of_a_line_come_from_the_issued_decision(world):
    decision = issued(world, ("BK_BTCTW", world.dn_person, 2023))
    values = printing.certificate_values(printing.certificate_lines(decision)[0])
    assert values["recipient_name"] == "Nguyễn Văn An"
    assert values["decision_number"] == "Số 125-QĐ/BTCTW"
    assert values["decision_date"] == "15/01/2024"
    assert values["place_date"] == "Hà Nội, ngày 15 tháng 01 năm 2024"
    assert values["award_name"] == "Bằng khen của Ban Tổ chức Trung ương"
    assert values["achievement"] == "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2023"
    assert values["signer_name"] == "Hoàng Văn Dũng"
    assert values["register_no"] == "125.01"


def test_a_person_in_a_department_is_named_with_the_department_and_its_agency(world):
    decision = issued(world, ("BK_BTCTW", world.dn_person, 2023))
    values = printing.certificate_values(printing.certificate_lines(decision)[0])
    assert values["recipient_unit"] == f"Phòng Tổ chức cán bộ, {world.dn.name}"


def test_the_position_is_the_one_held_on_the_decision_date(world):
    person = org_services.person_create(
        by=None, full_name="Phạm Thu Dung", gender="female", unit=world.kt,
        position="Chuyên viên", start_date=date(2020, 1, 1),
    )  # fmt: skip
    org_services.person_transfer(
        person=person, to_unit=world.cq, on=date(2024, 6, 1), position="Trưởng phòng", by=None
    )
    decision = issued(world, ("BK_BTCTW", person, 2023))
    values = printing.certificate_values(printing.certificate_lines(decision)[0])
    assert (values["recipient_title"], values["recipient_unit"]) == ("Chuyên viên", world.kt.name)


def test_a_collective_is_named_as_in_the_decision(world):
    decision = issued(world, ("BK_BTCTW_TT", world.cq, 2023))
    values = printing.certificate_values(printing.certificate_lines(decision)[0])
    assert values["recipient_name"] == world.cq.name
    assert values["recipient_title"] == ""


def test_the_layouts_wording_names_the_period_of_a_multi_year_title(world):
    decision = issued(world, ("CSTD_BO", world.dn_person, 2023))
    line = printing.certificate_lines(decision)[0]
    line.period_start = 2021
    values = printing.certificate_values(line, achievement="Thành tích {period} ({year})")
    assert values["achievement"] == "Thành tích giai đoạn 2021 - 2023 (2023)"


def test_a_draft_decision_gives_no_certificate_values(world):
    decision = draft(world, ("BK_BTCTW", world.dn_person, 2023))
    with pytest.raises(DomainError) as refused:
        printing.certificate_values(printing.certificate_lines(decision)[0])
    assert refused.value.code == "draft"


def test_days_and_the_first_two_months_take_a_leading_zero():
    assert printing.place_date("Hà Nội", date(2024, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2024"
    assert printing.place_date("Huế", date(2024, 11, 20)) == "Huế, ngày 20 tháng 11 năm 2024"


# ---- the PDF -----------------------------------------------------------------------------------
def test_each_line_prints_on_a_page_of_its_own(world):
    layout = blank_layout(fields=[NAME_FIELD])
    pdf = printing.render_certificates(layout, printing.certificate_lines(three_lines(world)))
    assert page_count(pdf) == 3
    assert page_size_mm(pdf) == (420.0, 297.0)


def test_the_recipients_vietnamese_name_is_printed_exactly(world):
    layout = blank_layout(fields=[NAME_FIELD])
    pdf = printing.render_certificates(layout, printing.certificate_lines(three_lines(world)))
    text = text_of(pdf)
    assert "Nguyễn Văn An" in text
    assert "Trần Thị Bích" in text


def test_the_pdf_embeds_liberation_serif_and_no_other_font(world):
    layout = blank_layout(fields=[NAME_FIELD, {**NAME_FIELD, "y_mm": 80, "bold": True}])
    pdf = printing.render_certificates(layout, printing.certificate_lines(three_lines(world)))
    rows = fonts_of(pdf)
    assert rows and all("LiberationSerif" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows)  # the "emb" column


def test_a_plain_paper_certificate_renders_with_ink(world):
    certificate_layouts_ensure()
    layout = CertificateLayout.objects.get(kind="merit", issuer=None)
    pdf = printing.render_certificates(layout, printing.certificate_lines(three_lines(world))[:1])
    assert "BẰNG KHEN" in text_of(pdf)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text_of(pdf)  # Ban Tổ chức Trung ương writes Party style
    assert ink_share(pdf) > 0.02


def test_a_field_lands_at_its_coordinates_with_the_printer_offsets(world):
    layout = blank_layout(fields=[NAME_FIELD], offset=(Decimal("3.5"), Decimal("-2")))
    decision = issued(world, ("BK_BTCTW", world.dn_person, 2023))
    pdf = printing.render_certificates(layout, printing.certificate_lines(decision))
    box = word_box(pdf, "Nguyễn")
    assert box["x"] == pytest.approx(103.5, abs=1)
    assert box["y"] == pytest.approx(48, abs=1)


def test_a_right_aligned_field_ends_at_its_right_edge(world):
    field = {**NAME_FIELD, "align": "right", "width_mm": 150}
    layout = blank_layout(fields=[field])
    decision = issued(world, ("BK_BTCTW", world.dn_person, 2023))
    pdf = printing.render_certificates(layout, printing.certificate_lines(decision))
    assert word_box(pdf, "An")["x_max"] == pytest.approx(250, abs=1)


def test_a_long_text_is_wrapped_onto_the_fields_lines(world):
    field = {"key": "recipient_unit", "x_mm": 40, "y_mm": 100, "width_mm": 60, "max_lines": 3}
    layout = blank_layout(fields=[field])
    decision = issued(world, ("BK_BTCTW", world.dn_person, 2023))
    pdf = printing.render_certificates(layout, printing.certificate_lines(decision))
    words = words_of(pdf)
    assert len({round(w["y"]) for w in words}) > 1
    assert all(w["x"] >= 39 and w["x_max"] <= 101 for w in words)


def test_a_name_too_long_for_its_field_is_shrunk_never_overflowing(world):
    field = {**NAME_FIELD, "width_mm": 25, "font_size": 40}
    layout = blank_layout(fields=[field])
    decision = issued(world, ("BK_BTCTW", world.dn_person, 2023))
    pdf = printing.render_certificates(layout, printing.certificate_lines(decision))
    words = words_of(pdf)
    assert [w["word"] for w in words] == ["Nguyễn", "Văn", "An"]
    assert max(w["x_max"] for w in words) <= 125.5


def test_a_wording_field_prints_nothing_when_its_value_is_empty():
    layout = blank_layout(fields=[{"key": "register_no", "x_mm": 10, "y_mm": 10,
                                   "text": "Số vào sổ: {value}"}])  # fmt: skip
    field = layout.fields.get()
    assert printing.field_text(field, {"register_no": ""}) == ""
    assert printing.field_text(field, {"register_no": "125.01"}) == "Số vào sổ: 125.01"


# ---- calibration -------------------------------------------------------------------------------
def test_the_calibration_page_labels_each_field_with_its_coordinates():
    layout = blank_layout(
        fields=[NAME_FIELD, {"key": "year", "x_mm": 300, "y_mm": 200, "width_mm": 100}]
    )
    pdf = printing.render_calibration(layout)
    text = text_of(pdf)
    assert page_count(pdf) == 1
    assert page_size_mm(pdf) == (420.0, 297.0)
    assert "(recipient_name): x 100.0, y 50.0, width 200.0 mm" in text
    assert "(year): x 300.0, y 200.0" in text
    assert "Nguyễn Thị Hồng Nhung" in text  # the sample text in the field's place


def test_the_calibration_page_moves_with_the_printer_offsets():
    layout = blank_layout(fields=[NAME_FIELD], offset=(5, 4))
    box = word_box(printing.render_calibration(layout), "Nhung")
    unshifted = word_box(printing.render_sample(blank_layout(fields=[NAME_FIELD])), "Nhung")
    assert (box["x"] - unshifted["x"], box["y"] - unshifted["y"]) == (
        pytest.approx(5, abs=0.2),
        pytest.approx(4, abs=0.2),
    )


def test_the_calibration_page_draws_a_ruler_with_ink():
    pdf = printing.render_calibration(blank_layout(fields=[NAME_FIELD]))
    assert ink_share(pdf) > 0.05
    assert {"100", "200", "400"} <= {w["word"] for w in words_of(pdf)}


# ---- checks on layouts and fields ------------------------------------------------------------
@pytest.mark.parametrize(
    "values",
    [
        {"x_mm": 300, "width_mm": 150},  # ends at 450 mm on a 420 mm sheet
        {"y_mm": 290},  # the line runs below the bottom edge
        {"font_size": 5},
        {"font_size": 73},
        {"width_mm": 0},
        {"x_mm": -1},
    ],
)
def test_a_field_outside_the_sheet_or_with_a_bad_size_is_refused(values):
    layout = blank_layout()
    with pytest.raises(ValidationError):
        services.field_save(by=None, layout=layout, **{**NAME_FIELD, "width_mm": 100, **values})
    assert not layout.fields.exists()


def test_a_fixed_text_needs_its_words():
    with pytest.raises(ValidationError):
        blank_layout(fields=[{"key": "custom_text", "x_mm": 10, "y_mm": 10, "text": " "}])


def test_an_unknown_placeholder_in_a_wording_is_refused():
    with pytest.raises(DomainError) as refused:
        blank_layout(fields=[{**NAME_FIELD, "text": "Tặng {nam}"}])
    assert refused.value.code == "placeholder"


def test_an_unknown_award_code_is_refused():
    award("GK")  # the catalogue
    with pytest.raises(DomainError) as refused:
        blank_layout(codes=["GK", "NOPE"])
    assert refused.value.code == "unknown_award"


def test_a_standard_paper_sets_the_sheet_and_a_custom_one_needs_its_size():
    layout = blank_layout()
    services.layout_save(by=None, layout=layout, paper="a4_landscape")
    assert (layout.width_mm, layout.height_mm) == (297, 210)
    with pytest.raises(DomainError):
        services.layout_save(by=None, layout=layout, paper="custom", width_mm=None)


def test_a_smaller_sheet_that_would_cut_a_field_off_is_refused():
    layout = blank_layout(fields=[{**NAME_FIELD, "x_mm": 250, "width_mm": 100}])
    with pytest.raises(DomainError) as refused:
        services.layout_save(by=None, layout=layout, paper="a4_landscape")
    assert refused.value.code == "outside"


def test_changes_to_a_field_are_kept_in_its_history():
    layout = blank_layout(fields=[NAME_FIELD])
    field = layout.fields.get()
    services.field_save(by=None, layout=layout, field=field, x_mm=Decimal(90))
    assert [h.x_mm for h in field.history.order_by("history_date")] == [100, 90]


# ---- which layout ------------------------------------------------------------------------------
def test_a_units_own_layout_comes_before_its_parents_and_the_installations(world):
    bk = award("BK_BTCTW")
    everyone = blank_layout(name="chung")
    sector = blank_layout(name="ngành", issuer=world.sector)
    assert printing.layout_for(bk, world.btctw) == sector
    own = blank_layout(name="riêng", issuer=world.btctw)
    assert printing.layout_for(bk, world.btctw) == own
    assert printing.layout_for(bk, None) == everyone


def test_a_layout_that_names_the_award_beats_one_for_any_award(world):
    blank_layout(name="any")
    named = blank_layout(name="named", codes=["GK"])
    assert printing.layout_for(award("GK"), world.btctw) == named


def test_inactive_layouts_and_other_recipients_are_not_used(world):
    blank_layout(name="off", is_active=False)
    blank_layout(name="collectives", subject="collective")
    assert printing.layout_for(award("BK_BTCTW"), world.btctw) is None


def test_printing_more_recipients_takes_no_more_queries(world):
    certificate_layouts_ensure()
    small = issued(world, ("BK_BTCTW", world.dn_person, 2023), number=1)
    large = issued(world, ("BK_BTCTW", world.cq_person, 2023), ("BK_BTCTW", world.kt_person, 2023),
                   ("BK_BTCTW_TT", world.cq, 2023), number=2)  # fmt: skip
    counts = []
    for decision in (small, large):
        with CaptureQueriesContext(connection) as queries:
            printing.render_pages(printing.decision_printout(decision).pages)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_revoked_or_replaced_line_gets_no_certificate(world):
    decision = issued(world, ("BK_BTCTW", world.dn_person, 2023))
    line = printing.certificate_lines(decision)[0]
    assert printing.line_printable(line)
    line.award_record.revoked = True
    assert not printing.line_printable(line)


# ---- defaults and copies -----------------------------------------------------------------------
def test_the_default_layouts_are_made_once(world):
    award("GK")
    assert len(certificate_layouts_ensure()) == 4
    assert certificate_layouts_ensure() == []
    kinds = dict(CertificateLayout.objects.values_list("kind", "paper"))
    assert kinds == {"merit": "a3_landscape", "commendation": "a4_landscape",
                     "flag": "a4_landscape", "title": "a4_landscape"}  # fmt: skip
    flag = CertificateLayout.objects.get(kind="flag")
    assert flag.fields.count() == 8 and flag.award_codes == ["CO_BO", "CO_CP", "CO_BTCTW"]


def test_a_title_prints_on_the_default_title_certificate_with_its_name_and_year(world):
    award("CSTDCS")
    certificate_layouts_ensure()
    decision = issued(world, ("CSTDCS", world.dn_person, 2023))

    printout = printing.decision_printout(decision)

    assert [page.layout.kind for page in printout.pages] == ["title"]
    text = " ".join(text_of(printing.render_pages(printout.pages)).split())
    for words in ("CHỨNG NHẬN", "Nguyễn Văn An", "Đạt danh hiệu", "CHIẾN SĨ THI ĐUA CƠ SỞ",
                  "Năm 2023"):  # fmt: skip
        assert words in text


def test_a_title_without_a_certificate_is_left_out_with_its_reason(world):
    award("LDTT")
    certificate_layouts_ensure()
    decision = issued(world, ("LDTT", world.dn_person, 2023))

    printout = printing.decision_printout(decision)

    assert printout.pages == [] and len(printout.unserved) == 1


def test_every_default_layout_prints_its_sample():
    award("GK")
    for layout in certificate_layouts_ensure():
        name = printing.sample_values(kind=layout.kind)["recipient_name"]
        assert name in " ".join(text_of(printing.render_sample(layout)).split())


def test_a_copy_for_a_unit_has_the_same_fields(world):
    layout = blank_layout(
        fields=[NAME_FIELD, {"key": "year", "x_mm": 300, "y_mm": 200, "width_mm": 100}]
    )
    copy = services.layout_copy(by=None, layout=layout, issuer=world.dn)
    assert copy.issuer == world.dn and copy.pk != layout.pk
    assert sorted(copy.fields.values_list("key", "x_mm")) == [
        ("recipient_name", 100),
        ("year", 300),
    ]
