"""The awards demo: what the engine says about its people and units for 2025, on 15-1-2026."""

from datetime import date

import pytest
from django.apps import apps

from thidua.awards import demo_data, demo_stories
from thidua.awards.facts import member_counts, person_facts, unit_facts
from thidua.awards.models import (
    AwardRecord,
    Discipline,
    Freeze,
    Initiative,
    PersonRating,
    UnitYear,
)
from thidua.eligibility import Result, Status, check
from thidua.org.models import Person, Unit

# The demo loads once for the module, which runs first and whole on one worker (conftest).
pytestmark = pytest.mark.demo

YEAR, AS_OF = 2025, date(2026, 1, 15)


def judge(staff_code: str, award: str):
    return check(person_facts(Person.objects.get(staff_code=staff_code)), award, YEAR, as_of=AS_OF)


def judge_unit(code: str, award: str):
    return check(unit_facts(Unit.objects.get(code=code)), award, YEAR, as_of=AS_OF)


def failed(verdict) -> dict[str, str]:
    return {o.rule: o.message for o in verdict.failed}


def outcome(verdict, rule: str):
    return next(o for o in verdict.outcomes if o.rule == rule)


def row_counts() -> dict[str, int]:
    models = [*apps.get_app_config("awards").get_models(), *apps.get_app_config("org").get_models()]
    return {model._meta.label: model.objects.count() for model in models}


def test_the_first_load_writes_ratings_titles_and_unit_years(demo):
    assert demo.apps["awards"]["annual ratings"] > 500
    assert demo.apps["awards"]["awards received"] > 500
    assert demo.apps["awards"]["unit years"] == 15
    assert demo.apps["awards"]["people"] == 1


def test_a_second_load_creates_nothing(demo, db):
    before = row_counts()

    assert demo_data.load() == {}
    assert row_counts() == before


@pytest.mark.parametrize("staff_code", demo_stories.FIGHTERS_ON_HTXS)
def test_ban_tctw_staff_rated_htxs_are_due_ldtt_and_cstdcs_on_the_htxs_limb(demo, db, staff_code):
    assert judge(staff_code, "LDTT").status is Status.ELIGIBLE
    verdict = judge(staff_code, "CSTDCS")
    assert (verdict.status, verdict.limb) == (Status.ELIGIBLE, "htxs")


def test_a_grassroots_initiative_makes_a_well_rated_officer_a_cstdcs_on_that_limb(demo, db):
    verdict = judge(demo_stories.FIGHTER_ON_INITIATIVE, "CSTDCS")

    assert (verdict.status, verdict.limb) == (Status.ELIGIBLE, "initiative")
    assert len(verdict.consumes) == 1


@pytest.mark.parametrize("staff_code", demo_stories.ADVANCED_WORKERS)
def test_a_well_rated_officer_without_an_initiative_is_due_ldtt_only(demo, db, staff_code):
    assert judge(staff_code, "LDTT").status is Status.ELIGIBLE
    verdict = judge(staff_code, "CSTDCS")
    assert failed(verdict) == {"cstdcs.limb": "any_of.none"}


def test_three_held_cstdcs_and_a_ministry_initiative_make_a_cstd_cap_bo_due(demo, db):
    verdict = judge(demo_stories.MINISTRY_FIGHTER, "CSTD_BO")

    assert verdict.status is Status.ELIGIBLE
    assert outcome(verdict, "cstdbo.chain").params["years"] == [2023, 2024, 2025]


def test_a_bk_bo_of_2020_and_five_good_years_make_a_bk_thu_tuong_due(demo, db):
    verdict = judge(demo_stories.PM_COMMENDATION, "BK_TTG")

    assert verdict.status is Status.ELIGIBLE
    assert outcome(verdict, "bkttg.prior").params["anchor"] == 2020
    assert outcome(verdict, "bkttg.cstdcs").params["years"] == [2022, 2023, 2025]


def test_a_missing_2023_cstdcs_breaks_the_chain_for_cstd_cap_bo(demo, db):
    verdict = judge(demo_stories.BROKEN_CHAIN, "CSTD_BO")

    assert verdict.status is Status.INELIGIBLE
    assert failed(verdict) == {"cstdbo.chain": "chain.broken"}
    assert outcome(verdict, "cstdbo.chain").params["missing"] == [2023]


def test_the_initiative_behind_cstdcs_2024_cannot_ground_bk_bo_again(demo, db):
    verdict = judge(demo_stories.REUSED_INITIATIVE, "BK_BO")

    assert verdict.status is Status.INELIGIBLE
    assert failed(verdict) == {"bkbo.initiatives": "initiatives.reused"}
    params = outcome(verdict, "bkbo.initiatives").params
    assert (params["found"], len(params["reused"])) == (1, 1)


def test_a_reprimand_in_2025_caps_the_rating_and_bars_ldtt(demo, db):
    verdict = judge(demo_stories.DISCIPLINED, "LDTT")

    assert verdict.status is Status.INELIGIBLE
    assert failed(verdict) == {
        "ldtt.discipline": "discipline.in_year",
        "ldtt.rating": "rating.capped_discipline",
    }


def test_a_complaint_being_verified_defers_the_title(demo, db):
    verdict = judge(demo_stories.FROZEN, "LDTT")

    assert verdict.status is Status.DEFERRED
    freeze = outcome(verdict, "common.freeze")
    assert (freeze.result, freeze.message) == (Result.DEFERRED, "freeze.open")
    assert freeze.params["since"] == date(2025, 11, 12)


def test_a_recruit_of_august_2025_has_worked_under_six_months(demo, db):
    verdict = judge(demo_stories.RECRUIT, "LDTT")

    assert failed(verdict) == {"ldtt.worked": "worked.recruit"}
    assert outcome(verdict, "ldtt.worked").params["employed"] == 5


def test_maternity_leave_counts_as_worked_time(demo, db):
    verdict = judge(demo_stories.MOTHER, "LDTT")

    assert verdict.status is Status.ELIGIBLE
    assert outcome(verdict, "ldtt.worked").params["months"] == 12


def test_the_police_unit_is_due_ttldxs_on_counts_taken_from_its_people(demo, db):
    unit = Unit.objects.get(code=demo_stories.TTLDXS_UNIT)
    counts = member_counts(unit, YEAR, None)

    assert judge_unit(demo_stories.TTLDXS_UNIT, "TTLDXS").status is Status.ELIGIBLE
    assert counts["completed"] == counts["roster"] and counts["cstdcs"] >= 1
    assert counts["ldtt"] * 10 >= counts["roster"] * 7


def test_nine_ldtt_of_thirteen_members_is_short_of_70_percent_for_ttldxs(demo, db):
    verdict = judge_unit(demo_stories.SHORT_UNIT, "TTLDXS")

    assert verdict.status is Status.INELIGIBLE
    assert failed(verdict) == {"ttldxs.ldtt": "members.ratio"}
    params = outcome(verdict, "ttldxs.ldtt").params
    assert (params["count"], params["roster"], params["percent"]) == (9, 13, "69.23")


def test_the_entered_counts_agree_with_the_twelve_members_in_the_demo(demo, db):
    counts = member_counts(Unit.objects.get(code=demo_stories.SHORT_UNIT), YEAR, None)

    assert counts == {"roster": 12, "completed": 12, "ldtt": 9, "cstdcs": 1, "disciplined": 0}


@pytest.mark.parametrize("award", ["CO_BTCTW", "CO_BO"])
def test_the_unit_that_led_cluster_6_in_2025_is_due_the_flag(demo, db, award):
    verdict = judge_unit(demo_stories.FLAG_UNIT, award)

    assert verdict.status is Status.ELIGIBLE
    assert outcome(verdict, "cobo.led").params["kind"] == "ministry"


def test_a_member_that_did_not_lead_the_cluster_is_not_due_the_flag(demo, db):
    verdict = judge_unit(demo_stories.TTLDXS_UNIT, "CO_BTCTW")

    assert failed(verdict) == {"cobo.led": "cluster.not_led"}


def test_every_collective_title_recorded_passes_the_engine_on_its_decision_date(demo, db):
    records = AwardRecord.objects.filter(unit__isnull=False).select_related("award", "unit")
    # The titles recorded by hand; those issued by the nominations demo's decisions are checked
    # when they are decided.
    records = records.exclude(source=AwardRecord.Source.DECISION)

    assert records.count() == 10
    for record in records:
        facts = unit_facts(record.unit)
        verdict = check(facts, record.award.code, record.year, as_of=record.decision_date)
        assert set(failed(verdict)) == {"common.once"}, (record.unit.code, record.award.code)


def test_the_police_units_2025_titles_are_ones_the_engine_would_give(demo, db):
    unit = Unit.objects.get(code=demo_stories.TTLDXS_UNIT)
    records = AwardRecord.objects.filter(
        person__unit__path__startswith=unit.path, year=YEAR
    ).select_related("award", "person")

    assert records.count() > 40
    for record in records:
        verdict = check(person_facts(record.person), record.award.code, YEAR, as_of=AS_OF)
        assert set(failed(verdict)) == {"common.once"}, (record.person.staff_code, record.award)


def test_every_demo_record_has_an_audit_row_by_the_system(demo, db):
    for model in (PersonRating, UnitYear, Initiative, Discipline, Freeze, AwardRecord):
        audited = set(model.history.values_list("id", flat=True))
        assert set(model.objects.values_list("pk", flat=True)) <= audited, model.__name__
        history = model.history.all()
        if model is AwardRecord:  # decisions of the nominations demo are issued by its users
            history = history.exclude(source=AwardRecord.Source.DECISION)
        assert not history.filter(history_user__isnull=False).exists()
