import datetime as dt

from django.utils import formats


def short_date(value: dt.date) -> str:
    """A date as the active language writes it (01/03/2024 in Vietnamese), for messages."""
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def document_number_text(*, style: str, number: int | str | None, type_code: str,
                         issuer_code: str) -> str:  # fmt: skip
    """The number and symbol line of an official paper (law.md §e.5).

    Party (Hướng dẫn 36-HD/VPTW): "Số 12-QĐ/BTCTW", no colon. State (ND 30/2020 App. I) and the
    armed forces: "Số: 12/QĐ-UBND". No number yet (a draft): the number is left blank to be
    written by hand when the paper is registered.
    """
    shown = str(number).strip() if number is not None else ""
    if style == "party":
        return f"Số {shown or '     '}-{type_code}/{issuer_code}"
    return f"Số: {shown or '      '}/{type_code}-{issuer_code}"
