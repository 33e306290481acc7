"""The configuration an installation starts with (base salaries, routes), created when missing."""

from __future__ import annotations

from django.db import transaction

from thidua.nominations import defaults
from thidua.nominations.models import BaseSalary, Route, RouteStep


@transaction.atomic
def defaults_ensure() -> None:
    """Create the default base-salary table and routes if the installation has none yet.

    Rows an admin changed are left alone: only missing dates and missing route codes are added."""
    for valid_from, amount, basis in defaults.BASE_SALARIES:
        BaseSalary.objects.get_or_create(
            valid_from=valid_from, defaults={"amount": amount, "legal_basis": basis}
        )
    for code, name, line, levels, steps in defaults.ROUTES:
        route, created = Route.objects.get_or_create(
            code=code, defaults={"name": name, "line": line, "award_levels": levels}
        )
        if not created:
            continue
        RouteStep.objects.bulk_create(
            RouteStep(
                route=route,
                order=order,
                code=step,
                name=step_name,
                kind=kind,
                actor=actor,
                due_working_days=due,
                skip=skip,
            )
            for order, (step, step_name, kind, actor, due, skip) in enumerate(steps, start=1)
        )
