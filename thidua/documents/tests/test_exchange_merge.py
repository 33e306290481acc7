"""The three-way merge, one row per case: exported (base), server now (theirs), file (mine).
Pure Python, no database."""

import pytest

from thidua.documents.exchange import merge
from thidua.documents.exchange.merge import (
    CHANGE,
    CONFLICT,
    NEW,
    SAME_CHANGE,
    SERVER_NEWER,
    UNCHANGED,
    merge_field,
    merge_row,
)


@pytest.mark.parametrize(
    ("base", "theirs", "mine", "outcome"),
    [
        ("An", "An", "An", UNCHANGED),
        ("An", "An", "Anh", CHANGE),
        ("An", "Ân", "An", SERVER_NEWER),
        ("An", "Ân", "Anh", CONFLICT),
        ("An", "Anh", "Anh", SAME_CHANGE),
        (None, None, "An", CHANGE),  # a blank template fills an empty field
        (None, "An", None, SERVER_NEWER),  # an empty cell never clears the server's value
        (None, "An", "Ân", CONFLICT),  # no export record: any other difference is a conflict
        ("An", "An", None, CHANGE),  # clearing a cell the server left alone clears it
    ],
)
def test_each_field_is_merged_from_its_three_values(base, theirs, mine, outcome):
    assert merge_field(base, theirs, mine) == outcome


def row(base, theirs, mine):
    return merge_row(
        line=2, key=("CQ001",), fields=("full_name", "birth_date"), mine=mine, base=base,
        theirs=theirs,
    )  # fmt: skip


def test_a_row_with_a_conflict_is_a_conflict_even_beside_a_change():
    merged = row(
        base={"full_name": "An", "birth_date": "1990-01-01"},
        theirs={"full_name": "Ân", "birth_date": "1990-01-01"},
        mine={"full_name": "Anh", "birth_date": "1991-01-01"},
    )

    assert merged.outcome == CONFLICT
    assert [(f.field, f.outcome) for f in merged.fields] == [
        ("full_name", CONFLICT),
        ("birth_date", CHANGE),
    ]


def test_a_row_the_server_does_not_have_is_new_with_the_files_values():
    merged = row(base=None, theirs=None, mine={"full_name": "An", "birth_date": None})

    assert merged.outcome == NEW
    assert merged.writes(accepted=[]) == {"full_name": "An", "birth_date": None}


def test_only_changes_and_settled_conflicts_are_written():
    merged = row(
        base={"full_name": "An", "birth_date": "1990-01-01"},
        theirs={"full_name": "Ân", "birth_date": "1990-01-01"},
        mine={"full_name": "Anh", "birth_date": "1991-01-01"},
    )
    [conflict] = merged.conflicts

    assert merged.writes(accepted=[]) == {"birth_date": "1991-01-01"}
    assert merged.writes(accepted=[conflict.conflict_id]) == {
        "full_name": "Anh",
        "birth_date": "1991-01-01",
    }


def test_a_server_only_change_is_never_written_back():
    merged = row(
        base={"full_name": "An", "birth_date": "1990-01-01"},
        theirs={"full_name": "Ân", "birth_date": "1990-01-01"},
        mine={"full_name": "An", "birth_date": "1990-01-01"},
    )

    assert merged.outcome == SERVER_NEWER
    assert merged.writes(accepted=None) == {}


def test_a_choice_made_for_a_conflict_does_not_carry_over_to_a_newer_server_value():
    first = row({"full_name": "An"}, {"full_name": "Ân"}, {"full_name": "Anh"}).conflicts[0]
    again = row({"full_name": "An"}, {"full_name": "Ẩn"}, {"full_name": "Anh"}).conflicts[0]

    assert first.conflict_id != again.conflict_id


def test_the_plan_digest_ignores_server_changes_the_file_does_not_touch():
    base = {"full_name": "An", "birth_date": "1990-01-01"}
    mine = {"full_name": "Anh", "birth_date": "1990-01-01"}
    before = row(base, base, mine)
    after = row(base, {**base, "birth_date": "1989-01-01"}, mine)
    touched = row(base, {**base, "full_name": "Ân"}, mine)

    assert merge.plan_digest([before]) == merge.plan_digest([after])
    assert merge.plan_digest([before]) != merge.plan_digest([touched])
