"""The people of a unit and its sub-units, matched by staff code.

New people are created with their main post in the unit the row names (within the subtree);
changed people go through the same services as the person page: `person_update`, and
`person_transfer` (dated today) when the row names another unit.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.errors import DomainError
from thidua.documents.exchange.datasets import (
    CHOICE,
    DATE,
    Column,
    Dataset,
    Key,
    Scope,
    ServerRow,
    Write,
    canonical,
    register,
)
from thidua.documents.exchange.merge import NEW, RowMerge
from thidua.org import bulk, services
from thidua.org.access import unit_for
from thidua.org.models import Person, Unit

# The unit-level form of "org.change_person", as for the award history import.
PERM = "org.add_person_to_unit"
PERSON_FIELDS = ("full_name", "gender", "birth_date", "employment_start")


class PeopleDataset(Dataset):
    name = "people"
    label = gettext_lazy("People")
    help_text = gettext_lazy(
        "The people of the unit and its sub-units, one row each, matched by their staff code. "
        "People without a staff code are left out: give them one on their page first."
    )
    columns = (
        Column("staff_code", gettext_lazy("Staff code"), required=True, in_key=True, width=14,
               max_length=32),
        Column("full_name", gettext_lazy("Full name"), required=True, width=30, max_length=150),
        Column("gender", gettext_lazy("Gender"), CHOICE, required=True, width=10,
               shows_label=True),
        Column("birth_date", gettext_lazy("Date of birth"), DATE, width=14),
        Column("employment_start", gettext_lazy("Employment start"), DATE, width=16),
        Column("unit_code", gettext_lazy("Unit code"), CHOICE, required=True, width=14),
        Column("position", gettext_lazy("Position (read only)"), read_only=True, width=30),
    )  # fmt: skip

    def scope_for(self, user: Any, *, unit_id: Any, period_id: Any = None) -> Scope:
        return Scope(unit=unit_for(user, unit_id, perm=PERM))

    def may_use(self, user: Any, scope: Scope) -> bool:
        return user is not None and user.has_perm(PERM, scope.unit)

    def missing_key_message(self) -> str:
        return _(
            "Fill in the staff code: it is how a row is matched with a person. A row without "
            "one cannot be imported."
        )

    def result_url(self, scope: Scope) -> str:
        return reverse("org:unit_detail", args=[scope.unit.pk])

    # ---- reading ---------------------------------------------------------------------------

    def _units(self, scope: Scope) -> list[Unit]:
        return list(Unit.objects.filter(path__startswith=scope.unit.path).order_by("path"))

    def choices(self, scope: Scope) -> dict[str, list[tuple[str, str]]]:
        return {
            "gender": [(value, str(label)) for value, label in Person.Gender.choices],
            "unit_code": [(unit.code, unit.name) for unit in self._units(scope)],
        }

    def server_rows(self, scope: Scope) -> Iterator[ServerRow]:
        people = (
            Person.objects.filter(unit__path__startswith=scope.unit.path)
            .exclude(staff_code="")
            .select_related("unit")
            .order_by("sort_name", "pk")
        )
        for person in people.iterator(chunk_size=2000):
            raw = {name: getattr(person, name) for name in (*PERSON_FIELDS, "position")}
            raw |= {"staff_code": person.staff_code, "unit_code": person.unit.code}
            values = {c.key: canonical(c, raw[c.key]) for c in self.columns}
            key = (values["staff_code"].upper(),)
            yield ServerRow(key=key, ref=person.pk, values=values, label=person.full_name)

    def check(
        self,
        rows: list[RowMerge],
        server: dict[Key, ServerRow],
        scope: Scope,
        accepted: set[str] | None = None,
    ) -> None:
        """A new staff code must not be someone's outside the unit; nobody goes into a unit
        that has closed."""
        new_rows = [row for row in rows if row.outcome == NEW]
        taken = self._codes_outside(scope) if new_rows else set()
        closed = {u.code for u in self._units(scope) if u.active_to is not None}
        for row in new_rows:
            if row.key[0] in taken:
                message = _("Staff code %(code)s belongs to a person of another unit.")
                row.fail("staff_code", message % {"code": row.values["staff_code"]})
        for row in rows:
            unit_code = row.writes(accepted).get("unit_code")
            if unit_code in closed:
                message = _("%(code)s is no longer active; choose another unit.")
                row.fail("unit_code", message % {"code": unit_code})

    def _codes_outside(self, scope: Scope) -> set[str]:
        codes = (
            Person.objects.exclude(unit__path__startswith=scope.unit.path)
            .exclude(staff_code="")
            .values_list("staff_code", flat=True)
        )
        return {code.upper() for code in codes.iterator(chunk_size=5000)}

    # ---- writing ---------------------------------------------------------------------------

    def apply(
        self, writes: list[Write], *, scope: Scope, by: Any, progress: Callable[[int], None]
    ) -> None:
        units = {unit.code: unit for unit in self._units(scope)}
        reason = _("imported from an offline workbook")
        new = [w for w in writes if w.ref is None]
        try:
            bulk.people_bulk_create(
                people=[_new_person(w.values, units) for w in new], by=by, reason=reason
            )
        except bulk.BulkRowError as exc:
            raise _refusal(new[exc.index], exc) from exc
        progress(len(new))
        changed = [w for w in writes if w.ref is not None]
        people = Person.objects.in_bulk([w.ref for w in changed])
        for done, write in enumerate(changed, start=len(new) + 1):
            try:
                _update(people[write.ref], write.values, units, by=by, reason=reason)
            except DomainError as exc:
                raise _refusal(write, exc) from exc
            progress(done)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _new_person(values: dict[str, Any], units: dict[str, Unit]) -> bulk.NewPerson:
    return bulk.NewPerson(
        unit=units[values["unit_code"]],
        staff_code=values["staff_code"],
        full_name=values["full_name"],
        gender=values["gender"],
        birth_date=_date(values.get("birth_date")),
        employment_start=_date(values.get("employment_start")),
    )


def _update(
    person: Person, values: dict[str, Any], units: dict[str, Unit], *, by: Any, reason: str
) -> None:
    fields = {name: values[name] for name in PERSON_FIELDS if name in values}
    for name in ("birth_date", "employment_start"):
        if name in fields:
            fields[name] = _date(fields[name])
    if fields:
        services.person_update(person=person, by=by, reason=reason, **fields)
    if "unit_code" in values:
        services.person_transfer(
            person=person, to_unit=units[values["unit_code"]], on=timezone.localdate(), by=by,
            position=person.position,
        )  # fmt: skip


def _refusal(write: Write, exc: Exception) -> DomainError:
    messages = getattr(exc, "messages", None) or [str(exc)]
    return DomainError(
        _("Row %(row)s was refused: %(reason)s") % {"row": write.line, "reason": " ".join(messages)}
    )


register(PeopleDataset())
