"""Scorecards: the year's cards for every member and cross scorer, scores kept within their
maximum (zero is valid), complete before submission, changed afterwards only with a reason kept
in the history, and cross scorers with a conflict of interest recused."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from thidua.core.errors import DomainError
from thidua.core.tests.helpers import TINY_PDF as PDF
from thidua.org import services as org_services
from thidua.scoring.models import Criterion, Ranking, Scorecard, ScorecardEvent, ScoreEntry
from thidua.scoring.selectors import scorecards as selectors
from thidua.scoring.services import scorecards as services
from thidua.scoring.tests.factories import criteria_table, member_with_officer

S = Scorecard.Status
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def table(world):
    return criteria_table(world.cluster6, 2023)


# ---- helpers shared with the other scorecard test modules ---------------------------------------
def cards(world, table) -> dict[tuple[str, str], Scorecard]:
    """(unit code, scorer code) → card, after making the year's cards."""
    services.cards_ensure(table=table, by=world.leader_officer)
    return {
        (c.unit.code, c.scorer.code): c for c in table.scorecards.select_related("unit", "scorer")
    }


def own(world, table, unit=None) -> Scorecard:
    unit = unit or world.cq
    services.cards_ensure(table=table, by=world.leader_officer)
    return table.scorecards.get(unit=unit, scorer=unit)


def cross(world, table, unit=None, scorer=None) -> Scorecard:
    services.cards_ensure(table=table, by=world.leader_officer)
    return table.scorecards.get(unit=unit or world.cq, scorer=scorer or world.dn)


def entry(card: Scorecard, code: str) -> ScoreEntry:
    return card.entries.select_related("criterion").get(criterion__code=code)


def fill(card: Scorecard, by, points: str = "10") -> Scorecard:
    """Answer every criterion the scorer answers."""
    for item in card.entries.select_related("criterion"):
        kind = item.criterion.kind
        answer = {
            Criterion.Kind.GRADED: {"points": Decimal(points)},
            Criterion.Kind.PASS_FAIL: {"passed": True},
            Criterion.Kind.PER_OCCURRENCE: {"occurrences": 2},
        }.get(kind)
        if answer is not None:
            if kind == Criterion.Kind.GRADED and item.criterion.max_points < Decimal(points):
                answer = {"points": item.criterion.max_points}
            services.entry_record(entry=item, by=by, **answer)
    card.refresh_from_db()
    return card


def submitted(world, table, unit=None, by=None) -> Scorecard:
    card = own(world, table, unit)
    fill(card, by or world.officer)
    return services.card_submit(card=card, by=by or world.officer)


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


# ---- the year's cards --------------------------------------------------------------------------
def test_every_member_gets_a_self_card_and_a_cross_card_from_every_other_member(world, table):
    made = cards(world, table)

    dn, cq = world.dn.code, world.cq.code
    assert set(made) == {(dn, dn), (cq, cq), (cq, dn), (dn, cq)}
    assert made[(cq, cq)].kind == "self" and made[(cq, dn)].kind == "cross"


def test_bonus_and_penalty_items_are_on_the_self_card_only(world, table):
    made = cards(world, table)

    self_codes = set(
        made[(world.cq.code, world.cq.code)].entries.values_list("criterion__code", flat=True)
    )
    cross_codes = set(
        made[(world.cq.code, world.dn.code)].entries.values_list("criterion__code", flat=True)
    )
    assert {"B.1", "B.2", "P.1"} <= self_codes
    assert cross_codes == {"1.1", "1.2", "2.1", "2.2"}


def test_making_the_cards_again_adds_nothing(world, table):
    cards(world, table)

    services.cards_ensure(table=table, by=world.leader_officer)

    assert Scorecard.objects.count() == 4
    assert ScoreEntry.objects.count() == 2 * 7 + 2 * 4


def test_with_leadership_scoring_only_the_leader_and_deputy_cross_score(world):
    table = criteria_table(world.cluster6, 2023, cross_scorers="leadership")
    third, _officer = member_with_officer(world.cluster6, "Ban Tổ chức Thành ủy Hà Nội")
    org_services.cluster_leadership_set(
        cluster=world.cluster6, year=2023, role="deputy", unit=third, by=None
    )

    services.cards_ensure(table=table, by=world.leader_officer)

    pairs = set(table.scorecards.filter(kind="cross").values_list("scorer__code", "unit__code"))
    assert pairs == {
        (world.dn.code, world.cq.code),
        (world.dn.code, third.code),
        (third.code, world.dn.code),
        (third.code, world.cq.code),
    }


def test_leadership_scoring_is_refused_while_no_leader_is_named(world):
    table = criteria_table(world.cluster6, 2024, cross_scorers="leadership")

    error = refused(services.cards_ensure, table=table, by=world.leader_officer)

    assert "Name the cluster leader and deputy of 2024 first" in error.messages[0]


# ---- scores ------------------------------------------------------------------------------------
def test_a_score_above_the_maximum_is_refused_naming_the_maximum(world, table):
    item = entry(own(world, table), "1.2")

    error = refused(services.entry_record, entry=item, points=Decimal("20.5"), by=world.officer)

    assert error.message_dict == {
        "points": ["1.2 takes from 0 to 20 points (zero is a valid score)."]
    }
    item.refresh_from_db()
    assert item.points is None


def test_a_negative_score_is_refused(world, table):
    item = entry(own(world, table), "1.1")

    error = refused(services.entry_record, entry=item, points=Decimal(-1), by=world.officer)

    assert error.code == "range"


def test_zero_is_a_valid_score(world, table):
    item = entry(own(world, table), "1.1")

    services.entry_record(entry=item, points=Decimal(0), by=world.officer)

    item.refresh_from_db()
    assert item.points == 0


def test_the_maximum_itself_is_a_valid_score(world, table):
    item = entry(own(world, table), "1.1")

    services.entry_record(entry=item, points=Decimal(30), by=world.officer)

    item.refresh_from_db()
    assert item.points == 30


def test_pass_fail_and_per_occurrence_points_come_from_the_answer(world, table):
    card = own(world, table)

    services.entry_record(entry=entry(card, "2.1"), passed=True, by=world.officer)
    services.entry_record(entry=entry(card, "2.2"), occurrences=7, by=world.officer)

    assert entry(card, "2.1").points == 10
    assert entry(card, "2.2").points == 10  # 7 × 2 points, capped at 10


def test_a_page_saved_over_a_newer_version_is_refused(world, table):
    card = own(world, table)
    seen = card.revision
    services.entry_record(entry=entry(card, "1.1"), points=Decimal(5), by=world.officer)

    with pytest.raises(services.ScorecardConflict):
        services.entry_record(
            entry=entry(card, "1.2"), points=Decimal(5), by=world.cq_head, expected_revision=seen
        )


def test_a_page_of_scores_is_saved_all_or_nothing(world, table):
    card = own(world, table)
    answers = {
        entry(card, "1.1").pk: {"points": Decimal(25)},
        entry(card, "1.2").pk: {"points": Decimal(99)},
    }

    with pytest.raises(services.EntriesRefused) as caught:
        services.entries_record(card=card, answers=answers, by=world.officer)

    assert list(caught.value.by_entry) == [entry(card, "1.2").pk]
    assert entry(card, "1.1").points is None


# ---- submission --------------------------------------------------------------------------------
def test_submitting_is_refused_until_every_criterion_is_scored(world, table):
    card = own(world, table)
    services.entry_record(entry=entry(card, "1.1"), points=Decimal(0), by=world.officer)

    error = refused(services.card_submit, card=card, by=world.officer)

    assert error.code == "incomplete"
    assert "1.2 Tiêu chí 1.2" in error.messages[0] and "P.1" in error.messages[0]
    assert "1.1 " not in error.messages[0]


def test_a_complete_card_is_submitted_with_an_event(world, table):
    card = submitted(world, table)

    assert card.status == S.SUBMITTED and card.submitted_at is not None and not card.is_late
    assert card.events.get().action == ScorecardEvent.Action.SUBMITTED


def test_a_card_submitted_after_its_due_date_is_marked_late(world, table):
    table.self_due_on = dt.date(2024, 1, 10)
    table.save()
    card = fill(own(world, table), world.officer)

    card = services.card_submit(
        card=card, by=world.officer, now=dt.datetime(2024, 1, 11, 8, tzinfo=HANOI)
    )

    assert card.is_late


def test_a_submitted_card_cannot_be_changed(world, table):
    card = submitted(world, table)

    error = refused(
        services.entry_record, entry=entry(card, "1.1"), points=Decimal(1), by=world.officer,
        reason="Nhầm",
    )  # fmt: skip

    assert error.code == "locked"


def test_after_submission_a_change_needs_a_reason(world, table):
    card = cross(world, table)
    fill(card, world.leader_officer)
    services.card_submit(card=card, by=world.leader_officer)
    services.card_reopen(card=card, by=world.secretary, reason="Chấm nhầm tiêu chí 1.1")

    error = refused(
        services.entry_record, entry=entry(card, "1.1"), points=Decimal(5),
        by=world.leader_officer,
    )  # fmt: skip

    assert error.message_dict == {
        "reason": ["This card has been submitted: say why the score changes."]
    }


def test_the_history_keeps_the_old_score_beside_the_reason(world, table):
    card = cross(world, table)
    fill(card, world.leader_officer)
    services.card_submit(card=card, by=world.leader_officer)
    services.card_reopen(card=card, by=world.secretary, reason="Chấm nhầm")

    services.entry_record(
        entry=entry(card, "1.1"), points=Decimal(5), by=world.leader_officer,
        reason="Thiếu minh chứng",
    )  # fmt: skip

    change = selectors.score_history(card)[0]
    assert (change["criterion"], change["old"], change["new"]) == ("1.1", "10.00", "5.00")
    assert change["reason"] == "Thiếu minh chứng" and change["who"] == world.leader_officer


# ---- cross cards: final, reopened, recused -----------------------------------------------------
def test_a_submitted_cross_card_is_final_until_the_leader_reopens_it(world, table):
    card = cross(world, table)
    fill(card, world.leader_officer)
    services.card_submit(card=card, by=world.leader_officer)

    reopened = services.card_reopen(card=card, by=world.secretary, reason="Sai tiêu chí 1.2")

    assert reopened.status == S.DRAFT
    assert card.events.last().action == ScorecardEvent.Action.REOPENED


def test_reopening_needs_a_reason(world, table):
    card = cross(world, table)
    fill(card, world.leader_officer)
    services.card_submit(card=card, by=world.leader_officer)

    error = refused(services.card_reopen, card=card, by=world.secretary, reason=" ")

    assert error.code == "reason"


def test_a_cross_scorer_with_a_conflict_is_recused_and_never_counts(world, table):
    card = cross(world, table, unit=world.dn, scorer=world.cq)

    services.card_recuse(card=card, by=world.officer, conflict="Thủ trưởng hai đơn vị là vợ chồng")

    card.refresh_from_db()
    assert card.status == S.RECUSED and card.conflict.startswith("Thủ trưởng")
    assert selectors.cross_totals_about(own(world, table, world.dn)) == []
    assert refused(services.card_submit, card=card, by=world.officer).code == "transition"


def test_recusal_needs_the_conflict_to_be_named(world, table):
    card = cross(world, table, unit=world.dn, scorer=world.cq)

    error = refused(services.card_recuse, card=card, by=world.officer, conflict="")

    assert error.message_dict == {"conflict": ["Say what the conflict of interest is."]}


def test_a_unit_cannot_step_aside_from_its_own_card(world, table):
    error = refused(services.card_recuse, card=own(world, table), by=world.officer, conflict="x")

    assert "only a cross scorer can step aside" in error.messages[0]


def test_the_scored_unit_sees_the_totals_of_submitted_cross_cards(world, table):
    card = cross(world, table)
    fill(card, world.leader_officer)
    services.card_submit(card=card, by=world.leader_officer)

    assert selectors.cross_totals_about(own(world, table)) == [10 + 10 + 10 + 4]


# ---- evidence and the published ranking ---------------------------------------------------------
def test_a_file_backs_a_score_while_the_card_can_change(world, table, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = entry(own(world, table), "1.1")

    evidence = services.evidence_add(
        entry=item, upload=SimpleUploadedFile("bien-ban.pdf", PDF), by=world.officer
    )

    assert evidence.entry == item and evidence.content_type == "application/pdf"


def test_no_file_is_added_to_a_submitted_card(world, table, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    card = submitted(world, table)

    error = refused(
        services.evidence_add, entry=entry(card, "1.1"),
        upload=SimpleUploadedFile("bien-ban.pdf", PDF), by=world.officer,
    )  # fmt: skip

    assert error.code == "locked"


def test_cards_no_longer_change_once_the_ranking_is_published(world, table):
    card = own(world, table)
    Ranking.objects.create(table=table, status=Ranking.Status.PUBLISHED)

    error = refused(services.entry_record, entry=entry(card, "1.1"), points=1, by=world.officer)

    assert error.code == "published"
