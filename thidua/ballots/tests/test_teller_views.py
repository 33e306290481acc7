"""The tellers' page: the secretary ticks handed-in sheets, two different tellers type each sheet,
a disagreement is named and nothing of it is saved, the list says how far each sheet has got."""

import pytest
from django.urls import reverse

from thidua.ballots.models import Ballot, TellerEntry, VoterMark
from thidua.ballots.services import voting
from thidua.ballots.tests.test_session_views import meeting
from thidua.core.tests.helpers import sign_in


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def url(name: str, *args) -> str:
    return reverse(f"ballots:{name}", args=args)


def handed_in(world, m) -> None:
    """Both members handed in a paper sheet."""
    for line in (m.dn_line, m.cq_line):
        voting.paper_mark(round=m.round, voter=line, channel="paper", by=world.leader_officer)


def sheet(m, code: str, *candidates, valid: str = "yes") -> dict:
    return {
        "sheet": code, "channel": "paper", "candidates": [c.pk for c in candidates],
        "is_valid": valid,
    }  # fmt: skip


def test_an_outsider_gets_404_and_a_member_officer_403_on_the_tellers_page(client, world):
    m = meeting(world, open=True)

    sign_in(client, world.outsider)
    assert client.get(url("teller_entry", m.round.pk)).status_code == 404
    sign_in(client, world.officer)
    assert client.get(url("teller_entry", m.round.pk)).status_code == 403
    assert client.post(url("paper_mark", m.round.pk), {}).status_code == 403


def test_the_secretary_ticks_a_member_who_handed_in_a_sheet(en, world):
    m = meeting(world, open=True)
    sign_in(en, world.leader_officer)

    en.post(url("paper_mark", m.round.pk), {"voter": m.cq_line.pk, "channel": "paper"})

    assert VoterMark.objects.get(round=m.round).voter == m.cq_line
    page = en.get(url("teller_entry", m.round.pk)).text
    assert "Voted: Paper ballot at the meeting" in page
    assert "1 of 2 have voted." in page


def test_a_sheet_counts_once_a_second_teller_types_it_the_same_way(en, world):
    m = meeting(world, open=True)
    handed_in(world, m)

    sign_in(en, world.leader_officer)
    en.post(url("teller_entry", m.round.pk), sheet(m, "s1", m.dn))
    assert "1 of 2 entries" in en.get(url("teller_entry", m.round.pk)).text
    assert not Ballot.objects.exists()

    sign_in(en, world.secretary)
    response = en.post(url("teller_entry", m.round.pk), sheet(m, "S1", m.dn), follow=True)

    assert "both tellers agree" in response.text
    assert "Agreed: counted" in response.text
    assert Ballot.objects.get(round=m.round).receipt == "S1"


def test_a_disagreeing_entry_is_named_and_the_typed_sheet_shown_again(en, world):
    m = meeting(world, open=True)
    handed_in(world, m)
    sign_in(en, world.leader_officer)
    en.post(url("teller_entry", m.round.pk), sheet(m, "S1", m.dn))
    sign_in(en, world.secretary)

    response = en.post(url("teller_entry", m.round.pk), sheet(m, "S1", m.cq))

    assert response.status_code == 200
    assert "The two entries of sheet S1 disagree." in response.text
    assert 'value="S1"' in response.text
    assert response.context["form"]["candidates"].value() == [str(m.cq.pk)]
    assert TellerEntry.objects.filter(sheet="S1").count() == 1
    assert not Ballot.objects.exists()


def test_the_same_teller_cannot_type_a_sheet_twice(en, world):
    m = meeting(world, open=True)
    handed_in(world, m)
    sign_in(en, world.leader_officer)
    en.post(url("teller_entry", m.round.pk), sheet(m, "S1", m.dn))

    response = en.post(url("teller_entry", m.round.pk), sheet(m, "S1", m.dn))

    assert "another teller must type it" in response.text
    assert TellerEntry.objects.count() == 1


def test_a_sheet_with_more_names_than_seats_must_be_typed_as_invalid(en, world):
    m = meeting(world, open=True)
    handed_in(world, m)
    sign_in(en, world.leader_officer)

    response = en.post(url("teller_entry", m.round.pk), sheet(m, "S2", m.dn, m.cq))

    assert "the sheet is invalid" in response.text
    assert not TellerEntry.objects.exists()
