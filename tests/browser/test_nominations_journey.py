"""From a cluster's ballot result to an issued decision and its revocation, in Debian's Chromium,
in Vietnamese: the cluster leader makes the proposal from the closed ballot, the unit fills in its
dossier and attaches its evidence, the proposal is submitted and endorsed, the secretariat
appraises it and prepares the council's vote, records the results, drafts and issues the
decision, and later revokes the award. The council members' ballots go through the services to
keep the journey short (the ballots journey covers voting in the browser)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from thidua.awards.facts import unit_facts
from thidua.awards.models import AwardRecord
from thidua.awards.services import unit_year_set
from thidua.ballots.models import BallotSession, Question
from thidua.ballots.services import rounds, sessions, voting
from thidua.core.tests.helpers import TINY_PDF as PDF
from thidua.eligibility import check
from thidua.nominations.models import Batch, Decision
from thidua.nominations.tests.factories import ready
from thidua.org import services as org_services
from thidua.org.models import Unit
from thidua.org.tests.factories import PersonFactory

from .helpers import vi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The smallest PDF the upload check accepts as a PDF by its content.


@pytest.fixture
def closed_ballot(world, settings):
    """Cluster 6 chose "dn" as its leading unit at last year's meeting; "dn" led the cluster and
    was rated HTXS, so the engine finds it due the flag; three members sit on the council."""
    settings.THIDUA_TWO_FACTOR_POLICY = ""
    ready()
    w = world
    w.year = timezone.localdate().year - 1
    # Ban Tổ chức Trung ương writes its documents in the Party layout (Hướng dẫn 36-HD/VPTW).
    Unit.objects.filter(pk=w.btctw.pk).update(document_style="party", issuer_code="BTCTW")
    org_services.cluster_leadership_set(
        cluster=w.cluster6, year=w.year, role="leader", unit=w.dn, by=None
    )
    unit_year_set(unit=w.dn, year=w.year, by=None, rating="HTXS", led_cluster="ministry")
    for name in ("Phạm Văn Chủ", "Hoàng Thị Ủy", "Đỗ Văn Viên"):
        org_services.council_seat_add(
            council=w.council, person=PersonFactory(full_name=name, unit=w.btctw),
            role="member", start_date=dt.date(2020, 1, 1), by=None,
        )  # fmt: skip
    session = sessions.session_create(
        by=None, year=w.year, cluster=w.cluster6, title=f"Hội nghị tổng kết năm {w.year}",
        meeting_date=dt.date(w.year, 12, 22), policy={"self_vote_allowed": True},
    )  # fmt: skip
    leading = sessions.question_add(
        session=session, kind=Question.Kind.LEADING_UNIT, title="Đơn vị dẫn đầu", seats=1, by=None
    )
    for unit in (w.dn, w.cq):
        sessions.candidate_add(question=leading, unit=unit, by=None)
    sessions.session_open(session=session, by=None)
    vote_everyone(session, lambda rnd: [rnd.candidates.get(unit=w.dn).pk])
    w.session = session
    return w


def vote_everyone(session: BallotSession, choose) -> None:
    """Every voter on the roll votes on each question's first round, which is then closed."""
    for question in session.questions.all():
        rnd = question.rounds.get(number=1)
        for voter in session.voters.all():
            voting.ballot_cast(round=rnd, voter=voter, candidate_ids=choose(rnd), by=None)
        rounds.round_close(round=rnd, by=None)
    sessions.session_close(session=session, by=None)


def send_on(page: Page) -> None:
    form = page.locator("[data-testid=route-forward-form]")
    form.locator("button[type=submit]").click()
    expect(page.locator(".alert-danger")).to_have_count(0)


def test_a_ballot_result_becomes_an_issued_decision_that_is_later_revoked(
    closed_ballot, as_user, live_server
):
    w, url = closed_ballot, live_server.url
    leader = as_user("leader_officer")  # the cluster leader's officer, also the officer of "dn"

    # 1. The proposal from the closed ballot: one dossier, the flag for "dn".
    leader.goto(f"{url}{reverse('nominations:from_ballot')}")
    leader.locator(f"[data-testid=propose-{w.session.pk}]").click()
    expect(leader.locator("[data-testid=dossier-row]")).to_have_count(1)
    batch = Batch.objects.get(ballot_session=w.session)
    dossier = batch.dossiers.get()

    # 2. The unit writes its achievements and attaches its evidence (an original).
    leader.goto(f"{url}{reverse('nominations:dossier_detail', args=[dossier.pk])}")
    leader.locator("[data-testid=report-form] [name=achievements]").fill(
        "Dẫn đầu Cụm thi đua số 6; hoàn thành xuất sắc các chỉ tiêu giao ước."
    )
    leader.locator("[data-testid=report-form] button[type=submit]").click()
    expect(leader.locator("#main")).to_contain_text("Dẫn đầu Cụm thi đua số 6")
    files = leader.locator("[data-testid=attachment-form]")
    files.locator("[name=uploaded_file]").set_input_files(
        {"name": "minh-chung.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    files.locator("[name=kind]").select_option("evidence")
    files.locator("button[type=submit]").click()
    expect(leader.locator("[data-testid=attachment-row]")).to_have_count(1)

    # 3. Submitted with its number, then endorsed at the cluster step by the same officer.
    leader.goto(f"{url}{reverse('nominations:batch_detail', args=[batch.pk])}")
    submit = leader.locator("[data-testid=route-submit-form]")
    submit.locator("[name=document_number]").fill("Số 12-TTr/BTCĐUKDN")
    submit.locator("button[type=submit]").click()
    send_on(leader)
    batch.refresh_from_db()
    assert batch.step.kind == "appraise"

    # 4. The secretariat appraises the dossier: every required component is on file.
    secretary = as_user("secretary")
    secretary.goto(f"{url}{reverse('nominations:dossier_detail', args=[dossier.pk])}")
    appraisal = secretary.locator("[data-testid=appraisal-form]")
    appraisal.locator("[name=result][value=passed]").check()
    appraisal.locator("[name=note]").fill("Hồ sơ đủ thành phần; đủ điều kiện.")
    appraisal.locator("button[type=submit]").click()
    expect(secretary.locator("#main")).to_contain_text(vi("Appraised: complete"))
    secretary.goto(f"{url}{reverse('nominations:batch_detail', args=[batch.pk])}")
    send_on(secretary)  # no posting is needed for the flag: straight to the council's vote
    batch.refresh_from_db()
    assert batch.step.kind == "vote"

    # 5. The council's vote is prepared in the browser; the members vote; results recorded.
    secretary.goto(f"{url}{reverse('nominations:council_prepare', args=[batch.pk])}")
    council = secretary.locator("[data-testid=council-form]")
    council.locator("[name=meeting_date]").fill(timezone.localdate().isoformat())
    council.locator("button[type=submit]").click()
    batch.refresh_from_db()
    sessions.session_open(session=batch.council_session, by=None)
    vote_everyone(
        batch.council_session, lambda rnd: list(rnd.candidates.values_list("pk", flat=True))
    )
    secretary.goto(f"{url}{reverse('nominations:council_prepare', args=[batch.pk])}")
    secretary.get_by_role("button", name=vi("Record the council's results")).click()
    secretary.goto(f"{url}{reverse('nominations:batch_detail', args=[batch.pk])}")
    send_on(secretary)

    # 6. The decision: drafted from the proposal, issued with its number.
    secretary.locator("[data-testid=decision-link]").click()
    secretary.get_by_role("button", name=vi("Create the draft")).click()
    decision = Decision.objects.get(batch=batch)
    secretary.goto(f"{url}{reverse('nominations:decision_issue', args=[decision.pk])}")
    secretary.locator("[name=number]").fill("17")
    secretary.locator("[name=signer_name]").fill("Nguyễn Văn Trưởng")
    secretary.locator("[name=confirm]").check()
    secretary.get_by_role("button", name=vi("Issue")).click()
    expect(secretary.locator("[data-testid=decision-number]")).to_have_text("Số 17-QĐ/BTCTW")

    record = AwardRecord.objects.get(unit=w.dn, award__code="CO_BTCTW", year=w.year)
    assert record.source == AwardRecord.Source.DECISION and not record.revoked
    batch.refresh_from_db()
    assert batch.status == Batch.Status.DECIDED
    # The history and the engine agree: the flag is now held for the year.
    held = check(unit_facts(w.dn), "CO_BTCTW", w.year, as_of=timezone.localdate())
    assert {o.rule for o in held.failed} == {"common.once"}

    # 7. Revoked later (Law 06/2022 Art. 93(1)(b)); the history and the engine follow.
    secretary.goto(f"{url}{reverse('nominations:decision_detail', args=[decision.pk])}")
    secretary.get_by_role("link", name=vi("Revoke")).click()
    secretary.locator("[name=ground][value=b]").check()
    secretary.locator("[name=reason]").fill("Hồ sơ minh chứng không đúng sự thật.")
    secretary.locator("[name=document_ref]").fill("Số 30-QĐ/BTCTW")
    secretary.get_by_role("button", name=vi("Revoke the award")).click()
    expect(secretary.locator("[data-testid=decision-lines]")).to_contain_text(vi("Revoked"))
    record.refresh_from_db()
    assert record.revoked
    after = check(unit_facts(w.dn), "CO_BTCTW", w.year, as_of=timezone.localdate())
    assert "common.once" not in {o.rule for o in after.failed}
