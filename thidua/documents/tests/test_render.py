import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook

from thidua.core.errors import DomainError
from thidua.documents import docx_builder as b
from thidua.documents import render
from thidua.documents.paper import Column, Paper, Signer, Table
from thidua.documents.tests.docx_helpers import (
    docx_header_xml,
    docx_texts,
    first_page_png,
    pdf_fonts,
    pdf_text,
    png_has_ink,
)


def template(*build) -> bytes:
    doc = b.new_template()
    for step in build:
        step(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def full_template() -> bytes:
    return template(
        b.add_letterhead,
        b.add_heading,
        lambda doc: b.add_text(doc, "Lý do: {{ body.reason }}"),
        lambda doc: b.add_paragraph_loop(doc, "item in body.items", "- {{ item }}"),
        lambda doc: b.add_table(doc, "people"),
        b.add_signature,
    )


def paper(**values) -> Paper:
    people = Table(
        columns=[
            Column("name", "Họ và tên"),
            Column("born", "Ngày sinh", align="center"),
            Column("amount", "Số tiền", width_mm=30, align="right", number_format="#,##0"),
        ],
        rows=[
            {"name": "Nguyễn Văn An", "born": dt.date(1980, 3, 5), "amount": Decimal(1_800_000)},
            {"name": '=HYPERLINK("http://x")', "born": None, "amount": 250},
            {"name": "Tổng cộng", "amount": Decimal(1_800_250), "_bold": True},
        ],
        title="DANH SÁCH",
    )
    values = {
        "kind": "test", "issuer": None, "type_name": "Tờ trình", "type_code": "TTr",
        "abstract": "Về việc đề nghị khen thưởng", "number": 12, "date": dt.date(2024, 1, 5),
        "style": "party",
        "body": {"letterhead": {"issuer": "BAN TỔ CHỨC TRUNG ƯƠNG", "issuer_code": "BTCTW"},
                 "reason": "Thành tích & cống hiến <xuất sắc>", "items": ["một", "hai"]},
        "tables": {"people": people},
        "signer": Signer(authority="KT. Trưởng ban", title="Phó Trưởng ban", name="Lê Văn C"),
        "recipients": ["Như trên", "Lưu VT"],
        **values,
    }  # fmt: skip
    return Paper(**values)


def test_a_new_template_is_a4_portrait_with_the_official_margins():
    section = Document(io.BytesIO(template())).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]


def test_a_new_template_writes_times_new_roman_14_pt():
    style = Document(io.BytesIO(template())).styles["Normal"]
    assert (style.font.name, style.font.size.pt) == ("Times New Roman", 14)


def test_the_page_number_is_a_field_in_the_header_and_not_on_the_first_page():
    content = render.render_docx(paper(), template=full_template())
    section = Document(io.BytesIO(content)).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in docx_header_xml(content)
    assert "PAGE" not in section.first_page_header._element.xml


def test_a_party_paper_prints_the_party_header_and_its_number():
    texts = docx_texts(render.render_docx(paper(), template=full_template()))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts and "BAN TỔ CHỨC TRUNG ƯƠNG" in texts
    assert "Số 12-TTr/BTCTW" in texts and "*" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts
    assert "Hà Nội, ngày 05 tháng 01 năm 2024" in texts


def test_a_state_paper_prints_the_national_title_the_motto_and_its_number():
    state = paper(style="state", body={"letterhead": {"issuer": "ỦY BAN NHÂN DÂN",
                  "issuer_code": "UBND"}, "items": []})  # fmt: skip
    texts = docx_texts(render.render_docx(state, template=full_template()))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "Số: 12/TTr-UBND" in texts
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in texts


def test_the_heading_prints_the_type_in_capitals_and_the_abstract():
    texts = docx_texts(render.render_docx(paper(), template=full_template()))
    assert "TỜ TRÌNH" in texts and "Về việc đề nghị khen thưởng" in texts


def test_values_with_ampersands_and_angle_brackets_print_as_typed():
    texts = docx_texts(render.render_docx(paper(), template=full_template()))
    assert "Lý do: Thành tích & cống hiến <xuất sắc>" in texts


def test_a_body_key_named_like_a_dict_method_still_reads_the_value():
    texts = docx_texts(render.render_docx(paper(), template=full_template()))
    assert "- một" in texts and "- hai" in texts


def test_a_multi_line_value_prints_with_line_breaks():
    content = render.render_docx(
        paper(body={"reason": "dòng một\ndòng hai", "items": []}), template=full_template()
    )
    assert "<w:br/>" in Document(io.BytesIO(content)).element.body.xml.replace(" ", "")


def test_table_cells_are_formatted_the_vietnamese_way():
    texts = docx_texts(render.render_docx(paper(), template=full_template()))
    assert "1.800.000" in texts and "05/03/1980" in texts and "STT" in texts


def test_context_formats_numbers_dates_and_empty_values():
    rows = render.context_for(paper())["tables"]["people"]["rows"]
    assert rows[0] == ["Nguyễn Văn An", "05/03/1980", "1.800.000"]
    assert rows[1][1:] == ["", "250"]


def test_decimals_print_with_a_comma_and_percentages_with_their_sign():
    assert render.cell_text(Decimal("1234.5")) == "1.234,5"
    assert render.cell_text(Decimal("0.125"), Column("r", "r", number_format="0.0%")) == "12,5 %"


def test_the_table_gets_its_columns_widths_and_alignment():
    content = render.render_docx(paper(), template=full_template())
    table = Document(io.BytesIO(content)).tables[1]
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid]
    assert len(widths) == 4 and widths[3] == round(30 * render.TWIPS_PER_MM)
    assert sum(widths) == pytest.approx(Mm(b.TEXT_WIDTH_MM).twips, abs=10)
    amount = table.rows[1].cells[3].paragraphs[0]
    assert amount.alignment is not None and amount.alignment.name == "RIGHT"


def test_a_row_marked_bold_prints_in_bold():
    content = render.render_docx(paper(), template=full_template())
    total = Document(io.BytesIO(content)).tables[1].rows[3]
    assert total.cells[1].text == "Tổng cộng" and total.cells[1].paragraphs[0].runs[0].bold


def test_the_signature_block_prints_authority_title_and_name_with_the_recipients():
    texts = docx_texts(render.render_docx(paper(), template=full_template()))
    block = ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Lê Văn C"]
    assert [text for text in texts if text in block] == block
    assert "Nơi nhận:" in texts and "- Lưu VT;" in texts


def test_the_excel_file_keeps_numbers_and_dates_typed():
    sheet = load_workbook(io.BytesIO(render.render_xlsx(paper()))).worksheets[0]
    values = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Nguyễn Văn An"]
    assert values[0][1].date() == dt.date(1980, 3, 5) and values[0][2] == 1_800_000


def test_a_text_that_looks_like_a_formula_stays_text_in_excel():
    sheet = load_workbook(io.BytesIO(render.render_xlsx(paper()))).worksheets[0]
    cell = next(c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYP"))
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


def test_the_excel_file_starts_with_the_papers_header_lines():
    sheet = load_workbook(io.BytesIO(render.render_xlsx(paper()))).worksheets[0]
    firsts = [row[0] for row in sheet.iter_rows(max_row=5, values_only=True)]
    assert firsts[:2] == ["BAN TỔ CHỨC TRUNG ƯƠNG", "Số 12-TTr/BTCTW"]


def test_the_shipped_decision_template_passes_the_check():
    assert render.template_check(render.shipped_template("decision"), "decision") == []


def test_a_file_that_is_not_a_word_document_is_refused_with_a_plain_message():
    errors = render.template_check(b"%PDF-1.4 not a docx", "decision")
    assert errors and "not a Word document" in errors[0]


def broken(text: str) -> bytes:
    doc = Document(io.BytesIO(render.shipped_template("decision")))
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_broken_placeholder_is_reported_with_the_text_near_it():
    errors = render.template_check(broken("Ghi chú {{ body.note }"), "decision")
    assert len(errors) == 1 and "Ghi chú" in errors[0]


def test_an_unknown_filter_is_reported_as_a_broken_placeholder():
    errors = render.template_check(broken("{{ body.note|shout }}"), "decision")
    assert "shout" in errors[0]


def test_an_unknown_top_level_name_is_reported():
    errors = render.template_check(broken("{{ unit.name }}"), "decision")
    assert errors == ["The template uses “unit”, which papers do not have."]


def test_a_placeholder_the_paper_does_not_have_is_found_by_the_trial_print():
    errors = render.template_check(broken("{{ body.reasn }}"), "decision")
    assert errors == ["The placeholder “reasn” is not known for this paper."]


def test_a_missing_libreoffice_is_a_clear_error(settings):
    settings.DOCUMENTS_SOFFICE = "no-such-soffice-binary"
    with pytest.raises(DomainError, match="LibreOffice is not installed"):
        render.docx_to_pdf(b"whatever")


def test_the_pdf_embeds_a_times_compatible_font_keeps_vietnamese_text_and_is_not_blank():
    state = paper(style="state", body={"letterhead": {"issuer": "ỦY BAN NHÂN DÂN",
                  "issuer_code": "UBND"}, "items": []})  # fmt: skip
    pdf = render.render_pdf(state, template=full_template())
    assert any(font.startswith(("LiberationSerif", "TimesNewRoman")) for font in pdf_fonts(pdf))
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nguyễn Văn An" in text
    assert png_has_ink(first_page_png(pdf))
