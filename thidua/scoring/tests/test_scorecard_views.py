"""Scorecard pages: a unit fills in and submits its cards, the cluster leader reviews the self
cards (never their own unit's), and nobody opens a card they should not see."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.tests.helpers import sign_in
from thidua.scoring.models import Scorecard
from thidua.scoring.services import reviews
from thidua.scoring.services import scorecards as services
from thidua.scoring.tests.factories import criteria_table
from thidua.scoring.tests.test_scorecards import PDF, cross, entry, fill, own, submitted

S = Scorecard.Status


@pytest.fixture
def table(world):
    return criteria_table(world.cluster6, 2023)


def url(card, action: str = "") -> str:
    return f"/scoring/cards/{card.pk}/{action + '/' if action else ''}"


def scores(card, revision=None, **answers) -> dict:
    """The card form's data as the page posts it: every answer as it stands, with `answers`
    (by criterion code, e.g. points_1_1="25") typed over them."""
    card.refresh_from_db()
    data = {"revision": card.revision if revision is None else revision, "reason": ""}
    for item in card.entries.select_related("criterion"):
        kind = item.criterion.kind
        if kind == "pass_fail" and item.passed is not None:
            data[f"passed_{item.pk}"] = "1" if item.passed else "0"
        elif kind == "per_occurrence" and item.occurrences is not None:
            data[f"occurrences_{item.pk}"] = item.occurrences
        elif kind == "graded" and item.points is not None:
            data[f"points_{item.pk}"] = str(item.points)
    for key, value in answers.items():
        name, code = key.split("_", 1)
        data[f"{name}_{entry(card, code.replace('_', '.')).pk}"] = value
    return data


# ---- my cards ----------------------------------------------------------------------------------
def test_my_scorecards_lists_the_cards_my_unit_fills_in(client, world, table):
    services.cards_ensure(table=table, by=world.leader_officer)
    sign_in(client, world.officer)

    response = client.get("/scoring/cards/")

    listed = {(row.card.unit_id, row.card.scorer_id) for row in response.context["rows"]}
    assert listed == {(world.cq.pk, world.cq.pk), (world.dn.pk, world.cq.pk)}


# ---- filling in --------------------------------------------------------------------------------
def test_the_officer_saves_scores_from_the_card_page(client, world, table):
    card = own(world, table)
    sign_in(client, world.officer)

    response = client.post(url(card), scores(card, points_1_1="25,5", passed_2_1="0"))

    assert response.status_code == 302 and response.url == url(card)
    assert entry(card, "1.1").points == Decimal("25.5")
    assert entry(card, "2.1").passed is False and entry(card, "2.1").points == 0


def test_a_score_above_the_maximum_is_refused_beside_it_and_the_typed_value_stays(
    client, world, table
):
    card = own(world, table)
    sign_in(client, world.officer)

    response = client.post(url(card), scores(card, points_1_1="12", points_1_2="25"))

    form = response.context["form"]
    assert response.status_code == 200
    assert form.has_error(f"points_{entry(card, '1.2').pk}")
    assert 'value="25"' in response.content.decode()
    assert entry(card, "1.1").points is None  # all or nothing


def test_save_and_submit_sends_a_complete_card(client, world, table):
    card = fill(own(world, table), world.officer)
    sign_in(client, world.officer)

    response = client.post(url(card, "submit"), scores(card, points_1_1="0"))

    card.refresh_from_db()
    assert response.status_code == 302 and card.status == S.SUBMITTED
    assert entry(card, "1.1").points == 0


def test_an_incomplete_card_is_not_submitted_and_the_missing_criteria_are_named(
    client, world, table
):
    card = own(world, table)
    sign_in(client, world.officer)

    response = client.post(url(card, "submit"), scores(card, points_1_1="3"), follow=True)

    card.refresh_from_db()
    assert card.status == S.DRAFT and entry(card, "1.1").points == 3
    page = response.content.decode()
    assert 'data-testid="missing"' in page and "Tiêu chí 1.2" in page


def test_a_unit_cannot_fill_in_another_units_card(client, world, table):
    card = own(world, table, unit=world.dn)
    sign_in(client, world.officer)

    assert client.get(url(card)).status_code == 404
    assert client.post(url(card), scores(card, points_1_1="30")).status_code == 404


def test_the_cluster_leader_sees_a_card_but_does_not_fill_it_in(client, world, table):
    card = own(world, table)
    sign_in(client, world.leader_officer)

    assert client.get(url(card)).status_code == 200
    assert client.post(url(card), scores(card, points_1_1="30")).status_code == 403


def test_an_outsider_cannot_open_a_card(client, world, table):
    sign_in(client, world.outsider)

    assert client.get(url(own(world, table))).status_code == 404


def test_the_scored_unit_sees_its_cross_totals_but_not_the_cross_card(client, world, table):
    card = fill(cross(world, table), world.leader_officer)
    services.card_submit(card=card, by=world.leader_officer)
    sign_in(client, world.officer)

    assert client.get(url(card)).status_code == 404
    page = client.get(url(own(world, table))).content.decode()
    assert 'data-testid="cross-totals">34<' in page


def test_a_cross_scorer_steps_aside_with_the_conflict_named(client, world, table):
    card = cross(world, table, unit=world.dn, scorer=world.cq)
    sign_in(client, world.officer)

    empty = client.post(url(card, "recuse"), {"conflict": ""})
    done = client.post(url(card, "recuse"), {"conflict": "Hai thủ trưởng là anh em ruột"})

    assert empty.context["form"].has_error("conflict")
    card.refresh_from_db()
    assert done.status_code == 302 and card.status == S.RECUSED


# ---- review ------------------------------------------------------------------------------------
def test_the_leaders_officer_cannot_review_their_own_units_card(client, world, table):
    card = submitted(world, table, unit=world.dn, by=world.leader_officer)
    sign_in(client, world.leader_officer)

    assert client.get(url(card, "review")).status_code == 403
    assert client.post(url(card, "accept"), {}).status_code == 403


def test_a_member_cannot_review_its_own_card(client, world, table):
    card = submitted(world, table)
    sign_in(client, world.officer)

    assert client.get(url(card, "review")).status_code == 403


def test_a_card_goes_round_the_review_through_the_pages(client, world, table):
    card = submitted(world, table)
    item = entry(card, "1.1")
    sign_in(client, world.leader_officer)
    assert 'data-testid="review-1.1"' in client.get(url(card, "review")).content.decode()
    client.post(url(card, "review"), {f"remark_{item.pk}": "Thiếu biên bản", "remark": ""})
    card.refresh_from_db()
    assert (card.status, card.review_round) == (S.RETURNED, 1)

    sign_in(client, world.officer)
    assert 'data-testid="explain-form"' in client.get(url(card)).content.decode()
    client.post(url(card, "explain"), {f"explain_{item.pk}": "Đã bổ sung", "general": ""})
    card.refresh_from_db()
    assert card.status == S.EXPLAINED

    sign_in(client, world.leader_officer)
    response = client.post(
        url(card, "accept"), {f"remark_{item.pk}": "Trừ 2 điểm", f"proposed_{item.pk}": "8"}
    )
    card.refresh_from_db()
    assert response.status_code == 302 and card.status == S.ACCEPTED
    assert entry(card, "1.1").points == 8


def test_returning_without_a_remark_is_refused_on_the_review_page(client, world, table):
    card = submitted(world, table)
    client.cookies["django_language"] = "en"  # the assertion reads the English msgid
    sign_in(client, world.leader_officer)

    response = client.post(url(card, "review"), {"remark": ""})

    assert response.status_code == 200
    assert "Write at least one remark" in response.content.decode()


def test_the_leader_reopens_a_submitted_cross_card_with_a_reason(client, world, table):
    card = fill(cross(world, table, unit=world.dn, scorer=world.cq), world.officer)
    services.card_submit(card=card, by=world.officer)
    sign_in(client, world.secretary)

    response = client.post(url(card, "reopen"), {"reason": "Chấm nhầm nhóm II"})

    card.refresh_from_db()
    assert response.status_code == 302 and card.status == S.DRAFT


# ---- the board ---------------------------------------------------------------------------------
def test_the_leader_hands_out_the_cards_from_the_board(client, world, table):
    sign_in(client, world.leader_officer)

    response = client.post(f"/scoring/tables/{table.pk}/cards/")

    assert response.status_code == 302 and table.scorecards.count() == 4
    board = client.get(f"/scoring/tables/{table.pk}/board/")
    assert len(board.context["rows"]) == 2 and len(board.context["scorers"]) == 2


def test_a_member_sees_the_table_but_not_the_board(client, world, table):
    sign_in(client, world.officer)

    assert client.get(f"/scoring/tables/{table.pk}/board/").status_code == 403
    assert client.post(f"/scoring/tables/{table.pk}/cards/").status_code == 403


def test_an_outsider_does_not_find_the_board(client, world, table):
    sign_in(client, world.outsider)

    assert client.get(f"/scoring/tables/{table.pk}/board/").status_code == 404


# ---- evidence ----------------------------------------------------------------------------------
def test_a_file_is_attached_to_a_score_and_sent_back_as_an_attachment(
    client, world, table, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    card = own(world, table)
    item = entry(card, "1.1")
    sign_in(client, world.officer)

    client.post(
        url(card, "evidence"),
        {"entry": item.pk, "uploaded_file": SimpleUploadedFile("bien-ban.pdf", PDF)},
    )

    evidence = item.evidence.get()
    response = client.get(f"/scoring/evidence/{evidence.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    sign_in(client, world.outsider)
    assert client.get(f"/scoring/evidence/{evidence.pk}/").status_code == 404


# ---- the page in Vietnamese --------------------------------------------------------------------
def test_the_card_page_shows_rounds_and_history_in_vietnamese(client, world, table):
    card = submitted(world, table)
    reviews.card_accept(
        card=card, by=world.secretary, adjustments=[(entry(card, "1.1"), Decimal(7), "Rà soát")]
    )
    sign_in(client, world.officer)

    page = client.get(url(card)).content.decode()

    assert 'data-testid="history"' in page and "Rà soát" in page
    assert 'data-status="accepted"' in page
