from types import SimpleNamespace

import pytest
from django.urls import reverse

from thidua.core.jobs import run_job
from thidua.core.models import Job
from thidua.core.tests.helpers import sign_in
from thidua.documents import registry
from thidua.documents.jobs import RENDER
from thidua.documents.tests.core_helpers import draft_decision, issued_decision
from thidua.documents.tests.docx_helpers import docx_texts
from thidua.org.models import Unit

pytestmark = pytest.mark.django_db


def url(decision, fmt=None, kind="decision"):
    if fmt is None:
        return reverse("documents:paper", args=[kind, decision.pk])
    return reverse("documents:paper_file", args=[kind, decision.pk, fmt])


def test_the_paper_page_offers_word_pdf_and_excel(client, world):
    decision = issued_decision(world)
    sign_in(client, world.outsider)
    page = client.get(url(decision)).content.decode()
    for fmt in ("docx", "pdf", "xlsx"):
        assert url(decision, fmt) in page


def test_the_word_file_downloads_with_its_vietnamese_name(client, world):
    decision = issued_decision(world)
    sign_in(client, world.outsider)
    response = client.post(url(decision, "docx"))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert 'filename="Quyet dinh 12-QD-BTCTW.docx"' in disposition
    assert "filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2012-Q%C4%90-BTCTW.docx" in (
        disposition
    )
    assert "Số 12-QĐ/BTCTW" in docx_texts(response.content)


def test_the_word_file_also_downloads_from_a_plain_link(client, world):
    decision = issued_decision(world)
    sign_in(client, world.outsider)
    assert client.get(url(decision, "docx")).status_code == 200


def test_the_excel_file_downloads(client, world):
    decision = issued_decision(world)
    sign_in(client, world.outsider)
    response = client.post(url(decision, "xlsx"))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert response["Content-Type"].endswith("spreadsheetml.sheet")


def test_a_pdf_is_made_in_the_background_and_the_user_lands_on_the_progress_page(client, world):
    decision = issued_decision(world)
    sign_in(client, world.outsider)
    response = client.post(url(decision, "pdf"))
    job = Job.objects.get(kind=RENDER)
    assert response.status_code == 302
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert job.params["fmt"] == "pdf" and job.created_by == world.outsider


def test_a_large_paper_is_made_by_a_job_whose_result_is_the_file(client, world, settings, tmp_path):
    settings.DOCUMENTS_SYNC_ROWS = 2
    settings.MEDIA_ROOT = tmp_path
    decision = issued_decision(world, people=3)
    sign_in(client, world.outsider)
    response = client.post(url(decision, "docx"))
    job = Job.objects.get(kind=RENDER)
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    run_job.call(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    with job.result_file.open("rb") as handle:
        assert "Số 12-QĐ/BTCTW" in docx_texts(handle.read())


def test_the_job_refuses_when_the_user_may_no_longer_print(world):
    from thidua.documents.jobs import paper_job_start

    decision = draft_decision(world)
    job = paper_job_start(
        definition_=registry.definition("decision"), record=decision, fmt="docx", data={},
        by=world.outsider,
    )  # fmt: skip
    with pytest.raises(Exception, match="no longer print"):
        run_job.call(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.result_file


def test_a_draft_decision_is_not_found_for_who_may_not_issue_it(client, world):
    decision = draft_decision(world)
    sign_in(client, world.outsider)
    assert client.get(url(decision)).status_code == 404
    assert client.post(url(decision, "docx")).status_code == 404


def test_who_may_issue_a_draft_may_print_it(client, world):
    decision = draft_decision(world)
    sign_in(client, world.secretary)
    response = client.post(url(decision, "docx"))
    assert response.status_code == 200
    assert 'filename="Du thao quyet dinh.docx"' in response["Content-Disposition"]


def test_an_unknown_paper_or_format_is_not_found(client, world):
    decision = issued_decision(world)
    sign_in(client, world.outsider)
    assert client.get(url(decision, kind="no-such-paper")).status_code == 404
    assert client.post(url(decision, "odt")).status_code == 404
    assert client.get(reverse("documents:paper", args=["decision", 999999])).status_code == 404


def test_a_visible_record_that_may_not_be_printed_is_forbidden(client, world, monkeypatch):
    registry.definitions()  # discover the real ones before adding the test's own
    monkeypatch.setitem(
        registry._DEFINITIONS,
        "unit-card",
        registry.PaperDefinition(
            kind="unit-card", label="Unit card", source=Unit,
            gather=lambda *args: None, can_print=lambda user, unit: False,
        ),
    )  # fmt: skip
    sign_in(client, world.admin)
    assert client.get(url(world.kt, kind="unit-card")).status_code == 403
    sign_in(client, world.outsider)
    assert client.get(url(world.dn, kind="unit-card")).status_code == 404


def test_signing_in_is_required(client, world):
    decision = issued_decision(world)
    response = client.get(url(decision, "docx"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_options_form_is_asked_before_printing(client, world, monkeypatch):
    from django import forms

    class YearForm(forms.Form):
        year = forms.IntegerField(label="Year", min_value=2000)

    seen = SimpleNamespace(options=None)
    real = registry.definition("decision")

    def gather(record, user, options):
        seen.options = options
        return real.gather(record, user, options)

    monkeypatch.setitem(
        registry._DEFINITIONS, "decision-year",
        registry.PaperDefinition(kind="decision-year", label="Decision by year",
                                 source=real.source, gather=gather, can_print=real.can_print,
                                 options_form=YearForm),
    )  # fmt: skip
    decision = issued_decision(world)
    sign_in(client, world.outsider)
    assert 'name="year"' in client.get(url(decision, kind="decision-year")).content.decode()
    refused = client.post(url(decision, "docx", kind="decision-year"), {"year": "1990"})
    assert refused.status_code == 200 and 'name="year"' in refused.content.decode()
    client.post(url(decision, "docx", kind="decision-year"), {"year": "2024"})
    assert seen.options == {"year": 2024}
