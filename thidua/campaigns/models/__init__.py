"""Campaign data: movements, registrations, cluster pledges, indicators and their reports."""

from thidua.campaigns.models.indicators import (
    Evidence,
    FeedToken,
    Indicator,
    IndicatorReport,
    IndicatorTarget,
    ReportEvent,
    ReportingPeriod,
)
from thidua.campaigns.models.movements import Movement, MovementDocument, MovementEvent
from thidua.campaigns.models.pledges import Pledge, PledgeItem, PledgeSignature
from thidua.campaigns.models.registrations import (
    Registration,
    RegistrationEntry,
    RegistrationEvent,
)

__all__ = [
    "Evidence",
    "FeedToken",
    "Indicator",
    "IndicatorReport",
    "IndicatorTarget",
    "Movement",
    "MovementDocument",
    "MovementEvent",
    "Pledge",
    "PledgeItem",
    "PledgeSignature",
    "Registration",
    "RegistrationEntry",
    "RegistrationEvent",
    "ReportEvent",
    "ReportingPeriod",
]
