"""The second half of a cluster's year in Debian's Chromium, in Vietnamese: five officers score
their own units, the leader reviews (one card goes back for an explanation) and publishes the
ranking, prepares the ballot from it, the vote for the leading unit ties and goes to a re-vote,
and the minutes show both rounds.

The twenty cross cards, and the votes on next year's leader and deputy, go through the services
to keep the journey short; every step the issue names happens in the browser."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from thidua.ballots.models import BallotSession, Question
from thidua.ballots.services import rounds, voting
from thidua.org import services as org_services
from thidua.org.models import RoleAssignment
from thidua.org.tests.factories import UnitFactory, UserFactory
from thidua.scoring.models import Scorecard
from thidua.scoring.services import scorecards
from thidua.scoring.tests.factories import criteria_table

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LAYOUT = [
    ("I", "regular", [("1.1", "graded", "60"), ("1.2", "graded", "40")]),
    ("T", "bonus", [("T.1", "graded", "10")]),
]


def vi(message: str, **values: str) -> str:
    with translation.override("vi"):
        text = gettext(message)
    return text % values if values else text


@pytest.fixture
def cluster_year(world, settings):
    """Cụm 6 with five members, each with its officer, a leader's officer of its own, and last
    year's criteria table."""
    settings.THIDUA_TWO_FACTOR_POLICY = ""
    w = world
    w.units = [w.dn, w.cq]
    w.officers = {w.dn: w.leader_officer, w.cq: w.officer}
    for number in (3, 4, 5):
        unit = UnitFactory(name=f"Cục Tổ chức số {number}", parent=w.sector)
        org_services.cluster_member_add(
            cluster=w.cluster6, unit=unit, joined_on=dt.date(2021, 1, 1), by=None
        )
        officer = UserFactory(username=f"officer{number}")
        org_services.role_assign(
            user=officer, role=RoleAssignment.Role.UNIT_OFFICER, unit=unit, by=None
        )
        w.units.append(unit)
        w.officers[unit] = officer
    w.chief = UserFactory(username="cum6")
    org_services.role_assign(
        user=w.chief, role=RoleAssignment.Role.CLUSTER_OFFICER, cluster=w.cluster6, by=None
    )
    w.year = timezone.localdate().year - 1
    w.table = criteria_table(w.cluster6, w.year, layout=LAYOUT)
    return w


def fill_cross_cards(w) -> None:
    for card in Scorecard.objects.filter(table=w.table, kind="cross"):
        level = Decimal("0.9") if card.unit.name.endswith("3") else Decimal("0.8")
        answers = {
            e.pk: {"points": e.criterion.max_points * level}
            for e in card.entries.select_related("criterion")
        }
        scorecards.entries_record(card=card, by=None, answers=answers)
        scorecards.card_submit(card=card, by=None)


def score_own_card(page: Page, url: str, card: Scorecard, points: dict[str, str]) -> None:
    page.goto(f"{url}/scoring/cards/{card.pk}/")
    for code, value in points.items():
        page.locator(f'tr[data-testid="line-{code}"] input').first.fill(value)
    page.locator("[data-testid=submit]").click()
    expect(page.locator("#main")).to_contain_text(vi("Submitted"))


def cast(page: Page, url: str, session: BallotSession, rnd, name: str) -> None:
    page.goto(f"{url}/ballots/sessions/{session.pk}/")
    page.locator(f'[data-testid="round-{rnd.pk}"] [data-testid=vote-link]').click()
    page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name=vi("Next: check my choice")).click()
    page.locator("[data-testid=cast]").click()
    expect(page.locator("[data-testid=receipt]")).to_have_text(re.compile(r"\w{4}-\w{4}"))


def close_round(page: Page, url: str, rnd) -> None:
    page.goto(f"{url}/ballots/rounds/{rnd.pk}/close/")
    page.locator("#id_confirm").check()
    page.get_by_role("button", name=vi("Close the round and count")).click()


def test_the_year_end_from_scoring_to_the_minutes_of_a_re_vote(cluster_year, as_user, live_server):
    w, url = cluster_year, live_server.url
    chief = as_user("cum6")
    chief.goto(f"{url}/scoring/tables/{w.table.pk}/board/")
    chief.locator("[data-testid=cards-ensure]").click()
    expect(chief.locator("[data-testid=board]")).to_be_visible()
    fill_cross_cards(w)

    # Five officers score their own unit.
    pages = {unit: as_user(w.officers[unit].username) for unit in w.units}
    for n, unit in enumerate(w.units):
        own = Scorecard.objects.get(table=w.table, kind="self", unit=unit)
        score_own_card(pages[unit], url, own, {"1.1": str(50 + n), "1.2": "35", "T.1": "2"})

    # The leader returns the second unit's card; the unit explains; the leader accepts it.
    cards = {c.unit: c for c in Scorecard.objects.filter(table=w.table, kind="self")}
    chief.goto(f"{url}/scoring/cards/{cards[w.cq].pk}/review/")
    chief.locator('tr[data-testid="review-1.1"] textarea').first.fill("Đề nghị bổ sung minh chứng.")
    chief.locator("[data-testid=return]").click()
    pages[w.cq].goto(f"{url}/scoring/cards/{cards[w.cq].pk}/")
    pages[w.cq].locator("[data-testid=explain-form] textarea").first.fill("Đã bổ sung danh mục.")
    pages[w.cq].get_by_role("button", name=vi("Send the explanation")).click()
    for unit in w.units:
        chief.goto(f"{url}/scoring/cards/{cards[unit].pk}/review/")
        chief.locator("[data-testid=accept]").click()
        expect(chief.locator("#main")).to_contain_text(vi("Accepted"))

    # The ranking: hidden from members until the leader publishes it.
    chief.goto(f"{url}/scoring/tables/{w.table.pk}/ranking/")
    chief.locator("[data-testid=compute]").click()
    member = pages[w.units[4]]
    member.goto(f"{url}/scoring/tables/{w.table.pk}/ranking/")
    expect(member.locator("[data-testid=not-published]")).to_be_visible()
    expect(member.locator("[data-testid=ranking-row]")).to_have_count(0)
    chief.locator("[data-testid=publish-form] input[type=checkbox]").check()
    chief.get_by_role("button", name=vi("Publish the ranking")).click()
    member.reload()
    expect(member.locator("[data-testid=ranking-row]")).to_have_count(5)

    # The ballot, prepared from the ranking.
    chief.get_by_role("button", name=vi("Prepare the ballot from this ranking")).click()
    chief.locator("[data-testid=open-voting]").click()
    session = BallotSession.objects.get(cluster=w.cluster6, year=w.year)
    leading = session.questions.get(kind=Question.Kind.LEADING_UNIT)
    first = leading.rounds.get()
    u3, u4, u5 = w.units[2:]
    tie = {w.dn: u3, w.cq: u4, u3: u4, u4: u3, u5: w.dn}  # 2 – 2 – 1: nobody over half
    for voter_unit, choice in tie.items():
        cast(pages[voter_unit], url, session, first, choice.name)
    close_round(chief, url, first)
    expect(chief.locator(f'[data-testid="round-{first.pk}"]')).to_contain_text(u3.name)
    chief.locator(f'form[action$="/rounds/{first.pk}/revote/"] [name$=reason]').fill(
        "Hai đơn vị bằng phiếu."
    )
    chief.get_by_role("button", name=vi("Open the re-vote")).click()

    second = leading.rounds.get(number=2)
    again = {w.dn: u3, w.cq: u3, u3: u4, u4: u3, u5: u4}  # 3 – 2: u3 over half
    for voter_unit, choice in again.items():
        cast(pages[voter_unit], url, session, second, choice.name)
    close_round(chief, url, second)
    expect(chief.locator(f'[data-testid="question-{leading.pk}"]')).to_contain_text(
        vi("Outcome: %(names)s.", names=u3.name)
    )

    # Next year's leader and deputy (through the services), then the session closes.
    for kind in (Question.Kind.NEXT_LEADER, Question.Kind.NEXT_DEPUTY):
        rnd = session.questions.get(kind=kind).rounds.get()
        pick = rnd.candidates.order_by("label").first()
        for voter in session.voters.exclude(unit=pick.unit):
            voting.ballot_cast(round=rnd, voter=voter, candidate_ids=[pick.pk], by=None)
        rounds.round_close(round=rnd, by=w.chief)
    chief.goto(f"{url}/ballots/sessions/{session.pk}/close/")
    chief.locator("#id_confirm").check()
    chief.get_by_role("button", name=vi("Close the session")).click()
    expect(chief.locator("[data-testid=session-status]")).to_have_text(vi("Closed"))

    # The minutes show both rounds of the leading-unit vote, and the members can read them.
    member.goto(f"{url}/ballots/sessions/{session.pk}/minutes/")
    minutes = member.locator("[data-testid=minutes-round]")
    second_round = vi("Round %(number)s: %(reason)s", number="2", reason="Hai đơn vị bằng phiếu.")
    expect(minutes.filter(has_text=second_round)).to_have_count(1)
    expect(member.locator("body")).to_contain_text(u3.name)
