import datetime as dt

import pytest

from thidua.documents.layout import letterhead, number_text, place_date_text
from thidua.documents.models.templates import Letterhead


def test_a_party_number_has_no_colon_and_puts_the_type_before_the_issuer():
    text = number_text(style="party", number=12, type_code="QĐ", issuer_code="BTCTW")
    assert text == "Số 12-QĐ/BTCTW"


def test_a_state_number_has_a_colon_and_puts_the_issuer_after_the_type():
    text = number_text(style="state", number=12, type_code="QĐ", issuer_code="UBND")
    assert text == "Số: 12/QĐ-UBND"


def test_the_armed_forces_number_their_papers_like_state_bodies():
    text = number_text(style="armed_forces", number=3, type_code="TTr", issuer_code="BTL")
    assert text == "Số: 3/TTr-BTL"


@pytest.mark.parametrize("number", [None, "", "  "])
def test_a_draft_leaves_the_party_number_blank_to_be_written_by_hand(number):
    text = number_text(style="party", number=number, type_code="QĐ", issuer_code="BTCTW")
    assert text.startswith("Số ") and text.endswith("-QĐ/BTCTW")
    assert not any(char.isdigit() for char in text)


def test_a_draft_leaves_the_state_number_blank_to_be_written_by_hand():
    text = number_text(style="state", number=None, type_code="QĐ", issuer_code="UBND")
    assert text.startswith("Số: ") and text.endswith("/QĐ-UBND")
    assert text.removeprefix("Số:").removesuffix("/QĐ-UBND").strip() == ""


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2024, 1, 15), "Hà Nội, ngày 15 tháng 01 năm 2024"),
        (dt.date(2018, 2, 20), "Hà Nội, ngày 20 tháng 02 năm 2018"),
        (dt.date(2024, 3, 5), "Hà Nội, ngày 05 tháng 3 năm 2024"),
        (dt.date(2024, 12, 31), "Hà Nội, ngày 31 tháng 12 năm 2024"),
    ],
)
def test_the_place_and_date_take_a_leading_zero_only_for_days_below_ten_and_months_one_and_two(
    date, expected
):
    assert place_date_text("Hà Nội", date) == expected


def test_a_paper_without_a_date_leaves_blanks_for_the_day_month_and_year():
    assert place_date_text("Hà Nội", None) == "Hà Nội, ngày … tháng … năm …"


def test_a_paper_without_a_place_starts_with_the_day():
    assert place_date_text("", dt.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"


@pytest.mark.django_db
def test_a_party_letterhead_takes_the_parent_as_superior_and_the_unit_as_issuer(world):
    world.dn.document_style = "party"
    head = letterhead(world.dn)
    assert head["party"] and not head["state"]
    assert head["superior"] == "NGÀNH TỔ CHỨC XÂY DỰNG ĐẢNG"
    assert head["issuer"] == "BAN TỔ CHỨC ĐẢNG ỦY KHỐI DOANH NGHIỆP TRUNG ƯƠNG"
    assert head["party_title"] == "ĐẢNG CỘNG SẢN VIỆT NAM"


@pytest.mark.django_db
def test_a_state_letterhead_carries_the_national_title_and_the_motto(world):
    head = letterhead(world.kt, style="state")
    assert head["state"] and not head["party"]
    assert head["national_title"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert head["motto"] == "Độc lập - Tự do - Hạnh phúc"


@pytest.mark.django_db
def test_the_paper_style_wins_over_the_units_document_style(world):
    world.btctw.document_style = "state"
    assert letterhead(world.btctw, style="party")["party"]


@pytest.mark.django_db
def test_the_units_letterhead_lines_win_over_the_unit_tree(world):
    Letterhead.objects.create(
        unit=world.btctw, superior_line="Ban Chấp hành Trung ương", issuer_line="Ban Tổ chức",
        place="Thành phố Hà Nội", signer_authority="TM. Ban Thường vụ",
    )  # fmt: skip
    head = letterhead(world.btctw, style="party")
    assert (head["superior"], head["issuer"]) == ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC")
    assert head["place"] == "Thành phố Hà Nội"
    assert head["signer_authority"] == "TM. Ban Thường vụ"


@pytest.mark.django_db
def test_a_unit_without_a_letterhead_prints_the_default_place(world, settings):
    settings.DOCUMENTS_DEFAULT_PLACE = "Đà Nẵng"
    assert letterhead(world.kt)["place"] == "Đà Nẵng"


def test_an_issuer_outside_thidua_has_no_lines_of_its_own():
    head = letterhead(None, style="state")
    assert (head["issuer"], head["superior"], head["issuer_code"]) == ("", "", "")
