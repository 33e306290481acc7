"""The fixed elements of an official paper: letterhead lines, number and symbol, place and date.

State bodies follow ND 30/2020/NĐ-CP Appendix I; Party bodies follow Hướng dẫn 36-HD/VPTW
(law.md §e.5). The armed forces are laid out like State bodies here.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist

from thidua.core.formatting import document_number_text

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def default_place() -> str:
    # Which place an installation writes is a local fact, not a rule: a setting.
    return getattr(settings, "DOCUMENTS_DEFAULT_PLACE", "Hà Nội")


def style_of(unit: Any, style: str = "") -> str:
    """ "party" or "state": the paper's own style, else the unit's; armed forces print as state."""
    chosen = style or (getattr(unit, "document_style", "") if unit is not None else "")
    return "party" if chosen == "party" else "state"


def letterhead(unit: Any, *, style: str = "") -> dict:
    """The header lines of a paper issued by `unit` (None: an issuer outside thidua)."""
    party = style_of(unit, style) == "party"
    own = _letterhead_row(unit)
    issuer = (own.issuer_line if own else "") or (unit.name if unit is not None else "")
    superior = (own.superior_line if own else "") or _parent_name(unit)
    return {
        "party": party,
        "state": not party,
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "party_title": PARTY_TITLE,
        "superior": superior.upper(),
        "issuer": issuer.upper(),
        "issuer_code": getattr(unit, "issuer_code", "") or "",
        "place": (own.place if own else "") or default_place(),
        "signer_authority": own.signer_authority if own else "",
        "signer_title": own.signer_title if own else "",
        "signer_name": own.signer_name if own else "",
    }


def number_text(*, style: str, number: int | str | None, type_code: str, issuer_code: str) -> str:
    """Party "Số 12-QĐ/BTCTW" (36-HD/VPTW); State "Số: 12/QĐ-UBND" (ND 30); blank for a draft."""
    return document_number_text(
        style=style_of(None, style), number=number, type_code=type_code, issuer_code=issuer_code
    )


def place_date_text(place: str, date: dt.date | None) -> str:
    """ "Hà Nội, ngày 05 tháng 02 năm 2024".

    ND 30/2020 App. I (and the 36-HD/VPTW example "ngày 20 tháng 02 năm 2018"): a day below 10
    and the months 1 and 2 take a leading zero; other months do not ("tháng 3", "tháng 12").
    A paper without a date leaves the blanks to be filled by hand.
    """
    if date is None:
        when = "ngày … tháng … năm …"
    else:
        month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
        when = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    return f"{place}, {when}" if place else when


def _letterhead_row(unit: Any) -> Any:
    if unit is None or getattr(unit, "pk", None) is None:
        return None
    try:
        return unit.letterhead
    except ObjectDoesNotExist:
        return None


def _parent_name(unit: Any) -> str:
    parent = getattr(unit, "parent", None) if unit is not None else None
    return parent.name if parent is not None else ""
