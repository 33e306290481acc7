"""What the public portal shows of the records: issued decisions, published rankings and the
exemplary units and people (reads only; the pages are in `views/records.py`).

Only what was made public exists here: a draft decision, a ranking that is computed but not yet
published, or a round replaced by a new one is not found, whatever the address guessed.

What the public sees is policy (law.md is silent), read from the settings with a default:

- ``THIDUA_PUBLIC_DECISION_AMOUNTS`` (default ``False``): the money of each decision line is
  shown. By default it is not: the award is public, the payment is the recipient's business.
- ``THIDUA_PUBLIC_PERSON_DETAILS`` (default ``False``): a person also shows with their position
  and year of birth. By default a person is their name and unit only; a full birth date, an
  identity number or contact details are never shown.
- ``THIDUA_PUBLIC_EXEMPLARY_AWARDS`` (default ``DEFAULT_EXEMPLARY_AWARDS``): the award codes that
  make a unit or a person "exemplary" on the portal: the high ones (emulation flags of the
  Government and of ministry level, certificates of merit of the Prime Minister, Emulation
  Fighters of ministry level and nationwide, Labour Orders), not the yearly grassroots titles.
- ``THIDUA_PUBLIC_EXEMPLARY_CATEGORY`` (default ``"guong-dien-hinh"``): the address of the
  category "Gương điển hình" whose articles are linked from an exemplary unit or person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.awards.models import AwardRecord
from thidua.core.formatting import document_number_text
from thidua.core.text import fold
from thidua.news.models import Article
from thidua.news.selectors import published
from thidua.nominations.models import Decision, DecisionLine
from thidua.org.models import Person, Unit
from thidua.scoring import policy
from thidua.scoring.models import Ranking
from thidua.scoring.selectors.rankings import RowView, ranking_chart, ranking_rows

DEFAULT_EXEMPLARY_AWARDS = (
    "CO_CP",  # Cờ thi đua của Chính phủ
    "CO_BO",  # Cờ thi đua của Bộ, ban, ngành, tỉnh
    "CO_BTCTW",  # Cờ thi đua của Ban Tổ chức Trung ương
    "BK_TTG",  # Bằng khen của Thủ tướng Chính phủ
    "CSTDTQ",  # Chiến sĩ thi đua toàn quốc
    "CSTD_BO",  # Chiến sĩ thi đua Bộ, ban, ngành, tỉnh
    "HCLD_1",  # Huân chương Lao động hạng Nhất
    "HCLD_2",  # … hạng Nhì
    "HCLD_3",  # … hạng Ba
)
DEFAULT_EXEMPLARY_CATEGORY = "guong-dien-hinh"
ISSUED = Decision.Status.ISSUED


# ---- policy ------------------------------------------------------------------------------------
def show_amounts() -> bool:
    return bool(getattr(settings, "THIDUA_PUBLIC_DECISION_AMOUNTS", False))


def show_person_details() -> bool:
    return bool(getattr(settings, "THIDUA_PUBLIC_PERSON_DETAILS", False))


def exemplary_awards() -> tuple[str, ...]:
    return tuple(getattr(settings, "THIDUA_PUBLIC_EXEMPLARY_AWARDS", DEFAULT_EXEMPLARY_AWARDS))


def exemplary_category() -> str:
    return getattr(settings, "THIDUA_PUBLIC_EXEMPLARY_CATEGORY", DEFAULT_EXEMPLARY_CATEGORY)


# ---- people as the public sees them ------------------------------------------------------------
def person_name_and_unit(person: Person) -> tuple[str, str]:
    return person.full_name, person.unit.name if person.unit_id else ""


def person_details(person: Person) -> list[tuple[str, str]]:
    """The extra lines shown under a person's name when the policy allows it; never more."""
    if not show_person_details():
        return []
    details = []
    if person.position:
        details.append((_("Position"), person.position))
    if person.birth_date:
        details.append((_("Year of birth"), str(person.birth_date.year)))
    return details


# ---- decisions ---------------------------------------------------------------------------------
def issued_decisions(*, year: int | None = None, issuer: str = "", query: str = "") -> QuerySet:
    """Issued decisions, newest first; `issuer` is the issuer's abbreviation; `query` matches
    every word, with or without diacritics, in the number, abstract, issuer or recipients."""
    found = Decision.objects.filter(status=ISSUED)
    if year:
        found = found.filter(signed_on__year=year)
    if issuer:
        found = found.filter(issuer_code=issuer)
    if query.strip():
        found = found.filter(pk__in=_matching(found, query))
    return found.order_by("-signed_on", "-year", "-number", "-pk")


def _matching(decisions: QuerySet, query: str) -> list[int]:
    """The decisions whose folded text holds every word (folded in Python: SQLite and PostgreSQL
    agree, and the public set of issued decisions stays in the thousands)."""
    texts: dict[int, list[str]] = {}
    head = ("pk", "style", "number", "type_code", "issuer_code", "abstract", "issuer_name")
    for pk, style, number, type_code, code, abstract, issuer_name in decisions.values_list(*head):
        number_text = document_number_text(
            style=style, number=number, type_code=type_code, issuer_code=code
        )
        texts[pk] = [number_text, abstract, issuer_name]
    lines = DecisionLine.objects.filter(decision__in=decisions).values_list(
        "decision_id", "label", "person__full_name", "unit__name"
    )
    for decision_id, *names in lines:
        texts[decision_id].extend(name or "" for name in names)
    words = fold(query).split()
    folded = {pk: fold(" ".join(parts)) for pk, parts in texts.items()}
    return [pk for pk, text in folded.items() if all(word in text for word in words)]


def decision_years() -> list[int]:
    years = Decision.objects.filter(status=ISSUED).values_list("signed_on__year", flat=True)
    return sorted(set(years), reverse=True)


def decision_issuers() -> list[tuple[str, str]]:
    """(abbreviation, name) of every authority with an issued decision, by name."""
    pairs = Decision.objects.filter(status=ISSUED).values_list("issuer_code", "issuer_name")
    return sorted(dict(pairs).items(), key=lambda pair: fold(pair[1]))


@dataclass(frozen=True)
class LineView:
    award: str
    recipient: str
    unit: str
    year: int
    amount: Decimal | None
    revoked: bool


@dataclass(frozen=True)
class DecisionView:
    decision: Decision
    lines: list[LineView]
    corrects: Decision | None
    corrections: list[Decision]
    amounts: bool


def _line_view(line: DecisionLine, *, amounts: bool, details: bool) -> LineView:
    if line.person_id and not details:
        recipient, unit = person_name_and_unit(line.person)
    elif line.person_id:
        recipient, unit = line.label, ""  # as printed in the decision, position included
    else:
        recipient, unit = line.label, line.unit.name
    return LineView(
        award=line.award.name, recipient=recipient, unit=unit, year=line.year,
        amount=line.amount if amounts else None, revoked=hasattr(line, "revocation"),
    )  # fmt: skip


def decision_public(pk: int) -> DecisionView | None:
    """An issued decision with its lines in the decision's order; None for anything else."""
    decision = Decision.objects.filter(pk=pk, status=ISSUED).select_related("corrects").first()
    if decision is None:
        return None
    lines = decision.lines.select_related("award", "person__unit", "unit", "revocation").order_by(
        "order", "pk"
    )
    amounts, details = show_amounts(), show_person_details()
    corrects = decision.corrects if decision.corrects and decision.corrects.is_issued else None
    return DecisionView(
        decision=decision,
        lines=[_line_view(line, amounts=amounts, details=details) for line in lines],
        corrects=corrects,
        corrections=list(decision.corrections.filter(status=ISSUED).order_by("signed_on", "pk")),
        amounts=amounts,
    )


# ---- rankings ----------------------------------------------------------------------------------
def published_rankings(*, year: int | None = None) -> QuerySet[Ranking]:
    """Rankings the cluster leader published and no new round replaced, newest first."""
    found = Ranking.objects.filter(status=Ranking.Status.PUBLISHED, published_at__isnull=False)
    if year:
        found = found.filter(table__year=year)
    return found.select_related("table__cluster").order_by("-published_at", "-pk")


@dataclass(frozen=True)
class RankingView:
    ranking: Ranking
    codes: list[str]
    rows: list[RowView]
    chart: dict[str, Any] | None


def ranking_public(pk: int) -> RankingView | None:
    ranking = published_rankings().filter(pk=pk).first()
    if ranking is None:
        return None
    codes = policy.regular_codes(ranking.table)
    rows = ranking_rows(ranking, codes)
    return RankingView(ranking, codes, rows, ranking_chart(rows) if rows else None)


# ---- exemplary units and people ----------------------------------------------------------------
@dataclass(frozen=True)
class Honour:
    award: str
    year: int
    decision_number: str
    issuer: str


@dataclass
class Exemplary:
    kind: str  # "unit" or "person"
    pk: int
    name: str
    unit: str
    honours: list[Honour] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)


def exemplary_records() -> QuerySet[AwardRecord]:
    """Live (not revoked) records of the awards the policy shows."""
    return AwardRecord.objects.filter(revoked=False, award__code__in=exemplary_awards())


def _honour(record: AwardRecord) -> Honour:
    return Honour(record.award.name, record.year, record.decision_number, record.issuer)


def exemplary_list(*, year: int | None = None) -> tuple[list[Exemplary], list[Exemplary]]:
    """(units, people) with at least one shown award (in `year` if given), each with all their
    shown awards, newest year first; the units and people with the newest award come first."""
    records = exemplary_records()
    if year:
        chosen = records.filter(year=year)
        records = records.filter(
            Q(unit__in=chosen.values("unit")) | Q(person__in=chosen.values("person"))
        )
    records = records.select_related("award", "unit", "person__unit")
    subjects: dict[tuple[str, int], Exemplary] = {}
    for record in records.order_by("-year", "award__sort_order", "pk"):
        key = ("unit", record.unit_id) if record.unit_id else ("person", record.person_id)
        if key not in subjects:
            subjects[key] = _subject(record.unit, record.person, with_details=False)
        subjects[key].honours.append(_honour(record))
    units = [s for s in subjects.values() if s.kind == "unit"]
    people = [s for s in subjects.values() if s.kind == "person"]
    return units, people


def _subject(unit: Unit | None, person: Person | None, *, with_details: bool) -> Exemplary:
    if unit is not None:
        return Exemplary("unit", unit.pk, unit.name, "")
    assert person is not None
    name, unit_name = person_name_and_unit(person)
    details = person_details(person) if with_details else []
    return Exemplary("person", person.pk, name, unit_name, details=details)


def exemplary_unit(pk: int) -> Exemplary | None:
    """A unit with its shown awards; None when it has none."""
    records = list(exemplary_records().filter(unit_id=pk).select_related("award", "unit"))
    if not records:
        return None
    subject = _subject(records[0].unit, None, with_details=False)
    subject.honours = [_honour(r) for r in sorted(records, key=_newest_first)]
    return subject


def exemplary_person(pk: int) -> Exemplary | None:
    """A person with their shown awards (name and unit, details as the policy allows)."""
    records = list(exemplary_records().filter(person_id=pk).select_related("award", "person__unit"))
    if not records:
        return None
    subject = _subject(None, records[0].person, with_details=True)
    subject.honours = [_honour(r) for r in sorted(records, key=_newest_first)]
    return subject


def _newest_first(record: AwardRecord) -> tuple[int, int, int]:
    return (-record.year, record.award.sort_order, record.pk)


def exemplary_articles(subject: Exemplary, limit: int = 10) -> list[Article]:
    """Published articles of the "Gương điển hình" category about the subject: those naming the
    unit (Article.units), or for a person those whose text names them."""
    articles = published().filter(categories__slug=exemplary_category())
    if subject.kind == "unit":
        articles = articles.filter(units__pk=subject.pk)
    else:
        articles = articles.filter(search_text__contains=fold(subject.name))
    return list(articles.distinct().order_by("-publish_at", "-id")[:limit])
