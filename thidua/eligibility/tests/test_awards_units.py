"""Every collective award, in every enabled pack: a pass, a fail and a boundary, one row each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from thidua.eligibility import Status, UnitFacts

from .builders import ENABLED_PACKS, failed_rules, freeze, held, judge, unit, year_row

ON = date(2025, 3, 20)
OK, NO, WAIT = Status.ELIGIBLE, Status.INELIGIBLE, Status.PENDING_DOCUMENT


@dataclass(frozen=True)
class Row:
    name: str
    award: str
    subject: UnitFacts
    status: Status
    failing: frozenset[str] = frozenset()
    policy: dict[str, Any] = field(default_factory=dict)


def row(name, award, subject, status, *failing, **kw) -> Row:
    return Row(name, award, subject, status, frozenset(failing), **kw)


def excellent(**changes: Any) -> UnitFacts:
    """An HTXS collective of 10: all completed their tasks, 7 LĐTT, 1 CSTĐCS."""
    counts = {"roster": 10, "completed": 10, "ldtt": 7, "cstdcs": 1, **changes}
    rating = counts.pop("rating", "HTXS")
    return unit(year_row(2024, rating, **counts))


def leader(kind: str, rating: str = "HTXS", party: bool | None = True) -> UnitFacts:
    return unit(year_row(2024, rating, roster=10, led_cluster=kind, party_clean_strong=party))


ROWS = [
    # TTLĐTT — Law Art. 28 [P]: HTT+ and more than half LĐTT
    row("an HTT collective with 6 of 10 advanced workers is advanced", "TTLDTT",
        unit(year_row(2024, "HTT", roster=10, ldtt=6)), OK),
    row("exactly half advanced workers is not more than half", "TTLDTT",
        unit(year_row(2024, "HTT", roster=10, ldtt=5)), NO, "ttldtt.ldtt"),
    row("exactly half is enough where the policy reads 'at least'", "TTLDTT",
        unit(year_row(2024, "HTT", roster=10, ldtt=5)), OK,
        policy={"ttldtt_ldtt_strict": False}),
    row("a collective rated HT is not advanced", "TTLDTT",
        unit(year_row(2024, "HT", roster=10, ldtt=8)), NO, "ttldtt.rating"),
    row("a member warned bars the title where the sector sets that bar", "TTLDTT",
        unit(year_row(2024, "HTT", roster=10, ldtt=8, disciplined=1)), NO, "ttldtt.discipline",
        policy={"ttldtt_discipline_bar": "warning"}),
    # TTLĐXS — Law Art. 27: HTXS, 100 % completed, ≥ 70 % LĐTT, ≥ 1 CSTĐCS
    row("HTXS, all completed, 7 of 10 advanced and one fighter is excellent", "TTLDXS",
        excellent(), OK),
    row("9 of 13 advanced workers (69.2 %) is under 70 %", "TTLDXS",
        excellent(roster=13, completed=13, ldtt=9), NO, "ttldxs.ldtt"),
    row("one member short of completing the tasks bars the title", "TTLDXS",
        excellent(completed=9), NO, "ttldxs.completed"),
    row("a collective without a grassroots fighter is not excellent", "TTLDXS",
        excellent(cstdcs=0), NO, "ttldxs.cstdcs"),
    row("an HTT collective is not excellent", "TTLDXS",
        excellent(rating="HTT"), NO, "ttldxs.rating"),
    # Cờ thi đua bộ — Law Art. 26(1) [P]
    row("the HTXS leader of a ministry cluster earns the ministry flag", "CO_BO",
        leader("ministry"), OK),
    row("an HTXS collective that led no cluster gets no flag", "CO_BO",
        leader(""), NO, "cobo.led"),
    row("an HTT cluster leader gets no flag", "CO_BO",
        leader("ministry", rating="HTT"), NO, "cobo.rating"),
    # Cờ thi đua Chính phủ — Law Art. 25
    row("an HTXS, clean and strong ministry-cluster leader qualifies by path 1", "CO_CP",
        leader("ministry"), OK),
    row("the leader of a central council's cluster qualifies by path 2", "CO_CP",
        leader("central", party=None), OK),
    row("a collective that led no cluster does not qualify", "CO_CP",
        leader(""), NO, "cocp.led"),
    row("a party organisation not rated clean and strong bars path 1", "CO_CP",
        leader("ministry", party=False), NO, "cocp.led"),
    row("path 1 waits for the party organisation's assessment", "CO_CP",
        leader("ministry", party=None), WAIT),
    # Cờ thi đua Ban Tổ chức TW — the ministry-flag pattern (04-HD/BTCTW not read)
    row("the commission's flag goes to an HTXS cluster leader", "CO_BTCTW",
        leader("ministry"), OK),
    row("the commission's flag needs a cluster to have been led", "CO_BTCTW",
        leader(""), NO, "cobo.led"),
    row("the commission's flag needs an HTXS year", "CO_BTCTW",
        leader("central", rating="HTT"), NO, "cobo.rating"),
    # Bằng khen for collectives — Law Art. 74(2) not read: the council's vote decides [U]
    row("a collective may be proposed for a ministry merit", "BK_BO_TT", excellent(), OK),
    row("a collective under inspection waits for a ministry merit", "BK_BO_TT",
        unit(year_row(2024, "HTXS"), freeze(date(2025, 1, 5))), Status.DEFERRED),
    row("a ministry merit is given once for the same year", "BK_BO_TT",
        unit(year_row(2024, "HTXS"), held("BK_BO_TT", 2024)), NO, "common.once"),
    row("a collective may be proposed for the commission's merit", "BK_BTCTW_TT",
        excellent(), OK),
    row("a collective under inspection waits for the commission's merit", "BK_BTCTW_TT",
        unit(year_row(2024, "HTXS"), freeze(date(2025, 1, 5))), Status.DEFERRED),
    row("the commission's merit is given once for the same year", "BK_BTCTW_TT",
        unit(year_row(2024, "HTXS"), held("BK_BTCTW_TT", 2024)), NO, "common.once"),
]  # fmt: skip

CASES = [
    pytest.param(r, pack, id=f"{pack}: {r.award}: {r.name}") for pack in ENABLED_PACKS for r in ROWS
]


@pytest.mark.parametrize(("r", "pack"), CASES)
def test_a_collective_award_gives_the_expected_verdict(r: Row, pack: str):
    verdict = judge(r.subject, r.award, 2024, on=ON, pack=pack, policy=r.policy)

    assert (verdict.status, failed_rules(verdict)) == (r.status, set(r.failing))


def test_every_award_of_every_enabled_pack_has_at_least_three_rows():
    from thidua.eligibility import pack_by_id

    from .test_awards_people import ROWS as PEOPLE_ROWS

    counts: dict[str, int] = {}
    for r in [*PEOPLE_ROWS, *ROWS]:
        counts[r.award] = counts.get(r.award, 0) + 1
    awards = {code for p in ENABLED_PACKS for code in pack_by_id(p).awards}

    assert {code: counts.get(code, 0) for code in awards if counts.get(code, 0) < 3} == {}
