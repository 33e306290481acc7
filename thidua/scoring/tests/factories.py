"""Test builders for scoring: a cluster with N members and a small criteria table.

They create rows directly (through `save_audited`) so that each part of scoring can be tested
without the others' services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from thidua.core.audit import save_audited
from thidua.org import services as org_services
from thidua.org.models import Cluster, RoleAssignment, Unit
from thidua.org.tests.factories import UnitFactory, UserFactory
from thidua.scoring.models import CriteriaTable, Criterion, CriterionGroup

# (group code, kind, [(criterion code, criterion kind, max points)])
SMALL_TABLE = [
    ("I", "regular", [("1.1", "graded", "30"), ("1.2", "graded", "20")]),
    ("II", "regular", [("2.1", "pass_fail", "10"), ("2.2", "per_occurrence", "10")]),
    ("B", "bonus", [("B.1", "graded", "8"), ("B.2", "graded", "8")]),
    ("P", "penalty", [("P.1", "graded", "5")]),
]


def member_with_officer(cluster: Cluster, name: str, *, parent: Unit | None = None) -> Any:
    """A new member unit of the cluster (since 2021) and its emulation officer."""
    unit = UnitFactory(name=name, parent=parent)
    org_services.cluster_member_add(
        cluster=cluster, unit=unit, joined_on=dt.date(2021, 1, 1), by=None
    )
    officer = UserFactory()
    org_services.role_assign(
        user=officer, role=RoleAssignment.Role.UNIT_OFFICER, unit=unit, by=None
    )
    return unit, officer


def criteria_table(
    cluster: Cluster, year: int = 2023, layout: list | None = None, **policy: Any
) -> CriteriaTable:
    table = CriteriaTable(cluster=cluster, year=year, title=f"Bảng tiêu chí {year}", **policy)
    save_audited(table, by=None)
    for order, (code, kind, criteria) in enumerate(layout or SMALL_TABLE):
        group = CriterionGroup(table=table, code=code, title=f"Nhóm {code}", kind=kind, order=order)
        save_audited(group, by=None)
        for position, (c_code, c_kind, top) in enumerate(criteria):
            criterion = Criterion(
                group=group, code=c_code, title=f"Tiêu chí {c_code}", kind=c_kind,
                max_points=Decimal(top), order=position,
                points_each=Decimal("2") if c_kind == "per_occurrence" else None,
            )  # fmt: skip
            save_audited(criterion, by=None)
    return table
