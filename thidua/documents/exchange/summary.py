"""The merge report as plain JSON, kept on the check job for the preview page.

Values are written as the reader reads them (dates dd/mm/yyyy, choices by their label), in the
language of whoever uploaded the file. Each outcome lists its first rows (LIMIT); the counts
cover the whole file.
"""

from typing import Any

from thidua.documents.exchange.check import CheckResult
from thidua.documents.exchange.datasets import Dataset, shown
from thidua.documents.exchange.merge import (
    CHANGE,
    CONFLICT,
    ERROR,
    MISSING,
    NEW,
    SAME_CHANGE,
    SERVER_NEWER,
    UNCHANGED,
    RowMerge,
)

LIMIT = 500
# The order of the preview's sections; unchanged rows are only counted.
SECTIONS = (ERROR, CONFLICT, CHANGE, NEW, SERVER_NEWER, SAME_CHANGE, MISSING)
OUTCOMES = (*SECTIONS, UNCHANGED)


def summarise(result: CheckResult) -> dict[str, Any]:
    dataset = result.dataset
    labels = {key: dict(pairs) for key, pairs in dataset.choices(result.scope).items()}
    counts = result.counts()
    sections: dict[str, list[dict[str, Any]]] = {outcome: [] for outcome in SECTIONS}
    for row in result.rows:
        items = sections.get(row.outcome)
        if items is not None and len(items) < LIMIT:
            items.append(_item(row, result, dataset, labels))
    return {
        "dataset": dataset.name,
        "scope": result.scope.as_dict(),
        "describe": dataset.describe(result.scope),
        "read": result.read,
        "exported_at": result.exported_at,
        "counts": {outcome: counts.get(outcome, 0) for outcome in OUTCOMES},
        "hidden": {o: max(counts.get(o, 0) - LIMIT, 0) for o in SECTIONS},
        "sections": sections,
        "digest": result.digest(),
        "conflicts": _conflict_count(result.rows),
    }


def _conflict_count(rows: list[RowMerge]) -> int:
    return sum(len(row.conflicts) for row in rows)


def _item(
    row: RowMerge, result: CheckResult, dataset: Dataset, labels: dict[str, dict[str, str]]
) -> dict[str, Any]:
    def text(column_key: str, value: Any) -> str:
        return shown(dataset.column(column_key), value, labels.get(column_key))

    item: dict[str, Any] = {
        "line": row.line,
        "key": " ".join(row.key),
        "label": result.labels.get(row.key, ""),
        "fields": [
            {
                "column": str(dataset.column(f.field).label),
                "outcome": f.outcome,
                "base": text(f.field, f.base),
                "theirs": text(f.field, f.theirs),
                "mine": text(f.field, f.mine),
                "id": f.conflict_id if f.outcome == CONFLICT else "",
            }
            for f in row.fields
        ],
        "errors": [
            {"column": str(dataset.column(c).label) if c else "", "message": message}
            for c, message in row.errors
        ],
    }
    if row.outcome == NEW:
        item["values"] = [
            {"column": str(c.label), "value": text(c.key, row.values.get(c.key))}
            for c in dataset.importable
        ]
    return item
