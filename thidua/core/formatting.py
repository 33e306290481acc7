import datetime as dt

from django.utils import formats


def short_date(value: dt.date) -> str:
    """A date as the active language writes it (01/03/2024 in Vietnamese), for messages."""
    return formats.date_format(value, "SHORT_DATE_FORMAT")
