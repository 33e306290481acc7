"""Every individual award, in every enabled pack: a pass, a fail and a boundary, one row each.

A row names the award, the history, the year, the expected status and the rules that fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from thidua.eligibility import PersonFacts, Status

from .builders import (
    ENABLED_PACKS,
    discipline,
    failed_rules,
    held,
    initiative,
    judge,
    person,
    posted,
    rated,
    ratings,
)

ON = date(2025, 3, 20)  # judged after the councils of March 2025
OK, NO, WAIT = Status.ELIGIBLE, Status.INELIGIBLE, Status.PENDING_DOCUMENT


def council(award: str):
    """Posted Mon 3-3-2025; ten working days end Fri 14-3; the council meets Mon 17-3."""
    return posted(award, 2024, date(2025, 3, 3), date(2025, 3, 17))


@dataclass(frozen=True)
class Row:
    name: str
    award: str
    subject: PersonFacts
    status: Status
    failing: frozenset[str] = frozenset()
    year: int = 2024
    policy: dict[str, Any] = field(default_factory=dict)


def row(name, award, subject, status, *failing, **kw) -> Row:
    return Row(name, award, subject, status, frozenset(failing), **kw)


# Histories shared by several rows.
CSTDTQ_BASE = (rated(2019, 2024, "HTXS"), held("CSTDCS", *range(2019, 2025)))
BK_TTG_BASE = (rated(2020, 2024, "HTT"), held("CSTDCS", 2021, 2022, 2023))
HCLD3_BASE = (held("CSTDCS", 2021, 2022, 2023), council("HCLD_3"))
HCLD1_RATINGS = ratings(y2020="HTXS", y2021="HTT", y2022="HTXS", y2023="HTT", y2024="HTXS")

ROWS = [
    # LĐTT — Law Art. 24(1); TT 01/2024, TT 15/2025 Art. 2(5)
    row("an HTT worker employed all year is an advanced worker", "LDTT",
        person(rated(2024, 2024, "HTT")), OK),
    row("a worker rated HT is not an advanced worker", "LDTT",
        person(rated(2024, 2024, "HT")), NO, "ldtt.rating"),
    row("a recruit of 1 July has exactly six months by 31 December", "LDTT",
        person(rated(2024, 2024, "HTT"), hired=date(2024, 7, 1)), OK),
    row("a recruit of 2 July is one day short of six months", "LDTT",
        person(rated(2024, 2024, "HTT"), hired=date(2024, 7, 2)), NO, "ldtt.worked"),
    # CSTĐCS — Law Art. 23: LĐTT and (HTXS or a grassroots initiative)
    row("an HTXS advanced worker is a grassroots fighter on the HTXS limb", "CSTDCS",
        person(rated(2024, 2024, "HTXS")), OK),
    row("an HTT advanced worker with a new initiative qualifies on the initiative limb", "CSTDCS",
        person(rated(2024, 2024, "HTT"), initiative("SK-1", 2024)), OK),
    row("an HTT advanced worker without an initiative is not a grassroots fighter", "CSTDCS",
        person(rated(2024, 2024, "HTT")), NO, "cstdcs.limb"),
    row("last year's initiative does not count for this year's title", "CSTDCS",
        person(rated(2024, 2024, "HTT"), initiative("SK-1", 2023)), NO, "cstdcs.limb"),
    row("an initiative does not make up for failing the advanced-worker test", "CSTDCS",
        person(rated(2024, 2024, "HT"), initiative("SK-1", 2024)), NO, "ldtt.rating"),
    # CSTĐ bộ — Law Art. 22: 3 consecutive CSTĐCS + a ministry-scope initiative
    row("three CSTDCS in a row and a ministry initiative earn the ministry title", "CSTD_BO",
        person(held("CSTDCS", 2022, 2023, 2024), initiative("SK-B", 2023, "ministry")), OK),
    row("a gap in the CSTDCS chain breaks it", "CSTD_BO",
        person(held("CSTDCS", 2021, 2022, 2024), initiative("SK-B", 2023, "ministry")), NO,
        "cstdbo.chain"),
    row("a ministry initiative in the first year of the window counts", "CSTD_BO",
        person(held("CSTDCS", 2022, 2023, 2024), initiative("SK-B", 2022, "ministry")), OK),
    row("a ministry initiative just before the window does not count", "CSTD_BO",
        person(held("CSTDCS", 2022, 2023, 2024), initiative("SK-B", 2021, "ministry")), NO,
        "cstdbo.initiative"),
    row("a grassroots initiative is the wrong scope for the ministry title", "CSTD_BO",
        person(held("CSTDCS", 2022, 2023, 2024), initiative("SK-B", 2023, "unit")), NO,
        "cstdbo.initiative"),
    row("CSTDCS years already used by a ministry title are not used again", "CSTD_BO",
        person(held("CSTDCS", *range(2021, 2025)), held("CSTD_BO", 2023),
               initiative("SK-B", 2024, "ministry")), NO, "cstdbo.chain"),
    # CSTĐTQ — Law Art. 21: 2 consecutive CSTĐ bộ + a national initiative; posting
    row("two ministry titles in a row, a national initiative and a posting qualify", "CSTDTQ",
        person(*CSTDTQ_BASE, held("CSTD_BO", 2021, 2024), initiative("SK-N", 2022, "national"),
               council("CSTDTQ")), OK),
    row("a ministry-scope initiative is not enough for the national title", "CSTDTQ",
        person(*CSTDTQ_BASE, held("CSTD_BO", 2021, 2024), initiative("SK-N", 2022, "ministry"),
               council("CSTDTQ")), NO, "cstdtq.initiative"),
    row("ministry titles four years apart are not consecutive", "CSTDTQ",
        person(*CSTDTQ_BASE, held("CSTD_BO", 2020, 2024), initiative("SK-N", 2022, "national"),
               council("CSTDTQ")), NO, "cstdtq.chain"),
    row("without a public posting the national title waits for it", "CSTDTQ",
        person(*CSTDTQ_BASE, held("CSTD_BO", 2021, 2024), initiative("SK-N", 2022, "national")),
        WAIT),
    # Giấy khen — Law Art. 75 (criteria per body: policy)
    row("an HTT worker may get a certificate of commendation", "GK",
        person(rated(2024, 2024, "HTT")), OK),
    row("an HT worker may not get a certificate of commendation", "GK",
        person(rated(2024, 2024, "HT")), NO, "gk.rating"),
    row("an HTT worker falls short where the body asks for HTXS", "GK",
        person(rated(2024, 2024, "HTT")), NO, "gk.rating",
        policy={"merit_certificate_min_rating": "HTXS"}),
    row("a worker disciplined in the year gets no certificate", "GK",
        person(rated(2024, 2024, "HTXS"), discipline(date(2024, 5, 1))), NO,
        "gk.discipline", "gk.rating"),
    # BK bộ — Law Art. 74(1)(d)
    row("two CSTDCS and two fresh grassroots initiatives earn the ministry merit", "BK_BO",
        person(held("CSTDCS", 2023, 2024, limb="htxs"), rated(2023, 2024, "HTXS"),
               initiative("SK-1", 2023), initiative("SK-2", 2024)), OK),
    row("one initiative in the window is one too few", "BK_BO",
        person(held("CSTDCS", 2023, 2024, limb="htxs"), rated(2023, 2024, "HTXS"),
               initiative("SK-1", 2023)), NO, "bkbo.initiatives"),
    row("an initiative from before the two-year window does not count", "BK_BO",
        person(held("CSTDCS", 2023, 2024, limb="htxs"), rated(2023, 2024, "HTXS"),
               initiative("SK-1", 2022), initiative("SK-2", 2024)), NO, "bkbo.initiatives"),
    row("neither two CSTDCS nor two HTXS years in a row", "BK_BO",
        person(held("CSTDCS", 2024), ratings(y2023="HTT", y2024="HTXS"),
               initiative("SK-1", 2023), initiative("SK-2", 2024)), NO, "bkbo.record"),
    # BK TTg — Law Art. 73(1)(b): BK bộ, then 5 years HTT+, with 3 CSTĐCS
    row("a ministry merit, five HTT years after it and three CSTDCS earn the PM merit",
        "BK_TTG", person(*BK_TTG_BASE, held("BK_BO", 2019)), OK),
    row("two CSTDCS in the five years are one too few", "BK_TTG",
        person(rated(2020, 2024, "HTT"), held("CSTDCS", 2021, 2022), held("BK_BO", 2019)), NO,
        "bkttg.cstdcs"),
    row("a ministry merit inside the five-year window is too recent", "BK_TTG",
        person(*BK_TTG_BASE, held("BK_BO", 2020)), NO, "bkttg.prior"),
    row("the certificate of the central organisation commission counts as a ministry merit",
        "BK_TTG", person(*BK_TTG_BASE, held("BK_BTCTW", 2019)), OK),
    row("an HT year in the five breaks the run of good ratings", "BK_TTG",
        person(ratings(y2020="HT"), rated(2021, 2024, "HTT"), held("CSTDCS", 2021, 2022, 2023),
               held("BK_BO", 2019)), NO, "bkttg.ratings"),
    # HCLĐ hạng Ba — Law Art. 44(1)(e): BK TTg, 5 years HTT+, 1 HTXS, 3 CSTĐCS; posting
    row("a PM merit, five good years with one HTXS and three CSTDCS earn the third class",
        "HCLD_3", person(*HCLD3_BASE, held("BK_TTG", 2019), rated(2020, 2021, "HTT"),
                         ratings(y2022="HTXS"), rated(2023, 2024, "HTT")), OK),
    row("five good years without an HTXS year fall short", "HCLD_3",
        person(*HCLD3_BASE, held("BK_TTG", 2019), rated(2020, 2024, "HTT")), NO, "hcld3.htxs"),
    row("a PM merit inside the window is too recent for the third class", "HCLD_3",
        person(*HCLD3_BASE, held("BK_TTG", 2020), rated(2020, 2024, "HTXS")), NO,
        "hcld3.prior"),
    # HCLĐ hạng Nhì — Law Art. 43: HCLĐ III, 5 years HTT+, 2 HTXS, 1 CSTĐ bộ; posting
    row("the third class, two HTXS years and a ministry title earn the second class",
        "HCLD_2", person(held("HCLD_3", 2019), ratings(y2020="HTT", y2021="HTXS", y2022="HTT",
                         y2023="HTXS", y2024="HTT"), held("CSTD_BO", 2023), council("HCLD_2")),
        OK),
    row("one HTXS year is one too few for the second class", "HCLD_2",
        person(held("HCLD_3", 2019), rated(2020, 2022, "HTT"), ratings(y2023="HTXS"),
               ratings(y2024="HTT"), held("CSTD_BO", 2023), council("HCLD_2")), NO,
        "hcld2.htxs"),
    row("a ministry title before the window does not count for the second class", "HCLD_2",
        person(held("HCLD_3", 2019), rated(2020, 2024, "HTXS"), held("CSTD_BO", 2019),
               council("HCLD_2")), NO, "hcld2.cstdbo"),
    # HCLĐ hạng Nhất — Law Art. 42 [U]: thresholds are policy values
    row("the second class, three HTXS years and two ministry titles earn the first class",
        "HCLD_1", person(held("HCLD_2", 2019), HCLD1_RATINGS, held("CSTD_BO", 2021, 2024),
                         council("HCLD_1")), OK),
    row("two HTXS years fall short of the default three", "HCLD_1",
        person(held("HCLD_2", 2019), rated(2020, 2022, "HTT"), rated(2023, 2024, "HTXS"),
               held("CSTD_BO", 2021, 2024), council("HCLD_1")), NO, "hcld1.htxs"),
    row("two HTXS years are enough where the policy asks for two", "HCLD_1",
        person(held("HCLD_2", 2019), rated(2020, 2022, "HTT"), rated(2023, 2024, "HTXS"),
               held("CSTD_BO", 2021, 2024), council("HCLD_1")), OK,
        policy={"labour_order_1_htxs_years": 2}),
    row("a national fighter title stands in for two ministry titles", "HCLD_1",
        person(held("HCLD_2", 2019), HCLD1_RATINGS, held("CSTDTQ", 2024), council("HCLD_1")),
        OK),
    row("a single ministry title is not enough for the first class", "HCLD_1",
        person(held("HCLD_2", 2019), HCLD1_RATINGS, held("CSTD_BO", 2024), council("HCLD_1")),
        NO, "hcld1.title"),
    # Bằng khen Ban Tổ chức TW — the BK bộ rules (Law Art. 74; 04-HD/BTCTW not read)
    row("the commission's merit follows the ministry-merit rules", "BK_BTCTW",
        person(held("CSTDCS", 2023, 2024, limb="htxs"), rated(2023, 2024, "HTXS"),
               initiative("SK-1", 2023), initiative("SK-2", 2024)), OK),
    row("the commission's merit needs two fresh initiatives too", "BK_BTCTW",
        person(held("CSTDCS", 2023, 2024, limb="htxs"), rated(2023, 2024, "HTXS"),
               initiative("SK-2", 2024)), NO, "bkbo.initiatives"),
    row("the commission's merit accepts two HTXS years without CSTDCS titles", "BK_BTCTW",
        person(rated(2023, 2024, "HTXS"), initiative("SK-1", 2023), initiative("SK-2", 2024)),
        OK),
    # KNC Vì sự nghiệp xây dựng tổ chức Đảng — Law Art. 71(2); TT 12/2024 analogue [U]
    row("fifteen full years in the sector earn the medal", "KNC_TCXD",
        person(hired=date(2010, 1, 1)), OK),
    row("a man one day short of fifteen years waits for the medal", "KNC_TCXD",
        person(hired=date(2010, 1, 2), gender="male"), NO, "knc.service"),
    row("a woman needs two years fewer: thirteen full years", "KNC_TCXD",
        person(hired=date(2012, 1, 1), gender="female"), OK),
    row("a woman one day short of thirteen years waits for the medal", "KNC_TCXD",
        person(hired=date(2012, 1, 2), gender="female"), NO, "knc.service"),
]  # fmt: skip

CASES = [
    pytest.param(r, pack, id=f"{pack}: {r.award}: {r.name}") for pack in ENABLED_PACKS for r in ROWS
]


@pytest.mark.parametrize(("r", "pack"), CASES)
def test_an_individual_award_gives_the_expected_verdict(r: Row, pack: str):
    verdict = judge(r.subject, r.award, r.year, on=ON, pack=pack, policy=r.policy)

    assert (verdict.status, failed_rules(verdict)) == (r.status, set(r.failing))
