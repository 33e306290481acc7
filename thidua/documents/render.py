"""Exporters: any Paper to .docx (docxtpl), .pdf (that Word file through LibreOffice) and .xlsx.

The PDF engine was chosen by measurement (bench/documents_bench.py): LibreOffice converts the
very Word file a unit may have edited, so the PDF follows the unit's own template; WeasyPrint
would need a second, HTML layout of every paper.
"""

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate, Listing
from jinja2 import Environment, TemplateError, TemplateSyntaxError, Undefined, meta
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from thidua.core.errors import DomainError
from thidua.documents import docx_builder, layout
from thidua.documents.paper import Column, Paper, Table
from thidua.documents.registry import definition

CONTEXT_NAMES = {"paper", "head", "body", "tables", "signer", "recipients"}
NUMBER_WIDTH_MM = 14  # the "STT" column
TWIPS_PER_MM = 1440 / 25.4


class PaperEnvironment(Environment):
    """Jinja where ``body.items`` means the key "items", not the dict method of that name."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export(paper: Paper, fmt: str) -> bytes:
    """The paper as a file of the format `fmt` (docx, pdf or xlsx)."""
    exporters = {"docx": render_docx, "pdf": render_pdf, "xlsx": render_xlsx}
    return exporters[fmt](paper)


def row_count(paper: Paper) -> int:
    return sum(len(table.rows) for table in paper.tables.values())


# --- context ---------------------------------------------------------------------------------


def context_for(paper: Paper) -> dict:
    """What a template reads: every value already formatted the Vietnamese way."""
    head = layout.letterhead(paper.issuer, style=paper.style)
    head |= paper.body.get("letterhead", {})  # issuers outside thidua (the Prime Minister …)
    style = "party" if head["party"] else "state"
    place = paper.place or head["place"]
    number = layout.number_text(
        style=style, number=paper.number, type_code=paper.type_code,
        issuer_code=head["issuer_code"],
    )  # fmt: skip
    place_date = layout.place_date_text(place, paper.date)
    head |= {"number_text": number, "place_date": place_date}
    return {
        "paper": {
            "type_name": paper.type_name,
            "type_code": paper.type_code,
            "abstract": paper.abstract,
            "number_text": number,
            "date_text": place_date,
            "place": place,
        },
        "head": head,
        "body": _lines(paper.body),
        "tables": {key: _table_context(table) for key, table in paper.tables.items()},
        "signer": {
            "authority": paper.signer.authority or head["signer_authority"],
            "title": paper.signer.title or head["signer_title"],
            "name": paper.signer.name or head["signer_name"],
        },
        "recipients": list(paper.recipients),
    }


def cell_text(value: Any, column: Column | None = None) -> str:
    """A value as printed: "1.800.000", "12,5", "15/01/2024", "" for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | Decimal | float):
        if column is not None and "%" in column.number_format:
            return f"{_number(Decimal(str(value)) * 100, _places(column.number_format))} %"
        return _number(value, _places(column.number_format) if column else None)
    return str(value)


def _number(value: int | Decimal | float, places: int | None) -> str:
    """Vietnamese digits: "." groups thousands, "," marks decimals."""
    if places is None:
        exact = Decimal(str(value))
        places = 0 if exact == exact.to_integral() else max(-exact.as_tuple().exponent, 0)
    text = f"{Decimal(str(value)):,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _places(number_format: str) -> int | None:
    if not number_format:
        return None
    decimals = number_format.split(".", 1)[1] if "." in number_format else ""
    return sum(1 for char in decimals if char == "0")


def _table_context(table: Table) -> dict:
    columns = table.columns
    return {
        "title": table.title,
        "columns": [{"key": c.key, "label": c.label, "align": c.align} for c in columns],
        "rows": [[cell_text(row.get(c.key), c) for c in columns] for row in table.rows],
        "bold_rows": [i for i, row in enumerate(table.rows) if row.get("_bold")],
    }


def _lines(value: Any) -> Any:
    """Multi-line texts print with their line breaks (docxtpl Listing)."""
    if isinstance(value, str):
        return Listing(value) if "\n" in value else value
    if isinstance(value, dict):
        return {key: _lines(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_lines(item) for item in value]
    return value


# --- Word ------------------------------------------------------------------------------------


def template_for(kind: str, unit: Any) -> bytes:
    """The Word template in use: the unit's own, its nearest ancestor's, the installation's
    upload, else the shipped ``docx/<kind>.docx``."""
    found = uploaded_template(kind, unit)
    if found is not None:
        with found.file.open("rb") as handle:
            return handle.read()
    return shipped_template(kind)


def uploaded_template(kind: str, unit: Any) -> Any:
    """The upload in use for `kind` when `unit` prints, or None (the shipped one applies)."""
    from thidua.documents.models.templates import PaperTemplate

    ancestors = [int(pk) for pk in (getattr(unit, "path", "") or "").strip("/").split("/") if pk]
    return (
        PaperTemplate.objects.filter(kind=kind, is_active=True)
        .filter(Q(unit__isnull=True) | Q(unit_id__in=ancestors))
        .select_related("unit")
        .order_by(F("unit__depth").desc(nulls_last=True), "-pk")
        .first()
    )


def shipped_template(kind: str) -> bytes:
    path = docx_builder.TEMPLATE_DIR / f"{kind}.docx"
    if path.exists():
        return path.read_bytes()
    build = definition(kind).build_template
    if build is None:
        raise DomainError(_("No Word template exists for this paper yet."))
    doc = docx_builder.new_template()
    build(doc)  # not shipped yet (before `manage.py build_paper_templates`): built in memory
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_docx(
    paper: Paper, *, template: bytes | None = None, undefined: type = Undefined
) -> bytes:
    if template is None:
        template = template_for(paper.kind, paper.issuer)
    document = DocxTemplate(io.BytesIO(template))
    env = PaperEnvironment(autoescape=True, undefined=undefined)
    document.render(context_for(paper), jinja_env=env)
    _fit_tables(document.docx, paper)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fit_tables(docx: Any, paper: Paper) -> None:
    """Give each rendered data table its columns' widths, alignment and bold rows.

    A template has one plain cell per column (a ``{%tc for %}`` loop), so the widths cannot be
    in it; a table is recognised by its header row carrying the paper table's column labels.
    """
    from docx.oxml.ns import qn

    waiting = list(paper.tables.values())
    for tbl in docx.element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        if not rows or not waiting:
            continue
        header = [_text_of(tc) for tc in rows[0].findall(qn("w:tc"))]
        match = next((t for t in waiting if _labels_match(header, t)), None)
        if match is None:
            continue
        waiting.remove(match)
        _apply_widths(tbl, rows, _widths(match, leading=len(header) - len(match.columns)))
        _apply_rows(rows, match, leading=len(header) - len(match.columns))


def _text_of(element: Any) -> str:
    from docx.oxml.ns import qn

    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def _labels_match(header: list[str], table: Table) -> bool:
    labels = [str(c.label) for c in table.columns]
    return len(header) >= len(labels) > 0 and header[len(header) - len(labels) :] == labels


def _widths(table: Table, *, leading: int) -> list[int]:
    fixed = sum(c.width_mm or 0 for c in table.columns) + NUMBER_WIDTH_MM * leading
    free = [c for c in table.columns if not c.width_mm]
    share = max(docx_builder.TEXT_WIDTH_MM - fixed, 10 * len(free)) / max(len(free), 1)
    widths = [NUMBER_WIDTH_MM] * leading + [c.width_mm or share for c in table.columns]
    return [round(w * TWIPS_PER_MM) for w in widths]


def _apply_widths(tbl: Any, rows: list, widths: list[int]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    grid = tbl.find(qn("w:tblGrid"))
    for col in list(grid):
        grid.remove(col)
    for width in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    tbl_pr = tbl.find(qn("w:tblPr"))
    layout_el = tbl_pr.find(qn("w:tblLayout"))
    if layout_el is None:
        layout_el = OxmlElement("w:tblLayout")
        # schema order: tblLayout comes before tblCellMar and tblLook (Word is strict)
        later = [tbl_pr.find(qn(tag)) for tag in ("w:tblCellMar", "w:tblLook", "w:tblCaption")]
        later = [el for el in later if el is not None]
        if later:
            later[0].addprevious(layout_el)
        else:
            tbl_pr.append(layout_el)
    layout_el.set(qn("w:type"), "fixed")  # widths as given; also much faster to lay out
    for index, tr in enumerate(rows):
        cells = tr.findall(qn("w:tc"))
        if len(cells) != len(widths):
            continue
        for tc, width in zip(cells, widths, strict=True):
            tc_pr = tc.find(qn("w:tcPr"))
            if index and (tc_pr is None or tc_pr.find(qn("w:tcW")) is None):
                continue  # a row without widths follows the grid: no need to add them
            tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.set(qn("w:type"), "dxa")
            tc_w.set(qn("w:w"), str(width))


def _apply_rows(rows: list, table: Table, *, leading: int) -> None:
    from docx.oxml.ns import qn

    aligns = ["center"] * leading + [c.align for c in table.columns]
    bold = {i + 1 for i, row in enumerate(table.rows) if row.get("_bold")}
    for index, tr in enumerate(rows[1:], start=1):
        cells = tr.findall(qn("w:tc"))
        if len(cells) != len(aligns):
            continue
        for tc, align in zip(cells, aligns, strict=True):
            for p in tc.findall(qn("w:p")):
                if align != "left":  # left is the default: fewer elements, faster PDF
                    p.get_or_add_pPr().get_or_add_jc().set(qn("w:val"), align)
                if index in bold:  # a group heading stays on the page of its first row
                    p.get_or_add_pPr().get_or_add_keepNext()
                    for r in p.findall(qn("w:r")):
                        r.get_or_add_rPr().get_or_add_b()


# --- PDF -------------------------------------------------------------------------------------

_PROFILE: dict[int, str] = {}  # pid -> LibreOffice profile dir: one per worker process
_SOFFICE_LOCK = threading.Lock()  # one conversion at a time per profile


def render_pdf(paper: Paper, *, template: bytes | None = None) -> bytes:
    return docx_to_pdf(render_docx(paper, template=template))


def docx_to_pdf(content: bytes) -> bytes:
    """Convert with LibreOffice headless; Times New Roman is drawn with Liberation Serif."""
    soffice = shutil.which(getattr(settings, "DOCUMENTS_SOFFICE", "soffice"))
    if soffice is None:
        raise DomainError(_("PDF printing is not available: LibreOffice is not installed."))
    timeout = getattr(settings, "DOCUMENTS_PDF_TIMEOUT", 120)
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as folder:
        source = Path(folder) / "paper.docx"
        source.write_bytes(content)
        command = [
            soffice, f"-env:UserInstallation=file://{_profile()}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", folder, str(source),
        ]  # fmt: skip
        with _SOFFICE_LOCK:
            try:
                subprocess.run(command, capture_output=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired as error:
                raise DomainError(_("Making the PDF took too long; try again later.")) from error
        target = source.with_suffix(".pdf")
        if not target.exists():
            raise DomainError(_("LibreOffice could not turn this paper into a PDF."))
        return target.read_bytes()


def _profile() -> str:
    pid = os.getpid()
    if pid not in _PROFILE:
        _PROFILE[pid] = tempfile.mkdtemp(prefix="thidua-soffice-")
    return _PROFILE[pid]


# --- Excel -----------------------------------------------------------------------------------


def render_xlsx(paper: Paper) -> bytes:
    """One sheet per table under the paper's header lines; cells keep their types."""
    book = Workbook()
    book.remove(book.active)
    context = context_for(paper)
    tables = paper.tables or {"paper": Table(columns=[], rows=[])}
    for index, (key, table) in enumerate(tables.items(), start=1):
        sheet = book.create_sheet(_sheet_title(table.title or key, index))
        for line in _header_lines(context, table):
            _append(sheet, [line])
        sheet.cell(row=1, column=1).font = Font(bold=True)
        sheet.append([])
        _append(sheet, [str(c.label) for c in table.columns])
        top = sheet.max_row
        for cell in sheet[top]:
            cell.font = Font(bold=True)
        for row in table.rows:
            _append(sheet, [_typed(row.get(c.key)) for c in table.columns])
        _format_columns(sheet, table, first_row=top + 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header_lines(context: dict, table: Table) -> list[str]:
    head, paper = context["head"], context["paper"]
    lines = [head["issuer"], paper["number_text"], paper["date_text"]]
    lines += [f"{paper['type_name']} {paper['abstract']}".strip(), table.title]
    return [line for line in lines if line]


def _sheet_title(title: str, index: int) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title)).strip()
    return f"{index}. {cleaned}"[:31]


def _typed(value: Any) -> Any:
    if value is None or isinstance(value, int | float | Decimal | dt.date):
        return value
    return str(value)


def _append(sheet: Any, values: list) -> None:
    """Append a row whose texts can never run as formulas (formula injection).

    openpyxl reads a text starting with "=" as a formula: such cells are stored as plain text
    with Excel's quote prefix, so the text stays exactly as typed (it round-trips) and is
    never evaluated. Private here: ``thidua/core/spreadsheets.py`` did not exist yet.
    """
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
            cell.quotePrefix = True


def _format_columns(sheet: Any, table: Table, *, first_row: int) -> None:
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(10, min(60, len(str(column.label)) + 4))
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index):
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            elif column.number_format and isinstance(cell.value, int | float | Decimal):
                cell.number_format = column.number_format


# --- checking an uploaded template -----------------------------------------------------------


def template_check(content: bytes, kind: str) -> list[str]:
    """What is wrong with an uploaded Word template, in words an admin understands ([] = fine)."""
    try:
        document = DocxTemplate(io.BytesIO(content))
        document.init_docx()
        parts = _template_parts(document)
    except Exception:  # any unreadable upload: zip, XML or package errors alike
        return [_("The file is not a Word document (.docx). Save it in Word as .docx, then retry.")]
    errors, names = _parse(parts)
    if errors:
        return errors
    unknown = sorted(names - CONTEXT_NAMES - set(PaperEnvironment().globals))
    message = _("The template uses “%(name)s”, which papers do not have.")
    errors += [message % {"name": name} for name in unknown]
    return errors or _trial_render(content, kind)


def _template_parts(document: DocxTemplate) -> list[str]:
    parts = [document.patch_xml(document.get_xml())]
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _key, part in document.get_headers_footers(uri):
            parts.append(document.patch_xml(document.get_part_xml(part)))
    return [_one_paragraph_per_line(xml) for xml in parts]


def _one_paragraph_per_line(xml: str) -> str:
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _parse(parts: list[str]) -> tuple[list[str], set[str]]:
    """Syntax errors (with the text near each) and the top-level names the parts use."""
    errors: list[str] = []
    names: set[str] = set()
    env = PaperEnvironment()
    for xml in parts:
        try:
            names |= meta.find_undeclared_variables(env.parse(xml))
        except TemplateSyntaxError as error:  # also an unknown filter (TemplateAssertionError)
            lines = xml.splitlines()
            line = lines[error.lineno - 1] if error.lineno and error.lineno <= len(lines) else ""
            near = re.sub(r"<[^>]+>", "", line).strip()[:120]
            errors.append(
                _("A placeholder near “%(text)s” is broken: %(error)s")
                % {"text": near, "error": error.message}
            )
    return errors, names


def _trial_render(content: bytes, kind: str) -> list[str]:
    sample = definition(kind).sample
    if sample is None:
        return []
    missing: list[str] = []

    class Recording(Undefined):
        def __str__(self) -> str:
            missing.append(self._undefined_name or "")
            return ""

        def __iter__(self) -> Any:
            missing.append(self._undefined_name or "")
            return iter(())

    try:
        render_docx(sample(), template=content, undefined=Recording)
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError) as error:
        message = _("Printing a sample paper with this template failed: %(error)s")
        return [message % {"error": error}]
    return [
        _("The placeholder “%(name)s” is not known for this paper.") % {"name": name}
        for name in sorted(set(missing))
    ]
