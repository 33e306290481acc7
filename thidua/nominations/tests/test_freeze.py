"""A subject under review, inspection or complaint cannot be proposed (law.md b.0 #3, ND 152
Art. 4); a dossier made before the freeze shows the engine's deferred verdict and why."""

from datetime import date

import pytest

from thidua.awards.services import freeze_close, freeze_open
from thidua.core.errors import DomainError
from thidua.nominations.models import Dossier, Route
from thidua.nominations.services.appraisal import dossier_appraise
from thidua.nominations.services.verdicts import verdict_refresh
from thidua.nominations.tests.test_dossiers import nominate

OPENED = date(2024, 3, 4)


def freeze(world, **subject):
    return freeze_open(by=None, kind="review", opened_on=OPENED, **subject)


def test_a_person_under_review_cannot_be_proposed_and_the_refusal_says_why(world):
    freeze(world, person=world.dn_person)
    with pytest.raises(DomainError) as caught:
        nominate(world)
    message = caught.value.messages[0]
    assert (caught.value.code, caught.value.field) == ("frozen", "person")
    assert "Nguyễn Văn An" in message and "disciplinary review" in message
    assert "2024" in message


def test_a_collective_under_inspection_cannot_be_proposed(world):
    freeze_open(by=None, kind="inspection", opened_on=OPENED, unit=world.cq)
    with pytest.raises(DomainError) as caught:
        nominate(world, code="BK_BTCTW_TT", unit=world.cq)
    assert (caught.value.code, caught.value.field) == ("frozen", "unit")


def test_once_the_verification_is_closed_the_person_can_be_proposed(world):
    item = freeze(world, person=world.dn_person)
    freeze_close(freeze=item, closed_on=date(2024, 6, 1), by=None)
    assert nominate(world).status == Dossier.Status.INCLUDED


def test_a_dossier_made_before_a_freeze_shows_the_deferred_verdict_after_a_refresh(world):
    dossier = nominate(world)
    freeze(world, person=world.dn_person)
    verdict_refresh(dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.verdict_status == "deferred"
    why = [o for o in dossier.verdict["outcomes"] if o["result"] == "deferred"]
    assert [(o["message"], o["params"]["kind"], o["params"]["since"]) for o in why] == [
        ("freeze.open", "review", "2024-03-04")
    ]


def test_a_frozen_nominee_cannot_pass_appraisal_even_with_every_component(world):
    dossier = nominate(world)
    Route.objects.filter(pk=dossier.batch.route_id).update(components={"CSTDCS": []})
    freeze(world, person=world.dn_person)
    with pytest.raises(DomainError) as caught:
        dossier_appraise(
            dossier=dossier, by=world.secretary, checklist={}, note="", result="passed",
            override_reason="Đã xác minh",
        )  # fmt: skip
    assert caught.value.code == "frozen"
    dossier.refresh_from_db()
    assert dossier.appraisal == Dossier.Appraisal.PENDING
