"""The cluster's emulation pledge (giao ước thi đua) as an official paper: theme, preamble, the
numbered contents with their indicators and targets, the criteria table with its points when the
cluster has one for the year, and a signature block for every member unit (law.md §c.2 step 1).

Issued by the cluster's leader unit of the pledge year (the organiser when none is recorded). The
signatures are those recorded in thidua, with their dates; a unit that has not signed yet gets an
empty block to sign by hand.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt

from thidua.campaigns.models import Pledge
from thidua.campaigns.selectors.pledges import pledge_get, signer_rows
from thidua.documents import docx_builder as b
from thidua.documents.paper import Column, Paper, Table
from thidua.documents.papers.annual_summary import target_words, vi_number
from thidua.documents.registry import PaperDefinition, register
from thidua.org.models import Unit
from thidua.org.selectors import cluster_leader_in
from thidua.scoring.models import CriteriaTable, CriterionGroup
from thidua.scoring.policy import group_max
from thidua.scoring.selectors.tables import table_get

KIND = "pledge"


# ---- the text -----------------------------------------------------------------------------------
def contents_of(pledge: Pledge) -> list[dict[str, Any]]:
    """Each numbered content with its indicators' targets in words (common targets; a unit's own
    target is the unit's business, not the pledge's text)."""
    items = []
    for item in pledge.items.all():
        targets = []
        for indicator in item.indicators.all():
            words = target_words(indicator, indicator.target)
            targets.append(f"{indicator.name}: {words}" if words else indicator.name)
        items.append({"number": str(item.number), "text": item.text, "targets": targets})
    return items


def points(value: Decimal, kind: str) -> str:
    shown = vi_number(value)
    if kind == CriterionGroup.Kind.BONUS:
        return f"+{shown}"
    if kind == CriterionGroup.Kind.PENALTY:
        return f"−{shown}"
    return shown


def criteria_of(pledge: Pledge) -> Table | None:
    """The cluster's criteria table of the year as a group / criterion / points list."""
    found = CriteriaTable.objects.filter(cluster=pledge.cluster, year=pledge.year).first()
    table = table_get(found.pk) if found else None
    if table is None:
        return None
    rows = []
    for group in table.groups.all():
        maximum = points(group_max(group), group.kind)
        rows.append(
            {"code": group.code, "title": group.title.upper(), "max": maximum, "_bold": True}
        )
        rows += [
            {"code": c.code, "title": c.title, "max": points(c.max_points, group.kind)}
            for c in group.criteria.all()
        ]
    columns = [
        Column("code", _("No."), width_mm=16, align="center"),
        Column("title", _("Criterion")),
        Column("max", _("Maximum points"), width_mm=30, align="right"),
    ]
    return Table(columns, rows, title=table.title)


# ---- who signs ----------------------------------------------------------------------------------
def signer_blocks(pledge: Pledge) -> list[dict[str, str]]:
    """A block per unit the pledge awaits or that signed it, the year's leader first."""
    blocks = []
    for row in signer_rows(pledge):
        if not (row.awaited or row.signature):
            continue
        signature = row.signature
        block = {
            "unit": row.unit.name.upper(),
            "role": _("(Cluster leader)") if row.is_leader else "",
            "position": "",
            "mark": _("(Not yet signed)"),
            "name": "",
        }
        if signature is not None:
            signed_on = timezone.localdate(signature.signed_at).strftime("%d/%m/%Y")
            block |= {
                "position": signature.signer_position.upper(),
                "mark": _("(Signed on %(date)s)") % {"date": signed_on},
                "name": signature.signer_name,
            }
        blocks.append(block)
    return blocks


def in_pairs(blocks: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    """Two blocks a row, as signatures sit side by side on paper."""
    empty = dict.fromkeys(("unit", "role", "position", "mark", "name"), "")
    pairs = [blocks[n : n + 2] for n in range(0, len(blocks), 2)]
    return [pair if len(pair) == 2 else [*pair, empty] for pair in pairs]


# ---- the paper ----------------------------------------------------------------------------------
def gather(pledge: Pledge, user: Any, options: dict[str, Any]) -> Paper:
    pledge = pledge_get(pledge.pk)
    cluster = pledge.cluster
    issuer = cluster_leader_in(cluster, pledge.year) or cluster.organiser
    when = pledge.in_force_at or pledge.opened_at
    criteria = criteria_of(pledge)
    amendment = ""
    if pledge.supersedes_id:
        amendment = _("(Amendment no. %(number)s)") % {"number": pledge.version - 1}
    return Paper(
        kind=KIND,
        issuer=issuer,
        type_name="GIAO ƯỚC THI ĐUA",
        type_code="GƯTĐ",
        abstract=_("%(cluster)s – year %(year)s") % {"cluster": cluster.name, "year": pledge.year},
        date=timezone.localdate(when) if when else None,
        place=pledge.place,
        body={
            "draft": pledge.status == Pledge.Status.DRAFT,
            "cluster": cluster.name,
            "year": str(pledge.year),
            "theme": pledge.theme,
            "amendment": amendment,
            "preamble": [line.strip() for line in pledge.preamble.splitlines() if line.strip()],
            "items": contents_of(pledge),
            "has_criteria": criteria is not None,
            "signers": in_pairs(signer_blocks(pledge)),
            "version": str(pledge.version),
            "digest": pledge.text_digest,
        },
        tables={"criteria": criteria} if criteria is not None else {},
        filename=f"{_('emulation-pledge')}-{pledge.year}-{cluster.pk}-v{pledge.version}",
    )


def can_print(user: Any, pledge: Pledge) -> bool:
    """Who may read the pledge may print it (the pledge pages' own rule)."""
    return user.has_perm("campaigns.view_cluster_year", pledge.cluster)


def build_template(doc: Any) -> None:
    b.add_letterhead(doc)
    b.add_condition(doc, "body.draft")
    b.add_text(doc, "DỰ THẢO", bold=True, align="center", first_line_indent_mm=0)
    b.add_end(doc)
    b.add_heading(doc)
    b.add_text(
        doc, "{{ body.theme }}", bold=True, italic=True, align="center", first_line_indent_mm=0
    )
    b.add_condition(doc, "body.amendment")
    b.add_text(doc, "{{ body.amendment }}", italic=True, align="center", first_line_indent_mm=0)
    b.add_end(doc)
    b.add_paragraph_loop(doc, "line in body.preamble", "{{ line }}")
    b.add_text(
        doc,
        "Các đơn vị thành viên {{ body.cluster }} thống nhất ký kết giao ước thi đua năm "
        "{{ body.year }} với các nội dung sau:",
    )
    doc.add_paragraph("{%p for item in body.items %}")
    b.add_text(doc, "{{ item.number }}. {{ item.text }}")
    b.add_paragraph_loop(doc, "target in item.targets", "- {{ target }}", size=13)
    doc.add_paragraph("{%p endfor %}")
    b.add_condition(doc, "body.has_criteria")
    b.add_text(doc, "Bảng tiêu chí chấm điểm thi đua năm {{ body.year }}:")
    b.add_table(doc, "criteria", numbered=False)
    b.add_end(doc)
    b.add_text(doc, "Giao ước này có hiệu lực khi tất cả các đơn vị thành viên đã ký.")
    add_signer_grid(doc)


def add_signer_grid(doc: Any) -> None:
    """A borderless two-column table: one row of docxtpl per pair of signature blocks."""
    b.add_text(
        doc, "ĐẠI DIỆN CÁC ĐƠN VỊ THÀNH VIÊN", bold=True, align="center", first_line_indent_mm=0
    )
    table = doc.add_table(rows=3, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for pair in body.signers %}")
    for side, cell in enumerate(table.rows[1].cells):
        lines = (
            (f"{{{{ pair[{side}].unit }}}}", True, False),
            (f"{{{{ pair[{side}].role }}}}", False, True),
            (f"{{{{ pair[{side}].position }}}}", True, False),
            (f"{{{{ pair[{side}].mark }}}}", False, True),
            ("", False, False),
            ("", False, False),
            (f"{{{{ pair[{side}].name }}}}", True, False),
        )
        for n, (text, bold, italic) in enumerate(lines):
            paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.font.size, run.font.bold, run.font.italic = Pt(13), bold or None, italic or None
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    # A signature block never breaks across two pages.
    table.rows[1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def sample() -> Paper:
    unit = Unit(name="Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương", code="BTCDN")
    block = {
        "unit": unit.name.upper(),
        "role": "(Cụm trưởng)",
        "position": "TRƯỞNG BAN",
        "mark": "(Đã ký ngày 20/02/2023)",
        "name": "Chu Đình Động",
    }
    return Paper(
        kind=KIND,
        issuer=unit,
        type_name="GIAO ƯỚC THI ĐUA",
        type_code="GƯTĐ",
        abstract="Cụm thi đua số 6 – năm 2023",
        body={
            "draft": False,
            "cluster": "Cụm thi đua số 6",
            "year": "2023",
            "theme": "Đoàn kết, đổi mới, hoàn thành xuất sắc nhiệm vụ",
            "amendment": "",
            "preamble": ["Thực hiện Hướng dẫn số 04-HD/BTCTW ngày 17-5-2021."],
            "items": [
                {
                    "number": "1",
                    "text": "Hoàn thành xuất sắc nhiệm vụ chính trị được giao.",
                    "targets": ["Tỷ lệ văn bản đi được tham mưu ban hành: ít nhất 60 %"],
                }
            ],
            "has_criteria": True,
            "signers": in_pairs([block]),
            "version": "1",
            "digest": "",
        },
        tables={
            "criteria": Table(
                [Column("code", "STT"), Column("title", "Tiêu chí"), Column("max", "Điểm tối đa")],
                [{"code": "I", "title": "CÔNG TÁC CHUYÊN MÔN", "max": "60"}],
            )
        },
    )


register(
    PaperDefinition(
        kind=KIND,
        label=gettext_lazy("Emulation pledge"),
        source=Pledge,
        gather=gather,
        can_print=can_print,
        build_template=build_template,
        sample=sample,
    )
)
