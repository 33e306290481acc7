"""The demo's synthetic people, transfers and leave, decided before anything touches the database.

Every draw comes from a `random.Random` seeded with a fixed string per unit, so the same data.py
always gives the same people with the same staff codes: the loader can skip whoever exists, and
adding a unit does not reshuffle the others.
"""

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from thidua.org.demo import data
from thidua.org.demo.data import UnitSpec
from thidua.org.demo.names import full_name
from thidua.org.models import LeavePeriod, Person

SEED = "thidua-demo"
FIRST_YEAR, LAST_YEAR = 2021, 2024  # years the synthetic events fall in
LATEST_START = dt.date(2024, 9, 1)  # nobody in the fixed demo starts work later

HEAD, DEPUTY, DEPARTMENT_HEAD, DEPARTMENT_DEPUTY, STAFF = range(5)
# Birth years by seniority: leaders are older; the whole range is 1965–2000.
BIRTH_YEARS = {
    HEAD: (1965, 1972),
    DEPUTY: (1966, 1977),
    DEPARTMENT_HEAD: (1968, 1983),
    DEPARTMENT_DEPUTY: (1970, 1987),
    STAFF: (1972, 2000),
}


@dataclass(frozen=True)
class PersonPlan:
    staff_code: str
    full_name: str
    gender: str
    birth_date: dt.date
    employment_start: dt.date
    unit_code: str  # the unit or department they work in
    position: str
    joined_on: dt.date  # start of their post there
    seniority: int


@dataclass(frozen=True)
class TransferPlan:
    staff_code: str
    to_unit: str
    on: dt.date
    position: str


@dataclass(frozen=True)
class LeavePlan:
    staff_code: str
    kind: str
    start_date: dt.date
    end_date: dt.date
    note: str = ""


@dataclass(frozen=True)
class DemoPlan:
    people: tuple[PersonPlan, ...]
    transfers: tuple[TransferPlan, ...]
    leaves: tuple[LeavePlan, ...]


def plan_demo() -> DemoPlan:
    outgoing = _outgoing_transfers()
    codes = (f"DEMO-{n:04d}" for n in range(1, 10_000))
    by_unit: dict[str, list[PersonPlan]] = {}
    for spec in data.UNITS:
        if spec.staff is None:
            continue
        rng = random.Random(f"{SEED}/{spec.code}")
        low, high = spec.staff
        size = rng.randint(min(low + outgoing.get(spec.code, 0), high), high)
        by_unit[spec.code] = plan_unit_staff(spec, size, rng, codes)
    transfers = _plan_transfers(by_unit)
    moved = {t.staff_code for t in transfers}
    transfers += _plan_department_moves(by_unit, moved)
    return DemoPlan(
        people=tuple(p for people in by_unit.values() for p in people),
        transfers=tuple(sorted(transfers, key=lambda t: (t.on, t.staff_code))),
        leaves=tuple(leave for people in by_unit.values() for leave in _plan_leaves(people)),
    )


def _outgoing_transfers() -> dict[str, int]:
    """Units that lose people get more, so they still hold at least their minimum afterwards."""
    counts: dict[str, int] = {}
    for transfer in data.TRANSFERS:
        counts[transfer.from_unit] = counts.get(transfer.from_unit, 0) + transfer.count
    return counts


def department_titles(name: str) -> tuple[str, str]:
    for prefix, titles in data.DEPARTMENT_TITLES.items():
        if name.startswith(prefix):
            return titles
    return data.DEPARTMENT_TITLES["Phòng"]


def plan_unit_staff(
    spec: UnitSpec, size: int, rng: random.Random, codes: Iterator[str]
) -> list[PersonPlan]:
    """`size` people for the unit: its head and deputies, each department's heads, then staff."""
    return [
        _person(spec, unit_code, position, seniority, rng, next(codes))
        for unit_code, position, seniority in _posts(spec, size, rng)
    ]


def _posts(spec: UnitSpec, size: int, rng: random.Random) -> list[tuple[str, str, int]]:
    posts = [(spec.code, spec.head_title, HEAD)]
    posts += [(spec.code, spec.deputy_title, DEPUTY)] * (2 if size >= 45 else 1)
    departments = [spec.department_code(suffix) for suffix, _ in spec.departments]
    for (_, name), code in zip(spec.departments, departments, strict=True):
        head, deputy = department_titles(name)
        posts += [(code, head, DEPARTMENT_HEAD), (code, deputy, DEPARTMENT_DEPUTY)]
    weights = range(1, len(spec.staff_titles) + 1)  # junior titles are more common
    while len(posts) < size:
        title = rng.choices(spec.staff_titles, weights=weights)[0]
        posts.append((rng.choice(departments) if departments else spec.code, title, STAFF))
    return posts[:size]


def _person(
    spec: UnitSpec, unit_code: str, position: str, seniority: int, rng: random.Random, code: str
) -> PersonPlan:
    gender = Person.Gender.FEMALE if rng.random() < spec.female_share else Person.Gender.MALE
    first, last = BIRTH_YEARS[seniority]
    birth = dt.date(rng.randint(first, last), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    employment = min(dt.date(birth.year + rng.randint(22, 26), rng.randint(1, 12), 1), LATEST_START)
    joined = spec.active_from or min(
        employment.replace(year=employment.year + rng.randint(0, 12)), LATEST_START
    )
    return PersonPlan(
        staff_code=code,
        full_name=full_name(rng, gender),
        gender=gender,
        birth_date=birth,
        employment_start=employment,
        unit_code=unit_code,
        position=position,
        joined_on=joined,
        seniority=seniority,
    )


def _plan_transfers(by_unit: dict[str, list[PersonPlan]]) -> list[TransferPlan]:
    """The moves listed in data.TRANSFERS, each taking staff (not leaders) who were there."""
    plans: list[TransferPlan] = []
    taken: set[str] = set()
    for spec in data.TRANSFERS:
        rng = random.Random(f"{SEED}/transfer/{spec.from_unit}/{spec.to_unit}")
        candidates = [
            p
            for p in by_unit[spec.from_unit]
            if p.seniority == STAFF and p.joined_on < spec.on and p.staff_code not in taken
        ]
        for person in rng.sample(candidates, spec.count):
            taken.add(person.staff_code)
            plans.append(TransferPlan(person.staff_code, spec.to_unit, spec.on, person.position))
    return plans


def _plan_department_moves(
    by_unit: dict[str, list[PersonPlan]], moved: set[str]
) -> list[TransferPlan]:
    """About half the units move one staff member to another of their departments."""
    plans = []
    for unit_code, people in by_unit.items():
        spec = data.UNITS_BY_CODE[unit_code]
        rng = random.Random(f"{SEED}/moves/{unit_code}")
        if len(spec.departments) < 2 or spec.active_from or rng.random() < 0.5:
            continue
        on = dt.date(rng.randint(FIRST_YEAR + 1, LAST_YEAR), rng.choice((1, 4, 7, 10)), 1)
        candidates = [
            p
            for p in people
            if p.seniority == STAFF and p.joined_on < on and p.staff_code not in moved
        ]
        if not candidates:
            continue
        person = rng.choice(candidates)
        others = [spec.department_code(s) for s, _ in spec.departments]
        others.remove(person.unit_code)
        plans.append(TransferPlan(person.staff_code, rng.choice(others), on, person.position))
    return plans


def _plan_leaves(people: list[PersonPlan]) -> list[LeavePlan]:
    """One maternity leave per unit (when a young enough woman is there) and some sick leave."""
    if not people:
        return []
    rng = random.Random(f"{SEED}/leave/{people[0].unit_code}")
    leaves = [_maternity_leave(people, rng), _sick_leave(people, rng)]
    return [leave for leave in leaves if leave is not None]


def _maternity_leave(people: list[PersonPlan], rng: random.Random) -> LeavePlan | None:
    mothers = [
        p
        for p in people
        if p.gender == Person.Gender.FEMALE
        and p.birth_date.year >= 1984
        and p.joined_on.year < LAST_YEAR
    ]
    if not mothers:
        return None
    mother = rng.choice(mothers)
    year = rng.randint(max(FIRST_YEAR, mother.joined_on.year + 1), LAST_YEAR)
    start = dt.date(year, rng.randint(1, 6), 1)
    end = start.replace(month=start.month + 6) - dt.timedelta(days=1)  # six months
    return LeavePlan(mother.staff_code, LeavePeriod.Kind.MATERNITY, start, end)


def _sick_leave(people: list[PersonPlan], rng: random.Random) -> LeavePlan | None:
    patients = [p for p in people if p.joined_on.year < LAST_YEAR]
    if not patients or rng.random() < 0.5:
        return None
    patient = rng.choice(patients)
    year = rng.randint(max(FIRST_YEAR, patient.joined_on.year + 1), LAST_YEAR)
    start = dt.date(year, rng.randint(1, 8), rng.randint(1, 20))
    # Now and then a long treatment: 3 to 6 months away limits the yearly rating (ND 90/2020).
    days = rng.choice((14, 21, 30, 100))
    note = "Điều trị dài ngày" if days > 90 else ""
    end = start + dt.timedelta(days=days - 1)
    return LeavePlan(patient.staff_code, LeavePeriod.Kind.SICK, start, end, note)
