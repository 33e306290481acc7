"""Statistical tables of the awards received in a unit's subtree (thống kê khen thưởng): counts
by award and level, by unit and by year, over a span of years.

Counted from the award history (AwardRecord, revoked awards left out) and scoped by the viewer:
a unit's own awards count when the viewer may see that unit, a person's when the viewer may read
that person. A person counts under the unit they belong to now (the history keeps no unit).
The same tables feed the paper (Word, PDF, Excel) and the statistics page with its chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import AwardRecord
from thidua.core.text import vi_sort_key
from thidua.documents import docx_builder as b
from thidua.documents.paper import Column, Paper, Signer, Table
from thidua.documents.registry import PaperDefinition, register
from thidua.org.models import Unit
from thidua.org.selectors import people_visible_to, units_visible_to

KIND = "award_statistics"
MAX_YEARS = 20  # a longer span makes tables nobody reads and a slow count
BREAKDOWNS = ("award", "level", "unit", "year")
# Highest first, as the catalogue's levels (eligibility packs) rank them.
LEVELS = ("state", "government", "ministry", "unit")
LEVEL_WORDS = {
    "state": gettext_lazy("State level"),
    "government": gettext_lazy("Government level"),
    "ministry": gettext_lazy("Ministry, sector or province level"),
    "unit": gettext_lazy("Agency or unit level"),
}


# ---- options ------------------------------------------------------------------------------------
class StatisticsForm(forms.Form):
    """What to count: a span of at most MAX_YEARS years and which tables to print."""

    year_from = forms.IntegerField(label=gettext_lazy("From year"), min_value=1945, max_value=2100)
    year_to = forms.IntegerField(label=gettext_lazy("To year"), min_value=1945, max_value=2100)
    breakdown = forms.ChoiceField(
        label=gettext_lazy("Tables"),
        choices=[
            ("all", gettext_lazy("All tables")),
            ("award", gettext_lazy("By award and level")),
            ("unit", gettext_lazy("By unit")),
            ("year", gettext_lazy("By year")),
        ],
        initial="all",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year_from"].initial = this_year - 4
        self.fields["year_to"].initial = this_year
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "form-select form-select-lg" if select else "form-control form-control-lg"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None:
            if last < first:
                self.add_error("year_to", _("The last year cannot be before the first year."))
            elif last - first + 1 > MAX_YEARS:
                self.add_error(
                    "year_to",
                    _("Choose at most %(count)s years.") % {"count": MAX_YEARS},
                )
        return data


def tables_chosen(breakdown: str) -> tuple[str, ...]:
    """The table keys a breakdown choice prints ("award" prints the award and the level tables)."""
    if breakdown == "award":
        return ("award", "level")
    if breakdown in BREAKDOWNS:
        return (breakdown,)
    return BREAKDOWNS


# ---- the records counted ------------------------------------------------------------------------
def award_records_for(
    *, user: Any, unit: Unit, year_from: int, year_to: int
) -> QuerySet[AwardRecord]:
    """Awards of the years received by `unit`'s subtree, as far as `user` may see them."""
    units = units_visible_to(user).filter(path__startswith=unit.path)
    people = people_visible_to(user).filter(unit__path__startswith=unit.path)
    return AwardRecord.objects.filter(
        Q(unit__in=units.values("pk")) | Q(person__in=people.values("pk")),
        revoked=False,
        year__gte=year_from,
        year__lte=year_to,
    )


SPLIT = {
    "individuals": Count("pk", filter=Q(person__isnull=False)),
    "collectives": Count("pk", filter=Q(unit__isnull=False)),
}


@dataclass
class Tally:
    individuals: int = 0
    collectives: int = 0

    def add(self, individuals: int, collectives: int) -> None:
        self.individuals += individuals
        self.collectives += collectives

    def cells(self) -> dict[str, int]:
        total = self.individuals + self.collectives
        return {"individuals": self.individuals, "collectives": self.collectives, "total": total}


def _columns(first: Column) -> list[Column]:
    return [
        first,
        Column("individuals", _("Individuals"), width_mm=28, align="right", number_format="#,##0"),
        Column("collectives", _("Collectives"), width_mm=28, align="right", number_format="#,##0"),
        Column("total", _("Total"), width_mm=24, align="right", number_format="#,##0"),
    ]


def _with_total(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    total = Tally()
    for row in rows:
        total.add(row["individuals"], row["collectives"])
    return [*rows, {key: _("Total"), **total.cells(), "_bold": True}]


def by_award(records: QuerySet[AwardRecord]) -> Table:
    counted = (
        records.values("award__code", "award__name", "award__level", "award__sort_order")
        .annotate(**SPLIT)
        .order_by("award__sort_order", "award__code")
    )
    rows = [
        {
            "award": row["award__name"],
            "level": str(LEVEL_WORDS.get(row["award__level"], row["award__level"])),
            **Tally(row["individuals"], row["collectives"]).cells(),
        }
        for row in counted
    ]
    columns = _columns(Column("award", _("Award")))
    columns.insert(1, Column("level", _("Level"), width_mm=36))
    return Table(columns, _with_total(rows, "award"), title=_("Awards by award and level"))


def by_level(records: QuerySet[AwardRecord]) -> Table:
    tallies: dict[str, Tally] = {}
    for row in records.values("award__level").annotate(**SPLIT).order_by("award__level"):
        tallies.setdefault(row["award__level"], Tally()).add(row["individuals"], row["collectives"])
    order = {level: n for n, level in enumerate(LEVELS)}
    rows = [
        {"level": str(LEVEL_WORDS.get(level, level)), **tallies[level].cells()}
        for level in sorted(tallies, key=lambda level: (order.get(level, len(LEVELS)), level))
    ]
    return Table(
        _columns(Column("level", _("Level"))),
        _with_total(rows, "level"),
        title=_("Awards by level"),
    )


def by_unit(records: QuerySet[AwardRecord], unit: Unit, *, user: Any) -> Table:
    """One row per sub-unit (its whole subtree) after a row for the unit itself (its own award
    and its staff outside any sub-unit)."""
    children = sorted(
        units_visible_to(user).filter(parent=unit),
        key=lambda child: (child.sort_order, vi_sort_key(child.name)),
    )
    tallies = {child.path: Tally() for child in children}
    own = Tally()
    counted = records.values("unit__path", "person__unit__path").annotate(**SPLIT).order_by()
    for row in counted:
        path = row["unit__path"] or row["person__unit__path"] or ""
        home = next((p for p in tallies if path.startswith(p)), None)
        (tallies[home] if home else own).add(row["individuals"], row["collectives"])
    rows = [{"unit": unit.name, **own.cells()}]
    rows += [{"unit": child.name, **tallies[child.path].cells()} for child in children]
    return Table(
        _columns(Column("unit", _("Unit"))), _with_total(rows, "unit"), title=_("Awards by unit")
    )


def by_year(records: QuerySet[AwardRecord], year_from: int, year_to: int) -> Table:
    counted = {row["year"]: row for row in records.values("year").annotate(**SPLIT).order_by()}
    rows = []
    for year in range(year_from, year_to + 1):
        row = counted.get(year, {"individuals": 0, "collectives": 0})
        # A year is a label, not an amount: a string keeps it from being printed as "2.023".
        rows.append({"year": str(year), **Tally(row["individuals"], row["collectives"]).cells()})
    return Table(
        _columns(Column("year", _("Year"), width_mm=30, align="center")),
        _with_total(rows, "year"),
        title=_("Awards by year"),
    )


def statistics_tables(
    *, user: Any, unit: Unit, year_from: int, year_to: int, breakdown: str = "all"
) -> dict[str, Table]:
    records = award_records_for(user=user, unit=unit, year_from=year_from, year_to=year_to)
    makers = {
        "award": lambda: by_award(records),
        "level": lambda: by_level(records),
        "unit": lambda: by_unit(records, unit, user=user),
        "year": lambda: by_year(records, year_from, year_to),
    }
    return {key: makers[key]() for key in tables_chosen(breakdown)}


def chart_data(tables: dict[str, Table]) -> dict[str, Any]:
    """The bars of the page's chart: individuals and collectives per row of the first table shown
    (years when the year table is there), the total row left out."""
    key = "year" if "year" in tables else next(iter(tables))
    table = tables[key]
    rows = table.rows[:-1]
    first = table.columns[0].key
    return {
        "title": table.title,
        "labels": [str(row[first]) for row in rows],
        "datasets": [
            {"label": _("Individuals"), "values": [row["individuals"] for row in rows]},
            {"label": _("Collectives"), "values": [row["collectives"] for row in rows]},
        ],
    }


# ---- the paper ----------------------------------------------------------------------------------
def options_of(options: dict[str, Any]) -> tuple[int, int, str]:
    this_year = timezone.localdate().year
    first = options.get("year_from") or this_year - 4
    last = options.get("year_to") or this_year
    return int(first), int(last), options.get("breakdown") or "all"


def gather(unit: Unit, user: Any, options: dict[str, Any]) -> Paper:
    year_from, year_to, breakdown = options_of(options)
    tables = statistics_tables(
        user=user, unit=unit, year_from=year_from, year_to=year_to, breakdown=breakdown
    )
    return statistics_paper(unit, tables, year_from=year_from, year_to=year_to)


def statistics_paper(unit: Any, tables: dict[str, Table], *, year_from: int, year_to: int) -> Paper:
    span = {"first": year_from, "last": year_to}
    if year_from == year_to:
        abstract = _("Statistics of awards in %(first)s") % span
    else:
        abstract = _("Statistics of awards from %(first)s to %(last)s") % span
    grand = next(iter(tables.values())).rows[-1]["total"] if tables else 0
    return Paper(
        kind=KIND,
        issuer=unit,
        type_name="BÁO CÁO",
        type_code="BC",
        abstract=abstract,
        date=timezone.localdate(),
        body={
            "unit_name": unit.name,
            "year_from": str(year_from),
            "year_to": str(year_to),
            "total": str(grand),
            "table_keys": list(tables),
            "note": _(
                "Awards that were revoked are not counted. A person is counted under the unit "
                "they belong to today."
            ),
        },
        tables=tables,
        signer=Signer(title=_("HEAD OF THE UNIT")),
        filename=f"{_('award-statistics')}-{unit.code}-{year_from}-{year_to}",
    )


def can_print(user: Any, unit: Unit) -> bool:
    return user.has_perm("org.view_unit", unit)


def add_table_loop(doc: Any, loop: str, *, numbered: bool = False) -> None:
    """One table per item of `loop` ("key in body.table_keys": keys of `tables`), each drawn by
    the builder's add_table: a Jinja `with` lends the table to it under the fixed key "current".
    (The papers of the cluster part use it too; it could join docx_builder.)"""
    doc.add_paragraph(f"{{%p for {loop} %}}")
    doc.add_paragraph("{%p with tables = dict(current=tables[key]) %}")
    b.add_table(doc, "current", numbered=numbered)
    doc.add_paragraph("{%p endwith %}")
    doc.add_paragraph("{%p endfor %}")


def build_template(doc: Any) -> None:
    b.add_letterhead(doc)
    b.add_heading(doc)
    b.add_text(doc, "Đơn vị: {{ body.unit_name }}. Số khen thưởng được thống kê: {{ body.total }}.")
    add_table_loop(doc, "key in body.table_keys")
    b.add_text(doc, "{{ body.note }}", italic=True, size=12)
    b.add_signature(doc, recipients=False)


def sample() -> Paper:
    """Plain values in the shape of a real paper, for checking an uploaded template."""
    unit = Unit(name="Ban Tổ chức Trung ương", code="BTCTW", issuer_code="BTCTW")
    tally = {"individuals": 6, "collectives": 3, "total": 9}
    tables = {
        "unit": Table(
            _columns(Column("unit", "Đơn vị")),
            [{"unit": "Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương", **tally}],
            title="Theo đơn vị",
        ),
        "year": Table(
            _columns(Column("year", "Năm")), [{"year": "2023", **tally}], title="Theo năm"
        ),
    }
    return statistics_paper(unit, tables, year_from=2023, year_to=2023)


register(
    PaperDefinition(
        kind=KIND,
        label=gettext_lazy("Award statistics"),
        source=Unit,
        gather=gather,
        can_print=can_print,
        build_template=build_template,
        options_form=StatisticsForm,
        sample=sample,
    )
)
