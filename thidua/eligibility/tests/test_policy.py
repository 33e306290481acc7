"""Organisation policies: settings the law leaves open, their overrides and their errors."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from thidua.eligibility import Policy, PolicyError, Result, Status

from .builders import judge, outcome_of, person, rated, registered

ON = date(2025, 3, 20)
HTXS_WORKER = person(rated(2024, 2024, "HTXS"))


def test_a_cstdcs_cap_is_only_a_note_for_the_reviewer():
    verdict = judge(HTXS_WORKER, "CSTDCS", 2024, on=ON, policy={"cstdcs_cap": "15%"})

    assert (verdict.status, outcome_of(verdict, "cstdcs.cap").result) == (
        Status.ELIGIBLE,
        Result.INFO,
    )


def test_registration_is_not_checked_unless_the_policy_asks_for_it():
    verdict = judge(HTXS_WORKER, "LDTT", 2024, on=ON)

    assert "ldtt.registered" not in {o.rule for o in verdict.outcomes}


@pytest.mark.parametrize(
    ("targets", "status"),
    [
        pytest.param((), Status.INELIGIBLE, id="no registration fails"),
        pytest.param(("LDTT:2023",), Status.INELIGIBLE, id="last year's registration fails"),
        pytest.param(("LDTT:2024",), Status.ELIGIBLE, id="this year's registration passes"),
    ],
)
def test_a_required_registration_must_name_the_award_and_year(targets, status):
    subject = person(rated(2024, 2024, "HTT"), registered(*targets))

    verdict = judge(subject, "LDTT", 2024, on=ON, policy={"registration_required": True})

    assert verdict.status is status


def test_a_cstdcs_candidate_registers_for_the_cstdcs_title_itself():
    subject = person(rated(2024, 2024, "HTXS"), registered("LDTT:2024"))

    verdict = judge(subject, "CSTDCS", 2024, on=ON, policy={"registration_required": True})

    assert outcome_of(verdict, "ldtt.registered").message == "registration.missing"


@pytest.mark.parametrize(
    ("settings", "name"),
    [
        pytest.param({"no_such_setting": 1}, "no_such_setting", id="an unknown setting"),
        pytest.param({"discipline_restart": "never"}, "discipline_restart", id="restart"),
        pytest.param({"cstdcs_cap": "a lot"}, "cstdcs_cap", id="a cap that is no number"),
        pytest.param({"ttldtt_ldtt_ratio": "1/0"}, "ttldtt_ldtt_ratio", id="a ratio over zero"),
        pytest.param({"recruit_reference": "02-30"}, "recruit_reference", id="30 February"),
        pytest.param({"recruit_min_months": -1}, "recruit_min_months", id="negative months"),
        pytest.param({"recruit_min_months": "6"}, "recruit_min_months", id="months as text"),
        pytest.param({"posting_day_counts": "yes"}, "posting_day_counts", id="yes for true"),
        pytest.param({"ttldtt_discipline_bar": "slap"}, "ttldtt_discipline_bar", id="a form"),
        pytest.param({"merit_certificate_min_rating": "KHT"}, "merit_certificate_min_rating",
                     id="a failing rating as the floor"),
        pytest.param({"extra_holidays": ["2025-13-01"]}, "extra_holidays", id="month 13"),
        pytest.param({"cstdcs_cap_rounding": "up"}, "cstdcs_cap_rounding", id="a rounding"),
    ],
)  # fmt: skip
def test_a_bad_policy_value_raises_an_error_naming_the_setting(settings, name):
    with pytest.raises(PolicyError) as caught:
        Policy.from_mapping(settings)

    assert caught.value.name == name
    assert repr(name) in str(caught.value)


def test_a_bad_policy_value_stops_the_evaluation():
    with pytest.raises(PolicyError, match="discipline_restart"):
        judge(HTXS_WORKER, "LDTT", 2024, on=ON, policy={"discipline_restart": "later"})


@pytest.mark.parametrize(
    ("text", "value"),
    [("70%", Fraction(7, 10)), ("7/10", Fraction(7, 10)), ("0.7", Fraction(7, 10))],
)
def test_ratios_are_read_exactly_whatever_their_notation(text, value):
    assert Policy.from_mapping({"ttldtt_ldtt_ratio": text}).ttldtt_ldtt_ratio == value


def test_overrides_keep_the_settings_they_were_given():
    policy = Policy.from_mapping({"registration_required": True, "cstdcs_cap": "15%"})

    assert policy.overrides == {"registration_required": True, "cstdcs_cap": "15%"}


@pytest.mark.parametrize(("rounding", "cap"), [("floor", 3), ("ceil", 4), ("half_up", 3)])
def test_a_fifteen_percent_cap_of_23_rounds_as_the_policy_says(rounding, cap):
    policy = Policy.from_mapping({"cstdcs_cap": "15%", "cstdcs_cap_rounding": rounding})

    assert policy.cap(23, policy.cstdcs_cap, policy.cstdcs_cap_rounding) == cap
