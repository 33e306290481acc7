"""Reading generated papers back in tests: Word texts, PDF text and fonts, a page as an image."""

import io
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from PIL import Image


def docx_texts(content: bytes) -> list[str]:
    """Every non-empty paragraph of the body in order, table cells included (one per paragraph)."""
    body = Document(io.BytesIO(content)).element.body
    texts = []
    for paragraph in body.iter(qn("w:p")):
        text = "".join(node.text or "" for node in paragraph.iter(qn("w:t"))).strip()
        if text:
            texts.append(text)
    return texts


def docx_header_xml(content: bytes) -> str:
    """The XML of the header of pages 2 and later (where the page number is)."""
    return Document(io.BytesIO(content)).sections[0].header._element.xml


def pdf_text(content: bytes) -> str:
    return _poppler(["pdftotext", "-layout", "{pdf}", "-"], content).decode()


def pdf_fonts(content: bytes) -> list[str]:
    """Font names embedded in the PDF, without the subset prefix ("LiberationSerif-Bold")."""
    lines = _poppler(["pdffonts", "{pdf}"], content).decode().splitlines()[2:]
    return [line.split()[0].split("+")[-1] for line in lines if line.strip()]


def pdf_page_count(content: bytes) -> int:
    info = _poppler(["pdfinfo", "{pdf}"], content).decode()
    return next(int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:"))


def first_page_png(content: bytes, *, dpi: int = 50) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "paper.pdf"
        pdf.write_bytes(content)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(Path(folder) / "page")],
            check=True, timeout=60,
        )  # fmt: skip
        return (Path(folder) / "page.png").read_bytes()


def png_has_ink(content: bytes, *, at_least: int = 200) -> bool:
    """Whether the image has some dark pixels, i.e. the page is not blank."""
    gray = Image.open(io.BytesIO(content)).convert("L")
    return sum(gray.histogram()[:128]) >= at_least


def _poppler(command: list[str], content: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "paper.pdf"
        pdf.write_bytes(content)
        args = [str(pdf) if part == "{pdf}" else part for part in command]
        return subprocess.run(args, check=True, capture_output=True, timeout=60).stdout
