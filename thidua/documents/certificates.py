"""Certificates (Bằng khen, Giấy khen, flag inscriptions) as PDF, one page per recipient.

The values come from a line of an issued decision; a layout says where each goes, in mm from the
sheet's top-left corner, every page shifted by the printer offsets. Liberation Serif (metric-
compatible with Times New Roman, the font of official papers, law.md §e.5) is embedded, so every
Vietnamese letter prints as typed. A text wider than its field is wrapped, then made smaller, and
at the smallest size squeezed sideways: it never runs out of its box. The words printed are the
paper's Vietnamese content, not the interface, so they are not translated.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from thidua.awards.models import AwardType
from thidua.core.errors import DomainError
from thidua.documents.models.certificates import LINE_SPACING, CertificateField, CertificateLayout
from thidua.nominations.models import Decision, DecisionLine
from thidua.org.models import Membership, Person, Unit

Key = CertificateField.Key
FONT = "LiberationSerif"
FONT_DIR = getattr(settings, "THIDUA_CERTIFICATE_FONT_DIR", "/usr/share/fonts/truetype/liberation2")
MIN_FONT_SIZE = 6.0
SHRINK_STEP = 0.5
DEFAULT_ACHIEVEMENT = "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ {period}"
DARK_RED = Color(0.6, 0.05, 0.05)
GRID = Color(0.55, 0.7, 0.9)
FIELD_BOX = Color(0.1, 0.35, 0.8)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_TITLES = {
    "merit": "BẰNG KHEN", "commendation": "GIẤY KHEN", "flag": "CỜ THI ĐUA", "title": "CHỨNG NHẬN",
}  # fmt: skip


# ---- fonts -------------------------------------------------------------------------------------
def fonts_register() -> None:
    """Register Liberation Serif in its four faces once per process."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for suffix in ("Regular", "Bold", "Italic", "BoldItalic"):
        name = FONT if suffix == "Regular" else f"{FONT}-{suffix}"
        pdfmetrics.registerFont(TTFont(name, f"{FONT_DIR}/{FONT}-{suffix}.ttf"))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Italic",
        boldItalic=f"{FONT}-BoldItalic",
    )  # fmt: skip


def font_name(*, bold: bool, italic: bool) -> str:
    suffix = ("Bold" if bold else "") + ("Italic" if italic else "")
    return f"{FONT}-{suffix}" if suffix else FONT


# ---- values ------------------------------------------------------------------------------------
def place_date(place: str, day: dt.date | None) -> str:
    """ "Hà Nội, ngày 05 tháng 01 năm 2024": days below 10 and the months 1 and 2 take a leading
    zero (ND 30/2020 Appendix I; Guidance 36-HD/VPTW writes dates the same way, law.md §e.5)."""
    if day is None:
        return place
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def certificate_values(line: DecisionLine, *, achievement: str = "") -> dict[str, str]:
    """What a certificate says, from a line of an issued decision (`achievement` is the layout's
    wording with {year} and {period}; empty takes the usual one)."""
    decision = line.decision
    if not decision.is_issued:
        raise DomainError(_("Certificates are printed only for an issued decision."), code="draft")
    position, unit = _post_on(line.person, decision.signed_on) if line.person else ("", None)
    period = _period_text(line)
    wording = achievement or DEFAULT_ACHIEVEMENT
    return {
        Key.RECIPIENT_NAME: line.person.full_name if line.person else line.label,
        Key.RECIPIENT_TITLE: position,
        Key.RECIPIENT_UNIT: _unit_text(unit) if unit else "",
        Key.ACHIEVEMENT: wording.replace("{year}", str(line.year)).replace("{period}", period),
        Key.AWARD_NAME: line.award.name,
        Key.DECISION_NUMBER: decision.number_text,
        Key.DECISION_DATE: decision.signed_on.strftime("%d/%m/%Y"),
        Key.PLACE_DATE: place_date(decision.place, decision.signed_on),
        Key.SIGNER_TITLE: decision.signer_title,
        Key.SIGNER_NAME: decision.signer_name,
        Key.YEAR: str(line.year),
        # Decision numbers are unique per issuer and year, so "125.03" is too; an agency that
        # keeps its own register book writes that number instead (not recorded here).
        Key.REGISTER_NO: f"{decision.number}.{line.order:02d}",
    }


def sample_values(*, achievement: str = "", kind: str = "merit") -> dict[str, str]:
    """Plain values for the sample certificate and the calibration page (no database)."""
    wording = achievement or DEFAULT_ACHIEVEMENT
    values = {
        Key.RECIPIENT_NAME: "Nguyễn Thị Hồng Nhung",
        Key.RECIPIENT_TITLE: "Phó Trưởng phòng",
        Key.RECIPIENT_UNIT: "Phòng Tổ chức cán bộ, Ban Tổ chức Đảng ủy Khối Doanh nghiệp",
        Key.ACHIEVEMENT: wording.replace("{year}", "2023").replace("{period}", "năm 2023"),
        Key.AWARD_NAME: "Bằng khen của Ban Tổ chức Trung ương",
        Key.DECISION_NUMBER: "Số 125-QĐ/BTCTW",
        Key.DECISION_DATE: "15/01/2024",
        Key.PLACE_DATE: place_date("Hà Nội", dt.date(2024, 1, 15)),
        Key.SIGNER_TITLE: "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
        Key.SIGNER_NAME: "Hoàng Văn Dũng",
        Key.YEAR: "2023",
        Key.REGISTER_NO: "125.01",
    }
    if kind == CertificateLayout.Kind.FLAG:  # a flag goes to a collective
        values[Key.AWARD_NAME] = "Cờ thi đua của Ban Tổ chức Trung ương"
        values[Key.RECIPIENT_NAME] = "Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương"
        values[Key.RECIPIENT_TITLE] = values[Key.RECIPIENT_UNIT] = ""
    elif kind == CertificateLayout.Kind.COMMENDATION:
        values[Key.AWARD_NAME] = "Giấy khen"
    elif kind == CertificateLayout.Kind.TITLE:
        values[Key.AWARD_NAME] = "Chiến sĩ thi đua cơ sở"
    return values


def _period_text(line: DecisionLine) -> str:
    if line.period_start and line.period_start != line.year:
        return f"giai đoạn {line.period_start} - {line.year}"
    return f"năm {line.year}"


def _post_on(person: Person, day: dt.date) -> tuple[str, Unit | None]:
    """The person's main post on the decision date, else their current one (prefetched)."""
    for post in person.memberships.all():
        ended = post.end_date is not None and post.end_date < day
        if not post.is_concurrent and post.start_date <= day and not ended:
            return post.position, post.unit
    return person.position, person.unit


def _unit_text(unit: Unit) -> str:
    """A department is named with the agency it belongs to."""
    if unit.kind in (Unit.Kind.DEPARTMENT, Unit.Kind.DIVISION) and unit.parent_id:
        return f"{unit.name}, {unit.parent.name}"
    return unit.name


def certificate_lines(decision: Decision, line_ids: Iterable[int] | None = None) -> list:
    """The decision's lines with what their certificates need, in the decision's order."""
    posts = Membership.objects.select_related("unit__parent").order_by("-start_date")
    qs = decision.lines.select_related(
        "decision", "award", "unit", "person__unit__parent", "award_record", "revocation"
    ).prefetch_related(Prefetch("person__memberships", queryset=posts))
    if line_ids is not None:
        qs = qs.filter(pk__in=list(line_ids))
    return list(qs.order_by("order", "pk"))


def line_printable(line: DecisionLine) -> bool:
    """A revoked line, or one a correcting decision replaced, gets no certificate."""
    revoked = getattr(line, "revocation", None) is not None
    return not revoked and not (line.award_record_id and line.award_record.revoked)


# ---- which layout ------------------------------------------------------------------------------
def layouts_for_issuer(issuer: Unit | None) -> list[CertificateLayout]:
    """Active layouts an issuer may use, best first: its own, its parents' (nearest first), then
    the installation's."""
    ids = [int(part) for part in issuer.path.strip("/").split("/") if part] if issuer else []
    rank = {unit_id: len(ids) - index for index, unit_id in enumerate(ids)}
    layouts = CertificateLayout.objects.filter(
        Q(issuer__isnull=True) | Q(issuer_id__in=ids), is_active=True
    ).prefetch_related("fields")
    # Within one level a layout that names the award beats one that serves any award.
    return sorted(
        layouts,
        key=lambda layout: (
            rank.get(layout.issuer_id, 10_000) if layout.issuer_id else 100_000,
            not layout.award_codes,
            layout.pk,
        ),
    )


def pick_layout(layouts: list[CertificateLayout], award: AwardType) -> CertificateLayout | None:
    return next(
        (lay for lay in layouts if lay.serves(code=award.code, subject=award.subject)), None
    )


def layout_for(award: AwardType, issuer: Unit | None) -> CertificateLayout | None:
    return pick_layout(layouts_for_issuer(issuer), award)


@dataclass
class Printout:
    """The pages to print for a decision, and the ticked lines left out with the reason."""

    pages: list[Page]
    unserved: list[DecisionLine]  # no layout serves their award
    not_printable: list[DecisionLine]  # revoked or replaced


def decision_printout(
    decision: Decision, *, line_ids: Iterable[int] | None = None,
    layout: CertificateLayout | None = None,
) -> Printout:  # fmt: skip
    """One page per ticked line: on `layout` when one is chosen, else on the layout that serves
    the line's award for the decision's issuer."""
    layouts = [] if layout else layouts_for_issuer(decision.issuer)
    printout = Printout(pages=[], unserved=[], not_printable=[])
    for line in certificate_lines(decision, line_ids):
        chosen = layout or pick_layout(layouts, line.award)
        if not line_printable(line):
            printout.not_printable.append(line)
        elif chosen is None:
            printout.unserved.append(line)
        else:
            printout.pages.append(page_for(chosen, line))
    return printout


# ---- rendering ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    layout: CertificateLayout
    values: dict[str, str]
    style: str = "state"  # the issuer's document style: the header of a plain-paper certificate


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[str, ...]
    scales: tuple[float, ...]  # horizontal squeeze per line, 1.0 when it fits at this size


def render_certificates(layout: CertificateLayout, lines: list[DecisionLine]) -> bytes:
    """One certificate per line, all on `layout`."""
    return render_pages([page_for(layout, line) for line in lines])


def page_for(layout: CertificateLayout, line: DecisionLine) -> Page:
    values = certificate_values(line, achievement=layout.achievement_text)
    return Page(layout=layout, values=values, style=line.decision.style)


def render_sample(layout: CertificateLayout) -> bytes:
    values = sample_values(achievement=layout.achievement_text, kind=layout.kind)
    return render_pages([Page(layout=layout, values=values, style=_layout_style(layout))])


def render_pages(pages: list[Page], on_page: Callable[[int], None] | None = None) -> bytes:
    """The pages in one PDF, each of its layout's sheet size; `on_page(done)` reports progress."""
    fonts_register()
    buffer = io.BytesIO()
    canvas = _canvas(buffer, _("Certificates"))
    fields: dict[int | None, list[CertificateField]] = {}
    for done, page in enumerate(pages, start=1):
        _begin(canvas, page.layout)
        if page.layout.mode == CertificateLayout.Mode.FULL:
            _draw_frame_and_titles(canvas, page.layout, page.style)
        if page.layout.pk not in fields:  # one query per layout, not per page
            fields[page.layout.pk] = list(page.layout.fields.all())
        for field in fields[page.layout.pk]:
            draw_field(canvas, field, field_text(field, page.values), page.layout)
        canvas.showPage()
        if on_page:
            on_page(done)
    canvas.save()
    return buffer.getvalue()


def render_calibration(layout: CertificateLayout) -> bytes:
    """A page to print onto a blank (or hold against one to the light): the sheet's edge, a
    millimetre ruler and a 10 mm grid, and each field's box with its name, position and a sample
    text, all shifted by the printer offsets exactly as the certificates are."""
    fonts_register()
    buffer = io.BytesIO()
    canvas = _canvas(buffer, _("Calibration page"))
    _begin(canvas, layout)
    _draw_grid(canvas, layout)
    values = sample_values(achievement=layout.achievement_text, kind=layout.kind)
    for field in layout.fields.all():
        _draw_box(canvas, field, layout)
        draw_field(canvas, field, field_text(field, values), layout)
    _draw_caption(canvas, layout)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def field_text(field: CertificateField, values: dict[str, str]) -> str:
    """The field's words: its value, or its wording with {value} and any {key} filled in."""
    value = "" if field.key == Key.CUSTOM_TEXT else values.get(field.key, "")
    if field.key != Key.CUSTOM_TEXT and not value:
        return ""  # no "Số vào sổ:" printed alone
    pattern = field.text if field.text.strip() else "{value}"
    text = _PLACEHOLDER.sub(lambda m: value if m[1] == "value" else values.get(m[1], m[0]), pattern)
    return text.upper() if field.upper else text


def draw_field(canvas: Canvas, field: CertificateField, text: str, layout: Any) -> None:
    """Lines top-aligned in the field's box: the first line's top lies at y (font ascent)."""
    if not text.strip():
        return
    font = font_name(bold=field.bold, italic=field.italic)
    width = float(field.width_mm) * mm
    fitted = fit_text(text, font, float(field.font_size), width, field.max_lines)
    ascent = pdfmetrics.getFont(font).face.ascent / 1000
    top = float(layout.height_mm - field.y_mm) * mm
    for index, (line, scale) in enumerate(zip(fitted.lines, fitted.scales, strict=True)):
        line_width = _width(line, font, fitted.size) * scale
        x = float(field.x_mm) * mm + _indent(field.align, width, line_width)
        baseline = top - ascent * fitted.size - index * fitted.size * float(LINE_SPACING)
        text_object = canvas.beginText(x, baseline)
        text_object.setFont(font, fitted.size)
        text_object.setHorizScale(scale * 100)
        text_object.textOut(line)
        canvas.drawText(text_object)


@functools.lru_cache(maxsize=2048)  # most fields say the same on every page of a decision
def fit_text(text: str, font: str, size: float, width: float, max_lines: int) -> Fitted:
    """Wrap onto `max_lines` lines, shrinking the size by half points until it fits; at the
    smallest size squeeze the lines that are still too wide."""
    while True:
        lines = wrap(text, font, size, width)
        widths = [_width(line, font, size) for line in lines]
        if len(lines) <= max_lines and max(widths, default=0) <= width:
            return Fitted(size, tuple(lines), (1.0,) * len(lines))
        if size - SHRINK_STEP < MIN_FONT_SIZE:
            break
        size -= SHRINK_STEP
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    widths = [_width(line, font, size) for line in lines]
    return Fitted(size, tuple(lines), tuple(min(1.0, width / w) if w else 1.0 for w in widths))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a typed line break always starts a new line."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if current and _width(candidate, font, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return [line for line in lines if line] or [""]


@functools.lru_cache(maxsize=8192)
def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def _indent(align: str, width: float, line_width: float) -> float:
    if align == CertificateField.Align.CENTER:
        return (width - line_width) / 2
    if align == CertificateField.Align.RIGHT:
        return width - line_width
    return 0.0


def _canvas(buffer: io.BytesIO, title: str) -> Canvas:
    canvas = Canvas(buffer, initialFontName=FONT, initialFontSize=12)
    canvas.setTitle(title)
    canvas.setCreator("thidua")
    return canvas


def _begin(canvas: Canvas, layout: Any) -> None:
    """A new page of the layout's size, everything moved by the printer offsets (y grows down
    on the sheet, up in PDF)."""
    canvas.setPageSize((float(layout.width_mm) * mm, float(layout.height_mm) * mm))
    canvas.translate(float(layout.offset_x_mm) * mm, -float(layout.offset_y_mm) * mm)
    canvas.setFillColor(black)


def _layout_style(layout: CertificateLayout) -> str:
    return "party" if layout.issuer and layout.issuer.document_style == "party" else "state"


def _draw_frame_and_titles(canvas: Canvas, layout: Any, style: str) -> None:
    """Plain paper: a double frame, the national (State, ND 30/2020) or Party (36-HD/VPTW)
    header, and the paper's name; sizes follow the sheet, A3 landscape being 1."""
    width, height = float(layout.width_mm), float(layout.height_mm)
    k = min(width / 420, height / 297)
    canvas.setStrokeColor(DARK_RED)
    canvas.setLineWidth(2.5 * k)
    canvas.rect(8 * k * mm, 8 * k * mm, (width - 16 * k) * mm, (height - 16 * k) * mm)
    canvas.setLineWidth(0.8 * k)
    canvas.rect(12 * k * mm, 12 * k * mm, (width - 24 * k) * mm, (height - 24 * k) * mm)
    if style == "party":
        header = [("ĐẢNG CỘNG SẢN VIỆT NAM", 18 * k)]
    else:
        header = [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 16 * k),
            ("Độc lập - Tự do - Hạnh phúc", 16 * k),
        ]
    y = 20 * k
    canvas.setFillColor(black)
    for text, size in header:
        y += size * 0.3528 * 1.3
        _centred(canvas, text, f"{FONT}-Bold", size, width / 2, height - y)
    rule = pdfmetrics.stringWidth(header[-1][0], f"{FONT}-Bold", header[-1][1]) / mm
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.8 * k)
    y += 2.5 * k
    canvas.line(
        (width - rule) / 2 * mm, (height - y) * mm, (width + rule) / 2 * mm, (height - y) * mm
    )
    canvas.setFillColor(DARK_RED)
    _centred(canvas, _TITLES[layout.kind], f"{FONT}-Bold", 44 * k, width / 2, height - 66 * k)
    canvas.setFillColor(black)


def _centred(canvas: Canvas, text: str, font: str, size: float, x_mm: float, y_mm: float) -> None:
    canvas.setFont(font, size)
    canvas.drawCentredString(x_mm * mm, y_mm * mm, text)


def _draw_grid(canvas: Canvas, layout: Any) -> None:
    """The sheet's edge, a line every 10 mm (bolder every 50), millimetre ticks on the edges."""
    width, height = float(layout.width_mm), float(layout.height_mm)
    canvas.setStrokeColor(GRID)
    canvas.setFillColor(GRID)
    canvas.setFont(FONT, 6)
    for x in range(int(width) + 1):
        _mark(canvas, x, (x, height), (x, 0), (0, -1), label_at=(x + 0.6, height - 7))
    for y in range(int(height) + 1):
        top = height - y
        _mark(canvas, y, (0, top), (width, top), (1, 0), label_at=(5, top - 2.5))
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.8)
    canvas.rect(0, 0, width * mm, height * mm)
    canvas.setFillColor(black)


def _mark(
    canvas: Canvas, at: int, start: tuple, end: tuple, inward: tuple, label_at: tuple
) -> None:
    """Ruler ticks at both ends of a grid line (longer every 5 and 10 mm); every 10 mm the line
    itself with its distance in mm. Points are (x, y) in mm from the bottom-left corner."""
    tick = 4 if at % 10 == 0 else (2.5 if at % 5 == 0 else 1.5)
    (sx, sy), (ex, ey), (dx, dy) = start, end, inward
    canvas.setLineWidth(0.3)
    canvas.line(sx * mm, sy * mm, (sx + dx * tick) * mm, (sy + dy * tick) * mm)
    canvas.line(ex * mm, ey * mm, (ex - dx * tick) * mm, (ey - dy * tick) * mm)
    if at % 10 == 0:
        canvas.setLineWidth(0.6 if at % 50 == 0 else 0.2)
        canvas.line(sx * mm, sy * mm, ex * mm, ey * mm)
        canvas.drawString(label_at[0] * mm, label_at[1] * mm, str(at))


def _draw_box(canvas: Canvas, field: CertificateField, layout: Any) -> None:
    x, y = float(field.x_mm), float(layout.height_mm - field.y_mm)
    w, h = float(field.width_mm), float(field.height_mm)
    canvas.setStrokeColor(FIELD_BOX)
    canvas.setFillColor(FIELD_BOX)
    canvas.setLineWidth(0.5)
    canvas.setDash(2, 1.5)
    canvas.rect(x * mm, (y - h) * mm, w * mm, h * mm)
    canvas.setDash()
    canvas.setFont(FONT, 6)
    label = _("%(field)s (%(key)s): x %(x)s, y %(y)s, width %(width)s mm") % {
        "field": field.get_key_display(), "key": field.key, "x": field.x_mm, "y": field.y_mm,
        "width": field.width_mm,
    }  # fmt: skip
    canvas.drawString(x * mm, (y + 0.8) * mm, label)
    canvas.setFillColor(black)


def _draw_caption(canvas: Canvas, layout: Any) -> None:
    text = _(
        "Calibration page of “%(name)s”: sheet %(width)s × %(height)s mm, printer offset "
        "%(x)s mm right and %(y)s mm down. The black frame is the edge of the sheet."
    ) % {
        "name": layout.name, "width": layout.width_mm, "height": layout.height_mm,
        "x": layout.offset_x_mm, "y": layout.offset_y_mm,
    }  # fmt: skip
    canvas.setFillColor(FIELD_BOX)
    canvas.setFont(FONT, 8)
    canvas.drawString(12 * mm, 12 * mm, text)
    canvas.setFillColor(black)
