"""Changes to certificate layouts and their fields, each checked and recorded in the history.

Who may change a layout (the admin, or the secretariat of the layout's unit) is checked by the
pages before they call these functions (`certificates.layout_editable_by`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.models import AwardType
from thidua.core.audit import delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.documents.models.certificates import CertificateField, CertificateLayout
from thidua.org.models import Unit

Paper = CertificateLayout.Paper
Kind = CertificateLayout.Kind
# The usual sheets (width, height in mm); a blank of another size is a custom paper.
PAPER_SIZES = {
    Paper.A3_LANDSCAPE: (Decimal(420), Decimal(297)),
    Paper.A4_LANDSCAPE: (Decimal(297), Decimal(210)),
    Paper.A4_PORTRAIT: (Decimal(210), Decimal(297)),
}
# Bằng khen blanks are usually A3; Giấy khen, flag inscriptions and the certificates of titles
# (Chiến sĩ thi đua, Tập thể lao động xuất sắc) A4; all landscape. Common practice, not law
# (law.md is silent), so only the starting value of a new layout.
PAPER_FOR_KIND = {
    Kind.MERIT: Paper.A3_LANDSCAPE,
    Kind.COMMENDATION: Paper.A4_LANDSCAPE,
    Kind.FLAG: Paper.A4_LANDSCAPE,
    Kind.TITLE: Paper.A4_LANDSCAPE,
}
LAYOUT_FIELDS = (
    "name", "kind", "award_codes", "subject", "paper", "width_mm", "height_mm", "mode",
    "achievement_text", "offset_x_mm", "offset_y_mm", "is_active", "note",
)  # fmt: skip
FIELD_FIELDS = (
    "key", "x_mm", "y_mm", "width_mm", "font_size", "bold", "italic", "align", "upper",
    "max_lines", "text",
)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{(\w*)\}")


@dataclass
class FieldRow:
    """One row of the layout page: an existing field (or None for a new one) and what to do."""

    field: CertificateField | None
    values: dict[str, Any] = field(default_factory=dict)
    delete: bool = False


class RowRefused(Exception):
    """A row of the layout page was refused; nothing of the page was saved."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(error)
        self.index = index
        self.error = error


@transaction.atomic
def layout_save(
    *, by: Any, layout: CertificateLayout | None = None, issuer: Unit | None = None,
    check_fields: bool = True, **values: Any,
) -> CertificateLayout:  # fmt: skip
    """Create (with `issuer`) or change a layout. A standard paper sets the sheet's size; an
    empty paper takes the usual one of the kind."""
    unknown = set(values) - set(LAYOUT_FIELDS)
    if unknown:
        raise TypeError(f"unknown layout fields: {sorted(unknown)}")
    layout = layout or CertificateLayout(issuer=issuer)
    for name, value in values.items():
        setattr(layout, name, value)
    _apply_paper(layout)
    layout.award_codes = _checked_codes(layout.award_codes or [], layout.subject)
    _check_placeholders(layout.achievement_text, {"year", "period"}, "achievement_text")
    save_audited(layout, by=by)
    if check_fields:
        for row in layout.fields.all():
            _check_still_inside(row)
    return layout


@transaction.atomic
def field_save(
    *, by: Any, layout: CertificateLayout, field: CertificateField | None = None, **values: Any
) -> CertificateField:
    """Add or change a field; it must lie inside the sheet, with a font of 6 to 72 points and a
    width above zero (the model's checks)."""
    unknown = set(values) - set(FIELD_FIELDS)
    if unknown:
        raise TypeError(f"unknown certificate field values: {sorted(unknown)}")
    field = field or CertificateField(layout=layout)
    if field.layout_id != layout.pk:
        raise ValueError("the field belongs to another layout")
    field.layout = layout  # the layout as just saved (its new size)
    for name, value in values.items():
        setattr(field, name, value)
    allowed = {"value", *CertificateField.Key.values}
    _check_placeholders(field.text, allowed, "text")
    save_audited(field, by=by)
    return field


@transaction.atomic
def field_delete(*, by: Any, field: CertificateField) -> None:
    delete_audited(field, by=by)


@transaction.atomic
def layout_edit(
    *, by: Any, layout: CertificateLayout, values: dict[str, Any], rows: list[FieldRow]
) -> CertificateLayout:
    """The layout page in one step: the layout, then its rows; a refused row (`RowRefused`)
    leaves everything as it was. Fields not on the page must still fit the new sheet."""
    layout_save(by=by, layout=layout, check_fields=False, **values)
    kept: set[int] = set()
    for index, row in enumerate(rows):
        try:
            if row.delete and row.field is not None:
                field_delete(by=by, field=row.field)
            elif not row.delete:
                saved = field_save(by=by, layout=layout, field=row.field, **row.values)
                kept.add(saved.pk)
        except ValidationError as exc:
            raise RowRefused(index, exc) from exc
    for other in layout.fields.exclude(pk__in=kept):
        _check_still_inside(other)
    return layout


@transaction.atomic
def layout_copy(*, by: Any, layout: CertificateLayout, issuer: Unit | None) -> CertificateLayout:
    """A copy of a layout and its fields for `issuer` (None: the installation), to adjust to the
    unit's own blanks and printer."""
    values = {name: getattr(layout, name) for name in LAYOUT_FIELDS}
    copy = layout_save(by=by, issuer=issuer, **{**values, "award_codes": list(layout.award_codes)})
    for source in layout.fields.all():
        field_save(by=by, layout=copy, **{name: getattr(source, name) for name in FIELD_FIELDS})
    return copy


def _apply_paper(layout: CertificateLayout) -> None:
    layout.paper = layout.paper or PAPER_FOR_KIND.get(layout.kind, Paper.A4_LANDSCAPE)
    if layout.paper in PAPER_SIZES:
        layout.width_mm, layout.height_mm = PAPER_SIZES[layout.paper]
    elif layout.width_mm is None or layout.height_mm is None:
        raise DomainError(
            _("Give the width and the height of a sheet of custom size."), field="width_mm",
            code="size",
        )  # fmt: skip


def _checked_codes(codes: list[str], subject: str) -> list[str]:
    """Known award codes, each once, in the catalogue's order, and for the layout's recipients."""
    wanted = {str(code).strip() for code in codes if str(code).strip()}
    found = {a.code: a for a in AwardType.objects.filter(code__in=wanted)}
    missing = sorted(wanted - set(found))
    if missing:
        raise DomainError(
            _("These award codes do not exist: %(codes)s.") % {"codes": ", ".join(missing)},
            field="award_codes", code="unknown_award",
        )  # fmt: skip
    other = sorted(code for code, award in found.items() if subject not in ("any", award.subject))
    if other:
        raise DomainError(
            _("These awards go to other recipients than the layout serves: %(codes)s.")
            % {"codes": ", ".join(other)},
            field="award_codes", code="subject",
        )  # fmt: skip
    order = {a.code: (a.sort_order, a.code) for a in found.values()}
    return sorted(found, key=order.__getitem__)


def _check_placeholders(text: str, allowed: set[str], field_name: str) -> None:
    unknown = sorted({name for name in _PLACEHOLDER.findall(text) if name not in allowed})
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in unknown)
        raise DomainError(
            _("The wording uses unknown placeholders: %(names)s.") % {"names": names},
            field=field_name, code="placeholder",
        )  # fmt: skip


def _check_still_inside(field: CertificateField) -> None:
    try:
        field.full_clean()
    except ValidationError as exc:
        message = _("The field “%(field)s” would lie outside the sheet: %(reason)s") % {
            "field": field.get_key_display(), "reason": " ".join(exc.messages),
        }  # fmt: skip
        raise DomainError(message, field="width_mm", code="outside") from exc
