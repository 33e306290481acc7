"""Builders and PDF readers for the certificate tests (poppler's command-line tools)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua.documents.models.certificates import CertificateLayout
from thidua.documents.services.certificates import field_save, layout_save
from thidua.nominations.models import Decision
from thidua.nominations.services.decisions import decision_draft, decision_issue, line_add
from thidua.nominations.tests.factories import award

MM = 72 / 25.4


def party_issuer(unit):
    unit.document_style, unit.issuer_code = "party", "BTCTW"
    unit.save()
    return unit


def draft(world: Any, *lines: tuple, issuer=None) -> Decision:
    """A draft decision of Ban Tổ chức Trung ương with (award code, subject, year) lines."""
    by = world.secretary
    decision = decision_draft(
        by=by, issuer=issuer or party_issuer(world.btctw), abstract="Về việc tặng Bằng khen",
        place="Hà Nội", signer_name="Hoàng Văn Dũng", signer_title="KT. TRƯỞNG BAN",
    )  # fmt: skip
    for code, subject, year in lines:
        kind = "unit" if subject.__class__.__name__ == "Unit" else "person"
        line_add(decision=decision, award=award(code), by=by, year=year, **{kind: subject})
    return decision


def issued(world: Any, *lines: tuple, number: int = 125, **kwargs: Any) -> Decision:
    decision = draft(world, *lines, **kwargs)
    return decision_issue(
        decision=decision, by=world.secretary, number=number, signed_on=date(2024, 1, 15)
    )


def blank_layout(*, issuer=None, codes=(), offset=(0, 0), fields=(), **values) -> CertificateLayout:
    """A pre-printed-blank layout on A3 landscape; `fields` are dicts of field values."""
    layout = layout_save(
        by=None, issuer=issuer, name=values.pop("name", "Phôi thử"), kind="merit",
        paper="a3_landscape", mode="blank", award_codes=list(codes),
        offset_x_mm=Decimal(offset[0]), offset_y_mm=Decimal(offset[1]), **values,
    )  # fmt: skip
    for values_ in fields:
        field_save(by=None, layout=layout, **{"align": "left", "width_mm": 200, **values_})
    return layout


# ---- reading PDFs ------------------------------------------------------------------------------
def _run(tool: list[str], pdf: bytes, *extra: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            [*tool, str(path), *extra], check=True, capture_output=True, text=True
        ).stdout


def page_count(pdf: bytes) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run(["pdfinfo"], pdf), re.M).group(1))


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", _run(["pdfinfo"], pdf), re.M)
    return round(float(found.group(1)) / MM, 1), round(float(found.group(2)) / MM, 1)


def text_of(pdf: bytes) -> str:
    return _run(["pdftotext", "-layout"], pdf, "-")


def fonts_of(pdf: bytes) -> list[str]:
    """Rows of pdffonts: name, type, encoding, emb, sub, uni (the header left out)."""
    return _run(["pdffonts"], pdf).splitlines()[2:]


def words_of(pdf: bytes) -> list[dict[str, Any]]:
    """Each word with its box in millimetres from the top-left corner of the page."""
    html = _run(["pdftotext", "-bbox"], pdf, "-")
    pattern = (
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        {"x": float(a) / MM, "y": float(b) / MM, "x_max": float(c) / MM, "y_max": float(d) / MM,
         "word": word}
        for a, b, c, d, word in re.findall(pattern, html)
    ]  # fmt: skip


def word_box(pdf: bytes, word: str) -> dict[str, Any]:
    return next(box for box in words_of(pdf) if box["word"] == word)


def ink_share(pdf: bytes) -> float:
    """The share of pixels that are not white on the first page rendered at 40 dpi."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), f"{folder}/page"],
            check=True,
        )
        png = next(Path(folder).glob("page*.png"))
        image = Image.open(png).convert("L")
        dark = sum(image.point(lambda value: 255 if value < 200 else 0).histogram()[255:])
        return dark / (image.width * image.height)
