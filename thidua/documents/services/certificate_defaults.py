"""The installation's starting certificate layouts: one Bằng khen, one Giấy khen, one flag
inscription and one certificate of a title (Chiến sĩ thi đua, Tập thể lao động xuất sắc), each
printed on plain paper with its frame until an admin switches it to the blanks.

The coordinates below are only a starting point: they depend on the blank (phôi) in use and on
each printer's feed, so an admin sets them on the layout page and checks them with its
calibration page. They are drawn for A3 landscape and scaled for the A4 sheets.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from thidua.documents.models.certificates import CertificateLayout
from thidua.documents.services.certificates import (
    PAPER_FOR_KIND,
    PAPER_SIZES,
    field_save,
    layout_save,
)

Kind = CertificateLayout.Kind
A3_WIDTH = Decimal(420)

# (key, x, y, width, font size, bold, italic, upper, lines, text) on A3 landscape, in mm and pt;
# the frame and the titles of a plain-paper certificate take the top 75 mm.
_FIELDS_A3 = [
    ("recipient_name", 40, 92, 340, 30, True, False, False, 1, ""),
    ("recipient_title", 40, 112, 340, 18, False, True, False, 1, ""),
    ("recipient_unit", 40, 122, 340, 18, False, False, False, 2, ""),
    ("achievement", 50, 146, 320, 18, False, False, False, 3, ""),
    ("place_date", 220, 190, 170, 15, False, True, False, 1, ""),
    ("signer_title", 220, 199, 170, 15, True, False, True, 2, ""),
    ("signer_name", 220, 250, 170, 16, True, False, False, 1, ""),
    ("decision_number", 30, 236, 170, 13, False, False, False, 1, ""),
    ("decision_date", 30, 243, 170, 13, False, False, False, 1, "ngày {value}"),
    ("register_no", 30, 250, 170, 13, False, False, False, 1, "Số vào sổ: {value}"),
]
# The flag's inscription leads with the award's name; the recipient is a collective.
_FLAG_FIELDS_A3 = [
    ("award_name", 40, 88, 340, 26, True, False, True, 2, ""),
    ("recipient_name", 40, 118, 340, 28, True, False, False, 2, ""),
    ("achievement", 50, 150, 320, 18, False, True, False, 2, ""),
    *(row for row in _FIELDS_A3 if row[0] in {"place_date", "signer_title", "signer_name"}),
    *(row for row in _FIELDS_A3 if row[0] in {"decision_number", "decision_date"}),
]
# A title's certificate says who reached which title in which year: "Đạt danh hiệu" above the
# title's name in capitals. Lao động tiên tiến and its collective twin usually get none (they are
# listed in the decision only), so they are not served; an admin can add them to the layout.
_TITLE_FIELDS_A3 = [
    *(row for row in _FIELDS_A3 if row[0].startswith("recipient_")),
    ("achievement", 40, 140, 340, 18, False, True, False, 1, ""),
    ("award_name", 40, 150, 340, 26, True, False, True, 2, ""),
    ("year", 40, 176, 340, 18, True, False, False, 1, "Năm {value}"),
    *(row for row in _FIELDS_A3 if row[0] in {"place_date", "signer_title", "signer_name"}),
    *(row for row in _FIELDS_A3 if row[0] in {"decision_number", "decision_date", "register_no"}),
]
DEFAULTS = [
    # (kind, name, award codes, recipients, achievement wording, fields)
    (Kind.MERIT, "Bằng khen – mẫu chung",
     ["BK_BO", "BK_BO_TT", "BK_TTG", "BK_BTCTW", "BK_BTCTW_TT"], "any", "", _FIELDS_A3),
    (Kind.COMMENDATION, "Giấy khen – mẫu chung", ["GK"], "any", "", _FIELDS_A3),
    (Kind.FLAG, "Cờ thi đua – mẫu chung", ["CO_BO", "CO_CP", "CO_BTCTW"], "collective",
     "Đơn vị dẫn đầu phong trào thi đua {period}", _FLAG_FIELDS_A3),
    (Kind.TITLE, "Danh hiệu thi đua – mẫu chung", ["CSTDCS", "CSTD_BO", "CSTDTQ", "TTLDXS"],
     "any", "Đạt danh hiệu", _TITLE_FIELDS_A3),
]  # fmt: skip


@transaction.atomic
def certificate_layouts_ensure(*, by: Any = None) -> list[CertificateLayout]:
    """Add the default layout of each kind the installation has none of; returns those added.

    A kind with any installation-wide layout is left alone, so an admin's changes stay. Award
    codes missing from the catalogue are left out (the catalogue comes from the rule packs)."""
    from thidua.awards.models import AwardType

    known = set(AwardType.objects.values_list("code", flat=True))
    added = []
    for kind, name, codes, subject, wording, rows in DEFAULTS:
        if CertificateLayout.objects.filter(issuer__isnull=True, kind=kind).exists():
            continue
        layout = layout_save(
            by=by, issuer=None, name=name, kind=kind, paper=PAPER_FOR_KIND[kind],
            award_codes=[code for code in codes if code in known], subject=subject,
            mode=CertificateLayout.Mode.FULL, achievement_text=wording,
        )  # fmt: skip
        if not layout.award_codes:  # an empty list would serve every award
            layout_save(by=by, layout=layout, is_active=False)
        scale = PAPER_SIZES[layout.paper][0] / A3_WIDTH
        for row in rows:
            field_save(by=by, layout=layout, **_scaled(row, scale))
        added.append(layout)
    return added


def _scaled(row: tuple, scale: Decimal) -> dict[str, Any]:
    key, x, y, width, size, bold, italic, upper, lines, text = row

    def mm(value: int) -> Decimal:
        return (Decimal(value) * scale).quantize(Decimal("0.1"))

    half_points = (Decimal(size) * scale * 2).quantize(Decimal(1)) / 2
    return {
        "key": key, "x_mm": mm(x), "y_mm": mm(y), "width_mm": mm(width),
        "font_size": max(half_points, Decimal(6)), "bold": bold, "italic": italic,
        "upper": upper, "max_lines": lines, "text": text, "align": "center",
    }  # fmt: skip
