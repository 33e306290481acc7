"""The adapter reads the records the way the law counts them."""

import datetime as dt

from thidua.awards import services
from thidua.awards.facts import person_facts, policy_values, unit_facts
from thidua.awards.models import AwardType
from thidua.eligibility import Status, check
from thidua.org import services as org_services
from thidua.org.tests.factories import PersonFactory, UnitFactory

AS_OF = dt.date(2026, 1, 15)


def test_a_move_between_departments_of_one_agency_is_not_a_transfer(world):
    person = PersonFactory(unit=world.cq_dept, start_date=dt.date(2015, 1, 1))
    other_dept = UnitFactory(name="Phòng Đảng viên", parent=world.cq, kind="division")
    org_services.person_transfer(person=person, to_unit=other_dept, on=dt.date(2025, 8, 1), by=None)

    assert person_facts(person).transfers == ()


def test_a_move_to_another_agency_after_seven_months_waits_for_the_old_units_comment(world):
    person = PersonFactory(unit=world.cq_dept, start_date=dt.date(2015, 1, 1))
    org_services.person_transfer(person=person, to_unit=world.dn, on=dt.date(2025, 8, 1), by=None)
    services.rating_set(person=person, year=2025, rating="HTT", by=None)

    facts = person_facts(person)
    verdict = check(facts, "LDTT", 2025, as_of=AS_OF)

    assert [(t.months_at_old_unit, t.old_unit_comment) for t in facts.transfers] == [(7, False)]
    assert verdict.status is Status.PENDING_DOCUMENT


def test_the_unit_counts_come_from_the_people_on_its_roster_at_year_end(world):
    ldtt = AwardType.objects.get(code="LDTT")
    for person in (world.cq_person, PersonFactory(unit=world.cq_dept)):
        services.rating_set(person=person, year=2025, rating="HTT", by=None)
    services.award_record_add(award=ldtt, year=2025, person=world.cq_person, by=None)
    services.unit_year_set(unit=world.cq, year=2025, rating="HTT", by=None)

    year = unit_facts(world.cq).years[0]

    assert (year.roster, year.completed, year.ldtt) == (2, 2, 1)
    assert check(unit_facts(world.cq), "TTLDTT", 2025, as_of=AS_OF).status is Status.INELIGIBLE


def test_a_nearer_units_policy_wins_over_the_installations(world):
    services.policy_set(unit=None, values={"cstdcs_cap": "15%", "recruit_min_months": 6}, by=None)
    services.policy_set(unit=world.cq, values={"recruit_min_months": 5}, by=None)

    assert policy_values(world.cq_dept) == {"cstdcs_cap": "15%", "recruit_min_months": 5}
    assert policy_values(world.dn) == {"cstdcs_cap": "15%", "recruit_min_months": 6}
