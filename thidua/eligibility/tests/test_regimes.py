"""Packs: which regime judges a dossier, what changes on 1-7-2025, and what every pack holds."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import Any

import pytest

from thidua.eligibility import (
    Case,
    NoPackError,
    PackError,
    Policy,
    Status,
    evaluate,
    load_packs,
    select_pack,
)
from thidua.eligibility.checks import REGISTRY

from .builders import (
    FIRST_ND152_DAY,
    LAST_ND98_DAY,
    ND98,
    ND152,
    held,
    judge,
    outcome_of,
    person,
    posted,
    rated,
    ratings,
    unit,
    year_row,
)

DRAFTS = ("law2022-amended2026", "law2022-2027-03")


@pytest.mark.parametrize(
    ("year", "submitted", "pack"),
    [
        pytest.param(2023, date(2024, 1, 1), ND98, id="the first day of the 2022 law picks ND 98"),
        pytest.param(2024, LAST_ND98_DAY, ND98, id="30 June 2025 still picks ND 98"),
        pytest.param(2024, FIRST_ND152_DAY, ND152, id="1 July 2025 picks ND 152"),
        pytest.param(2027, date(2028, 3, 1), ND152, id="disabled drafts are never picked"),
    ],
)
def test_the_submission_date_selects_the_pack(year, submitted, pack):
    assert select_pack(year, submitted).id == pack


@pytest.mark.parametrize(
    ("year", "submitted"),
    [
        pytest.param(2023, date(2023, 12, 31), id="a dossier before 2024 has no pack"),
        pytest.param(2022, date(2024, 3, 1), id="a year before the packs' first year has no pack"),
    ],
)
def test_no_pack_covers_the_old_law(year, submitted):
    with pytest.raises(NoPackError):
        select_pack(year, submitted)


def test_a_draft_would_be_picked_once_enabled():
    packs = tuple(replace(p, enabled=True) if p.id == DRAFTS[0] else p for p in load_packs())

    assert select_pack(2027, date(2027, 1, 2), packs).id == DRAFTS[0]


def test_the_submission_date_wins_over_the_judgement_date():
    subject = person(rated(2024, 2024, "HTT"))

    verdict = judge(subject, "LDTT", 2024, on=date(2025, 8, 1), submitted_on=LAST_ND98_DAY)

    assert verdict.pack == ND98


# TT 15/2025/TT-BNV: no commendation for bodies dissolved in the 2025 restructuring. The
# circular took effect after ND 152 did, so its rule carries its own start (5-8-2025 [P]).
DISSOLVED = unit(year_row(2024, "HTT", roster=10, ldtt=8), dissolved_on=date(2025, 3, 1))
TT15_FIRST_DAY = date(2025, 8, 5)


@pytest.mark.parametrize(
    ("submitted", "status"),
    [
        pytest.param(LAST_ND98_DAY, Status.ELIGIBLE, id="submitted 30 June 2025 under ND 98"),
        pytest.param(FIRST_ND152_DAY, Status.ELIGIBLE, id="ND 152 before TT 15 took effect"),
        pytest.param(TT15_FIRST_DAY, Status.INELIGIBLE, id="submitted once TT 15 took effect"),
    ],
)
def test_a_dissolved_unit_is_judged_differently_after_the_regime_change(submitted, status):
    verdict = judge(DISSOLVED, "TTLDTT", 2024, on=submitted, submitted_on=submitted)

    assert verdict.status is status


def test_after_the_regime_change_the_dissolution_is_the_reason():
    verdict = judge(DISSOLVED, "TTLDTT", 2024, on=TT15_FIRST_DAY, submitted_on=TT15_FIRST_DAY)

    o = outcome_of(verdict, "common.dissolved")
    assert (o.message, o.params["on"], o.clause) == (
        "unit.dissolved",
        date(2025, 3, 1),
        "Thông tư 15/2025/TT-BNV",
    )


def test_the_posting_rule_cites_the_decree_in_force():
    subject = person(
        held("BK_TTG", 2019), rated(2020, 2023, "HTT"), ratings(y2024="HTXS"),
        held("CSTDCS", 2021, 2022, 2023),
        posted("HCLD_3", 2024, date(2025, 6, 2), date(2025, 6, 17)),
    )  # fmt: skip

    clauses = {
        day: outcome_of(judge(subject, "HCLD_3", 2024, on=day, submitted_on=day), "hcld3.posting")
        for day in (LAST_ND98_DAY, FIRST_ND152_DAY)
    }

    assert {day: (o.result.value, o.clause) for day, o in clauses.items()} == {
        LAST_ND98_DAY: ("passed", "Nghị định 98/2023/NĐ-CP, Điều 46, khoản 2"),
        FIRST_ND152_DAY: ("passed", "Nghị định 152/2025/NĐ-CP, Điều 44, khoản 2"),
    }


# A ministry merit for the achievements of 2019, decided in March 2020.
BK_BO_DECIDED_LATE = person(
    held("BK_BO", 2019, decided_on=date(2020, 3, 10)),
    rated(2020, 2024, "HTT"),
    held("CSTDCS", 2021, 2022, 2023),
)


@pytest.mark.parametrize("submitted", [LAST_ND98_DAY, FIRST_ND152_DAY], ids=["ND 98", "ND 152"])
def test_both_regimes_count_the_next_window_from_the_recorded_achievement_period(submitted):
    """ND 98/2023 Art. 30(9), kept by ND 152/2025 Art. 33(7): not from the decision date."""
    verdict = judge(BK_BO_DECIDED_LATE, "BK_TTG", 2024, on=submitted, submitted_on=submitted)

    assert (verdict.status, outcome_of(verdict, "bkttg.prior").params["anchor"]) == (
        Status.ELIGIBLE,
        2019,
    )


def test_a_pack_anchored_on_the_decision_year_finds_that_merit_too_recent():
    pack = replace(select_pack(2024, FIRST_ND152_DAY), params={"window_anchor": "decision_year"})

    verdict = evaluate(Case(BK_BO_DECIDED_LATE, "BK_TTG", 2024, FIRST_ND152_DAY), pack=pack)

    assert outcome_of(verdict, "bkttg.prior").message == "prior.too_recent"


# --- what every pack holds ------------------------------------------------------------------


def _walk(rules) -> list[dict[str, Any]]:
    out = []
    for rule in rules:
        out.append(rule)
        out.extend(_walk(rule.get("rules", ())))
    return out


ALL_RULES = [
    (f"{pack.id}:{code}:{rule['id']}", rule)
    for pack in load_packs()
    for code, award in pack.awards.items()
    for rule in _walk(award.rules)
]
POLICY_NAMES = {f.name for f in fields(Policy)}


def test_every_pack_file_loads_with_a_version_and_a_digest():
    packs = load_packs()

    assert sorted(p.id for p in packs) == sorted([ND98, ND152, *DRAFTS])
    assert all(p.version >= 1 and len(p.digest) == 12 for p in packs)


def test_only_the_two_confirmed_regimes_are_enabled():
    assert {p.id for p in load_packs() if p.enabled} == {ND98, ND152}


def test_every_rule_of_every_pack_cites_a_clause():
    assert [where for where, rule in ALL_RULES if not rule.get("clause", "").strip()] == []


def test_every_rule_names_a_registered_check():
    assert [where for where, rule in ALL_RULES if rule["check"] not in REGISTRY] == []


def test_every_policy_parameter_names_a_policy_setting():
    unknown = [
        f"{where}: {value}"
        for where, rule in ALL_RULES
        for value in rule.values()
        if isinstance(value, str)
        and value.startswith("policy:")
        and value.removeprefix("policy:") not in POLICY_NAMES
    ]

    assert unknown == []


def test_every_award_states_its_legal_basis():
    missing = [
        f"{p.id}:{code}" for p in load_packs() for code, a in p.awards.items() if not a.legal_basis
    ]

    assert missing == []


def test_an_award_the_pack_does_not_know_is_a_pack_error():
    with pytest.raises(PackError, match="'NOPE' is not in pack law2022-nd152"):
        judge(person(), "NOPE", 2024, on=FIRST_ND152_DAY)


def test_a_collective_award_for_a_person_is_a_pack_error():
    with pytest.raises(PackError, match="TTLDTT is for a collective, not a individual"):
        judge(person(), "TTLDTT", 2024, on=FIRST_ND152_DAY)


def test_the_verdict_names_the_pack_and_its_version():
    verdict = judge(person(rated(2024, 2024, "HTT")), "LDTT", 2024, on=FIRST_ND152_DAY)
    pack = select_pack(2024, FIRST_ND152_DAY)

    assert (verdict.pack, verdict.pack_version) == (ND152, pack.version_label)
