"""Which components each award's dossier needs (law.md §e.1), read from the rule packs; no
database."""

from datetime import date

import pytest

from thidua.eligibility import select_pack
from thidua.nominations import components as c


@pytest.fixture(scope="module")
def pack():
    return select_pack(2023, date(2025, 12, 1))


def needed(pack, code, *, via_cluster=False, overrides=None, limb="", council_vote=None):
    award = pack.award(code)
    return c.required_components(
        award.code, award.subject, award.kind, award.level, award.rules, award.posting,
        overrides or {}, via_cluster=via_cluster, council_vote=council_vote, limb=limb,
    )  # fmt: skip


def test_prerequisites_are_read_from_nested_rules_and_lists():
    rules = [
        {"check": "prior_award", "award": ["BK_BO", "BK_BTCTW"]},
        {"check": "any_of", "rules": [{"check": "consecutive_titles", "award": "CSTDCS"}]},
        {"check": "consecutive_titles", "award": "CSTDCS", "after": "CSTDTQ"},
    ]
    assert c.prerequisite_codes(rules) == ["BK_BO", "BK_BTCTW", "CSTDCS"]


def test_a_flag_proposed_through_a_cluster_needs_the_cluster_minutes(pack):
    assert c.CLUSTER_MINUTES in needed(pack, "CO_BTCTW", via_cluster=True)


def test_a_flag_proposed_without_a_cluster_does_not_need_cluster_minutes(pack):
    assert c.CLUSTER_MINUTES not in needed(pack, "CO_BTCTW", via_cluster=False)


def test_a_flag_is_voted_by_a_council_so_it_needs_the_council_minutes(pack):
    assert c.COUNCIL_MINUTES in needed(pack, "CO_BTCTW", via_cluster=True)


def test_a_national_emulation_fighter_needs_an_initiative_and_the_posting(pack):
    assert {c.INITIATIVE, c.POSTING, c.COUNCIL_MINUTES} <= set(needed(pack, "CSTDTQ"))


def test_an_advanced_worker_needs_neither_initiative_nor_council_minutes(pack):
    assert needed(pack, "LDTT") == [c.PROPOSAL, c.REPORT, c.EVIDENCE]


def test_a_grassroots_fighter_won_on_the_htxs_rating_needs_no_initiative(pack):
    assert c.INITIATIVE not in needed(pack, "CSTDCS", limb="htxs")


def test_a_grassroots_fighter_won_on_an_initiative_needs_its_recognition(pack):
    assert c.INITIATIVE in needed(pack, "CSTDCS", limb="initiative")


def test_a_route_can_switch_off_the_council_vote_for_an_award(pack):
    assert c.COUNCIL_MINUTES not in needed(pack, "CSTD_BO", council_vote=False)


def test_a_routes_list_replaces_the_defaults_for_its_award(pack):
    overrides = {"LDTT": ["report", "evidence", "council_minutes"]}
    assert needed(pack, "LDTT", overrides=overrides) == [c.REPORT, c.COUNCIL_MINUTES, c.EVIDENCE]


@pytest.mark.parametrize(
    ("required", "present", "later", "mark", "state"),
    [
        (True, True, False, "", c.PRESENT),
        (True, False, False, "", c.MISSING),
        (True, False, True, "", c.LATER),
        (True, True, False, "missing", c.MISSING),
        (False, False, False, "", c.OPTIONAL),
        (False, True, False, "ok", c.PRESENT),
    ],
)
def test_the_state_of_a_checklist_row(required, present, later, mark, state):
    assert c.state_of(required=required, present=present, later=later, mark=mark) == state
