"""Issued decisions are public to every signed-in caller; drafts never show through the API."""

import datetime as dt

import pytest

from thidua.api.tests.api_helpers import Api, ids
from thidua.nominations.services.decisions import decision_draft, decision_issue, line_add
from thidua.nominations.services.revocation import line_revoke
from thidua.nominations.tests.factories import award

pytestmark = pytest.mark.django_db


def draft(world):
    world.btctw.document_style, world.btctw.issuer_code = "party", "BTCTW"
    world.btctw.save()
    decision = decision_draft(
        by=world.secretary, issuer=world.btctw, abstract="Về việc tặng Bằng khen",
        place="Hà Nội", signer_name="Nguyễn Văn Bình",
    )  # fmt: skip
    line_add(decision=decision, award=award("CSTD_BO"), by=world.secretary, year=2023,
             person=world.dn_person)  # fmt: skip
    line_add(decision=decision, award=award("TTLDXS"), by=world.secretary, year=2023,
             unit=world.cq)  # fmt: skip
    return decision


def issued(world):
    decision = draft(world)
    return decision_issue(
        decision=decision, by=world.secretary, number=125, signed_on=dt.date(2024, 1, 5)
    )


def test_every_caller_lists_the_issued_decisions(world):
    decision = issued(world)
    response = Api(world.outsider).get("/decisions")
    assert response.status_code == 200
    assert ids(response) == [decision.pk]
    assert response.json()["items"][0]["number_text"] == "Số 125-QĐ/BTCTW"


def test_a_draft_is_not_listed_even_to_its_issuer(world):
    draft(world)
    assert ids(Api(world.secretary).get("/decisions")) == []


def test_a_draft_is_a_404(world):
    decision = draft(world)
    assert Api(world.secretary).get(f"/decisions/{decision.pk}").status_code == 404


def test_a_decision_shows_its_lines_and_total(world):
    decision = issued(world)
    response = Api(world.officer).get(f"/decisions/{decision.pk}")
    assert response.status_code == 200
    body = response.json()
    lines = [(line["award"], line["person_id"], line["unit_id"]) for line in body["lines"]]
    assert lines == [("CSTD_BO", world.dn_person.pk, None), ("TTLDXS", None, world.cq.pk)]
    assert body["signed_on"] == "2024-01-05"
    assert not any(line["revoked"] for line in body["lines"])


def test_a_revoked_line_says_so(world):
    decision = issued(world)
    line = decision.lines.order_by("order", "pk").first()
    line_revoke(
        line=line, by=world.secretary, ground="d", reason="Không đủ tiêu chuẩn",
        document_ref="Số 130-QĐ/BTCTW", revoked_on=dt.date(2024, 6, 1),
    )  # fmt: skip
    body = Api(world.officer).get(f"/decisions/{decision.pk}").json()
    assert [line["revoked"] for line in body["lines"]] == [True, False]


def test_decisions_may_be_narrowed_to_a_year(world):
    issued(world)
    assert ids(Api(world.officer).get("/decisions", year=2023)) == []
