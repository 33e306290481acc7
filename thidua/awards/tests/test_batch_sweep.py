"""The set-based sweep over the database gives every subject the scalar engine's verdict."""

import datetime as dt

import pytest

from thidua.awards import services
from thidua.awards.models import AwardType, StoredVerdict
from thidua.awards.sweeps import scalar_verdicts, sweep_start
from thidua.core.jobs import run_job
from thidua.eligibility import select_pack
from thidua.org import services as org_services
from thidua.org.tests.factories import PersonFactory

AS_OF = dt.date(2026, 1, 15)


def award(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def rate(person, ratings: str, first: int = 2019) -> None:
    """ "HTXS HTT - HT" rates 2019, 2020, skips 2021, rates 2022."""
    for year, rating in enumerate(ratings.split(), start=first):
        if rating != "-":
            services.rating_set(person=person, year=year, rating=rating, by=None)


@pytest.fixture
def histories(world):
    """People whose verdicts differ for many reasons, in two units with their own years."""
    a = PersonFactory(unit=world.cq_dept, full_name="Đỗ Văn Tài")
    rate(a, "HTT HTT HTXS HTXS HTXS HTXS HTXS")
    init = services.initiative_add(person=a, by=None, title="Sáng kiến A", year=2024, scope="unit")
    services.initiative_add(person=a, by=None, title="Sáng kiến B", year=2025, scope="ministry")
    for year in (2023, 2024):
        services.award_record_add(award=award("CSTDCS"), year=year, person=a, by=None,
                                  limb="initiative" if year == 2024 else "htxs",
                                  initiatives=[init] if year == 2024 else [])  # fmt: skip
    services.award_record_add(award=award("BK_BO"), year=2019, person=a, by=None,
                              decision_date=dt.date(2020, 3, 1))  # fmt: skip

    b = PersonFactory(unit=world.cq_dept, full_name="Vũ Thị Hoa", gender="female")
    rate(b, "HTT HTT HTT HTT HTT HTT HTXS")
    org_services.leave_add(person=b, kind="maternity", start_date=dt.date(2025, 2, 1),
                           end_date=dt.date(2025, 7, 31), by=None)  # fmt: skip
    c = PersonFactory(unit=world.cq_dept, full_name="Lý Văn Hùng")
    rate(c, "HTT HTT HTT HTT HTT HTT HTT")
    org_services.leave_add(person=c, kind="unpaid", start_date=dt.date(2025, 3, 1),
                           end_date=dt.date(2025, 6, 30), by=None)  # fmt: skip
    services.discipline_add(person=world.cq_person, by=None, form="reprimand",
                            decided_on=dt.date(2025, 5, 5))  # fmt: skip
    rate(world.cq_person, "- - - - - HTXS HTXS")
    services.freeze_open(by=None, kind="complaint", opened_on=dt.date(2025, 12, 1), person=b)
    d = PersonFactory(unit=world.dn_dept, full_name="Mai Văn Long", start_date=dt.date(2015, 1, 1))
    rate(d, "- - - - - - HTT")
    org_services.person_transfer(person=d, to_unit=world.cq, on=dt.date(2025, 9, 1), by=None)
    e = PersonFactory(unit=world.cq, full_name="Tô Minh Quý", employment_start=dt.date(2025, 7, 2))
    rate(e, "- - - - - - HTXS")

    services.unit_year_set(unit=world.cq, year=2025, rating="HTXS", by=None,
                           led_cluster="ministry", party_clean_strong=True)  # fmt: skip
    services.unit_year_set(unit=world.dn, year=2025, rating="HTT", by=None, roster=13, ldtt=9,
                           completed=13, cstdcs=1)  # fmt: skip
    services.policy_set(unit=world.dn, values={"recruit_min_months": 5}, by=None)
    return world


def test_the_batch_sweep_stores_what_the_scalar_engine_says_for_everyone(histories):
    sweep = sweep_start(by=None, year=2025, as_of=AS_OF, unit=histories.sector)
    run_job.call(job_id=sweep.job_id)
    sweep.refresh_from_db()
    pack = select_pack(2025, AS_OF)
    stored = {
        (v.person_id, v.award): (v.status, sorted(v.failed_rules))
        for v in StoredVerdict.objects.filter(sweep=sweep, person__isnull=False)
    }
    expected = {}
    for person in _people(histories):
        for v in scalar_verdicts(sweep, pack, person):
            expected[person.pk, v.award] = (v.status, sorted(v.failed_rules))
    due = {key: value for key, value in expected.items() if value[0] != "ineligible"}
    assert stored == due
    assert {s for s, _ in expected.values()} >= {"eligible", "ineligible", "deferred"}
    for award in ("LDTT", "CSTDCS", "BK_TTG"):
        statuses = [s for (_, a), (s, _) in expected.items() if a == award]
        assert sweep.counts[award] == {s: statuses.count(s) for s in set(statuses)}


def test_the_batch_sweep_judges_the_collectives_like_the_scalar_engine(histories):
    from thidua.awards.facts import unit_facts
    from thidua.eligibility import check

    sweep = sweep_start(by=None, year=2025, as_of=AS_OF, unit=histories.sector)
    run_job.call(job_id=sweep.job_id)
    for unit in (histories.cq, histories.dn):
        for row in StoredVerdict.objects.filter(sweep=sweep, unit=unit):
            verdict = check(unit_facts(unit), row.award, 2025, as_of=AS_OF)
            assert (row.status, sorted(row.failed_rules)) == (
                verdict.status.value,
                sorted(o.rule for o in verdict.outcomes if o.result.value in (
                    "failed", "deferred", "pending_document")),
            ), row.award  # fmt: skip


def _people(world):
    from thidua.org.models import Person

    return Person.objects.select_related("unit").order_by("pk")
