"""Import benchmark: 100,000 people from one workbook, timed three ways in one process.

    .venv/bin/python bench/import_bench.py                 # 100,000 rows
    .venv/bin/python bench/import_bench.py --rows 5000 --profile

The database is a throwaway SQLite file in a temporary directory (THIDUA_VAR_DIR points there
before Django starts; `migrate` builds it once, untimed; the directory is removed at the end),
with config.test_settings: the production settings (WAL, synchronous=NORMAL) with a throwaway
secret key. Every contender imports into an empty people table: the people,
their main posts and the history rows are deleted between runs, untimed.

The file has 6 columns (staff code, full name with diacritics, gender, date of birth,
employment start, unit code), as a user would fill the blank template (no export record, so
every row is new). Timed:
  (1) the floor: one openpyxl read-only pass over every cell;
  (2) ours: the real background jobs, run here and now: the check (preview) job, and the apply
      job (read, check, merge and write in one transaction, with the audit history) — its
      progress written every 1 % as on the server;
  (3) django-import-export 4 with an equivalent ModelResource on the same file: its dry run,
      then its import (a main post and history for every person too, as `person_create` makes).
Goals (issue 7): the apply job ≤ 3 × the raw read; import-export ≥ 3 × slower than ours.
Times are CPU seconds of this process (the wall clock is printed too): on a shared machine the
wall clock also counts waiting for a core. import-export makes several queries a row; with
`--ie-rows N` it runs on the first N rows of the same data and is scaled linearly.
"""

import argparse
import cProfile
import io
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="thidua-import-bench-"))
os.environ["THIDUA_VAR_DIR"] = str(WORK)
os.environ["THIDUA_MEDIA_ROOT"] = str(WORK / "media")
os.environ.pop("DATABASE_URL", None)  # the SQLite file under THIDUA_VAR_DIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402
from import_export import fields, resources, widgets  # noqa: E402
from import_export.formats.base_formats import XLSX  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from thidua.core.jobs import Progress, job_execute, job_start  # noqa: E402
from thidua.core.models import Job  # noqa: E402
from thidua.documents.exchange import jobs  # noqa: E402
from thidua.documents.exchange.datasets import Scope  # noqa: E402
from thidua.org import services  # noqa: E402
from thidua.org.models import Membership, Person, RoleAssignment, Unit  # noqa: E402
from thidua.org.tests.factories import UserFactory  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quốc", "Thanh", "Xuân", "Hồng"]
GIVEN = ["An", "Bích", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hoà", "Hùng",
         "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngọc", "Phúc", "Quân", "Quỳnh",
         "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]  # fmt: skip
HEADER = ["Staff code", "Full name", "Gender", "Date of birth", "Employment start", "Unit code"]


def build_database(departments: int) -> tuple[Unit, list[Unit], object]:
    call_command("migrate", verbosity=0)
    root = services.unit_create(by=None, name="Ban Tổ chức Tỉnh ủy (bench)", code="BENCH")
    units = [
        services.unit_create(by=None, parent=root, name=f"Phòng số {n}", code=f"BENCH-{n:02d}")
        for n in range(1, departments + 1)
    ]
    officer = UserFactory(username="bench-officer")
    services.role_assign(user=officer, role=RoleAssignment.Role.UNIT_OFFICER, unit=root, by=None)
    return root, units, officer


def make_workbook(rows: int, units: list[Unit], seed: int = 7) -> bytes:
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("People")
    sheet.append(HEADER)
    for n in range(1, rows + 1):
        female = rng.random() < 0.5
        name = f"{rng.choice(FAMILY)} {'Thị' if female else rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        born = date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
        started = date(max(born.year + 22, 1985), rng.randint(1, 12), 1)
        gender = "Female" if female else "Male"
        sheet.append([f"NV{n:06d}", name, gender, born, started, rng.choice(units).code])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def empty_people() -> None:
    """Plain DELETEs (no signals, no history of the deletion): the next contender starts empty."""
    for model in (Membership, Person):
        for manager in (model.history, model.objects):
            manager.all()._raw_delete(manager.db)


def timed(label: str, func, *args, **kwargs):
    """Runs it; prints wall-clock and CPU seconds, returns the CPU seconds (on a shared machine
    the wall clock also counts the time spent waiting for a core; SQLite runs in-process, so
    CPU time covers the database work too)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    print(f"  {label:<46} {seconds:8.2f} s wall {cpu_seconds:8.2f} s CPU", flush=True)
    return cpu_seconds, result


# ---- (1) the floor -------------------------------------------------------------------------


def raw_read(content: bytes) -> int:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    cells = 0
    for row in book.worksheets[0].iter_rows(values_only=True):
        cells += sum(1 for value in row if value is not None)
    book.close()
    return cells


# ---- (2) ours --------------------------------------------------------------------------------


def run_job(job: Job) -> Job:
    job_execute(job, Progress(job))
    job.refresh_from_db()
    if job.status != Job.Status.SUCCEEDED:
        raise SystemExit(f"job {job.kind} failed: {job.message}\n{job.error}")
    return job


def ours(content: bytes, rows: int, root: Unit, officer: object) -> tuple[float, float]:
    name = default_storage.save("bench/people.xlsx", ContentFile(content))
    params = {"dataset": "people", "scope": Scope(unit=root).as_dict(), "file": name,
              "language": "en"}  # fmt: skip
    check = job_start(kind=jobs.CHECK, title="bench check", params=params, by=officer, queue=False)
    check_seconds, check = timed("ours: check job (the preview)", run_job, check)
    counts = check.params["summary"]["counts"]
    assert (counts["new"], counts["error"]) == (rows, 0), counts
    apply = jobs.exchange_apply_start(check=check, accepted=[], by=officer)
    apply_seconds, _job = timed("ours: apply job (read, check, write)", run_job, apply)
    assert Person.objects.count() == rows, "the apply job did not create every person"
    return check_seconds, apply_seconds


# ---- (3) django-import-export ----------------------------------------------------------------


class GenderWidget(widgets.Widget):
    CODES = {"female": "female", "male": "male", "nữ": "female", "nam": "male"}

    def clean(self, value, row=None, **kwargs):
        return self.CODES.get(str(value or "").strip().lower(), value)


class PersonResource(resources.ModelResource):
    """The same six columns; each person gets a main post and history like `person_create`."""

    staff_code = fields.Field(attribute="staff_code", column_name="Staff code")
    full_name = fields.Field(attribute="full_name", column_name="Full name")
    gender = fields.Field(attribute="gender", column_name="Gender", widget=GenderWidget())
    birth_date = fields.Field(
        attribute="birth_date", column_name="Date of birth", widget=widgets.DateWidget()
    )
    employment_start = fields.Field(
        attribute="employment_start", column_name="Employment start", widget=widgets.DateWidget()
    )
    unit = fields.Field(
        attribute="unit", column_name="Unit code", widget=widgets.ForeignKeyWidget(Unit, "code")
    )

    class Meta:
        model = Person
        import_id_fields = ("staff_code",)
        fields = ("staff_code", "full_name", "gender", "birth_date", "employment_start", "unit")
        clean_model_instances = True  # the model's own checks, as ours runs them

    def after_save_instance(self, instance, row, **kwargs):
        Membership.objects.create(
            person=instance, unit=instance.unit,
            start_date=instance.employment_start or date.today(),
        )  # fmt: skip


def import_export(content: bytes) -> tuple[float, float]:
    def dry_run():
        dataset = XLSX().create_dataset(content)
        result = PersonResource().import_data(dataset, dry_run=True, raise_errors=True)
        assert not result.has_errors()

    def real():
        dataset = XLSX().create_dataset(content)
        result = PersonResource().import_data(dataset, dry_run=False, raise_errors=True)
        assert not result.has_errors()

    dry_seconds, _ = timed("django-import-export: dry run", dry_run)
    assert Person.objects.count() == 0
    real_seconds, _ = timed("django-import-export: import", real)
    return dry_seconds, real_seconds


# ---- the run ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--skip-import-export", action="store_true")
    parser.add_argument(
        "--ie-rows", type=int, help="time import-export on the first N rows and scale (slow)"
    )
    parser.add_argument("--profile", action="store_true", help="profile our apply job")
    options = parser.parse_args()
    translation.activate("en")
    print(f"Database: {connection.settings_dict['NAME']} (SQLite, throwaway)", flush=True)
    root, units, officer = build_database(options.departments)
    content = make_workbook(options.rows, units)
    print(f"Workbook: {options.rows:,} rows × {len(HEADER)} columns, "
          f"{len(content) / 2**20:.1f} MB", flush=True)  # fmt: skip

    raw_seconds, cells = timed("raw openpyxl read-only pass (the floor)", raw_read, content)
    assert cells == (options.rows + 1) * len(HEADER)
    if options.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    check_seconds, apply_seconds = ours(content, options.rows, root, officer)
    if options.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(
            30
        )
    empty_people()
    ours_total = check_seconds + apply_seconds
    print(f"  ratio apply job / raw read: {apply_seconds / raw_seconds:.2f} (goal ≤ 3)")
    print(f"  ratio check + apply / raw read: {ours_total / raw_seconds:.2f}")
    if options.skip_import_export:
        return
    ie_rows = min(options.ie_rows or options.rows, options.rows)
    scale = options.rows / ie_rows
    if ie_rows < options.rows:  # the same first rows (same seed), timed and scaled linearly
        print(f"  import-export on the first {ie_rows:,} rows, scaled × {scale:g}:")
        content = make_workbook(ie_rows, units)
    dry_seconds, real_seconds = (seconds * scale for seconds in import_export(content))
    ie_total = dry_seconds + real_seconds
    if scale != 1:
        print(f"  import-export scaled to {options.rows:,} rows: dry run {dry_seconds:.0f} s, "
              f"import {real_seconds:.0f} s CPU")  # fmt: skip
    print(f"  ratio import-export (dry run + import) / ours (check + apply): "
          f"{ie_total / ours_total:.1f} (goal ≥ 3)")  # fmt: skip
    print(f"  ratio import-export import / our apply job: {real_seconds / apply_seconds:.1f}")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        shutil.rmtree(WORK, ignore_errors=True)
