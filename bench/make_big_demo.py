"""Grow the demo to N people for benchmarks: synthetic provincial boards with departments, in bulk.

    DJANGO_SETTINGS_MODULE=config.settings DJANGO_DEBUG=1 .venv/bin/python bench/make_big_demo.py \
        --people 50000

Loads the fixed demo first (a no-op when it is there), then adds boards under one "bench" root
until the database holds N people; running it again with a larger N adds the difference. Works on
SQLite and on PostgreSQL (DATABASE_URL).

The bulk rows have NO audit history: bulk_create skips save() and with it django-simple-history.
That is deliberate: the bench measures reads over a large roster, and 100,000 history rows written
one by one would take most of an hour. The bench root itself is created through the services.
"""

import argparse
import itertools
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from thidua.core.text import fold  # noqa: E402
from thidua.org import services  # noqa: E402
from thidua.org.demo import data  # noqa: E402
from thidua.org.demo.loader import load_demo  # noqa: E402
from thidua.org.demo.plan import PersonPlan, plan_unit_staff  # noqa: E402
from thidua.org.models import Membership, Person, Unit  # noqa: E402

BATCH = 2000  # rows per INSERT; Django lowers it further where SQLite needs it
BOARDS_PER_ROUND = 40  # about 1,800 people written per round
BENCH_ROOT = "BENCH"
# Province names only give the synthetic boards familiar names; nothing else is claimed.
PROVINCES = (
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000, help="people in all (default 50000)")
    args = parser.parse_args()
    started = time.perf_counter()
    load_demo()
    loaded = time.perf_counter()
    with transaction.atomic():
        added, boards = grow_to(args.people)
    finished = time.perf_counter()
    print(
        f"Added {added} people in {boards} synthetic boards on {connection.vendor} in "
        f"{finished - loaded:.1f} s (demo check or load {loaded - started:.1f} s); "
        f"{Person.objects.count()} people in all."
    )


def grow_to(total: int) -> tuple[int, int]:
    """Add boards with people until there are `total` people; returns (people, boards) added."""
    missing = total - Person.objects.count()
    if missing <= 0:
        return 0, 0
    root = bench_root()
    first_board = Unit.objects.filter(parent=root).count() + 1
    first_person = Person.objects.filter(staff_code__startswith="BENCH-").count() + 1
    codes = (f"BENCH-{n:07d}" for n in itertools.count(first_person))
    rng = random.Random(f"thidua-bench/{first_board}")
    added = boards = 0
    for number in itertools.count(first_board, BOARDS_PER_ROUND):
        if added >= missing:
            break
        specs, sizes = plan_boards(number, missing - added, rng)
        added += write_round(root, specs, sizes, rng, codes)
        boards += len(specs)
    return added, boards


def bench_root() -> Unit:
    root = Unit.objects.filter(code=BENCH_ROOT).first()
    return root or services.unit_create(
        by=None, code=BENCH_ROOT, name="Đơn vị thử tải (dữ liệu tổng hợp)", kind=Unit.Kind.OTHER
    )


def plan_boards(
    first: int, missing: int, rng: random.Random
) -> tuple[list[data.UnitSpec], list[int]]:
    specs, sizes = [], []
    for number in range(first, first + BOARDS_PER_ROUND):
        if missing <= 0:
            break
        province = PROVINCES[number % len(PROVINCES)]
        specs.append(
            data.UnitSpec(
                code=f"{BENCH_ROOT}-{number:05d}",
                name=f"Ban Tổ chức Tỉnh ủy {province} – bản thử tải {number}",
                issuer_code="BTCTU",
                departments=data.PROVINCIAL_BOARD_DEPARTMENTS,
            )
        )
        sizes.append(min(rng.randint(30, 60), missing))
        missing -= sizes[-1]
    return specs, sizes


def write_round(
    root: Unit,
    specs: list[data.UnitSpec],
    sizes: list[int],
    rng: random.Random,
    codes: Iterator[str],
) -> int:
    boards = bulk_units([(root, spec.code, spec.name, Unit.Kind.AGENCY, 0) for spec in specs])
    departments = bulk_units(
        [
            (board, spec.department_code(suffix), name, Unit.Kind.DEPARTMENT, order)
            for spec, board in zip(specs, boards, strict=True)
            for order, (suffix, name) in enumerate(spec.departments, start=1)
        ]
    )
    units = {unit.code: unit for unit in [*boards, *departments]}
    plans = [
        plan
        for spec, size in zip(specs, sizes, strict=True)
        for plan in plan_unit_staff(spec, size, rng, codes)
    ]
    bulk_people(plans, units)
    return len(plans)


def bulk_units(rows: list[tuple[Unit, str, str, str, int]]) -> list[Unit]:
    """Insert (parent, code, name, kind, order) rows, then set each path ("/1/5/12/") by id."""
    units = [
        Unit(
            parent=parent,
            code=code,
            name=name,
            kind=kind,
            sort_order=order,
            document_style=Unit.DocumentStyle.PARTY,
            search_text=fold(f"{name} {code}"),  # what Unit.save() would have set
        )
        for parent, code, name, kind, order in rows
    ]
    Unit.objects.bulk_create(units, batch_size=BATCH)
    for unit in units:
        unit.path = f"{unit.parent.path}{unit.pk}/"
        unit.depth = unit.path.count("/") - 2  # as services._set_path does
    Unit.objects.bulk_update(units, ["path", "depth"], batch_size=BATCH)
    return units


def bulk_people(plans: list[PersonPlan], units: dict[str, Unit]) -> None:
    people = []
    for plan in plans:
        person = Person(
            full_name=plan.full_name,
            gender=plan.gender,
            birth_date=plan.birth_date,
            employment_start=plan.employment_start,
            staff_code=plan.staff_code,
            unit=units[plan.unit_code],
            position=plan.position,
        )
        person.refresh_derived_names()  # bulk_create skips save(), which sets these
        people.append(person)
    Person.objects.bulk_create(people, batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(
                person=person, unit=person.unit, position=plan.position, start_date=plan.joined_on
            )
            for person, plan in zip(people, plans, strict=True)
        ],
        batch_size=BATCH,
    )


if __name__ == "__main__":
    main()
