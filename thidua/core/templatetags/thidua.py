"""Template helpers shared by every app: `{% load thidua %}`."""

import datetime as dt
import math
from typing import Any

from django import template
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import history_rows
from thidua.core.fragments import CSRF_SLOT, PART_BREAK

register = template.Library()

# simple-history marks each row "+", "~" or "-".
_ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@register.inclusion_tag("core/includes/history_table.html")
def history_table(obj: models.Model, limit: int = 50) -> dict[str, Any]:
    """The record's change history as a table: when, who, what, and each field old → new."""
    rows = history_rows(obj, limit=limit)
    for row in rows:
        row["action"] = _ACTIONS.get(row["record"].history_type, row["record"].history_type)
    return {"rows": rows}


@register.simple_tag
def csrf_slot() -> str:
    """In a cached part, where the viewer's CSRF token goes (see core.fragments)."""
    return mark_safe(CSRF_SLOT)


@register.simple_tag
def part_break() -> str:
    """In a cached template, where one part ends and the next begins (see core.fragments)."""
    return mark_safe(PART_BREAK)


@register.filter
def minutes(value: dt.timedelta | None) -> int:
    """Whole minutes, rounded up, for messages like "try again in 15 minutes"."""
    if not value:
        return 0
    return max(1, math.ceil(value.total_seconds() / 60))
