"""The minutes of a cluster meeting and of a council meeting as official papers: who attended,
the agenda, the rules, each closed round's count with its threshold, and the outcome; a session
still open prints as a draft without a single figure (secret ballot, law.md §c.4)."""

from decimal import Decimal

from thidua.ballots.models import BallotSession
from thidua.documents.papers.minutes import gather
from thidua.documents.registry import definition
from thidua.documents.render import render_docx, template_check
from thidua.documents.tests.cluster_helpers import (
    ballot_session,
    closed_round,
    question_of,
    roll_of,
    table_rows,
    template_of,
)
from thidua.documents.tests.docx_helpers import docx_texts
from thidua.org import services as org_services
from thidua.scoring.models import CriteriaTable, Ranking, RankingRow

OPEN = BallotSession.Status.OPEN


def voted(world, **kw):
    """Cluster 6's meeting: dn present, cq absent with a written vote; dn chosen with 4 of 5."""
    session = ballot_session(world, **kw)
    roll_of(session, [(world.dn, "present"), (world.cq, "written")])
    candidates = question_of(session, world.dn.name, world.cq.name)
    closed_round(candidates, [4, 1])
    return session


def votes_of(paper):
    (key,) = [key for key in paper.tables if key.startswith("votes_")]
    return paper.tables[key].rows


# ---- what the minutes state ---------------------------------------------------------------------
def test_the_minutes_count_the_roll_by_attendance(world):
    paper = gather(voted(world), world.leader_officer, {})
    body = paper.body
    assert (body["total"], body["present"], body["written"], body["absent"]) == ("2", "1", "1", "0")
    assert [(r["name"], r["attendance"]) for r in paper.tables["roll"].rows] == [
        (world.dn.name, "Present"), (world.cq.name, "Absent, voted in writing"),
    ]  # fmt: skip


def test_each_candidate_has_votes_percent_of_the_base_and_whether_chosen(world):
    rows = votes_of(gather(voted(world), world.leader_officer, {}))
    shown = [(r["candidate"], r["votes"], r["percent"], r["reached"], r["chosen"]) for r in rows]
    assert shown == [
        (world.dn.name, 4, "80,00 %", "Yes", "Yes"), (world.cq.name, 1, "20,00 %", "No", "No"),
    ]  # fmt: skip


def test_a_round_states_its_threshold_its_base_and_the_votes_needed(world):
    (question,) = gather(voted(world), world.leader_officer, {}).body["results"]
    (round_,) = question["rounds"]
    assert (round_["threshold"], round_["base_words"], round_["base"], round_["needed"]) == (
        "more than half (over 50%)", "the valid ballots", "5", "3",
    )  # fmt: skip
    assert question["outcome"] == world.dn.name


def test_an_open_session_prints_a_draft_without_any_figure(world):
    paper = gather(voted(world, status=OPEN), world.leader_officer, {})
    assert paper.body["draft"] is True
    assert paper.body["results"] == []
    assert not [key for key in paper.tables if key.startswith("votes_")]
    assert paper.body["agenda"] == [{"number": "1", "title": "Đơn vị dẫn đầu", "seats": "1"}]


def test_the_cluster_heads_its_minutes_under_its_organiser(world):
    paper = gather(voted(world), world.leader_officer, {})
    assert paper.body["letterhead"] == {
        "superior": "BAN TỔ CHỨC TRUNG ƯƠNG", "issuer": "CỤM THI ĐUA SỐ 6",
    }  # fmt: skip
    assert (paper.issuer, paper.type_name, paper.type_code) == (world.btctw, "BIÊN BẢN", "BB")


def test_the_published_ranking_of_the_clusters_year_is_part_of_its_minutes(world):
    table = CriteriaTable.objects.create(cluster=world.cluster6, year=2023, title="Bảng điểm 2023")
    ranking = Ranking.objects.create(table=table, status=Ranking.Status.PUBLISHED)
    RankingRow.objects.create(
        ranking=ranking, unit=world.dn, rank=1, final_score=Decimal("95.25"),
        cross_mean=Decimal("95"), cross_count=1,
    )  # fmt: skip
    paper = gather(voted(world), world.leader_officer, {})
    assert paper.body["has_ranking"] is True
    assert paper.tables["ranking"].rows == [{"rank": "1", "unit": world.dn.name, "final": "95,25"}]


# ---- the council --------------------------------------------------------------------------------
def test_council_minutes_list_the_members_with_their_role_in_the_council(world):
    session = ballot_session(world, council=True)
    org_services.council_seat_add(
        council=world.council, person=world.kt_person, role="chair",
        start_date=session.meeting_date, by=None,
    )  # fmt: skip
    roll_of(session, [(world.kt_person, "present"), (world.cq_person, "absent")])
    paper = gather(session, world.secretary, {})
    assert paper.kind == "council_minutes"
    assert [(r["name"], r["role"], r["attendance"]) for r in paper.tables["roll"].rows] == [
        (world.kt_person.full_name, "Chair", "Present"), (world.cq_person.full_name, "", "Absent"),
    ]  # fmt: skip
    assert paper.body["letterhead"]["issuer"] == world.council.name.upper()


# ---- who may print ------------------------------------------------------------------------------
def test_a_session_prints_only_as_the_minutes_of_its_own_kind_of_body(world):
    session = voted(world)
    assert definition("cluster_minutes").can_print(world.secretary, session)
    assert not definition("council_minutes").can_print(world.secretary, session)


def test_before_closing_only_the_runners_may_print_the_draft(world):
    session = voted(world, status=OPEN)
    allowed = definition("cluster_minutes").can_print
    assert allowed(world.leader_officer, session)
    assert not allowed(world.officer, session)
    BallotSession.objects.filter(pk=session.pk).update(status=BallotSession.Status.CLOSED)
    session.refresh_from_db()
    assert allowed(world.officer, session)
    assert not allowed(world.outsider, session)


# ---- Word ---------------------------------------------------------------------------------------
def test_the_word_minutes_carry_the_count_and_both_signatures(world):
    paper = gather(voted(world), world.leader_officer, {})
    content = render_docx(paper, template=template_of("cluster_minutes"))
    texts = docx_texts(content)
    assert "BIÊN BẢN" in texts and "CỤM THI ĐUA SỐ 6" in texts
    assert "THƯ KÝ" in texts and "CHỦ TỌA" in texts and "Trần Thị Ký" in texts
    assert ["1", world.dn.name, "4", "80,00 %", "Yes", "Yes"] in table_rows(content)
    assert "DỰ THẢO – CHƯA KẾT THÚC BỎ PHIẾU" not in texts


def test_the_word_draft_says_it_is_a_draft_and_shows_no_count(world):
    paper = gather(voted(world, status=OPEN), world.leader_officer, {})
    content = render_docx(paper, template=template_of("cluster_minutes"))
    assert "DỰ THẢO – CHƯA KẾT THÚC BỎ PHIẾU" in docx_texts(content)
    assert not [row for row in table_rows(content) if "80,00 %" in row]


def test_its_shipped_word_template_passes_the_upload_check():
    assert template_check(template_of("cluster_minutes"), "cluster_minutes") == []


def test_the_council_minutes_template_passes_the_upload_check():
    assert template_check(template_of("council_minutes"), "council_minutes") == []
