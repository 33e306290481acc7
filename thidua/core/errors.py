from typing import Any

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule refused a change; the message is for the user (translated).

    A ValidationError subclass so forms show it beside the field named in `field`.
    """

    def __init__(self, message: Any, *, field: str | None = None, code: str | None = None):
        super().__init__({field: [message]} if field else message, code=code)
        self.field = field
        self.code = code  # kept for dict errors too, so callers can branch on it
