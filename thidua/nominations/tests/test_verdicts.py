"""The verdict stored on a dossier: the pack and version that gave it, the earlier awards it
counted (for a later revocation), the initiatives it uses, and the public posting."""

from datetime import date

from thidua.awards.services import award_record_add, initiative_add, rating_set
from thidua.eligibility import select_pack
from thidua.nominations.models import Posting
from thidua.nominations.services import dossiers as services
from thidua.nominations.services.verdicts import verdict_refresh
from thidua.nominations.tests.factories import award, proposal
from thidua.nominations.tests.test_dossiers import nominate


def outcome(dossier, rule: str) -> dict:
    dossier.refresh_from_db()
    return next(o for o in dossier.verdict["outcomes"] if o["rule"] == rule)


def test_the_verdict_is_stored_with_the_pack_and_version_that_gave_it(world):
    dossier = nominate(world)
    pack = select_pack(2023, date.today())
    assert (dossier.pack, dossier.pack_version) == (pack.id, pack.version_label)
    assert dossier.verdict["status"] == dossier.verdict_status
    assert dossier.verdict_at is not None


def test_a_submitted_proposal_is_judged_by_the_pack_in_force_when_it_was_submitted(world):
    batch = proposal(world, submitted_on=date(2024, 6, 1))
    assert nominate(world, batch).pack == "law2022-nd98"


def test_the_verdict_records_the_earlier_awards_it_counted_as_prerequisites(world):
    def record(code, year, **values):
        return award_record_add(award=award(code), year=year, person=world.dn_person, by=None,
                                **values)  # fmt: skip

    counted = {record("CSTD_BO", 2020), record("CSTD_BO", 2023)}
    record("CSTD_BO", 2010)  # before the six-year report period
    record("CSTD_BO", 2021, revoked=True)
    record("BK_BO", 2022)  # not a prerequisite of the national title
    dossier = nominate(world, proposal(world, route="government"), code="CSTDTQ")
    assert set(dossier.relied_on.all()) == counted


def test_the_initiative_the_verdict_uses_is_recorded_when_none_was_chosen(world):
    rating_set(person=world.dn_person, year=2023, rating="HTT", by=None)
    item = initiative_add(
        person=world.dn_person, by=None, title="Phần mềm quản lý hồ sơ", year=2023, scope="unit"
    )
    dossier = nominate(world, code="CSTDCS")
    assert dossier.verdict["consumes"] == [str(item.pk)]
    assert list(dossier.initiatives.all()) == [item]


def test_the_initiatives_the_unit_chose_are_kept(world):
    rating_set(person=world.dn_person, year=2023, rating="HTT", by=None)
    chosen = initiative_add(
        person=world.dn_person, by=None, title="Sổ tay nghiệp vụ", year=2022, scope="unit"
    )
    initiative_add(person=world.dn_person, by=None, title="Phần mềm", year=2023, scope="unit")
    dossier = services.dossier_add(
        batch=proposal(world), award=award("CSTDCS"), person=world.dn_person,
        initiatives=[chosen], by=None,
    )  # fmt: skip
    assert list(dossier.initiatives.all()) == [chosen]


def test_the_public_posting_of_the_proposal_is_part_of_the_facts(world):
    dossier = nominate(world, proposal(world, route="government"), code="CSTDTQ")
    assert outcome(dossier, "cstdtq.posting")["message"] == "posting.missing"
    Posting.objects.create(
        batch=dossier.batch, title="Công khai", opened_on=date(2024, 1, 8), working_days=10,
        ends_on=date(2024, 1, 19),
    )  # fmt: skip
    verdict_refresh(dossier=dossier)
    posted = outcome(dossier, "cstdtq.posting")
    assert (posted["message"], posted["params"]["start"]) == ("posting.open", "2024-01-08")
