"""The achievement reports of a dossier: Form 03 (an individual) and Form 02 (a collective).

ND 98/2023 Appendix I keeps the structure of the ND 91 templates (law.md §e.1): Form 03 — I. Sơ
lược lý lịch, II. Thành tích đạt được (1. quyền hạn, nhiệm vụ; 2. thành tích, with initiatives,
their recognition and scope), III. Các hình thức đã được khen thưởng (1. danh hiệu thi đua;
2. hình thức khen thưởng), signatures of the reporter and the head who confirms. Form 02 — I. Sơ
lược đặc điểm, tình hình (1. đặc điểm, incl. the Party organisation; 2. chức năng, nhiệm vụ),
II. Thành tích đạt được, III. Các hình thức đã được khen thưởng, signatures.

Values come from `Dossier.report` (keys of nominations.services.dossiers: "profile", "duties",
"achievements", "initiatives", "awards"), prefilled from the records when it is still empty; what
the unit has not written prints as a dotted blank to fill in by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from thidua.documents import docx_builder as b
from thidua.documents.paper import Column, Paper, Signer, Table
from thidua.documents.papers.proposal import plain_award_name, signer_of, tag
from thidua.documents.registry import PaperDefinition, register
from thidua.nominations.models import Dossier
from thidua.nominations.services.dossiers import PROFILE_FIELDS, report_prefill

DOTS = "…" * 16  # a blank the unit fills in by hand
LINE = "…" * 26  # a whole line to fill in (the text width less the first-line indent)
GENDER = {"male": "Nam", "female": "Nữ"}
SCOPE = {"unit": "Cơ sở", "ministry": "Bộ, ban, ngành, tỉnh", "national": "Toàn quốc"}
INITIATIVE_KIND = {
    "initiative": "Sáng kiến",
    "research": "Đề tài, đề án nghiên cứu khoa học",
    "combat": "Sáng kiến, giải pháp trong chiến đấu",
}
TITLE, FORM = "title", "form"  # AwardType.kind: danh hiệu thi đua / hình thức khen thưởng

# The columns of the ND 91/98 forms: year, the award, then "số, ngày, tháng, năm của quyết định;
# cơ quan ban hành quyết định" in one cell (the typed values stay in the row for other exporters).
DECISION_LABEL = {
    TITLE: "Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành "
    "quyết định",
    FORM: "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định",
}
AWARD_COLUMNS = {
    kind: [
        Column("year", "Năm", width_mm=18, align="center"),
        Column("name", label),
        Column("decision", DECISION_LABEL[kind], width_mm=82),
    ]
    for kind, label in ((TITLE, "Danh hiệu thi đua"), (FORM, "Hình thức khen thưởng"))
}
INITIATIVE_COLUMNS = [
    Column("title", "Tên sáng kiến, đề tài"),
    Column("kind", "Loại", width_mm=28),
    Column("year", "Năm công nhận", width_mm=20, align="center"),
    Column("scope", "Phạm vi ảnh hưởng", width_mm=26, align="center"),
    Column("recognised_by", "Cơ quan công nhận, văn bản", width_mm=38),
]


# ---- values as the paper prints them -------------------------------------------------------------
def filled(value: Any) -> str:
    text = str(value or "").strip()
    return text or DOTS


def paragraphs(value: Any) -> list[str]:
    """A written section as paragraphs (one per line typed); two dotted lines when empty."""
    lines = [line.strip() for line in str(value or "").splitlines() if line.strip()]
    return lines or [LINE, LINE]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _birth_date(value: Any) -> str:
    day = _date(value)
    return day.strftime("%d/%m/%Y") if day else str(value or "")


def profile_of(report: dict[str, Any], form: str) -> dict[str, str]:
    """Section I of the form: every field of the form, blanks dotted, codes in words."""
    stored = dict(report.get("profile") or {})
    stored["gender"] = GENDER.get(stored.get("gender", ""), stored.get("gender", ""))
    stored["birth_date"] = _birth_date(stored.get("birth_date"))
    return {name: filled(stored.get(name)) for name in PROFILE_FIELDS[form]}


def decision_text(number: str, day: dt.date | None, issuer: str) -> str:
    """ "Số 45-QĐ/BTCĐUKDN ngày 10/01/2023; Ban Tổ chức …" (what the record has of it)."""
    dated = " ".join(p for p in (number, f"ngày {day:%d/%m/%Y}" if day else "") if p)
    return "; ".join(p for p in (dated, issuer) if p)


def award_rows(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """III. awards received of one kind (titles or forms), oldest first."""
    items = [a for a in report.get("awards") or [] if isinstance(a, dict) and a.get("kind") == kind]
    rows = []
    for a in sorted(items, key=lambda a: (str(a.get("year") or ""), str(a.get("name") or ""))):
        number, day = a.get("decision_number") or "", _date(a.get("decision_date"))
        issuer = a.get("issuer") or ""
        rows.append({
            "year": str(a.get("year") or ""), "name": a.get("name") or a.get("award") or "",
            "decision": decision_text(number, day, issuer),
            "decision_number": number, "decision_date": day, "issuer": issuer,
        })  # fmt: skip
    return rows


def initiative_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """II.2 initiatives and research with their recognition and scope (law.md §e.1 #6)."""
    rows = []
    for item in report.get("initiatives") or []:
        if not isinstance(item, dict):
            continue
        recognised = ", ".join(
            p for p in (item.get("recognised_by"), item.get("recognition_ref")) if p
        )
        rows.append({
            "title": item.get("title") or "",
            "kind": INITIATIVE_KIND.get(item.get("kind", ""), item.get("kind") or ""),
            "year": str(item.get("year") or ""),
            "scope": SCOPE.get(item.get("scope", ""), item.get("scope") or ""),
            "recognised_by": recognised,
        })  # fmt: skip
    return rows


def awards_tables(report: dict[str, Any]) -> dict[str, Table]:
    return {
        "titles": Table(columns=AWARD_COLUMNS[TITLE], rows=award_rows(report, TITLE)),
        "forms": Table(columns=AWARD_COLUMNS[FORM], rows=award_rows(report, FORM)),
    }


def _signer_dict(signer: Signer) -> dict[str, str]:
    return {"authority": signer.authority, "title": signer.title, "name": signer.name}


# ---- gathering ----------------------------------------------------------------------------------
def _loaded(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_related(
        "award", "person__unit", "unit__parent", "unit__letterhead", "owner_unit__letterhead",
        "batch__proposer__letterhead",
    ).get(pk=dossier.pk)  # fmt: skip


def _report(dossier: Dossier) -> dict[str, Any]:
    """The report as the unit saved it; the records (the Person, the unit) fill the profile
    fields it left blank, and the whole report when nothing is saved yet."""
    fresh = report_prefill(dossier)
    saved = dossier.report or {}
    if not saved:
        return fresh
    typed = {k: v for k, v in (saved.get("profile") or {}).items() if str(v or "").strip()}
    return {**saved, "profile": fresh["profile"] | typed}


def gather_individual(dossier: Dossier, user: Any, options: dict) -> Paper:
    """Form 03: the person's unit issues it; the person signs, the unit's head confirms."""
    dossier = _loaded(dossier)
    report = _report(dossier)
    body = {
        "award": dossier.award.name, "profile": profile_of(report, "03"),
        "duties": paragraphs(report.get("duties")),
        "achievements": paragraphs(report.get("achievements")),
        "confirmer": _signer_dict(signer_of(dossier.owner_unit)),
    }  # fmt: skip
    tables = awards_tables(report)
    tables["initiatives"] = Table(columns=INITIATIVE_COLUMNS, rows=initiative_rows(report))
    reporter = Signer(title="Người báo cáo thành tích", name=dossier.person.full_name)
    return Paper(
        kind="report_individual", issuer=dossier.owner_unit, type_name="BÁO CÁO THÀNH TÍCH",
        type_code="BC", abstract=f"Đề nghị tặng {plain_award_name(dossier)}", body=body,
        tables=tables, signer=reporter,
        filename=f"bao-cao-thanh-tich-{dossier.pk}",
    )  # fmt: skip


def gather_collective(dossier: Dossier, user: Any, options: dict) -> Paper:
    """Form 02: the collective issues it and its head signs; the proposing level confirms."""
    dossier = _loaded(dossier)
    report = _report(dossier)
    profile = profile_of(report, "02")
    body = {
        "award": dossier.award.name, "profile": profile,
        "history": paragraphs((report.get("profile") or {}).get("history")),
        "features": paragraphs((report.get("profile") or {}).get("features")),
        "party_organisation": paragraphs((report.get("profile") or {}).get("party_organisation")),
        "party_missing": profile["party_organisation"] == DOTS,
        "duties": paragraphs(report.get("duties")),
        "achievements": paragraphs(report.get("achievements")),
        "confirmer": _signer_dict(signer_of(dossier.batch.proposer)),
    }  # fmt: skip
    head = signer_of(dossier.unit)
    return Paper(
        kind="report_collective", issuer=dossier.unit, type_name="BÁO CÁO THÀNH TÍCH",
        type_code="BC", abstract=f"Đề nghị tặng {plain_award_name(dossier)}", body=body,
        tables=awards_tables(report), signer=Signer(head.authority, "Thủ trưởng đơn vị", head.name),
        filename=f"bao-cao-thanh-tich-{dossier.pk}",
    )  # fmt: skip


def can_print_individual(user: Any, dossier: Dossier) -> bool:
    return dossier.form == "03" and user.has_perm("nominations.view_dossier", dossier)


def can_print_collective(user: Any, dossier: Dossier) -> bool:
    return dossier.form == "02" and user.has_perm("nominations.view_dossier", dossier)


# ---- plain-value samples (template checks) -------------------------------------------------------
def _sample_awards() -> dict[str, Table]:
    report = {
        "awards": [
            {"kind": TITLE, "name": "Chiến sĩ thi đua cơ sở", "year": 2022,
             "decision_number": "Số 45-QĐ/BTCĐUKDN", "decision_date": "2023-01-10",
             "issuer": "Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương"},
            {"kind": FORM, "name": "Bằng khen của Ban Tổ chức Trung ương", "year": 2021,
             "decision_number": "Số 98-QĐ/BTCTW", "decision_date": "2022-01-20",
             "issuer": "Ban Tổ chức Trung ương"},
        ]
    }  # fmt: skip
    return awards_tables(report)


def sample_individual() -> Paper:
    report = {
        "profile": {"full_name": "Nguyễn Văn An", "gender": "male", "birth_date": "1980-05-02"},
        "duties": "Trưởng phòng Tổ chức cán bộ.",
        "initiatives": [{"title": "Số hóa hồ sơ đảng viên", "kind": "initiative", "year": 2023,
                         "scope": "unit", "recognised_by": "Hội đồng sáng kiến"}],
    }  # fmt: skip
    tables = _sample_awards()
    tables["initiatives"] = Table(columns=INITIATIVE_COLUMNS, rows=initiative_rows(report))
    body = {
        "award": "Bằng khen của Ban Tổ chức Trung ương", "profile": profile_of(report, "03"),
        "duties": paragraphs(report["duties"]), "achievements": paragraphs(""),
        "confirmer": {"authority": "", "title": "Trưởng Ban", "name": "Trần Văn Bình"},
    }  # fmt: skip
    return Paper(
        kind="report_individual", issuer=None, type_name="BÁO CÁO THÀNH TÍCH", type_code="BC",
        abstract="Đề nghị tặng Bằng khen của Ban Tổ chức Trung ương", place="Hà Nội", body=body,
        tables=tables, signer=Signer(title="Người báo cáo thành tích", name="Nguyễn Văn An"),
        filename="bao-cao-thanh-tich-mau", style="party",
    )  # fmt: skip


def sample_collective() -> Paper:
    report = {"profile": {"name": "Phòng Cơ sở đảng", "parent": "Ban Tổ chức"}}
    profile = profile_of(report, "02")
    body = {
        "award": "Bằng khen của Ban Tổ chức Trung ương", "profile": profile,
        "history": paragraphs(""), "features": paragraphs("Có 12 cán bộ."),
        "party_organisation": paragraphs(""), "party_missing": True,
        "duties": paragraphs(""), "achievements": paragraphs("Hoàn thành xuất sắc nhiệm vụ."),
        "confirmer": {"authority": "", "title": "Trưởng Ban", "name": "Trần Văn Bình"},
    }  # fmt: skip
    return Paper(
        kind="report_collective", issuer=None, type_name="BÁO CÁO THÀNH TÍCH", type_code="BC",
        abstract="Đề nghị tặng Bằng khen của Ban Tổ chức Trung ương", place="Hà Nội", body=body,
        tables=_sample_awards(), signer=Signer("", "Thủ trưởng đơn vị", "Lê Thị Cúc"),
        filename="bao-cao-thanh-tich-mau", style="state",
    )  # fmt: skip


# ---- the Word templates --------------------------------------------------------------------------
PROFILE_LINES = {
    "03": [
        ("Họ và tên", "full_name"), ("Giới tính", "gender"),
        ("Sinh ngày, tháng, năm", "birth_date"), ("Dân tộc", "ethnicity"),
        ("Tôn giáo", "religion"), ("Quê quán", "home_town"), ("Trú quán", "residence"),
        ("Đơn vị công tác", "unit"), ("Chức vụ (Đảng, chính quyền, đoàn thể)", "position"),
        ("Trình độ lý luận chính trị", "political_theory"),
        ("Trình độ chuyên môn, nghiệp vụ", "professional_level"),
        ("Học hàm, học vị, danh hiệu, giải thưởng", "academic_titles"),
    ],
    "02": [
        ("Tên tập thể", "name"), ("Cơ quan cấp trên", "parent"),
        ("Địa chỉ trụ sở", "address"), ("Điện thoại, e-mail", "contact"),
    ],
}  # fmt: skip


def _hide_number(doc: Any) -> None:
    """A report carries no number and symbol: its header is the issuing unit and the date
    (law.md §e.1, Forms 02/03); the letterhead's number cell is left empty."""
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if "head.number_text" in run.text:
                            run.text = ""


def _heading(doc: Any, text: str) -> None:
    paragraph = b.add_text(doc, text, bold=True, first_line_indent_mm=0, before=10)
    paragraph.paragraph_format.keep_with_next = True


def _subheading(doc: Any, text: str) -> None:
    paragraph = b.add_text(doc, text, bold=True, before=6)
    paragraph.paragraph_format.keep_with_next = True  # never alone at the foot of a page


def _lines(doc: Any, key: str) -> None:
    b.add_paragraph_loop(doc, f"line in body.{key}", "{{ line }}")


def _profile(doc: Any, form: str) -> None:
    for label, key in PROFILE_LINES[form]:
        b.add_text(doc, f"- {label}: {{{{ body.profile.{key} }}}}", align="left", before=3)


def _awards_received(doc: Any) -> None:
    """III. 1. titles, 2. forms: a table each, or "Chưa có." when there is none."""
    _heading(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    for key, label in (("titles", "1. Danh hiệu thi đua"), ("forms", "2. Hình thức khen thưởng")):
        _subheading(doc, label)
        b.add_condition(doc, f"tables.{key}.rows")
        b.add_table(doc, key)
        tag(doc, "else")
        b.add_text(doc, "Chưa có.")
        b.add_end(doc, "if")


def _signatures(doc: Any, left: tuple[str, str, str], right: tuple[str, str, str]) -> None:
    """Two signature blocks side by side, (title, how to sign, name) each; the names share a
    row so they line up whatever the length of the titles."""
    table = doc.add_table(rows=2, cols=2)
    for column, (title, hint, name) in enumerate((left, right)):
        top, bottom = table.rows[0].cells[column], table.rows[1].cells[column]
        _cell_line(top.paragraphs[0], title, bold=True)
        _cell_line(top.add_paragraph(), hint, italic=True, size=13)
        for paragraph in [bottom.paragraphs[0], *(bottom.add_paragraph() for _ in range(3))]:
            _cell_line(paragraph, "")  # room for the signature and the seal
        _cell_line(bottom.add_paragraph(), name, bold=True)


def _cell_line(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False,
               size: float = 14) -> None:  # fmt: skip
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold, run.font.italic = bold or None, italic or None


def build_individual(doc: Any) -> None:
    b.add_letterhead(doc)
    _hide_number(doc)
    b.add_heading(doc)
    _heading(doc, "I. SƠ LƯỢC LÝ LỊCH")
    _profile(doc, "03")
    _heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    _subheading(doc, "1. Quyền hạn, nhiệm vụ được giao")
    _lines(doc, "duties")
    _subheading(doc, "2. Thành tích đạt được")
    _lines(doc, "achievements")
    b.add_condition(doc, "tables.initiatives.rows")
    b.add_text(doc, "Sáng kiến, đề tài nghiên cứu khoa học đã được công nhận:")
    b.add_table(doc, "initiatives")
    b.add_end(doc, "if")
    _awards_received(doc)
    _signatures(
        doc,
        ("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)", "{{ body.confirmer.name }}"),
        ("NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", "{{ signer.name }}"),
    )


def build_collective(doc: Any) -> None:
    b.add_letterhead(doc)
    _hide_number(doc)
    b.add_heading(doc)
    _heading(doc, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
    _subheading(doc, "1. Đặc điểm")
    _profile(doc, "02")
    for label, key in (
        ("Quá trình thành lập và phát triển", "history"),
        ("Những đặc điểm chính", "features"),
        ("Tổ chức đảng, đoàn thể", "party_organisation"),
    ):
        b.add_text(doc, f"- {label}:", before=3)
        _lines(doc, key)
    # TT 01/2024/TT-BNV: a collective without a Party organisation must say so (law.md §e.1).
    b.add_condition(doc, "body.party_missing")
    b.add_text(doc, "(Tập thể không có tổ chức đảng ghi rõ: không có tổ chức đảng.)", italic=True)
    b.add_end(doc, "if")
    _subheading(doc, "2. Chức năng, nhiệm vụ")
    _lines(doc, "duties")
    _heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    _lines(doc, "achievements")
    _awards_received(doc)
    _signatures(
        doc,
        ("THỦ TRƯỞNG CẤP TRÌNH KHEN THƯỞNG XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)",
         "{{ body.confirmer.name }}"),
        ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", "{{ signer.name }}"),
    )  # fmt: skip


register(
    PaperDefinition(
        kind="report_individual",
        label=gettext_lazy("Achievement report of an individual (Form 03)"),
        source=Dossier,
        gather=gather_individual,
        can_print=can_print_individual,
        build_template=build_individual,
        sample=sample_individual,
    )
)
register(
    PaperDefinition(
        kind="report_collective",
        label=gettext_lazy("Achievement report of a collective (Form 02)"),
        source=Dossier,
        gather=gather_collective,
        can_print=can_print_collective,
        build_template=build_collective,
        sample=sample_collective,
    )
)
