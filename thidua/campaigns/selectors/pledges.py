"""Reads for the pledge pages: the versions of a cluster's year, one pledge's contents and who has
signed it. Access (who may see the cluster's year) is checked by the views' access helpers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns.models import Indicator, Pledge, PledgeItem, PledgeSignature
from thidua.org.models import Cluster, ClusterMembership, Unit
from thidua.org.selectors import cluster_leader_in

S = Pledge.Status
# The same words as the shared history table (core templatetags).
HISTORY_ACTIONS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("deleted"),
}


# ---- the signed text and who signs ------------------------------------------------------------
def _plain_number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _clean_text(value: str) -> str:
    return "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").strip().split("\n"))


def pledge_canonical_text(pledge: Pledge) -> str:
    """What the members sign, as one stable string (same content, same string)."""
    items = pledge.items.order_by("number").prefetch_related("indicators")
    body = {
        "theme": _clean_text(pledge.theme),
        "preamble": _clean_text(pledge.preamble),
        "items": [
            {
                "number": item.number,
                "text": _clean_text(item.text),
                "indicators": sorted(
                    [i.code, i.direction, _plain_number(i.target)] for i in item.indicators.all()
                ),
            }
            for item in items
        ],
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def pledge_digest(pledge: Pledge) -> str:
    return hashlib.sha256(pledge_canonical_text(pledge).encode()).hexdigest()


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def reference_day(pledge: Pledge) -> dt.date:
    """The day whose members must sign: the opening day (today for a draft), moved into the year."""
    start, end = year_bounds(pledge.year)
    day = timezone.localdate(pledge.opened_at) if pledge.opened_at else timezone.localdate()
    return min(max(day, start), end)


def members_in_year(cluster: Cluster, year: int) -> QuerySet[ClusterMembership]:
    """Memberships that overlap the year: the units that may sign that year's pledge."""
    start, end = year_bounds(year)
    return ClusterMembership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=start), cluster=cluster, joined_on__lte=end
    )


def awaited_unit_ids(pledge: Pledge) -> set[int]:
    """The units whose signature the pledge waits for.

    They are the members of the cluster on the *reference day*: the day the pledge was opened,
    moved into the pledge year (a pledge opened in December for next year awaits the members of
    1 January). A unit that joins later may still sign (any member at some time in the year may),
    but the pledge does not wait for it; a unit that left before that day is not awaited.
    """
    day = reference_day(pledge)
    on_day = members_in_year(pledge.cluster, pledge.year).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=day), joined_on__lte=day
    )
    return set(on_day.values_list("unit_id", flat=True))


# ---- pages -------------------------------------------------------------------------------------
def pledge_versions(*, cluster: Cluster, year: int) -> QuerySet[Pledge]:
    return Pledge.objects.filter(cluster=cluster, year=year).order_by("-version")


def pledge_current(*, cluster: Cluster, year: int) -> dict[str, Any]:
    """The version in force and the one being drafted or signed (either may be missing)."""
    versions = list(pledge_versions(cluster=cluster, year=year))
    return {
        "in_force": next((p for p in versions if p.status == S.IN_FORCE), None),
        "open": next((p for p in versions if p.status in (S.DRAFT, S.SIGNING)), None),
        "versions": versions,
    }


def pledge_get(pk: int) -> Pledge:
    """One pledge with what its pages show; raises Pledge.DoesNotExist."""
    items = PledgeItem.objects.order_by("number").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets"))
    )
    return (
        Pledge.objects.select_related("cluster__organiser", "supersedes")
        .prefetch_related(Prefetch("items", queryset=items))
        .get(pk=pk)
    )


def target_text(indicator: Indicator) -> str:
    """The indicator's common target in words: "at least 90%", "at most 2 cases"."""
    K, target = Indicator.Kind, indicator.target
    if target is None:
        return ""
    if indicator.kind == K.YES_NO:
        return _("to be achieved") if target else _("must not occur")
    if indicator.direction == Indicator.Direction.AT_MOST and not target:
        return _("must not occur")
    shown = number_format(target.normalize(), force_grouping=True)
    if indicator.kind in (K.RATIO, K.PERCENTAGE):
        shown = f"{shown}%"
    elif indicator.unit_of_measure:
        shown = f"{shown} {indicator.unit_of_measure}"
    if indicator.direction == Indicator.Direction.AT_MOST:
        return _("at most %(target)s") % {"target": shown}
    return _("at least %(target)s") % {"target": shown}


def pledge_contents(pledge: Pledge) -> list[dict[str, Any]]:
    """Each content with its indicators and their targets in words."""
    return [
        {
            "item": item,
            "indicators": [
                {
                    "indicator": indicator,
                    "target": target_text(indicator),
                    "unit_targets": bool(indicator.targets.all()),
                }
                for indicator in item.indicators.all()
            ],
        }
        for item in pledge.items.all()
    ]


@dataclass(frozen=True)
class SignerRow:
    unit: Unit
    signature: PledgeSignature | None
    awaited: bool  # the pledge waits for this unit (see services.pledges)
    is_leader: bool
    may_sign: bool  # the viewer may record this unit's signature now


def signer_rows(pledge: Pledge, *, user: Any = None) -> list[SignerRow]:
    """Every unit that may sign (members at some time in the year) and every unit that signed,
    the year's cluster leader first, then by name."""
    signatures = {s.unit_id: s for s in pledge.signatures.select_related("recorded_by")}
    eligible = set(members_in_year(pledge.cluster, pledge.year).values_list("unit_id", flat=True))
    awaited = awaited_unit_ids(pledge)
    leader = cluster_leader_in(pledge.cluster, pledge.year)
    units = Unit.objects.filter(pk__in=eligible | set(signatures)).order_by("name", "pk")
    rows = []
    for unit in units:
        signature = signatures.get(unit.pk)
        may_sign = (
            user is not None
            and pledge.status in (S.SIGNING, S.IN_FORCE)
            and signature is None
            and unit.pk in eligible
            and user.has_perm("campaigns.sign_for_unit", unit)
        )
        rows.append(
            SignerRow(
                unit=unit,
                signature=signature,
                awaited=unit.pk in awaited,
                is_leader=leader is not None and unit.pk == leader.pk,
                may_sign=may_sign,
            )
        )
    return sorted(rows, key=lambda row: not row.is_leader)  # stable: names stay in order


def signing_progress(rows: list[SignerRow]) -> dict[str, int]:
    awaited = [row for row in rows if row.awaited]
    return {"signed": sum(1 for row in awaited if row.signature), "awaited": len(awaited)}


def pledge_text_changed(pledge: Pledge) -> bool:
    """True when the frozen text no longer matches (an indicator changed after opening)."""
    return bool(pledge.text_digest) and pledge_digest(pledge) != pledge.text_digest


def pledge_item_history(pledge: Pledge, limit: int = 50) -> list[dict[str, Any]]:
    """Changes to the contents, newest first (removed contents included)."""
    records = (
        PledgeItem.history.filter(pledge_id=pledge.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    return [
        {"record": r, "action": HISTORY_ACTIONS.get(r.history_type, r.history_type)}
        for r in records
    ]


def official_dateline(place: str, when: dt.datetime | None) -> str:
    """The place-and-date line, "Hà Nội, ngày 05 tháng 02 năm 2024": days below 10 and months 1
    and 2 get a leading zero (Decree 30/2020/NĐ-CP Appendix I); dots to fill in by hand when there
    is no date yet."""
    if when is None:
        day, month, year = "....", "....", "......"
    else:
        date = timezone.localdate(when)
        day, month, year = (
            f"{date.day:02d}",
            f"{date.month:02d}" if date.month < 3 else str(date.month),
            str(date.year),
        )
    values = {"place": place.strip(), "day": day, "month": month, "year": year}
    if values["place"]:
        return _("%(place)s, day %(day)s month %(month)s year %(year)s") % values
    return _("Day %(day)s month %(month)s year %(year)s") % values


def signable_unit(pledge: Pledge, unit_pk: int) -> Unit | None:
    """The unit if it is a member of the cluster in the pledge's year, else None."""
    members = members_in_year(pledge.cluster, pledge.year).filter(unit_id=unit_pk)
    return Unit.objects.filter(pk__in=members.values("unit_id")).first()
