"""Builders for the nominations tests, on top of the root `world` fixture (see conftest.py).

`proposal(world)` makes a sector-route proposal from Cluster 6's leader unit "dn" to the
awarding body Ban Tổ chức Trung ương ("btctw"), with the award catalogue and defaults in place."""

from __future__ import annotations

from typing import Any

from thidua.awards.models import AwardType
from thidua.awards.services import catalogue_sync
from thidua.nominations.models import Batch, Route
from thidua.nominations.services.setup import defaults_ensure


def ready() -> None:
    """The award catalogue, the base salaries and the default routes."""
    if not AwardType.objects.exists():
        catalogue_sync()
    defaults_ensure()


def award(code: str) -> AwardType:
    ready()
    return AwardType.objects.get(code=code)


def proposal(world: Any, *, route: str = "sector", cluster: bool = True, **values: Any) -> Batch:
    """A draft proposal at its first step, made directly (the services are under test)."""
    ready()
    route_ = Route.objects.get(code=route)
    values = {
        "proposer": world.dn,
        "cluster": world.cluster6 if cluster else None,
        "awarding_unit": world.btctw,
        "year": 2023,
        "title": "Tờ trình đề nghị khen thưởng năm 2023",
        **values,
    }
    return Batch.objects.create(route=route_, step=route_.steps.first(), **values)
