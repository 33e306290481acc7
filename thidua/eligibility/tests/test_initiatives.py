"""INITIATIVE_SINGLE_USE (CV 5007/BNV-TĐKT, CV 3385/BTĐKT) and the scope an award asks for."""

from __future__ import annotations

from datetime import date

import pytest

from thidua.eligibility import Status

from .builders import cstdcs_via, held, initiative, judge, outcome_of, person, rated, ratings

ON = date(2025, 3, 20)


def test_a_grassroots_initiative_fails_the_ministry_title_as_the_wrong_scope():
    subject = person(held("CSTDCS", 2022, 2023, 2024), initiative("SK-1", 2023, "unit"))

    verdict = judge(subject, "CSTD_BO", 2024, on=ON)

    o = outcome_of(verdict, "cstdbo.initiative")
    assert (o.message, o.params["narrow"]) == ("initiatives.scope", ["SK-1"])


def test_a_national_initiative_also_covers_the_narrower_ministry_scope():
    subject = person(held("CSTDCS", 2022, 2023, 2024), initiative("SK-1", 2023, "national"))

    assert judge(subject, "CSTD_BO", 2024, on=ON).status is Status.ELIGIBLE


def test_an_initiative_that_was_not_applied_does_not_count():
    subject = person(rated(2024, 2024, "HTT"), initiative("SK-1", 2024, applied=False))

    verdict = judge(subject, "CSTDCS", 2024, on=ON)

    assert verdict.status is Status.INELIGIBLE


def test_accepted_research_counts_like_an_initiative():
    subject = person(rated(2024, 2024, "HTT"), initiative("DT-1", 2024, kind="research"))

    verdict = judge(subject, "CSTDCS", 2024, on=ON)

    assert (verdict.limb, verdict.consumes) == ("initiative", ("DT-1",))


def test_a_title_won_on_the_htxs_limb_consumes_no_initiative():
    subject = person(rated(2024, 2024, "HTXS"), initiative("SK-1", 2024))

    verdict = judge(subject, "CSTDCS", 2024, on=ON)

    assert (verdict.limb, verdict.consumes) == ("htxs", ())


# MoHA (law.md b.2 [S11]): both CSTĐCS won on initiatives ⇒ the BK bộ needs 2 MORE of them.
BOTH_ON_INITIATIVES = (
    rated(2023, 2024, "HTT"),
    initiative("SK-A", 2023),
    initiative("SK-B", 2024),
    cstdcs_via("initiative", 2023, "SK-A"),
    cstdcs_via("initiative", 2024, "SK-B"),
)


def test_initiatives_used_by_the_cstdcs_titles_do_not_count_again_for_the_ministry_merit():
    verdict = judge(person(*BOTH_ON_INITIATIVES), "BK_BO", 2024, on=ON)

    o = outcome_of(verdict, "bkbo.initiatives")
    assert (verdict.status, o.message, o.params["reused"]) == (
        Status.INELIGIBLE,
        "initiatives.reused",
        ["SK-A", "SK-B"],
    )


def test_two_more_initiatives_earn_the_ministry_merit_and_are_consumed():
    subject = person(*BOTH_ON_INITIATIVES, initiative("SK-C", 2023), initiative("SK-D", 2024))

    verdict = judge(subject, "BK_BO", 2024, on=ON)

    assert (verdict.status, verdict.consumes) == (Status.ELIGIBLE, ("SK-C", "SK-D"))


def test_an_initiative_marked_as_used_for_another_award_does_not_count():
    subject = person(
        held("CSTDCS", 2023, 2024, limb="htxs"),
        initiative("SK-A", 2023, used_for="GK:2023"),
        initiative("SK-B", 2024),
    )

    verdict = judge(subject, "BK_BO", 2024, on=ON)

    assert outcome_of(verdict, "bkbo.initiatives").params["reused"] == ["SK-A"]


def test_a_revoked_award_gives_its_initiatives_back():
    subject = person(
        rated(2024, 2024, "HTT"),
        initiative("SK-A", 2024),
        held("CSTDCS", 2024, limb="initiative", initiatives=("SK-A",), revoked=True),
    )

    verdict = judge(subject, "CSTDCS", 2024, on=ON)

    assert (verdict.status, verdict.consumes) == (Status.ELIGIBLE, ("SK-A",))


# MoHA worked example (law.md b.2 [S12]): 2023 HTXS + 1 initiative (no CSTĐCS); 2024 HTXS
# + 1 initiative + CSTĐCS on the HTXS limb ⇒ eligible for the BK bộ.
MOHA_EXAMPLE = person(
    ratings(y2023="HTXS", y2024="HTXS"),
    initiative("SK-2023", 2023),
    initiative("SK-2024", 2024),
    cstdcs_via("htxs", 2024),
)


@pytest.mark.parametrize("award", ["BK_BO", "BK_BTCTW"])
def test_the_moha_worked_example_is_eligible_for_the_ministry_merit(award: str):
    verdict = judge(MOHA_EXAMPLE, award, 2024, on=ON)

    assert (verdict.status, verdict.consumes) == (Status.ELIGIBLE, ("SK-2023", "SK-2024"))


def test_the_moha_worked_example_qualifies_through_two_htxs_years_not_two_titles():
    verdict = judge(MOHA_EXAMPLE, "BK_BO", 2024, on=ON)

    assert outcome_of(verdict, "bkbo.record").params == {"branch": "bkbo.htxs"}
