"""Build the shipped Word templates of the papers: python-docx paragraphs holding docxtpl tags.

A definition's ``build_template(doc)`` calls these functions on ``new_template()``; the command
``build_paper_templates`` saves the result as ``docx/<kind>.docx``. The template reads the context
of ``render.context_for`` (``paper``, ``head``, ``body``, ``tables``, ``signer``, ``recipients``),
so an admin can open it in Word, change wording or layout, and upload it for a unit.

Layout rules: ND 30/2020/NĐ-CP Appendix I for State documents and Hướng dẫn 36-HD/VPTW for Party
documents (law.md §e.5). Both letterheads live in one template, chosen by ``head.party``.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TEMPLATE_DIR = Path(__file__).resolve().parent / "docx"
TABLE_TEXT = "Table Text"
FONT = "Times New Roman"  # ND 30 App. I and 36-HD/VPTW: Times New Roman (TCVN 6909:2001)
# law.md §e.5: A4 portrait; top/bottom 20–25, left 30–35, right 15–20 mm (ND 30 App. I); the
# commonly cited Party margins are the same [U]. We take the lower bounds.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PAGE_WIDTH_MM = 210
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
CELL_MARGINS_MM = 3.8  # Word's default left + right cell margins (0.19 cm each)
# The letterhead's issuer column; the rest holds the title and the date. The right column must
# hold "ĐẢNG CỘNG SẢN VIỆT NAM" at 15 pt (72.7 mm) or the national title at 12 pt (87.7 mm).
PARTY_LEFT_MM = 88
STATE_LEFT_MM = 70
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def new_template() -> Any:
    """An empty A4 document with the official margins, font and page numbers from page 2."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # The Party margins are only "commonly cited" (law.md §e.5 [U]): an installation may set
    # DOCUMENTS_MARGINS_MM = {"top": …, "bottom": …, "left": …, "right": …} and rebuild.
    margins = MARGINS_MM | getattr(settings, "DOCUMENTS_MARGINS_MM", {})
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.header_distance = Mm(10)
    _set_default_font(doc)
    _add_page_number(section)
    return doc


def add_letterhead(doc: Any) -> None:
    """The header block of page 1: issuer and number on the left, title and date on the right."""
    _tag(doc, "if head.party")
    _party_head(doc)
    _tag(doc, "else")
    _state_head(doc)
    _tag(doc, "endif")


def add_heading(doc: Any) -> None:
    """Document type and abstract, centred (36-HD/VPTW: type 15–16 pt; ND 30: 13–14 pt bold)."""
    _tag(doc, "if head.party")
    _line(doc, "{{ paper.type_name|upper }}", size=16, bold=True, before=18)
    _tag(doc, "else")
    _line(doc, "{{ paper.type_name|upper }}", size=14, bold=True, before=18)
    _tag(doc, "endif")
    abstract = _line(doc, "{{ paper.abstract }}", size=14, bold=True)
    _rule_under(abstract, width_mm=30, column_mm=TEXT_WIDTH_MM + CELL_MARGINS_MM)
    _line(doc, "", size=6)


def add_text(
    doc: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    size: float = 14,
    first_line_indent_mm: float = 10,
    upper: bool = False,
    before: float = 6,
) -> Any:
    """One body paragraph; `text` may hold Jinja tags such as ``{{ body.reason }}``."""
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before = Pt(before)
    if first_line_indent_mm:
        fmt.first_line_indent = Mm(first_line_indent_mm)
    run = paragraph.add_run(text.upper() if upper else text)
    _format_run(run, size=size, bold=bold, italic=italic)
    return paragraph


def add_centered(doc: Any, text: str, *, size: float = 14, bold: bool = False,
                 italic: bool = False, before: float = 0, after: float = 0) -> Any:  # fmt: skip
    """A centred line, e.g. an annex title "DANH SÁCH" or "QUYẾT ĐỊNH:"."""
    return _line(doc, text, size=size, bold=bold, italic=italic, before=before, after=after)


def add_run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False,
            size: float = 14) -> Any:  # fmt: skip
    """Another run in a paragraph, e.g. a bold "Điều 1." before the article's text."""
    run = paragraph.add_run(text)
    _format_run(run, size=size, bold=bold, italic=italic)
    return run


def add_paragraph_loop(doc: Any, loop: str, text: str, **fmt: Any) -> None:
    """One paragraph per item: ``add_paragraph_loop(doc, "item in body.items", "{{ item }}")``."""
    _tag(doc, f"for {loop}")
    add_text(doc, text, **fmt)
    _tag(doc, "endfor")


def add_condition(doc: Any, condition: str) -> None:
    """Open a block shown only when `condition` holds; close it with ``add_end(doc, "if")``."""
    _tag(doc, f"if {condition}")


def add_loop(doc: Any, loop: str) -> None:
    """Repeat what follows for each item (``"article in body.articles"``) until add_end "for"."""
    _tag(doc, f"for {loop}")


def add_end(doc: Any, block: str = "if") -> None:
    """Close a block opened by add_condition ("if") or add_loop ("for")."""
    _tag(doc, f"end{block}")


def add_table(doc: Any, key: str, *, numbered: bool = True) -> None:
    """A bordered table rendering ``tables.<key>``; its columns and rows come from the data.

    Column widths and alignment are applied after rendering (``render._fit_tables``), so the
    template keeps one plain cell for every column and stays easy to edit in Word. Cells take
    the "Table Text" style instead of direct formatting: a 1,000-row annex stays small and
    LibreOffice converts it markedly faster (bench/documents_bench.py).
    """
    ref = f"tables.{key}"
    _tag(doc, f"if {ref}.title")
    _line(doc, f"{{{{ {ref}.title }}}}", size=14, bold=True, before=6, after=6)
    _tag(doc, "endif")
    offset = 1 if numbered else 0
    table = doc.add_table(rows=4, cols=3 + offset)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header, loop_start, data, loop_end = table.rows
    _row_property(header, "w:tblHeader")  # repeated on every page
    _row_property(data, "w:cantSplit")  # a row is never cut across two pages
    if numbered:
        _styled(header.cells[0], "STT", bold=True)
        _styled(data.cells[0], "{{ loop.index }}")
    _styled(header.cells[offset], f"{{%tc for column in {ref}.columns %}}")
    _styled(header.cells[offset + 1], "{{ column.label }}", bold=True)
    _styled(header.cells[offset + 2], "{%tc endfor %}")
    _styled(loop_start.cells[0], f"{{%tr for row in {ref}.rows %}}")
    _styled(data.cells[offset], "{%tc for cell in row %}")
    _styled(data.cells[offset + 1], "{{ cell }}")
    _styled(data.cells[offset + 2], "{%tc endfor %}")
    _styled(loop_end.cells[0], "{%tr endfor %}")
    for cell in data.cells:  # the widths come from the grid and the header row
        cell._tc.remove(cell._tc.tcPr)
    doc.add_paragraph()


def add_signature(doc: Any, *, recipients: bool = True) -> None:
    """Recipients on the left (ND 30: "Nơi nhận:" 12 pt bold italic, lines 11 pt); signer right."""
    doc.add_paragraph()  # a line of space between the last article and the signature
    table = _plain_table(doc, widths_mm=(TEXT_WIDTH_MM / 2 - 5, TEXT_WIDTH_MM / 2 + 5))
    left, right = table.rows[0].cells
    if recipients:
        _cell_text(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left")
        _cell_tag(left, "for recipient in recipients")
        _cell_line(left, "- {{ recipient }};", size=11, align="left")
        _cell_tag(left, "endfor")
    _cell_tag(right, "if signer.authority", first=True)
    _cell_line(right, "{{ signer.authority|upper }}", bold=True)
    _cell_tag(right, "endif")
    _cell_line(right, "{{ signer.title|upper }}", bold=True)
    for _ in range(4):  # room for the signature and the seal
        _cell_line(right, "")
    _cell_line(right, "{{ signer.name }}", bold=True)


def add_page_break(doc: Any) -> None:
    doc.add_page_break()


def save_template(doc: Any, kind: str) -> Path:
    TEMPLATE_DIR.mkdir(exist_ok=True)
    path = TEMPLATE_DIR / f"{kind}.docx"
    doc.save(path)
    return path


# --- the two letterheads ---------------------------------------------------------------------


def _party_head(doc: Any) -> None:
    """36-HD/VPTW: superior 14 pt, issuer 14 pt bold, "*"; right: party title 15 pt bold, rule."""
    table = _plain_table(doc, widths_mm=(PARTY_LEFT_MM, TEXT_WIDTH_MM - PARTY_LEFT_MM), rows=2)
    (issuer, title), (number, date) = (row.cells for row in table.rows)
    _cell_text(issuer, "{{ head.superior }}", size=14)
    _cell_line(issuer, "{{ head.issuer }}", size=14, bold=True)
    _cell_line(issuer, "*", size=14)
    title_line = _cell_text(title, "{{ head.party_title }}", size=15, bold=True)
    # The rule is as long as the text "ĐẢNG CỘNG SẢN VIỆT NAM" (72.7 mm at 15 pt bold).
    _rule_under(title_line, width_mm=74, column_mm=TEXT_WIDTH_MM - PARTY_LEFT_MM)
    _cell_text(number, "{{ head.number_text }}", size=14)
    _cell_text(date, "{{ head.place_date }}", size=14, italic=True, align="right")


def _state_head(doc: Any) -> None:
    """ND 30 App. I: issuer bold with a short rule; national title 12–13 pt, motto 13–14 pt."""
    table = _plain_table(doc, widths_mm=(STATE_LEFT_MM, TEXT_WIDTH_MM - STATE_LEFT_MM), rows=2)
    (issuer, title), (number, date) = (row.cells for row in table.rows)
    _cell_text(issuer, "{{ head.superior }}", size=13)
    issuer_line = _cell_line(issuer, "{{ head.issuer }}", size=13, bold=True)
    _rule_under(issuer_line, width_mm=24, column_mm=STATE_LEFT_MM)
    # 12 pt keeps the 87.7 mm title on one line of the 97 mm column.
    _cell_text(title, "{{ head.national_title }}", size=12, bold=True)
    motto = _cell_line(title, "{{ head.motto }}", size=13, bold=True)
    # The rule under the motto is as long as the motto (56.1 mm at 13 pt bold).
    _rule_under(motto, width_mm=58, column_mm=TEXT_WIDTH_MM - STATE_LEFT_MM)
    _cell_text(number, "{{ head.number_text }}", size=13)
    _cell_text(date, "{{ head.place_date }}", size=14, italic=True)


# --- low-level helpers -----------------------------------------------------------------------


def _set_default_font(doc: Any) -> None:
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(14)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before = normal.space_after = Pt(0)
    normal.line_spacing = 1.0
    table_text = doc.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = doc.styles["Normal"]
    table_text.font.size = Pt(13)


def _styled(cell: Any, text: str, *, bold: bool = False) -> None:
    """Cell text in the "Table Text" style; only a bold header run carries its own format."""
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_TEXT
    run = paragraph.add_run(text)
    if bold:
        run.font.bold = True
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _add_page_number(section: Any) -> None:
    """ND 30 App. I: Arabic numbers, 13–14 pt, centred in the top margin, none on page 1."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _format_run(run, size=13)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
    result = paragraph.add_run("2")
    _format_run(result, size=13)
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def _tag(doc: Any, statement: str) -> None:
    """A paragraph docxtpl replaces by a Jinja statement (``{%p if … %}``)."""
    doc.add_paragraph(f"{{%p {statement} %}}")


def _line(doc: Any, text: str, *, size: float = 14, bold: bool = False, italic: bool = False,
          before: float = 0, after: float = 0) -> Any:  # fmt: skip
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    _format_run(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _format_run(run: Any, *, size: float = 14, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None


def _plain_table(doc: Any, *, widths_mm: tuple[float, float], rows: int = 1) -> Any:
    table = doc.add_table(rows=rows, cols=2)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        grid_col.w = Mm(width)
    return table


def _cell_text(cell: Any, text: str, *, size: float = 14, bold: bool = False,
               italic: bool = False, align: str = "center") -> Any:  # fmt: skip
    """Write into the cell's first (empty) paragraph."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = ALIGN[align]
    _format_run(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _cell_line(cell: Any, text: str, *, size: float = 14, bold: bool = False,
               italic: bool = False, align: str = "center") -> Any:  # fmt: skip
    paragraph = cell.add_paragraph()
    paragraph.alignment = ALIGN[align]
    _format_run(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _cell_tag(cell: Any, statement: str, *, first: bool = False) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.add_run(f"{{%p {statement} %}}")


def _rule_under(paragraph: Any, *, width_mm: float, column_mm: float) -> None:
    """A solid rule under a centred line: a thin paragraph after it whose bottom border is
    narrowed by equal indents, so the line above keeps its full width for any text."""
    indent = round(Mm(max((column_mm - CELL_MARGINS_MM - width_mm) / 2, 0)).twips)
    rule = OxmlElement("w:p")
    p_pr = OxmlElement("w:pPr")
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "auto"}.items():
        bottom.set(qn(attr), value)
    borders.append(bottom)
    spacing = OxmlElement("w:spacing")
    for attr, value in {
        "w:before": "0",
        "w:after": "0",
        "w:line": "80",
        "w:lineRule": "exact",
    }.items():
        spacing.set(qn(attr), value)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(indent))
    ind.set(qn("w:right"), str(indent))
    mark = OxmlElement("w:rPr")  # a 2 pt paragraph mark: the rule sits close under the text
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    for element in (borders, spacing, ind, mark):  # the schema order of CT_PPr
        p_pr.append(element)
    rule.append(p_pr)
    paragraph._p.addnext(rule)


def _row_property(row: Any, tag: str) -> None:
    prop = OxmlElement(tag)
    prop.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(prop)
