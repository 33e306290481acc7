"""Warnings show, they do not block: duplicates, awards already held, an initiative used twice,
conflicting awards for one achievement, and President/Prime Minister awards in one proposal."""

from thidua.awards.services import award_record_add, initiative_add
from thidua.nominations.models import Batch
from thidua.nominations.services import dossiers as services
from thidua.nominations.services.warnings import batch_warnings, warning_text, warnings_compute
from thidua.nominations.tests.factories import award, proposal
from thidua.nominations.tests.test_dossiers import nominate


def codes(dossier) -> list[str]:
    dossier.refresh_from_db()
    return [w["code"] for w in dossier.warnings]


def an_initiative(world, **values):
    values = {"title": "Số hóa hồ sơ đảng viên", "year": 2023, "scope": "unit", **values}
    return initiative_add(person=world.dn_person, by=None, **values)


# ---- duplicate ---------------------------------------------------------------------------------
def test_the_same_award_proposed_in_two_live_proposals_is_a_duplicate_in_both(world):
    first = nominate(world)
    second = nominate(world, proposal(world, title="Tờ trình bổ sung"))
    assert codes(second) == ["duplicate"]
    assert codes(first) == ["duplicate"]
    assert "Tờ trình bổ sung" in warning_text(first.warnings[0])


def test_a_withdrawn_proposal_is_no_duplicate(world):
    withdrawn = nominate(world).batch
    Batch.objects.filter(pk=withdrawn.pk).update(status=Batch.Status.WITHDRAWN)
    assert codes(nominate(world, proposal(world))) == []


# ---- already held ------------------------------------------------------------------------------
def test_an_award_already_received_for_the_year_is_flagged_with_its_decision(world):
    award_record_add(
        award=award("CSTDCS"), year=2023, person=world.dn_person, by=None,
        decision_number="7/QĐ-BTCĐU",
    )  # fmt: skip
    dossier = nominate(world)
    assert codes(dossier) == ["already_held"]
    assert "7/QĐ-BTCĐU" in warning_text(dossier.warnings[0])


def test_a_revoked_award_is_not_held(world):
    award_record_add(award=award("CSTDCS"), year=2023, person=world.dn_person, by=None,
                     revoked=True)  # fmt: skip
    assert codes(nominate(world)) == []


# ---- initiative used ---------------------------------------------------------------------------
def test_an_initiative_that_grounded_an_award_outside_thidua_is_flagged(world):
    used = an_initiative(world, used_elsewhere="Bằng khen của UBND tỉnh 2023")
    dossier = services.dossier_add(
        batch=proposal(world), award=award("CSTDCS"), person=world.dn_person,
        initiatives=[used], by=None,
    )  # fmt: skip
    assert codes(dossier) == ["initiative_used"]
    assert "Bằng khen của UBND tỉnh 2023" in warning_text(dossier.warnings[0])


def test_an_initiative_that_grounded_an_award_on_record_is_flagged(world):
    used = an_initiative(world)
    award_record_add(award=award("LDTT"), year=2022, person=world.dn_person, by=None,
                     initiatives=[used])  # fmt: skip
    dossier = services.dossier_add(
        batch=proposal(world), award=award("CSTDCS"), person=world.dn_person,
        initiatives=[used], by=None,
    )  # fmt: skip
    assert codes(dossier) == ["initiative_used"]


def test_an_initiative_relied_on_by_another_live_nomination_is_flagged(world):
    item = an_initiative(world)
    services.dossier_add(
        batch=proposal(world), award=award("CSTDCS"), person=world.dn_person,
        initiatives=[item], by=None,
    )  # fmt: skip
    other = services.dossier_add(
        batch=proposal(world, year=2024), award=award("BK_BTCTW"), person=world.dn_person,
        initiatives=[item], by=None,
    )  # fmt: skip
    assert codes(other) == ["initiative_used"]


def test_a_fresh_initiative_raises_no_warning(world):
    dossier = services.dossier_add(
        batch=proposal(world), award=award("CSTDCS"), person=world.dn_person,
        initiatives=[an_initiative(world)], by=None,
    )  # fmt: skip
    assert warnings_compute(dossier) == []


# ---- conflicting -------------------------------------------------------------------------------
def test_the_same_nominee_twice_in_one_proposal_for_the_year_conflicts(world):
    batch = proposal(world)
    first = nominate(world, batch, code="LDTT")
    second = nominate(world, batch, code="CSTDCS")
    assert codes(first) == ["conflicting"]
    assert codes(second) == ["conflicting"]


def test_a_title_and_a_form_for_the_same_year_in_two_proposals_conflict(world):
    nominate(world, code="CSTDCS")
    dossier = nominate(world, proposal(world), code="BK_BTCTW")
    assert codes(dossier) == ["conflicting"]
    assert "Tờ trình" in warning_text(dossier.warnings[0])


def test_two_titles_in_two_proposals_are_not_a_conflict(world):
    nominate(world, code="LDTT")
    assert codes(nominate(world, proposal(world), code="CSTDCS")) == []


def test_a_title_and_a_form_for_different_years_do_not_conflict(world):
    nominate(world, code="CSTDCS")
    assert codes(nominate(world, proposal(world, year=2024), code="BK_BTCTW")) == []


# ---- mixed authority ---------------------------------------------------------------------------
def test_president_and_prime_minister_awards_in_one_proposal_are_flagged(world):
    batch = proposal(world, route="government")
    nominate(world, batch, code="HCLD_3")
    nominate(world, batch, code="BK_TTG", person=world.cq_person)
    warnings = batch_warnings(batch)
    assert [w["code"] for w in warnings] == ["mixed_authority"]
    assert warnings[0]["params"] == {"president": ["HCLD_3"], "prime_minister": ["BK_TTG"]}
    assert award("HCLD_3").name_en in warning_text(warnings[0])  # the reader's language


def test_prime_minister_awards_alone_raise_no_proposal_warning(world):
    batch = proposal(world, route="government")
    nominate(world, batch, code="BK_TTG")
    nominate(world, batch, code="CSTDTQ", person=world.cq_person)
    assert batch_warnings(batch) == []
