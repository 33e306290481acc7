"""Time a 1,000-nominee award decision as .docx and .pdf, and choose the PDF engine.

    DJANGO_SETTINGS_MODULE=config.settings \\
        .venv/bin/python bench/documents_bench.py [N] [--passes=2]

Builds the decision paper in memory (synthetic names with Vietnamese diacritics, no database)
and times, in one process:
  (a) the .docx render through the shipped docxtpl template (the baseline);
  (b) that .docx → PDF with LibreOffice headless: the first conversion of the process (it makes
      its private profile) and a warm one;
  (c) the same content as a minimal equivalent HTML page → PDF with WeasyPrint.
Prints each time, its ratio to (a), the page counts, and whether each path meets the goal of
≤ 10 s for the whole paper. Each figure is the best of `--passes` runs (the machine is shared,
single timings are noisy); LibreOffice's first conversion is reported once.
"""

from __future__ import annotations

import html
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from thidua.awards.models import AwardType  # noqa: E402
from thidua.documents import render  # noqa: E402
from thidua.documents.papers.decision import decision_paper  # noqa: E402
from thidua.nominations.models import Decision, DecisionLine  # noqa: E402
from thidua.org.models import Person, Unit  # noqa: E402

GOAL_SECONDS = 10.0
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Hữu", "Minh", "Thanh", "Quốc", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hương", "Khánh", "Lộc", "Mỹ", "Nghĩa"]
GIVEN += ["Phượng", "Quỳnh", "Sơn", "Thắng", "Uyên", "Việt", "Yến", "Đạt", "Ánh", "Hằng"]
UNITS = [
    "Phòng Tổ chức cán bộ",
    "Vụ Cơ sở đảng, đảng viên",
    "Văn phòng Ban",
    "Vụ Địa phương I",
    "Ban Tổ chức Tỉnh ủy Kon Tum",
    "Ban Tổ chức Đảng ủy Khối các cơ quan Trung ương",
]


def synthetic_decision(n: int) -> tuple[Decision, list[DecisionLine]]:
    """Unsaved model instances with fake keys: the paper reads them, never the database."""
    decision = Decision(
        issuer=None, issuer_name="Ban Tổ chức Trung ương", issuer_code="BTCTW", style="party",
        type_code="QĐ", number=125, year=2024, signed_on=None, place="Hà Nội",
        signer_title="Trưởng ban", signer_name="Nguyễn Văn Thắng",
        abstract="Về việc tặng Bằng khen cho các tập thể và cá nhân có thành tích xuất sắc",
    )  # fmt: skip
    awards = [
        AwardType(pk=1, name="Bằng khen của Ban Tổ chức Trung ương"),
        AwardType(pk=2, name="Chiến sĩ thi đua cơ sở"),
    ]
    units = [Unit(pk=100 + i, name=name) for i, name in enumerate(UNITS)]
    lines = []
    for i in range(n):
        name = f"{FAMILY[i % 11]} {MIDDLE[i % 9]} {GIVEN[(i * 7) % 20]}"
        person = Person(pk=i + 1, full_name=name, unit=units[i % len(units)])
        person.position = "Chuyên viên chính" if i % 3 else "Phó Vụ trưởng"
        line = DecisionLine(
            pk=i + 1, decision=decision, award=awards[i * 2 // n], person=person, label=name,
            year=2023, amount=Decimal(1_800_000 if i * 2 < n else 2_340_000),
        )  # fmt: skip
        lines.append(line)
    return decision, lines


def html_of(paper) -> str:
    """A minimal HTML equivalent of the decision (letterhead, articles, annex) for WeasyPrint."""
    context = render.context_for(paper)
    head, body = context["head"], context["body"]
    table = context["tables"]["annex"]
    header = "".join(f"<th>{html.escape(c['label'])}</th>" for c in table["columns"])
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in table["rows"]
    )
    articles = "".join(
        f"<p><b>{html.escape(a['head'])}</b> {html.escape(a['text'])}</p>" for a in body["articles"]
    )
    return f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 20mm 15mm 20mm 30mm;
              @top-center {{ content: counter(page); font: 13pt 'Liberation Serif'; }} }}
      @page :first {{ @top-center {{ content: none; }} }}
      body {{ font: 14pt 'Liberation Serif'; }} table {{ border-collapse: collapse; width: 100%; }}
      td, th {{ border: 1px solid black; padding: 2px 4px; font-size: 13pt; }}
      thead {{ display: table-header-group; }} tr {{ page-break-inside: avoid; }}
      .head {{ display: flex; justify-content: space-between; text-align: center; }}
    </style></head><body>
      <div class="head"><div>{html.escape(head["superior"])}<br><b>{html.escape(head["issuer"])}</b>
        <br>*<br>{html.escape(head["number_text"])}</div>
        <div><b><u>{html.escape(head["party_title"])}</u></b><br><br>
        <i>{html.escape(head["place_date"])}</i></div></div>
      <h2 style="text-align:center">{html.escape(paper.type_name)}</h2>
      <p style="text-align:center"><b>{html.escape(paper.abstract)}</b></p>{articles}
      <div style="page-break-before: always; text-align: center"><b>DANH SÁCH</b><br>
        <i>{html.escape(body["annex_ref"])}</i></div>
      <table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>
    </body></html>"""


def cpu_now() -> float:
    """CPU seconds of this process and of the children it waited for (LibreOffice)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best(passes: int, func) -> tuple[float, float, object]:
    """(wall, cpu, result) of the pass with the least CPU time."""
    runs, result = [], None
    for _ in range(passes):
        wall, cpu = time.perf_counter(), cpu_now()
        result = func()
        runs.append((time.perf_counter() - wall, cpu_now() - cpu))
    wall, cpu = min(runs, key=lambda run: run[1])
    return wall, cpu, result


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    return next(int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:"))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    passes = next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--passes=")), 2)
    template = render.shipped_template("decision")
    started = time.perf_counter()
    paper = decision_paper(*synthetic_decision(n))
    print(f"gathered a {n:,}-nominee decision in {time.perf_counter() - started:.2f} s")

    docx_wall, docx_cpu, docx = best(passes, lambda: render.render_docx(paper, template=template))
    cold_wall, cold_cpu, _pdf = best(1, lambda: render.docx_to_pdf(docx))
    warm_wall, warm_cpu, pdf = best(passes, lambda: render.docx_to_pdf(docx))
    from weasyprint import HTML

    page = html_of(paper)
    weasy_wall, weasy_cpu, weasy_pdf = best(passes, lambda: HTML(string=page).write_pdf())
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores: on a busy machine CPU time is the")
    print("fairer figure (wall time includes waiting for other processes)")
    print(f"{'':<38}{'wall':>8}{'cpu':>8}{'x docx':>8}{'total cpu':>11}")

    def line(label: str, wall: float, cpu: float, total: float, extra: str = "") -> None:
        verdict = "ok" if total <= GOAL_SECONDS else "OVER GOAL"
        ratio = cpu / docx_cpu
        print(f"{label:<38}{wall:7.2f}s{cpu:7.2f}s{ratio:7.1f}x{total:10.2f}s  {verdict} {extra}")

    line("(a) .docx (docxtpl)", docx_wall, docx_cpu, docx_cpu, f"{len(docx) / 1024:,.0f} KiB")
    line("(b) .pdf LibreOffice, first in process", cold_wall, cold_cpu, docx_cpu + cold_cpu)
    line("(b) .pdf LibreOffice, warm", warm_wall, warm_cpu, docx_cpu + warm_cpu,
         f"{pages(pdf)} pages")  # fmt: skip
    weasy_pages = f"{pages(weasy_pdf)} pages"
    line("(c) .pdf WeasyPrint (HTML)", weasy_wall, weasy_cpu, weasy_cpu, weasy_pages)
    libre = docx_cpu + warm_cpu
    winner = "LibreOffice" if libre <= weasy_cpu else "WeasyPrint"
    print(f"less CPU end to end: {winner}; LibreOffice / WeasyPrint = x{libre / weasy_cpu:.2f}")


if __name__ == "__main__":
    main()
