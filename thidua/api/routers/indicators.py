"""Indicator values pushed by a unit's own tools instead of typed on the report page."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from thidua.api.auth import api_token_of
from thidua.api.indicator_values import indicator_value_post
from thidua.api.schemas import ErrorOut, IndicatorValueIn, IndicatorValueOut

router = Router(tags=["Indicators"])


@router.post(
    "/indicator-values",
    response={200: IndicatorValueOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record a unit's indicator value for a period",
)
def indicator_value_create(request: HttpRequest, payload: IndicatorValueIn) -> Any:
    """The same checks and audit trail as the feed (docs/feeds.md) and the report page: sending
    the same figures again changes nothing; new figures replace the earlier ones. Only the
    unit's emulation officer may send them."""
    return indicator_value_post(
        user=request.auth, data=payload.model_dump(), token=api_token_of(request)
    )
