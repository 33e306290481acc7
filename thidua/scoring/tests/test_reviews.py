"""Review rounds of a unit's own card: the leader returns it with remarks, the unit explains and
may correct scores with a reason, the leader accepts, setting points with a reason; at most as
many rounds as the cluster allows."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from thidua.core.errors import DomainError
from thidua.scoring.models import ReviewComment, Scorecard, ScorecardEvent
from thidua.scoring.selectors import scorecards as selectors
from thidua.scoring.services import reviews
from thidua.scoring.services import scorecards as services
from thidua.scoring.tests.factories import criteria_table
from thidua.scoring.tests.test_scorecards import cross, entry, fill, submitted

S = Scorecard.Status
A = ScorecardEvent.Action


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def table(world):
    return criteria_table(world.cluster6, 2023)


def returned(world, card, text="Thiếu minh chứng cho tiêu chí 1.1", proposed=None):
    criterion = entry(card, "1.1").criterion
    return reviews.card_return(card=card, by=world.secretary, remarks=[(criterion, text, proposed)])


def explained(world, card, text="Đã bổ sung biên bản"):
    return reviews.card_explain(
        card=card, by=world.officer, explanations=[(entry(card, "1.1").criterion, text)]
    )


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


def test_a_card_goes_round_return_explain_accept(world, table):
    card = submitted(world, table)

    card = returned(world, card, proposed=Decimal(8))
    services.entry_record(
        entry=entry(card, "1.1"), points=Decimal(9), by=world.officer, reason="Theo nhận xét"
    )
    card = explained(world, card)
    card = reviews.card_accept(
        card=card, by=world.secretary, adjustments=[(entry(card, "1.1"), Decimal(8), "Đã rà soát")]
    )

    assert (card.status, card.review_round) == (S.ACCEPTED, 1)
    assert [e.action for e in card.events.all()] == [
        A.SUBMITTED,
        A.RETURNED,
        A.EXPLAINED,
        A.ACCEPTED,
    ]
    assert entry(card, "1.1").points == 8
    (round_one,) = selectors.review_rounds(card)
    assert round_one["remarks"][0].proposed_points == 8
    assert round_one["answers"][0].text == "Đã bổ sung biên bản"


def test_the_reviewers_adjustment_is_audited_with_the_units_score(world, table):
    card = submitted(world, table)

    reviews.card_accept(
        card=card, by=world.secretary, adjustments=[(entry(card, "1.1"), Decimal(4), "Quá cao")]
    )

    change = selectors.score_history(card)[0]
    assert (change["old"], change["new"], change["reason"]) == ("10.00", "4.00", "Quá cao")
    assert change["who"] == world.secretary


def test_an_adjustment_needs_a_reason(world, table):
    card = submitted(world, table)

    error = refused(
        reviews.card_accept, card=card, by=world.secretary,
        adjustments=[(entry(card, "1.1"), Decimal(4), "")],
    )  # fmt: skip

    assert error.code == "reason"
    card.refresh_from_db()
    assert card.status == S.SUBMITTED and entry(card, "1.1").points == 10


def test_an_adjustment_above_the_maximum_is_refused(world, table):
    card = submitted(world, table)

    error = refused(
        reviews.card_accept, card=card, by=world.secretary,
        adjustments=[(entry(card, "1.2"), Decimal(21), "Thưởng")],
    )  # fmt: skip

    assert "from 0 to 20 points" in error.messages[0]


def test_returning_needs_at_least_one_remark(world, table):
    card = submitted(world, table)

    error = refused(reviews.card_return, card=card, by=world.secretary, remarks=[(None, " ", None)])

    assert error.code == "remarks"


def test_proposed_points_need_a_reason(world, table):
    card = submitted(world, table)

    error = refused(returned, world=world, card=card, text="", proposed=Decimal(5))

    assert "Say why you propose 5.00 points for 1.1." in error.messages


def test_a_card_may_be_returned_a_second_time_but_not_a_third(world, table):
    card = explained(world, returned(world, submitted(world, table)))
    card = explained(world, returned(world, card, text="Chưa đủ"))

    error = refused(returned, world=world, card=card)

    assert card.review_round == 2 and error.code == "rounds"


def test_a_cluster_allowing_one_round_refuses_a_second(world, table):
    world.cluster6.policy = {"review_rounds": 1}
    world.cluster6.save()
    card = explained(world, returned(world, submitted(world, table)))

    error = refused(returned, world=world, card=card)

    assert "returned 1 times" in error.messages[0]


def test_the_unit_cannot_change_scores_once_it_has_explained(world, table):
    card = explained(world, returned(world, submitted(world, table)))

    error = refused(
        services.entry_record, entry=entry(card, "1.1"), points=Decimal(1), by=world.officer,
        reason="Sửa",
    )  # fmt: skip

    assert error.code == "locked"


def test_a_change_while_returned_needs_a_reason(world, table):
    card = returned(world, submitted(world, table))

    error = refused(services.entry_record, entry=entry(card, "1.1"), points=1, by=world.officer)

    assert error.code == "reason"


def test_an_explanation_needs_words(world, table):
    card = returned(world, submitted(world, table))

    error = refused(explained, world=world, card=card, text="  ")

    assert error.code == "empty"


def test_an_explanation_after_the_due_date_is_marked_late(world, table):
    table.explanation_due_on = dt.date(2024, 1, 20)
    table.save()
    card = returned(world, submitted(world, table))

    with time_machine.travel("2024-01-22 09:00 +07:00", tick=False):
        explained(world, card)

    assert card.events.get(action=A.EXPLAINED).reason.startswith("Sent after the due date (")


def test_cross_cards_are_not_reviewed(world, table):
    card = cross(world, table)
    fill(card, world.leader_officer)
    services.card_submit(card=card, by=world.leader_officer)

    error = refused(reviews.card_accept, card=card, by=world.secretary)

    assert error.code == "kind"


def test_a_draft_card_cannot_be_accepted(world, table):
    card = fill(cross(world, table, unit=world.cq, scorer=world.dn), world.leader_officer)
    own = table.scorecards.get(unit=world.cq, kind="self")

    error = refused(reviews.card_accept, card=own, by=world.secretary)

    assert error.code == "transition" and card.status == S.DRAFT


def test_remarks_are_kept_per_round_and_side(world, table):
    card = explained(world, returned(world, submitted(world, table)))

    sides = list(card.comments.values_list("review_round", "side"))

    assert sides == [(1, ReviewComment.Side.REVIEWER), (1, ReviewComment.Side.UNIT)]


def test_a_returned_card_waits_for_the_units_explanation_until_the_due_date(world, table):
    table.explanation_due_on = dt.date(2024, 1, 20)
    table.save()
    card = returned(world, submitted(world, table))

    with time_machine.travel("2024-01-20 09:00 +07:00", tick=False):
        error = refused(reviews.card_accept, card=card, by=world.secretary)

    assert error.code == "awaiting_explanation"


def test_after_the_due_date_the_leader_accepts_a_card_left_unexplained(world, table):
    table.explanation_due_on = dt.date(2024, 1, 20)
    table.save()
    card = returned(world, submitted(world, table))

    with time_machine.travel("2024-01-21 09:00 +07:00", tick=False):
        card = reviews.card_accept(card=card, by=world.secretary)

    assert card.status == S.ACCEPTED
    assert "20/01/2024" in card.events.get(action=A.ACCEPTED).reason


def test_without_a_due_date_a_returned_card_waits_for_its_explanation(world, table):
    card = returned(world, submitted(world, table))

    assert refused(reviews.card_accept, card=card, by=world.secretary).code == (
        "awaiting_explanation"
    )
