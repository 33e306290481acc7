"""Every paper of the demo's yearly cycle prints in its official layout (the issue's "done when").

The whole demo loads once for the module (Cluster 6: the 2023 ballot, proposals, decisions 125 and
456, the 2025 pledge) and each paper is rendered as Word from those records, through the same
definitions and templates as the print pages. One decision also goes through LibreOffice to PDF.
"""

import pytest

from thidua.ballots.models import BallotSession
from thidua.campaigns.models import Pledge, ReportingPeriod
from thidua.documents import render
from thidua.documents.certificates import decision_printout, render_pages
from thidua.documents.jobs import options_from
from thidua.documents.registry import definition
from thidua.documents.tests.docx_helpers import docx_texts, pdf_fonts, pdf_page_count, pdf_text
from thidua.nominations.models import Batch, Decision, Dossier
from thidua.org.models import Unit

# The demo loads once for the module, which runs first and whole on one worker (conftest).
pytestmark = pytest.mark.demo

PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_HEADER = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.fixture
def secretary(demo, db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="thuky")


def word(kind: str, record, user, posted: dict | None = None) -> str:
    """The paper as the print page makes it, with the options a user would post."""
    paper_definition = definition(kind)
    data = {key: [value] for key, value in (posted or {}).items()}
    paper = paper_definition.gather(record, user, options_from(paper_definition, data, user))
    return "\n".join(docx_texts(render.export(paper, "docx")))


def test_the_ban_to_chuc_decision_prints_in_the_party_layout_with_its_number(secretary):
    text = word("decision", Decision.objects.get(number=125, year=2024), secretary)
    assert PARTY_HEADER in text
    assert "Số 125-QĐ/BTCTW" in text
    assert "ngày 15 tháng 01 năm 2024" in text


def test_the_prime_ministers_decision_prints_in_the_state_layout(secretary):
    text = word("decision", Decision.objects.get(number=456, year=2024), secretary)
    assert STATE_HEADER in text
    assert "Số: 456/QĐ-TTg" in text


def test_the_proposal_from_the_ballot_prints_as_a_form_01(secretary):
    batch = Batch.objects.filter(year=2023, ballot_session__isnull=False).order_by("pk").first()
    text = word("proposal", batch, secretary)
    assert "TỜ TRÌNH" in text
    assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" in text


@pytest.mark.parametrize(
    ("kind", "form"), [("report_individual", "03"), ("report_collective", "02")]
)
def test_each_nominee_report_prints_with_its_forms_sections(secretary, kind, form):
    dossier = next(d for d in Dossier.objects.order_by("pk") if d.form == form)
    text = word(kind, dossier, secretary)
    assert "BÁO CÁO THÀNH TÍCH" in text
    assert "Các hình thức đã được khen thưởng".upper() in text.upper()


def test_the_clusters_year_end_meeting_prints_its_minutes_with_the_ballot(secretary):
    session = BallotSession.objects.get(year=2023, cluster__number=6)
    text = word("cluster_minutes", session, secretary)
    assert "BIÊN BẢN" in text
    assert "%" in text  # the share of votes of each candidate


def test_the_councils_meeting_prints_its_minutes(secretary):
    session = BallotSession.objects.filter(council__isnull=False).order_by("pk").first()
    assert "BIÊN BẢN" in word("council_minutes", session, secretary)


def test_the_pledge_prints_with_a_signature_block_per_member(secretary):
    pledge = Pledge.objects.filter(cluster__number=6, year=2025).order_by("-version").first()
    text = word("pledge", pledge, secretary).upper()
    assert "GIAO ƯỚC THI ĐUA" in text
    members = pledge.signatures.select_related("unit")
    assert members.count() >= 2
    assert all(signature.unit.name.upper() in text for signature in members)


def test_the_annual_summary_shows_the_seeds_ratio_of_outgoing_documents(secretary):
    period = ReportingPeriod.objects.get(cluster__number=6, year=2023, key="Y")
    posted = {"next_year_plan": "Tiếp tục đẩy mạnh phong trào thi đua.", "remarks": ""}
    text = word("annual_summary", period, secretary, posted)
    assert "61,67 %" in text


def test_the_award_statistics_print_for_the_central_organisation_board(secretary):
    posted = {"year_from": "2023", "year_to": "2024", "breakdown": "all"}
    text = word("award_statistics", Unit.objects.get(code="BTCTW"), secretary, posted)
    assert "2023" in text


def test_the_decision_prints_to_pdf_in_liberation_serif_with_vietnamese_text(secretary):
    paper = definition("decision").gather(
        Decision.objects.get(number=125, year=2024), secretary, {}
    )
    pdf = render.export(paper, "pdf")
    assert "QUYẾT ĐỊNH" in pdf_text(pdf)
    assert any("Liberation" in font or "Times" in font for font in pdf_fonts(pdf))


def test_the_issued_decisions_certificates_print_one_page_per_recipient(demo, db):
    decision = Decision.objects.get(number=125, year=2024)
    printout = decision_printout(decision)
    assert printout.pages
    pdf = render_pages(printout.pages)
    assert pdf_page_count(pdf) == len(printout.pages)
    assert "2024" in pdf_text(pdf)  # the decision's date prints on each certificate
