"""Discipline: in the year it means KHT (ND 48/2023); afterwards counting restarts (Art. 4)."""

from __future__ import annotations

from datetime import date

import pytest

from thidua.eligibility import Status

from .builders import discipline, failed_rules, held, initiative, judge, outcome_of, person, rated

ON = date(2026, 3, 20)


def test_a_discipline_decided_in_the_year_rates_it_kht_and_bars_the_title():
    subject = person(rated(2025, 2025, "HTXS"), discipline(date(2025, 5, 12)))

    verdict = judge(subject, "LDTT", 2025, on=ON)

    assert failed_rules(verdict) == {"ldtt.discipline", "ldtt.rating"}
    assert outcome_of(verdict, "ldtt.rating").message == "rating.capped_discipline"


@pytest.mark.parametrize(
    ("restart", "year", "status"),
    [
        pytest.param("next_year", 2024, Status.INELIGIBLE, id="next_year: the end year is lost"),
        pytest.param("same_year", 2024, Status.ELIGIBLE, id="same_year: the year it ends counts"),
        pytest.param("next_year", 2025, Status.ELIGIBLE, id="next_year: the year after counts"),
    ],
)  # fmt: skip
def test_counting_restarts_after_the_discipline_period_as_the_policy_says(restart, year, status):
    subject = person(rated(2023, 2025, "HTT"), discipline(date(2023, 6, 1), date(2024, 5, 31)))

    verdict = judge(subject, "LDTT", year, on=ON, policy={"discipline_restart": restart})

    assert verdict.status is status


def test_a_period_the_decision_does_not_state_lasts_the_policy_default():
    subject = person(rated(2023, 2024, "HTT"), discipline(date(2023, 3, 1)))

    verdict = judge(subject, "LDTT", 2024, on=ON)

    o = outcome_of(verdict, "ldtt.discipline")
    assert (o.message, o.params) == ("discipline.period", {"restart": 2025})


def test_titles_won_before_the_discipline_period_ended_do_not_extend_a_chain():
    subject = person(
        held("CSTDCS", 2022, 2023, 2024),
        initiative("SK-1", 2024, "ministry"),
        discipline(date(2021, 9, 1), date(2022, 8, 31)),
    )

    verdict = judge(subject, "CSTD_BO", 2024, on=ON)

    assert outcome_of(verdict, "cstdbo.chain").params["missing"] == [2022]


def test_a_discipline_decided_after_the_judgement_date_is_not_yet_known():
    subject = person(rated(2023, 2024, "HTT"), discipline(date(2025, 4, 1), date(2026, 3, 31)))

    assert judge(subject, "LDTT", 2024, on=date(2025, 3, 20)).status is Status.ELIGIBLE
