"""The set-based sweep gives every subject the verdict `evaluate` gives it, rule by rule."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.eligibility import (
    AwardHeld,
    Case,
    Discipline,
    Freeze,
    Initiative,
    InitiativeKind,
    Leave,
    LeaveKind,
    Limb,
    Pack,
    PersonFacts,
    Posting,
    Rating,
    Scope,
    Transfer,
    UnitFacts,
    UnitYear,
    YearRating,
    evaluate,
    load_packs,
    select_pack,
)
from thidua.eligibility.batch import conform, frames_from_facts, sweep
from thidua.eligibility.policy import DISCIPLINE_FORMS

ENABLED = tuple(p for p in load_packs() if p.enabled)
# A pack no regime has, for what the real ones do not exercise: nested composites, offsets,
# initiatives consumed before an any_of, unit chains and counts, kinds of initiative.
TEST_PACK: dict[str, Any] = {
    "id": "batch-test",
    "version": 1,
    "title": "batch test",
    "effective_from": "2024-01-01",
    "min_year": 2023,
    "enabled": False,
    "legal_basis": ["test"],
    "params": {"window_anchor": "decision_year"},
    "common_rules": {"any": [{"id": "c.freeze", "check": "not_frozen", "clause": "t"}]},
    "awards": {
        "X": {
            "subject": "individual",
            "rules": [
                {"id": "x.ini", "check": "initiatives", "count": 1, "scope": "unit", "window": 2,
                 "kinds": ["initiative", "research"], "clause": "t"},
                {"id": "x.any", "check": "any_of", "clause": "t", "rules": [
                    {"id": "x.all", "check": "all_of", "limb": "htxs", "rules": [
                        {"id": "x.prev", "check": "rating_at_least", "rating": "HTT",
                         "offset": -1, "clause": "t"},
                        {"id": "x.reg", "check": "registered", "clause": "t"},
                        {"id": "x.ini2", "check": "initiatives", "count": 1, "scope": "unit",
                         "window": 3, "clause": "t"},
                    ]},
                    # Waits for most; a waiting branch takes the limb a later branch set.
                    {"id": "x.post2", "check": "public_posting", "days": 3, "clause": "t"},
                    {"id": "x.deep", "check": "all_of", "rules": [
                        {"id": "x.inner", "check": "any_of", "clause": "t", "rules": [
                            {"id": "x.win", "check": "ratings_in_window", "rating": "HTXS",
                             "count": 2, "window": 4, "clause": "t", "limb": "initiative"},
                            {"id": "x.chain", "check": "consecutive_titles", "award": "LDTT",
                             "count": 2, "step": 2, "after": ["X", "CSTDCS"], "clause": "t"},
                        ]},
                        {"id": "x.many", "check": "initiatives", "count": 3, "scope": "unit",
                         "window": 5, "clause": "t"},
                    ]},
                    {"id": "x.move", "check": "transfer_comment", "months": 3, "clause": "t"},
                ]},
                {"id": "x.worked", "check": "worked_months", "months": 3, "clause": "t"},
                {"id": "x.service", "check": "service_years", "years": 8, "women_reduction": 3,
                 "clause": "t"},
                {"id": "x.post", "check": "public_posting", "days": 5, "clause": "t"},
            ],
        },
        "Y": {
            "subject": "collective",
            "rules": [
                {"id": "y.chain", "check": "unit_ratings", "rating": "HTT", "count": 3,
                 "clause": "t"},
                {"id": "y.count", "check": "member_count", "of": "ldtt", "min": 2, "offset": -1,
                 "clause": "t"},
                {"id": "y.ratio", "check": "member_ratio", "of": "completed", "ratio": "9/10",
                 "strict": True, "clause": "t"},
                {"id": "y.bar", "check": "no_disciplined_members", "clause": "t"},
                {"id": "y.path", "check": "any_of", "clause": "t", "rules": [
                    {"id": "y.party", "check": "party_clean_strong", "clause": "t"},
                    {"id": "y.led", "check": "led_cluster", "kinds": ["central"], "clause": "t"},
                ]},
                {"id": "y.prior", "check": "prior_award", "award": ["TTLDXS"], "window": 2,
                 "clause": "t"},
                {"id": "y.titles", "check": "titles_in_window", "award": "TTLDTT", "count": 2,
                 "window": 3, "clause": "t"},
                {"id": "y.post", "check": "public_posting", "clause": "t"},
            ],
        },
    },
}  # fmt: skip
for _code, _spec in TEST_PACK["awards"].items():
    _spec.update(name_vi=_code, name_en=_code, kind="title", level="unit", authority="head")
    _spec.update(legal_basis="test")


def _test_pack() -> Pack:
    folder = Path(tempfile.mkdtemp())
    (folder / "batch-test.json").write_text(json.dumps(TEST_PACK), encoding="utf-8")
    return load_packs(folder)[0]


PACKS = (*ENABLED, _test_pack())
CODES = sorted({code for pack in PACKS for code in pack.awards})
POLICY = st.fixed_dictionaries(
    {},
    optional={
        "registration_required": st.booleans(),
        "ttldtt_discipline_bar": st.sampled_from([None, "warning"]),
        "discipline_restart": st.sampled_from(["next_year", "same_year"]),
        "discipline_default_months": st.integers(0, 30),
        "long_training_requires_completion": st.booleans(),
        "absence_cap_months": st.integers(0, 7),
        "recruit_min_months": st.integers(0, 12),
        "recruit_reference": st.sampled_from(["12-31", "06-30", "10-01"]),
        "transfer_comment_months": st.integers(0, 12),
        "posting_working_days": st.integers(1, 15),
        "posting_day_counts": st.booleans(),
        "ttldtt_ldtt_ratio": st.sampled_from(["1/2", "7/10", "0"]),
        "ttldtt_ldtt_strict": st.booleans(),
        "merit_certificate_min_rating": st.sampled_from(["HTXS", "HTT", "HT"]),
        "labour_order_1_htxs_years": st.integers(0, 5),
        "commemorative_min_years": st.integers(0, 30),
    },
)


# Histories come from a `Random` hypothesis seeds: nested strategies made the test spend most
# of its time generating, and a hypothesis-driven `Random` leans so hard to small values that
# long chains of titles never appeared. `strength` (0 to 1) makes a person's record strong,
# so the higher awards are reached as well.
CHAINS = ["LDTT", "CSTDCS", "CSTDCS", "CSTD_BO", "BK_BO", "BK_TTG", "HCLD_3", "CSTDTQ", "X"]
UNIT_CHAINS = ["TTLDTT", "TTLDXS", "CO_BO", "CO_CP", "Y"]


def day(rnd: Random, first: date, last: date) -> date:
    return first + timedelta(days=rnd.randint(0, (last - first).days))


def later(rnd: Random, start: date, most: int) -> date:
    return start + timedelta(days=rnd.randint(0, most))


def maybe(rnd: Random, value: Any, chance: float = 0.6) -> Any:
    return value if rnd.random() < chance else None


def some(rnd: Random, most: int, make: Callable[[], Any]) -> tuple[Any, ...]:
    return tuple(make() for _ in range(rnd.randint(0, most)))


def rating(rnd: Random, strength: float) -> Rating:
    if rnd.random() < strength:
        return rnd.choice([Rating.HTXS, Rating.HTT])
    return rnd.choice(list(Rating))


def year_ratings(rnd: Random, strength: float) -> tuple[YearRating, ...]:
    years = [y for y in range(2015, 2027) if rnd.random() < 0.6 + 0.4 * strength]
    rows = [YearRating(y, rating(rnd, strength)) for y in years]
    extra = some(rnd, 1, lambda: YearRating(rnd.randint(2014, 2026), rating(rnd, 0)))
    return (*rows, *extra)  # a second row for a year already rated is ignored, as in scalar


def leave(rnd: Random) -> Leave:
    start = day(rnd, date(2014, 6, 1), date(2026, 12, 31))
    end = later(rnd, start, 500) if rnd.randint(0, 5) else day(rnd, date(2014, 1, 1), start)
    return Leave(rnd.choice(list(LeaveKind)), start, end, maybe(rnd, rnd.random() < 0.5))


def discipline(rnd: Random) -> Discipline:
    decided = day(rnd, date(2015, 1, 1), date(2026, 12, 31))
    form = rnd.choice([*DISCIPLINE_FORMS, "other"])
    return Discipline(form, decided, maybe(rnd, later(rnd, decided, 900)))


def freeze(rnd: Random) -> Freeze:
    opened = day(rnd, date(2022, 1, 1), date(2027, 1, 1))
    return Freeze("inspection", opened, maybe(rnd, later(rnd, opened, 400), 0.8))


def postings(rnd: Random, codes: list[str], strength: float) -> tuple[Posting, ...]:
    posted = []
    for code in rnd.sample(codes, k=min(len(codes), 4)):
        year = rnd.randint(2023, 2026)
        start = day(rnd, date(year, 10, 1), date(year + 1, 3, 1))
        posted.append(Posting(code, year, start, maybe(rnd, later(rnd, start, 30), strength)))
    return tuple(posted)


def awards(rnd: Random, codes: list[str], strength: float, ids: list[str]) -> list[AwardHeld]:
    held = []
    for code in codes:
        for year in range(2014, 2027):
            if rnd.random() < strength * 0.6:
                used = some(rnd, 2, lambda: rnd.choice([*ids, "elsewhere"]))
                held.append(award(rnd, code, year, used))
    return held


def award(rnd: Random, code: str, year: int, used: tuple[str, ...]) -> AwardHeld:
    return AwardHeld(
        code,
        year,
        decided_on=maybe(rnd, day(rnd, date(year, 6, 1), date(year + 2, 6, 1))),
        limb=maybe(rnd, rnd.choice(list(Limb))),
        initiatives=used,
        revoked=rnd.random() < 0.1,
    )


def initiative(rnd: Random, iid: str, strength: float) -> Initiative:
    return Initiative(
        iid,
        rnd.randint(2016, 2026),
        rnd.choice(list(Scope)),
        rnd.choice(list(InitiativeKind)),
        applied=rnd.random() < 0.5 + strength / 2,
        used_for=rnd.choice(["", "", "CSTDCS:2022"]),
    )


def a_person(rnd: Random, pid: str) -> PersonFacts:
    strength = rnd.random()
    items = [initiative(rnd, f"{pid}-i{k}", strength) for k in range(rnd.randint(0, 6))]
    codes = rnd.sample(CHAINS, k=rnd.randint(0, len(CHAINS)))
    held = awards(rnd, codes, strength, [i.id for i in items])
    held += [award(rnd, rnd.choice(CODES), rnd.randint(2014, 2026), ()) for _ in range(2)]
    moved = lambda: Transfer(day(rnd, date(2022, 1, 1), date(2026, 12, 31)),  # noqa: E731
                             rnd.randint(0, 12), rnd.random() < 0.5)  # fmt: skip
    return PersonFacts(
        id=pid,
        employment_start=day(rnd, date(2000, 1, 1), date(2026, 12, 1)),
        ratings=year_ratings(rnd, strength),
        leaves=some(rnd, 3, lambda: leave(rnd)),
        transfers=some(rnd, 2, moved),
        disciplines=some(rnd, 2 if strength < 0.5 else 1, lambda: discipline(rnd)),
        freezes=some(rnd, 2 if strength < 0.5 else 1, lambda: freeze(rnd)),
        initiatives=tuple(rnd.sample(items, k=len(items))),
        awards=tuple(rnd.sample(held, k=len(held))),
        postings=postings(rnd, CODES, strength),
        registered=some(rnd, 3, lambda: f"{rnd.choice(CODES)}:{rnd.randint(2023, 2026)}"),
        gender=rnd.choice(["female", "male", ""]),
    )


def unit_year(rnd: Random, year: int, strength: float) -> UnitYear:
    roster = rnd.randint(0, 12)
    completed, ldtt, cstdcs = (rnd.randint(int(roster * strength), roster) for _ in range(3))
    return UnitYear(
        year,
        maybe(rnd, rating(rnd, strength), 0.9),
        roster,
        completed,
        ldtt,
        cstdcs,
        disciplined=rnd.randint(0, 2) if rnd.random() > strength else 0,
        led_cluster=rnd.choice(["", "ministry", "central", "other"]),
        party_clean_strong=maybe(rnd, rnd.random() < 0.5 + strength / 2),
    )


def a_unit(rnd: Random, uid: str) -> UnitFacts:
    strength = rnd.random()
    held = awards(rnd, rnd.sample(UNIT_CHAINS, k=rnd.randint(0, 5)), strength, [])
    return UnitFacts(
        id=uid,
        years=tuple(unit_year(rnd, y, strength) for y in range(2018, 2027) if rnd.randint(0, 7)),
        awards=tuple(held),
        freezes=some(rnd, 1, lambda: freeze(rnd)),
        postings=postings(rnd, UNIT_CHAINS, strength),
        registered=some(rnd, 2, lambda: f"{rnd.choice(UNIT_CHAINS)}:{rnd.randint(2023, 2026)}"),
        dissolved_on=maybe(rnd, day(rnd, date(2024, 1, 1), date(2028, 1, 1)), 0.3),
    )


@st.composite
def cases(draw) -> tuple[list[PersonFacts | UnitFacts], Pack, str, int, date, dict]:
    year = draw(st.integers(2023, 2026))
    as_of = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    test_pack = draw(st.integers(0, 3)) == 0
    pack = PACKS[-1] if test_pack else select_pack(year, as_of, ENABLED)
    code = draw(st.sampled_from(sorted(pack.awards)))
    rnd = draw(st.randoms(use_true_random=True))
    subjects: list[PersonFacts | UnitFacts] = []
    subjects += [a_person(rnd, f"p{k}") for k in range(draw(st.integers(1, 6)))]
    subjects += [a_unit(rnd, f"u{k}") for k in range(draw(st.integers(1, 4)))]
    return subjects, pack, code, year, as_of, draw(POLICY)


def assert_same_verdicts(subjects, pack, award, year, as_of, policy) -> pl.DataFrame:
    swept = sweep(frames_from_facts(subjects), award, year, as_of, pack=pack, policy=policy)
    kind = PersonFacts if pack.award(award).subject == "individual" else UnitFacts
    judged = [s for s in subjects if isinstance(s, kind)]
    assert swept["subject"].to_list() == sorted(s.id for s in judged)
    rows = {row["subject"]: row for row in swept.iter_rows(named=True)}
    for subject in judged:
        row = rows[subject.id]
        verdict = evaluate(Case(subject, award, year, as_of), pack=pack, policy=policy)
        fixed = {"subject", "status", "consumes", "limb"}
        got = {k: v for k, v in row.items() if k not in fixed and v is not None}
        expected = {o.rule: o.result.value for o in verdict.outcomes}
        assert (row["status"], got) == (verdict.status.value, expected), subject
        assert (tuple(row["consumes"]), row["limb"]) == (verdict.consumes, verdict.limb)
    return swept


EXAMPLES = int(os.environ.get("BATCH_EXAMPLES", "100"))  # raise it to search harder


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_sweep_gives_each_subject_the_scalar_verdict(case):
    assert_same_verdicts(*case)


def someone(pid: str, rating: Rating | None, **facts: Any) -> PersonFacts:
    rows = tuple(YearRating(y, rating) for y in range(2020, 2026)) if rating else ()
    return PersonFacts(pid, date(2010, 1, 1), ratings=rows, **facts)


ON = date(2026, 1, 15)
IN_FORCE = select_pack(2025, ON, ENABLED)


def test_a_sweep_of_three_people_tells_them_apart():
    eligible = someone("a", Rating.HTT, initiatives=(Initiative("SK-1", 2025, Scope.UNIT),))
    on_htxs = someone("b", Rating.HTXS, initiatives=(Initiative("SK-2", 2025, Scope.UNIT),))
    frozen = someone("c", Rating.HTXS, freezes=(Freeze("inspection", date(2025, 12, 1)),))
    unrated = someone("d", None, initiatives=(Initiative("SK-3", 2025, Scope.UNIT),))
    subjects = [eligible, on_htxs, frozen, unrated]

    swept = assert_same_verdicts(subjects, IN_FORCE, "CSTDCS", 2025, ON, {})

    assert swept.select("subject", "status", "consumes", "limb").rows() == [
        ("a", "eligible", ["SK-1"], "initiative"),
        ("b", "eligible", [], "htxs"),
        ("c", "deferred", [], "htxs"),
        ("d", "ineligible", ["SK-3"], "initiative"),  # consumed though another rule failed
    ]


def test_a_failed_any_of_keeps_its_branches_failures_as_notes():
    subject = someone("a", Rating.HT)

    row = sweep(frames_from_facts([subject]), "CSTDCS", 2025, ON, pack=IN_FORCE).row(0, named=True)

    assert (row["cstdcs.limb"], row["cstdcs.htxs"], row["cstdcs.initiative"]) == (
        "failed", "info", "info",
    )  # fmt: skip


def test_rules_without_an_outcome_leave_no_result():
    subject = someone("a", Rating.HTT)

    row = sweep(frames_from_facts([subject]), "LDTT", 2025, ON, pack=IN_FORCE).row(0, named=True)

    assert (row["ldtt.registered"], row["ldtt.transfer"]) == (None, None)


def test_frames_as_sql_returns_them_give_the_same_verdicts():
    """Integer keys, rows in no order, arrays as PostgreSQL prints them: `conform` copes."""
    first = someone("1", Rating.HTT, initiatives=(Initiative("7", 2025, Scope.UNIT),))
    second = someone("2", Rating.HTXS, awards=(AwardHeld("CSTDCS", 2024, initiatives=("8",)),))
    expected = sweep(frames_from_facts([first, second]), "CSTDCS", 2025, ON, pack=IN_FORCE)
    frames = conform(
        people=pl.DataFrame({"id": [2, 1], "employment_start": [date(2010, 1, 1)] * 2}),
        ratings=pl.DataFrame(
            {"person": [2, 1] * 6, "year": [y for y in range(2020, 2026) for _ in (2, 1)],
             "rating": ["HTXS", "HTT"] * 6}
        ),
        initiatives=pl.DataFrame({"person": [1], "id": ["7"], "year": [2025], "scope": ["unit"]}),
        awards=pl.DataFrame(
            {"subject": [2], "code": ["CSTDCS"], "year": [2024], "initiatives": ["{8}"]}
        ),
    )  # fmt: skip

    swept = sweep(frames, "CSTDCS", 2025, ON, pack=IN_FORCE)

    assert swept["subject"].to_list() == [1, 2]
    assert swept.drop("subject").equals(expected.drop("subject"))
