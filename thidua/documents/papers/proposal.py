"""The proposal (tờ trình, ND 98/2023 Appendix I Form 01; law.md §e.1 #1) of a nominations Batch.

The paper is the proposing unit's: its letterhead and document style (Party or State, law.md
§e.5), the number it typed when submitting, the legal bases in force on the submission date, the
meetings that chose the nominees (cluster ballot, council vote), the request per award, and the
annex "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" grouped by award. The fixed Vietnamese wording lives in the
Word template (``docx/proposal.docx``) so a unit can change it; this module gathers values only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy

from thidua.ballots.models import BallotSession, Question
from thidua.ballots.selectors.sessions import question_outcome, session_questions
from thidua.documents import docx_builder as b
from thidua.documents.layout import letterhead
from thidua.documents.paper import Column, Paper, Signer, Table
from thidua.documents.registry import PaperDefinition, register
from thidua.eligibility.packs import NoPackError, select_pack
from thidua.nominations.models import Batch, Dossier
from thidua.nominations.selectors.batches import dossiers_for

# "Căn cứ …" lines for the instruments a rule pack names (its `legal_basis`); the pack chosen by
# the submission date decides which decree is cited: ND 98/2023 for proposals submitted before
# 1-7-2025, ND 152/2025 from then (law.md §0; law-updates-2025.md §1, transition by submission
# date). Titles and dates are [C] in law.md §0 and law-updates-2025.md §2.2; an installation may
# reword them with the DOCUMENTS_LEGAL_BASES setting ({pack legal_basis item: citation}).
LEGAL_BASES = {
    "Luật 06/2022/QH15": "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",
    "Nghị định 98/2023/NĐ-CP": (
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
        "thi hành một số điều của Luật Thi đua, khen thưởng"
    ),
    "Nghị định 152/2025/NĐ-CP": (
        "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân "
        "cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi "
        "hành một số điều của Luật Thi đua, khen thưởng"
    ),
}
LAW = "Luật 06/2022/QH15"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV")
_LEADING_NUMBER = re.compile(r"^\s*(?:Số\s*:?\s*)?(\d+)", re.IGNORECASE)


# ---- small readers ------------------------------------------------------------------------------
def day_text(day: dt.date | None) -> str:
    """dd/mm/yyyy, the way the body of an official paper writes a date; "" for none."""
    return day.strftime("%d/%m/%Y") if day else ""


def number_of(document_number: str) -> str | None:
    """The number of the proposal from what the unit typed: "25" from "Số 25-TTr/BTCĐUKDN".

    The symbol is rebuilt from the issuer's letterhead (layout.number_text), so the printed number
    always follows the issuer's style; text without a leading number is kept as typed."""
    text = (document_number or "").strip()
    if not text:
        return None
    found = _LEADING_NUMBER.match(text)
    return found.group(1) if found else text


def legal_bases(*, year: int, on: dt.date) -> list[str]:
    """The law and the decree in force on `on` (the submission date), as "Căn cứ …" citations."""
    texts = LEGAL_BASES | getattr(settings, "DOCUMENTS_LEGAL_BASES", {})
    try:
        items: Iterable[str] = select_pack(year, on).legal_basis
    except NoPackError:  # a year no pack covers: the law alone
        items = [LAW]
    return [texts[item] for item in items if item in texts]


def award_phrase(names: list[str]) -> str:
    """ "A", "A và B", "A, B và C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} và {names[-1]}"


def plain_award_name(dossier: Dossier) -> str:
    """The award as the abstract names it: without the "(tập thể)" the catalogue adds to tell
    the collective form from the individual one."""
    return re.sub(r"\s*\(tập thể\)\s*$", "", dossier.award.name)


def abstract_for(dossiers: list[Dossier], year: int) -> str:
    names = list(dict.fromkeys(plain_award_name(d) for d in dossiers))
    if not names:
        return f"Về việc đề nghị khen thưởng năm {year}"
    return f"Về việc đề nghị tặng {award_phrase(names)} năm {year}"


def addressee_of(batch: Batch) -> str:
    """ "Kính gửi: …": the awarding body's emulation council when it has one, else the body."""
    awarding = batch.awarding_unit
    council = awarding.councils.order_by("pk").first()
    if council is None:
        return awarding.name
    if awarding.name.casefold() in council.name.casefold():
        return council.name
    return f"{council.name} {awarding.name}"


def signer_of(unit: Any) -> Signer:
    """The default signer on the unit's letterhead (the head of the proposing unit), or blank."""
    head = letterhead(unit) if unit is not None else {}
    return Signer(
        authority=head.get("signer_authority", ""),
        title=head.get("signer_title", ""),
        name=head.get("signer_name", ""),
    )


# ---- the meetings that chose the nominees -------------------------------------------------------
def _elected_rows(question: Question) -> list[dict[str, Any]]:
    """Who the question elected, with the votes of the round that elected them."""
    outcome = question_outcome(question)
    if outcome["state"] != "settled":
        return []
    labels = {c.pk: c.label for c in question.candidates.all()}
    rows = []
    for rnd in outcome["rounds"]:
        result = rnd.result or {}
        votes = {row["candidate"]: row for row in result.get("votes", [])}
        chosen = list(result.get("elected", []))
        if rnd == outcome["rounds"][-1] and outcome["chair_decision"] is not None:
            chosen += outcome["chair_decision"].detail.get("elected", [])
        for pk in chosen:
            row = votes.get(int(pk), {})
            rows.append({
                "question": question.title, "label": labels.get(int(pk), row.get("label", "")),
                "votes": row.get("votes", ""), "base": result.get("base", ""),
                "percent": str(row.get("percent", "")).replace(".", ","),
                "by_chair": outcome["decided_by"].get(str(pk)) == "chair",
            })  # fmt: skip
    return rows


def meeting_of(session: BallotSession | None, kind: str) -> dict[str, Any] | None:
    """A closed cluster ballot or council vote as the proposal tells it, or None."""
    if session is None or session.status != BallotSession.Status.CLOSED:
        return None
    owner = session.cluster.name if session.cluster_id else session.council.name
    results = [row for q in session_questions(session) for row in _elected_rows(q)]
    return {
        "kind": kind, "name": owner, "title": session.title,
        "date": day_text(session.meeting_date), "place": session.meeting_place,
        "results": results,
    }  # fmt: skip


def meetings_of(batch: Batch) -> list[dict[str, Any]]:
    found = [
        meeting_of(batch.ballot_session, "cluster"),
        meeting_of(batch.council_session, "council"),
    ]
    return [m for m in found if m is not None]


# ---- the annex ----------------------------------------------------------------------------------
COLUMNS = [
    Column("no", "STT", width_mm=14, align="center"),
    Column("name", "Họ và tên (tên tập thể)", width_mm=36),
    Column("position", "Chức vụ, đơn vị công tác", width_mm=36),
    Column("award", "Hình thức khen thưởng", width_mm=26),
    Column("summary", "Tóm tắt thành tích"),
    Column("note", "Ghi chú", width_mm=15),
]


def position_of(dossier: Dossier) -> str:
    """A person's position and unit (with the unit that proposes them when it is another one);
    a collective's superior unit."""
    if dossier.person_id:
        person = dossier.person
        units = [u.name for u in (person.unit, dossier.owner_unit) if u is not None]
        return ", ".join(p for p in [person.position, *dict.fromkeys(units)] if p)
    unit = dossier.unit
    return unit.parent.name if unit.parent_id else ""


def annex_rows(dossiers: list[Dossier]) -> list[dict[str, Any]]:
    """Rows grouped by award: a bold heading row per award ("I", its name), then its nominees."""
    rows: list[dict[str, Any]] = []
    group, number = None, 0
    for dossier in dossiers:
        if dossier.award_id != group:
            group, number = dossier.award_id, 0
            roman = ROMAN[sum(1 for r in rows if r.get("_bold")) % len(ROMAN)]
            rows.append({"_bold": True, "no": roman, "name": dossier.award.name.upper()})
        number += 1
        rows.append({
            "no": number, "name": str(dossier.subject),
            "position": position_of(dossier), "award": dossier.award.name,
            "summary": str((dossier.report or {}).get("summary") or "").strip(), "note": "",
        })  # fmt: skip
    return rows


def requests_of(dossiers: list[Dossier]) -> list[dict[str, Any]]:
    """Per award, how many individuals and collectives are proposed."""
    out: dict[int, dict[str, Any]] = {}
    for d in dossiers:
        item = out.setdefault(d.award_id, {"award": d.award.name, "people": 0, "collectives": 0})
        item["people" if d.person_id else "collectives"] += 1
    return list(out.values())


# ---- the definition -----------------------------------------------------------------------------
def gather(batch: Batch, user: Any, options: dict) -> Paper:
    """The proposal with the nominees the viewer may see (all of them for its authors)."""
    batch = Batch.objects.select_related(
        "proposer__letterhead", "awarding_unit", "ballot_session__cluster",
        "ballot_session__council", "council_session__cluster", "council_session__council",
    ).get(pk=batch.pk)  # fmt: skip
    dossiers = [d for d in dossiers_for(user, batch) if d.status == Dossier.Status.INCLUDED]
    requests = requests_of(dossiers)
    body = {
        "proposer": batch.proposer.name, "awarding": batch.awarding_unit.name,
        "addressee": addressee_of(batch), "year": batch.year,
        "bases": legal_bases(year=batch.year, on=batch.submitted_on or timezone.localdate()),
        "meetings": meetings_of(batch), "requests": requests,
        "people": sum(r["people"] for r in requests),
        "collectives": sum(r["collectives"] for r in requests),
        "date": day_text(batch.submitted_on),
    }  # fmt: skip
    return Paper(
        kind="proposal", issuer=batch.proposer, type_name="TỜ TRÌNH", type_code="TTr",
        abstract=abstract_for(dossiers, batch.year), number=number_of(batch.document_number),
        date=batch.submitted_on, body=body,
        tables={"nominees": Table(columns=COLUMNS, rows=annex_rows(dossiers))},
        signer=signer_of(batch.proposer), recipients=["Như trên", "Lưu: VT"],
        filename=f"to-trinh-{batch.year}-{batch.pk}",
    )  # fmt: skip


def can_print(user: Any, batch: Batch) -> bool:
    return user.has_perm("nominations.view_batch", batch)


def sample() -> Paper:
    """A proposal in plain values: checks an uploaded template without the database."""
    rows = [
        {"_bold": True, "no": "I", "name": "BẰNG KHEN CỦA BAN TỔ CHỨC TRUNG ƯƠNG"},
        {"no": 1, "name": "Nguyễn Văn An", "award": "Bằng khen",
         "position": "Trưởng phòng, Phòng Tổ chức cán bộ", "summary": "Hoàn thành xuất sắc",
         "note": ""},
    ]  # fmt: skip
    body = {
        "proposer": "Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương",
        "awarding": "Ban Tổ chức Trung ương", "addressee": "Hội đồng Thi đua - Khen thưởng",
        "year": 2023, "bases": [LEGAL_BASES[LAW], LEGAL_BASES["Nghị định 98/2023/NĐ-CP"]],
        "meetings": [{"kind": "cluster", "name": "Cụm thi đua số 6", "title": "Bình xét",
                      "date": "20/12/2023", "place": "Hà Nội",
                      "results": [{"question": "Bằng khen", "label": "Nguyễn Văn An", "votes": 9,
                                   "base": 10, "percent": "90", "by_chair": False}]}],
        "requests": [{"award": "Bằng khen của Ban Tổ chức Trung ương", "people": 1,
                      "collectives": 0}],
        "people": 1, "collectives": 0, "date": "26/12/2023",
    }  # fmt: skip
    return Paper(
        kind="proposal", issuer=None, type_name="TỜ TRÌNH", type_code="TTr",
        abstract="Về việc đề nghị tặng Bằng khen của Ban Tổ chức Trung ương năm 2023",
        number="25", date=dt.date(2023, 12, 26), place="Hà Nội", body=body,
        tables={"nominees": Table(columns=COLUMNS, rows=rows)},
        signer=Signer("", "TRƯỞNG BAN", "Nguyễn Văn Bình"), recipients=["Như trên", "Lưu: VT"],
        filename="to-trinh-mau", style="party",
    )  # fmt: skip


def build_template(doc: Any) -> None:
    """Form 01: letterhead, TỜ TRÌNH, addressee, bases, process, request, signature; the annex."""
    b.add_letterhead(doc)
    b.add_heading(doc)
    b.add_text(doc, "Kính gửi: {{ body.addressee }}", align="center", first_line_indent_mm=0)
    b.add_paragraph_loop(doc, "basis in body.bases", "Căn cứ {{ basis }};")
    b.add_text(doc, "Căn cứ Quy chế công tác thi đua, khen thưởng của {{ body.awarding }};")
    _process(doc)
    _request(doc)
    b.add_signature(doc)
    _annex(doc)


def tag(doc: Any, statement: str) -> None:
    """A paragraph docxtpl replaces by a Jinja statement (nested loops need their own)."""
    b.add_text(doc, f"{{%p {statement} %}}", first_line_indent_mm=0, before=0)


def _process(doc: Any) -> None:
    """How the nominees were chosen: each closed meeting with its ballot results."""
    b.add_condition(doc, "body.meetings")
    tag(doc, "for m in body.meetings")
    b.add_text(
        doc,
        "{% if m.date %}Ngày {{ m.date }}, {% endif %}{{ m.name }} đã tổ chức họp"
        "{% if m.place %} tại {{ m.place }}{% endif %}, bình xét và bỏ phiếu kín đề nghị "
        "khen thưởng năm {{ body.year }}. Kết quả:",
    )
    b.add_paragraph_loop(
        doc,
        "r in m.results",
        "- {{ r.question }}: {{ r.label }}{% if r.by_chair %} (do chủ trì hội nghị quyết định)"
        "{% else %} đạt {{ r.votes }}/{{ r.base }} phiếu ({{ r.percent }}%){% endif %};",
    )
    tag(doc, "endfor")
    tag(doc, "else")
    b.add_text(
        doc,
        "Căn cứ thành tích đạt được năm {{ body.year }}, {{ body.proposer }} đã xét chọn các "
        "tập thể, cá nhân có thành tích xuất sắc, đủ điều kiện, tiêu chuẩn đề nghị khen thưởng.",
    )
    b.add_end(doc, "if")


def _request(doc: Any) -> None:
    b.add_text(
        doc,
        "{{ body.proposer }} kính đề nghị {{ body.awarding }} xem xét, tặng thưởng cho "
        "{% if body.people %}{{ body.people }} cá nhân{% endif %}"
        "{% if body.people and body.collectives %} và {% endif %}"
        "{% if body.collectives %}{{ body.collectives }} tập thể{% endif %}, cụ thể:",
    )
    b.add_paragraph_loop(
        doc,
        "r in body.requests",
        "- {{ r.award }}: {% if r.people %}{{ r.people }} cá nhân{% endif %}"
        "{% if r.people and r.collectives %} và {% endif %}"
        "{% if r.collectives %}{{ r.collectives }} tập thể{% endif %};",
    )
    b.add_text(doc, "(Có danh sách kèm theo)", italic=True)
    b.add_text(doc, "{{ body.proposer }} kính trình {{ body.awarding }} xem xét, quyết định./.")


def _annex(doc: Any) -> None:
    """The list on a new page, grouped by award (a heading row per award)."""
    b.add_page_break(doc)
    b.add_text(doc, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True, align="center",
               first_line_indent_mm=0)  # fmt: skip
    b.add_text(
        doc,
        "(Kèm theo Tờ trình {{ head.number_text|replace('Số: ', 'số ')|replace('Số ', 'số ') }}"
        "{% if body.date %} ngày {{ body.date }}{% endif %}"
        " của {{ body.proposer }})",
        italic=True, align="center", first_line_indent_mm=0,
    )  # fmt: skip
    b.add_table(doc, "nominees", numbered=False)


register(
    PaperDefinition(
        kind="proposal",
        label=gettext_lazy("Proposal for commendation (Form 01)"),
        source=Batch,
        gather=gather,
        can_print=can_print,
        build_template=build_template,
        sample=sample,
    )
)
