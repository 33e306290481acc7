"""The minutes (biên bản) of a cluster's year-end meeting and of an emulation council's meeting,
with their secret-ballot results (law.md §e.1 items 4 and 5, §c.4).

Everything is read through the ballots app's own minutes selector (`minutes_of`), so the paper
states exactly what the printable minutes page states and never reads a ballot. Results are
printed only once the session is closed; before that the paper is a draft without any figure.
A cluster's minutes add the year's published ranking when the cluster scored its members.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from thidua.ballots.models import BallotSession, Voter
from thidua.ballots.selectors.minutes import minutes_of
from thidua.documents import docx_builder as b
from thidua.documents.paper import Column, Paper, Signer, Table
from thidua.documents.papers.annual_summary import ranking_table, vi_number
from thidua.documents.registry import PaperDefinition, register
from thidua.org.models import CouncilSeat, Unit

CLUSTER_KIND, COUNCIL_KIND = "cluster_minutes", "council_minutes"


# ---- who was there ------------------------------------------------------------------------------
def seat_roles(session: BallotSession) -> dict[int, str]:
    """person id → their role in the council on the meeting day (council sessions only)."""
    if not session.council_id:
        return {}
    seats = CouncilSeat.objects.filter(council_id=session.council_id)
    if session.meeting_date:
        day = session.meeting_date
        seats = seats.filter(start_date__lte=day).exclude(end_date__lt=day)
    return {seat.person_id: seat.get_role_display() for seat in seats.order_by("start_date", "pk")}


def roll_table(session: BallotSession, voters: list[Voter]) -> Table:
    roles = seat_roles(session)
    columns = [Column("name", _("Name on the roll"))]
    if session.council_id:
        columns.append(Column("role", _("Role in the council"), width_mm=40))
    columns.append(Column("attendance", _("Attendance"), width_mm=50))
    rows = [
        {
            "name": voter.label,
            "role": roles.get(voter.person_id, ""),
            "attendance": voter.get_attendance_display(),
        }
        for voter in voters
    ]
    return Table(columns, rows, title=_("Voter roll"))


# ---- the count ----------------------------------------------------------------------------------
def votes_table(item: dict[str, Any]) -> Table:
    chosen = {c["label"] for c in item["elected"] + item["chair_chosen"]}
    rows = [
        {
            "candidate": row.get("label", ""),
            "votes": row.get("votes", 0),
            "percent": f"{vi_number(Decimal(row['percent']), 2)} %",
            "reached": _("Yes") if row.get("reached") else _("No"),
            "chosen": _("Yes") if row.get("label") in chosen else _("No"),
        }
        for row in item["votes"]
    ]
    columns = [
        Column("candidate", _("Candidate")),
        Column("votes", _("Votes"), width_mm=20, align="right", number_format="0"),
        Column("percent", _("Percent of the base"), width_mm=28, align="right"),
        Column("reached", _("Reached the threshold"), width_mm=28, align="center"),
        Column("chosen", _("Chosen"), width_mm=20, align="center"),
    ]
    return Table(columns, rows)


def round_notes(item: dict[str, Any]) -> list[str]:
    """Ties, re-votes and the chair's decision, in whole sentences."""
    notes = []
    if item["revote_among"]:
        notes.append(
            _("Tied: a re-vote among %(names)s.") % {"names": ", ".join(item["revote_among"])}
        )
    if item["chair_among"]:
        notes.append(
            _("Tied: the chair decides among %(names)s.")
            % {"names": ", ".join(item["chair_among"])}
        )
    for chosen in item["chair_chosen"]:
        notes.append(_("Chosen by decision of the chair: %(name)s.") % {"name": chosen["label"]})
    if item["chair_reason"]:
        notes.append(_("Reason given by the chair: %(reason)s") % {"reason": item["chair_reason"]})
    return notes


def round_lines(item: dict[str, Any], key: str) -> dict[str, Any]:
    return {
        "number": str(item["number"]),
        "reason": item["reason"],
        "issued": str(item["issued"]),
        "cast": str(item["cast"]),
        "valid": str(item["valid"]),
        "invalid": str(item["invalid"]),
        "threshold": item["threshold_words"],
        "base_words": item["base_words"],
        "base": str(item["base"]),
        "needed": "" if item["needed"] is None else str(item["needed"]),
        "notes": round_notes(item),
        "receipts": ", ".join(item["receipts"]),
        "table": key,
    }


def results_of(questions: list[dict[str, Any]], tables: dict[str, Table]) -> list[dict[str, Any]]:
    """Each question with its closed rounds (their tables go into `tables`) and its outcome."""
    results = []
    for q_number, entry in enumerate(questions, start=1):
        rounds = []
        for item in entry["rounds"]:
            if item["is_open"]:
                continue
            key = f"votes_{q_number}_{item['number']}"
            tables[key] = votes_table(item)
            rounds.append(round_lines(item, key))
        if entry["pending"]:
            outcome = _("not decided yet.")
        else:
            outcome = "; ".join(c["label"] for c in entry["elected"]) or _("nobody was chosen.")
        results.append(
            {
                "number": str(q_number),
                "title": entry["question"].title,
                "seats": str(entry["question"].seats),
                "rounds": rounds,
                "outcome": outcome,
            }
        )
    return results


# ---- the paper ----------------------------------------------------------------------------------
def letterhead_lines(session: BallotSession) -> dict[str, str]:
    """The body that met as the issuer, under the body it belongs to — as the printable minutes
    page heads them: "BAN TỔ CHỨC TRUNG ƯƠNG / CỤM THI ĐUA SỐ 6" or "… / HỘI ĐỒNG THI ĐUA"."""
    if session.cluster_id:
        cluster = session.cluster
        return {"superior": cluster.organiser.name.upper(), "issuer": cluster.name.upper()}
    council = session.council
    return {"superior": council.unit.name.upper(), "issuer": council.name.upper()}


def gather(session: BallotSession, user: Any, options: dict[str, Any]) -> Paper:
    data = minutes_of(session)
    session, closed, roll = data["session"], data["is_closed"], data["roll"]
    tables = {"roll": roll_table(session, roll["voters"])}
    ranking = ranking_table(session.cluster, session.year) if session.cluster_id else None
    if ranking is not None:
        tables["ranking"] = ranking
    questions = data["questions"]
    body = {
        "letterhead": letterhead_lines(session),
        "draft": not closed,
        "owner": data["owner"].name,
        "title": session.title,
        "year": str(session.year),
        "meeting_date": session.meeting_date.strftime("%d/%m/%Y") if session.meeting_date else "",
        "place": session.meeting_place,
        "chair": session.chair_name,
        "secretary": session.secretary_name,
        "tellers": "; ".join(data["tellers"]),
        "total": str(roll["total"]),
        "present": str(roll["present"]),
        "written": str(roll["written"]),
        "absent": str(roll["absent"]),
        "agenda": [
            {"number": str(n), "title": e["question"].title, "seats": str(e["question"].seats)}
            for n, e in enumerate(questions, start=1)
        ],
        "rules": [{"label": label, "words": words} for label, words in data["rules"]],
        "has_ranking": ranking is not None,
        # Secret ballot (law.md §c.4): no figure before the session closes, not even per round.
        "results": results_of(questions, tables) if closed else [],
    }
    return Paper(
        kind=COUNCIL_KIND if session.council_id else CLUSTER_KIND,
        issuer=data["issuer"],
        type_name="BIÊN BẢN",
        type_code="BB",
        abstract=session.title,
        date=session.meeting_date,
        place=session.meeting_place,
        body=body,
        tables=tables,
        signer=Signer(title=_("CHAIR"), name=session.chair_name),
        filename=f"{_('minutes')}-{session.year}-{session.pk}",
    )


def may_print(user: Any, session: BallotSession) -> bool:
    """The printable minutes page's rule (ballots/views/minutes.py): who sees the session and
    either its results or, as its runner, the draft."""
    return user.has_perm("ballots.view_session", session) and (
        user.has_perm("ballots.view_results", session)
        or user.has_perm("ballots.run_session", session)
    )


def can_print_cluster(user: Any, session: BallotSession) -> bool:
    return session.cluster_id is not None and may_print(user, session)


def can_print_council(user: Any, session: BallotSession) -> bool:
    return session.council_id is not None and may_print(user, session)


# ---- the Word template --------------------------------------------------------------------------
def build_template(doc: Any) -> None:
    b.add_letterhead(doc)
    b.add_condition(doc, "body.draft")
    b.add_text(doc, "DỰ THẢO – CHƯA KẾT THÚC BỎ PHIẾU", bold=True, align="center",
               first_line_indent_mm=0)  # fmt: skip
    b.add_end(doc)
    b.add_heading(doc)
    b.add_text(
        doc,
        "Hôm nay, {% if body.meeting_date %}ngày {{ body.meeting_date }}{% else %}ngày … tháng … "
        "năm …{% endif %}{% if body.place %}, tại {{ body.place }}{% endif %}, {{ body.owner }} "
        "họp bình xét thi đua và bỏ phiếu kín về kết quả năm {{ body.year }}.",
    )
    heading(doc, "I. THÀNH PHẦN")
    b.add_text(doc, "Chủ tọa: {{ body.chair }}. Thư ký: {{ body.secretary }}.")
    b.add_condition(doc, "body.tellers")
    b.add_text(doc, "Ban kiểm phiếu: {{ body.tellers }}.")
    b.add_end(doc)
    b.add_text(
        doc,
        "Số thành viên: {{ body.total }}; có mặt: {{ body.present }}; vắng mặt có phiếu gửi: "
        "{{ body.written }}; vắng mặt: {{ body.absent }}.",
    )
    b.add_table(doc, "roll")
    heading(doc, "II. NỘI DUNG")
    b.add_paragraph_loop(
        doc, "q in body.agenda", "{{ q.number }}. {{ q.title }} (số lượng cần chọn: {{ q.seats }})."
    )
    b.add_condition(doc, "body.rules")
    b.add_text(doc, "Nguyên tắc bỏ phiếu:")
    b.add_paragraph_loop(doc, "rule in body.rules", "- {{ rule.label }}: {{ rule.words }}")
    b.add_end(doc)
    b.add_condition(doc, "body.has_ranking")
    b.add_text(doc, "Kết quả chấm điểm, xếp hạng thi đua năm {{ body.year }}:")
    b.add_table(doc, "ranking", numbered=False)
    b.add_end(doc)
    heading(doc, "III. KẾT QUẢ BỎ PHIẾU")
    b.add_condition(doc, "body.draft")
    b.add_text(doc, "Kết quả bỏ phiếu được ghi khi kết thúc phiên bỏ phiếu.", italic=True)
    b.add_end(doc)
    add_results(doc)
    b.add_text(doc, "Biên bản được thông qua tại cuộc họp.", before=12)
    b.add_text(doc, "", first_line_indent_mm=0)
    add_two_signatures(doc)


def heading(doc: Any, text: str) -> None:
    b.add_text(doc, text, bold=True, first_line_indent_mm=0, before=12)


def add_results(doc: Any) -> None:
    """Per question, per closed round: the count, its table and the notes; then the outcome."""
    doc.add_paragraph("{%p for q in body.results %}")
    b.add_text(doc, "{{ q.number }}. {{ q.title }} (số lượng cần chọn: {{ q.seats }})", bold=True)
    doc.add_paragraph("{%p for r in q.rounds %}")
    b.add_text(
        doc,
        "Vòng {{ r.number }} ({{ r.reason }}): số phiếu phát ra {{ r.issued }}, thu vào "
        "{{ r.cast }}, hợp lệ {{ r.valid }}, không hợp lệ {{ r.invalid }}.",
    )
    b.add_text(
        doc,
        "Ngưỡng trúng cử: {{ r.threshold }}, tính trên {{ r.base_words }} ({{ r.base }})"
        "{% if r.needed %}, cần ít nhất {{ r.needed }} phiếu{% endif %}.",
    )
    doc.add_paragraph("{%p with tables = dict(current=tables[r.table]) %}")
    b.add_table(doc, "current")
    doc.add_paragraph("{%p endwith %}")
    b.add_paragraph_loop(doc, "note in r.notes", "{{ note }}")
    b.add_text(doc, "Mã phiếu đã kiểm: {{ r.receipts }}.", size=12)
    doc.add_paragraph("{%p endfor %}")
    b.add_text(doc, "Kết quả: {{ q.outcome }}", bold=True)
    doc.add_paragraph("{%p endfor %}")


def add_two_signatures(doc: Any) -> None:
    """The secretary on the left, the chair on the right, as minutes are signed."""
    table = doc.add_table(rows=1, cols=2)
    for cell, (title, name) in zip(
        table.rows[0].cells,
        (("THƯ KÝ", "{{ body.secretary }}"), ("CHỦ TỌA", "{{ body.chair }}")),
        strict=True,
    ):
        for n, (text, bold) in enumerate(((title, True), ("", False), ("", False), ("", False),
                                          (name, True))):  # fmt: skip
            paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.font.size, run.font.bold = Pt(14), bold or None


def sample() -> Paper:
    unit = Unit(name="Ban Tổ chức Trung ương", code="BTCTW", document_style="party")
    votes = Table(
        [Column("candidate", "Ứng viên"), Column("votes", "Số phiếu")],
        [{"candidate": "Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương", "votes": 5}],
    )
    round_ = {
        "number": "1", "reason": "Vòng đầu", "issued": "5", "cast": "5", "valid": "5",
        "invalid": "0", "threshold": "hơn một nửa", "base_words": "số phiếu hợp lệ", "base": "5",
        "needed": "3", "notes": [], "receipts": "AAAA-1111", "table": "votes_1_1",
    }  # fmt: skip
    return Paper(
        kind=CLUSTER_KIND,
        issuer=unit,
        type_name="BIÊN BẢN",
        type_code="BB",
        abstract="Hội nghị tổng kết năm 2023 – Cụm thi đua số 6",
        body={
            "draft": False,
            "owner": "Cụm thi đua số 6",
            "title": "Hội nghị tổng kết năm 2023",
            "year": "2023",
            "meeting_date": "15/01/2024",
            "place": "Hà Nội",
            "chair": "Chu Đình Động",
            "secretary": "Trần Thị Ký",
            "tellers": "Lê Văn Kiểm",
            "total": "5",
            "present": "5",
            "written": "0",
            "absent": "0",
            "agenda": [{"number": "1", "title": "Đơn vị dẫn đầu", "seats": "1"}],
            "rules": [{"label": "Ngưỡng", "words": "hơn một nửa"}],
            "has_ranking": False,
            "results": [
                {
                    "number": "1",
                    "title": "Đơn vị dẫn đầu",
                    "seats": "1",
                    "rounds": [round_],
                    "outcome": "Ban Tổ chức Đảng ủy Khối Doanh nghiệp",
                }
            ],
        },
        tables={
            "roll": Table([Column("name", "Tên"), Column("attendance", "Có mặt")], []),
            "votes_1_1": votes,
        },
        signer=Signer(title="CHỦ TỌA", name="Chu Đình Động"),
    )


def council_sample() -> Paper:
    paper = sample()
    paper.kind = COUNCIL_KIND
    paper.body["owner"] = "Hội đồng Thi đua – Khen thưởng"
    return paper


for kind, label, allowed, example in (
    (CLUSTER_KIND, gettext_lazy("Minutes of the cluster meeting"), can_print_cluster, sample),
    (
        COUNCIL_KIND,
        gettext_lazy("Minutes of the council meeting"),
        can_print_council,
        council_sample,
    ),
):
    register(
        PaperDefinition(
            kind=kind,
            label=label,
            source=BallotSession,
            gather=gather,
            can_print=allowed,
            build_template=build_template,
            sample=example,
        )
    )
