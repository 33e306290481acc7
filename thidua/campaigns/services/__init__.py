"""Every write to campaign data goes through these functions (one module per feature)."""

from thidua.campaigns.services.movements import (  # noqa: F401
    TRANSITIONS,
    check_launch,
    movement_create,
    movement_document_add,
    movement_document_remove,
    movement_transition,
    movement_update,
)
