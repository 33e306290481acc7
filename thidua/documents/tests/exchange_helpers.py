"""Helpers of the offline round-trip tests: a unit with staff codes, workbooks edited as a user
would in Excel (openpyxl), uploads through the page and the jobs run here and now.

The officer of unit "cq" exchanges the people of "cq", whose department employs Trần Thị Bích
(CQ001) and Phạm Văn Dũng (CQ002).
"""

import contextlib
import io
from typing import Any

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.core.jobs import run_job
from thidua.core.models import Job
from thidua.documents.exchange import jobs  # noqa: F401 - registers the runners
from thidua.documents.exchange.datasets import Scope, dataset_named
from thidua.documents.exchange.workbook import META_SHEET, export_workbook
from thidua.org import services as org_services

PEOPLE_HEADER = (
    "Staff code", "Full name", "Gender", "Date of birth", "Employment start", "Unit code",
    "Position (read only)",
)  # fmt: skip


def people_cast(world: Any) -> Any:
    org_services.person_update(person=world.cq_person, by=None, staff_code="CQ001")
    world.dung = org_services.person_create(
        by=None, unit=world.cq_dept, full_name="Phạm Văn Dũng", gender="male", staff_code="CQ002"
    )
    return world


def people_export(world: Any, *, unit: Any = None, blank: bool = False) -> bytes:
    scope = Scope(unit=unit or world.cq)
    return export_workbook(dataset=dataset_named("people"), scope=scope, blank=blank)


def data_rows(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def edited(
    content: bytes,
    changes: dict[str, dict[str, Any]] | None = None,
    *,
    add: list[list[Any]] = (),
    delete: tuple[str, ...] = (),
) -> bytes:
    """The workbook with cells changed ({key: {header: value}}), rows added and rows deleted,
    saved again as Excel would (the hidden sheet kept as it was)."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for row in list(sheet.iter_rows(min_row=2)):
        key = row[0].value
        for label, value in (changes or {}).get(key, {}).items():
            row[header.index(label)].value = value
    for key in delete:
        for index, row in enumerate(sheet.iter_rows(min_row=2), start=2):
            if row[0].value == key:
                sheet.delete_rows(index)
                break
    for values in add:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plain_workbook(rows: list[list[Any]], header: tuple[str, ...] = PEOPLE_HEADER) -> bytes:
    """A workbook typed by hand: the header and rows, no hidden export record."""
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def meta_sheet_rows(content: bytes) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(content))
    return [list(row) for row in book[META_SHEET].iter_rows(values_only=True)]


def upload(
    client: Any, unit: Any, content: bytes, *, dataset: str = "people", period: Any = None
) -> Any:
    handle = io.BytesIO(content)
    handle.name = "data.xlsx"
    data = {"up-dataset": dataset, "up-unit": unit.pk, "up-file": handle}
    if period is not None:
        data["up-period"] = period.pk
    return client.post(reverse("documents:exchange"), data)


def run(job: Job) -> Job:
    with contextlib.suppress(Exception):  # a refused job fails on purpose
        run_job.call(job_id=job.pk)
    job.refresh_from_db()
    return job


def checked(client: Any, unit: Any, content: bytes, **options: Any) -> Job:
    """Upload and run the check job: the finished check job (its summary in params)."""
    response = upload(client, unit, content, **options)
    assert response.status_code == 302, response.content.decode()[:3000]
    job = Job.objects.latest("pk")
    assert response.url == reverse("job_detail", args=[job.pk])
    return run(job)


def confirm(client: Any, check: Job, accept: list[str] = ()) -> Job:
    response = client.post(
        reverse("documents:exchange_confirm", args=[check.pk]), {"accept": list(accept)}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    job = Job.objects.latest("pk")
    assert response.url == reverse("job_detail", args=[job.pk])
    return run(job)


def field_rows(check: Job, outcome: str) -> list[dict[str, Any]]:
    """The fields of a section as (key, column, base, theirs, mine, id) dicts."""
    found = []
    for item in check.params["summary"]["sections"][outcome]:
        for field in item["fields"]:
            found.append({"key": item["key"], **field})
    return found
