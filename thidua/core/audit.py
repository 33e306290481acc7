"""Audit trail helpers on top of django-simple-history.

Every domain model carries `history = HistoricalRecords()`; services save through `save_audited`
so each history row knows who made the change and why, also outside a web request.
"""

from typing import Any

from django.db import models


def actor(by: Any) -> Any:
    """The user to record as having acted, or None for the system (a demo load, a feed)."""
    return by if getattr(by, "is_authenticated", False) else None


def save_audited(obj: models.Model, *, by: Any, reason: str = "", clean: bool = True) -> None:
    if clean:
        obj.full_clean()
    obj._history_user = actor(by)
    if reason:
        obj._change_reason = reason
    obj.save()


def delete_audited(obj: models.Model, *, by: Any, reason: str = "") -> None:
    obj._history_user = actor(by)
    if reason:
        obj._change_reason = reason
    obj.delete()


def history_rows(obj: models.Model, limit: int = 50) -> list[dict[str, Any]]:
    """The record's history, newest first, each with the fields that changed (old -> new)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            changes = [
                {"field": _label(obj, c.field), "old": c.old, "new": c.new} for c in delta.changes
            ]
        rows.append({"record": newer, "changes": changes})
    return rows[:limit]


def _label(obj: models.Model, field_name: str) -> str:
    try:
        return str(obj._meta.get_field(field_name).verbose_name)
    except Exception:
        return field_name
