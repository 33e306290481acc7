"""Small helpers of the browser journeys."""

from django.utils import translation
from django.utils.translation import gettext


def vi(message: str, **values: str) -> str:
    """The Vietnamese text the page shows for `message` (its msgid), with %(name)s filled in."""
    with translation.override("vi"):
        text = gettext(message)
    return text % values if values else text
