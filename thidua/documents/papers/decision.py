"""The award decision (quyết định khen thưởng) with its annex list, from a nominations.Decision.

Party layout (Hướng dẫn 36-HD/VPTW) or State layout (ND 30/2020/NĐ-CP) by the decision's own
style; a draft prints with a blank number to be written in when it is registered (law.md §e.5).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from thidua.documents import docx_builder as b
from thidua.documents.paper import Column, Paper, Signer, Table
from thidua.documents.registry import PaperDefinition, register
from thidua.nominations.models import Decision, DecisionLine
from thidua.nominations.selectors.decisions import decision_lines, decision_visible

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
RECIPIENTS = ["Như Điều 3", "Lưu VT"]


def gather(decision: Decision, user: Any, options: dict) -> Paper:
    return decision_paper(decision, decision_lines(decision))


def decision_paper(decision: Decision, lines: list[DecisionLine]) -> Paper:
    """The paper of a decision and its lines (already fetched with award, person, unit)."""
    rows, total = annex_rows(lines)
    body = {
        "letterhead": _letterhead(decision),
        "authority": decision.issuer_name.upper(),
        "bases": [],  # not stored on a decision: the template's own "Căn cứ …" lines print
        "articles": _articles(decision, lines, total),
        "annex_title": _annex_title(lines),
        "annex_ref": _annex_ref(decision),
        "total": total,
    }
    return Paper(
        kind="decision",
        issuer=decision.issuer,
        type_name="QUYẾT ĐỊNH",
        type_code=decision.type_code,
        abstract=decision.abstract,
        number=decision.number,
        date=decision.signed_on,
        place=decision.place,
        body=body,
        tables={"annex": Table(columns=annex_columns(), rows=rows)},
        signer=Signer(title=decision.signer_title, name=decision.signer_name),
        recipients=list(RECIPIENTS),
        filename=_filename(decision),
        style=decision.style,
    )


def annex_columns() -> list[Column]:
    return [
        Column("number", "STT", width_mm=14, align="center"),
        Column("name", "Họ và tên / Tên tập thể", width_mm=46),
        Column("where", "Chức vụ, đơn vị"),
        Column("award", "Hình thức khen thưởng", width_mm=34),
        Column("amount", "Số tiền (đồng)", width_mm=27, align="right", number_format="#,##0"),
    ]


def annex_rows(lines: list[DecisionLine]) -> tuple[list[dict], Decimal]:
    """The annex grouped by award: a bold heading row per award, then its recipients."""
    groups: dict[int, list[DecisionLine]] = {}
    for line in lines:
        groups.setdefault(line.award_id, []).append(line)
    rows: list[dict] = []
    total = Decimal(0)
    for index, group in enumerate(groups.values()):
        heading = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        rows.append({"number": heading, "name": group[0].award.name, "_bold": True})
        for position, line in enumerate(group, start=1):
            rows.append(_line_row(position, line))
            total += line.amount or 0
    rows.append({"name": "Tổng cộng", "amount": total, "_bold": True})
    return rows, total


def _line_row(position: int, line: DecisionLine) -> dict:
    name = line.label
    if line.person_id:
        person = line.person
        where = ", ".join(part for part in (person.position, str(person.unit or "")) if part)
        if name.startswith(f"{person.full_name},"):  # "Tên, chức vụ, đơn vị" as typed
            name, where = person.full_name, name[len(person.full_name) + 1 :].strip()
    else:
        parent = line.unit.parent if line.unit_id else None
        where = parent.name if parent is not None else ""
    return {
        "number": position,
        "name": name,
        "where": where,
        "award": line.award.name,
        "amount": line.amount,
    }


def _letterhead(decision: Decision) -> dict:
    """The decision's own issuer name and code win over the unit's (it may be outside thidua)."""
    values = {"issuer": decision.issuer_name.upper(), "issuer_code": decision.issuer_code}
    if decision.issuer is None:
        values["superior"] = ""  # e.g. "THỦ TƯỚNG CHÍNH PHỦ" has no superior line
    return values


def _articles(decision: Decision, lines: list[DecisionLine], total: Decimal) -> list[dict]:
    """Điều 1 the awards, Điều 2 the money (when there is any), then entry into force."""
    texts = [(_article_one(lines), _award_points(lines))]
    if total:
        texts.append((
            "Tiền thưởng kèm theo thực hiện theo quy định của Luật Thi đua, khen thưởng và "
            f"Nghị định số 98/2023/NĐ-CP; tổng số tiền thưởng: {_money(total)} đồng.",
            [],
        ))  # fmt: skip
    effect = "Quyết định này có hiệu lực kể từ ngày ký."
    if decision.corrects_id:
        ref = decision.corrects.number_text or decision.corrects.abstract
        effect += f" Quyết định này thay thế Quyết định {_number_only(ref)}."
    effect += (
        " Các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 "
        "chịu trách nhiệm thi hành Quyết định này."
    )
    texts.append((effect, []))
    return [
        {"head": f"Điều {index}.", "text": text, "points": points}
        for index, (text, points) in enumerate(texts, start=1)
    ]


def _article_one(lines: list[DecisionLine]) -> str:
    if len(lines) == 1:
        line = lines[0]
        return f"Tặng {line.award.name} cho {line.label}."
    awards = {line.award_id: line.award.name for line in lines}
    if len(awards) == 1:
        award = next(iter(awards.values()))
        return f"Tặng {award} cho {_count_text(lines)} (có danh sách kèm theo)."
    return "Tặng thưởng cho các tập thể và cá nhân (có danh sách kèm theo):"


def _award_points(lines: list[DecisionLine]) -> list[str]:
    by_award: dict[int, list[DecisionLine]] = {}
    for line in lines:
        by_award.setdefault(line.award_id, []).append(line)
    if len(by_award) < 2:
        return []
    return [f"{group[0].award.name}: {_count_text(group)};" for group in by_award.values()]


def _count_text(lines: list[DecisionLine]) -> str:
    collectives = sum(1 for line in lines if line.unit_id)
    people = len(lines) - collectives
    parts = [f"{collectives} tập thể" if collectives else "", f"{people} cá nhân" if people else ""]
    return " và ".join(part for part in parts if part)


def _annex_title(lines: list[DecisionLine]) -> str:
    collectives = any(line.unit_id for line in lines)
    people = any(line.person_id for line in lines)
    if collectives and people:
        return "Tập thể và cá nhân được khen thưởng"
    return "Tập thể được khen thưởng" if collectives else "Cá nhân được khen thưởng"


def _annex_ref(decision: Decision) -> str:
    """ "(Kèm theo Quyết định số 125-QĐ/BTCTW, ngày 15/01/2024 của Ban Tổ chức Trung ương)"."""
    from thidua.documents.layout import number_text

    number = number_text(
        style=decision.style, number=decision.number, type_code=decision.type_code,
        issuer_code=decision.issuer_code,
    )  # fmt: skip
    day = decision.signed_on.strftime("%d/%m/%Y") if decision.signed_on else "…/…/……"
    return f"(Kèm theo Quyết định số {_number_only(number)}, ngày {day} của {decision.issuer_name})"


def _number_only(text: str) -> str:
    return text.removeprefix("Số:").removeprefix("Số").strip()


def _money(value: Decimal) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _filename(decision: Decision) -> str:
    if decision.number is None:
        return "Dự thảo quyết định"
    return f"Quyết định {_number_only(decision.number_text).replace('/', '-')}"


def can_print(user: Any, decision: Decision) -> bool:
    """Who may read it may print it: an issued decision is a public paper of the sector
    ("nominations.view_decision"); a draft exists only for those who may issue it."""
    return decision_visible(user, decision)


def build_template(doc: Any) -> None:
    b.add_letterhead(doc)
    b.add_heading(doc)
    b.add_centered(doc, "{{ body.authority }}", bold=True, before=6, after=6)
    b.add_condition(doc, "body.bases")
    b.add_paragraph_loop(doc, "basis in body.bases", "{{ basis }}", italic=True)
    b.add_end(doc, "if")
    # Shown when the decision stores no bases: edit these lines in Word for your unit.
    b.add_condition(doc, "not body.bases")
    for basis in DEFAULT_BASES:
        b.add_text(doc, basis, italic=True)
    b.add_end(doc, "if")
    b.add_centered(doc, "QUYẾT ĐỊNH:", bold=True, before=12, after=6)
    b.add_loop(doc, "article in body.articles")
    paragraph = b.add_text(doc, "{{ article.head }} ", bold=True)
    b.add_run(paragraph, "{{ article.text }}")
    b.add_paragraph_loop(doc, "point in article.points", "- {{ point }}")
    b.add_end(doc, "for")
    b.add_signature(doc)
    b.add_page_break(doc)
    b.add_centered(doc, "DANH SÁCH", bold=True, size=14)
    b.add_centered(doc, "{{ body.annex_title }}", bold=True)
    b.add_centered(doc, "{{ body.annex_ref }}", italic=True, after=12)
    b.add_table(doc, "annex", numbered=False)


DEFAULT_BASES = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ chức năng, nhiệm vụ, quyền hạn của cơ quan;",
    "Xét đề nghị của Hội đồng Thi đua - Khen thưởng,",
]


def sample() -> Paper:
    """A two-line decision in plain values, to try an uploaded template on."""
    rows = [
        {"number": "I", "name": "BẰNG KHEN", "_bold": True},
        {"number": 1, "name": "Nguyễn Văn An", "where": "Chuyên viên, Phòng Tổ chức cán bộ",
         "award": "Bằng khen", "amount": Decimal(1_800_000)},
        {"name": "Tổng cộng", "amount": Decimal(1_800_000), "_bold": True},
    ]  # fmt: skip
    body = {
        "letterhead": {"issuer": "BAN TỔ CHỨC TRUNG ƯƠNG", "issuer_code": "BTCTW",
                       "superior": "BAN CHẤP HÀNH TRUNG ƯƠNG", "party": True, "state": False},
        "authority": "BAN TỔ CHỨC TRUNG ƯƠNG",
        "bases": [],
        "articles": [{"head": "Điều 1.", "text": "Tặng Bằng khen cho 1 cá nhân.", "points": []}],
        "annex_title": "Cá nhân được khen thưởng",
        "annex_ref": "(Kèm theo Quyết định số 12-QĐ/BTCTW, ngày 15/01/2024)",
        "total": Decimal(1_800_000),
    }  # fmt: skip
    return Paper(
        kind="decision", issuer=None, type_name="QUYẾT ĐỊNH", type_code="QĐ",
        abstract="Về việc tặng Bằng khen", number=12, date=dt.date(2024, 1, 15), body=body,
        tables={"annex": Table(columns=annex_columns(), rows=rows)},
        signer=Signer(title="Trưởng ban", name="Nguyễn Văn A"), recipients=list(RECIPIENTS),
        style="party",
    )  # fmt: skip


register(
    PaperDefinition(
        kind="decision",
        label=_("Award decision"),
        source=Decision,
        gather=gather,
        can_print=can_print,
        build_template=build_template,
        sample=sample,
    )
)
