"""A person's record shows what they qualify for now, and why not; a unit's who-is-due list."""

import datetime as dt

import pytest
import time_machine

from thidua.awards import services
from thidua.awards.models import AwardType, StoredVerdict, Sweep
from thidua.awards.sweeps import sweep_start
from thidua.core.jobs import run_job
from thidua.core.tests.helpers import sign_in
from thidua.eligibility import select_pack

TODAY = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


def rate(person, ratings: dict[int, str]) -> None:
    for year, rating in ratings.items():
        services.rating_set(person=person, year=year, rating=rating, by=None)


@pytest.fixture
def rated(world):
    person = world.cq_person
    person.employment_start = dt.date(2015, 3, 1)
    person.save()
    rate(person, {2023: "HTT", 2024: "HTT", 2025: "HTXS"})
    return person


@time_machine.travel(TODAY, tick=False)
def test_the_record_says_a_well_rated_person_is_eligible_now(client, world, rated):
    sign_in(client, world.officer)
    page = client.get(f"/awards/people/{rated.pk}/")
    assert page.status_code == 200
    row = next(r for r in page.context["panel"] if r.award.code == "CSTDCS")
    assert row.verdict.status == "eligible"
    assert row.verdict.pack == "law2022-nd152"
    assert "Lao động tiên tiến" in page.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_record_explains_in_vietnamese_what_is_missing_with_the_clause(client, world, rated):
    sign_in(client, world.officer)
    page = client.get(f"/awards/people/{rated.pk}/?year=2025").content.decode()
    assert "Luật 06/2022/QH15, Điều 22" in page  # CSTĐ cấp bộ: three CSTĐCS in a row
    assert "Chưa đủ điều kiện" in page or "Không đủ điều kiện" in page


@time_machine.travel(TODAY, tick=False)
def test_a_person_outside_the_officers_scope_is_not_found(client, world, rated):
    sign_in(client, world.outsider)
    assert client.get(f"/awards/people/{rated.pk}/").status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_the_sweep_stores_verdicts_with_the_pack_version(world, rated):
    sweep = sweep_start(by=world.officer, year=2025, as_of=dt.date(2026, 1, 15), unit=world.cq)
    run_job.call(job_id=sweep.job_id)
    sweep.refresh_from_db()
    stored = StoredVerdict.objects.get(sweep=sweep, person=rated, award="LDTT")
    assert sweep.finished_at is not None
    assert stored.status == "eligible"
    assert stored.pack == "law2022-nd152"
    assert stored.pack_version == select_pack(2025, dt.date(2026, 1, 15)).version_label
    assert not StoredVerdict.objects.filter(sweep=sweep, person=world.kt_person).exists()


@time_machine.travel(TODAY, tick=False)
def test_the_who_is_due_list_shows_the_people_found_by_the_last_check(client, world, rated):
    sign_in(client, world.officer)
    response = client.post(f"/awards/units/{world.cq.pk}/check/", {"year": 2025})
    sweep = Sweep.objects.get()
    assert response.status_code == 302
    run_job.call(job_id=sweep.job_id)
    page = client.get(f"/awards/units/{world.cq.pk}/due/?year=2025&award=CSTDCS")
    assert [row.person for row, _ in page.context["rows"]] == [rated]


@time_machine.travel(TODAY, tick=False)
def test_the_catalogue_mirrors_the_packs_with_their_money_multipliers(db):
    flag = AwardType.objects.get(code="CO_BO")
    assert flag.pack == "law2022-nd152"
    assert str(flag.multiplier) == "8.00"
    assert AwardType.objects.filter(code="HCLD_3", subject="individual").exists()


@time_machine.travel(TODAY, tick=False)
def test_an_award_already_received_reads_as_received_not_as_refused(client, world, rated):
    services.award_record_add(
        award=AwardType.objects.get(code="LDTT"), year=2025, person=rated, by=None
    )
    sign_in(client, world.officer)

    page = client.get(f"/awards/people/{rated.pk}/?year=2025")

    row = next(r for r in page.context["panel"] if r.award.code == "LDTT")
    assert (row.status, row.status_label) == ("held", "Đã được khen thưởng")


def test_another_units_officer_cannot_see_or_check_who_is_due(client, world):
    sign_in(client, world.outsider)

    assert client.get(f"/awards/units/{world.cq.pk}/due/").status_code == 404
    assert client.post(f"/awards/units/{world.cq.pk}/check/", {"year": 2025}).status_code == 404
    assert not Sweep.objects.exists()
