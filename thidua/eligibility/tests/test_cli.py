"""`check_main`: the plain function behind the management command."""

from __future__ import annotations

import json
from datetime import date

import pytest

from thidua.eligibility import cli, facts_json, pack_by_id

from .builders import freeze, initiative, judge, person, rated, unit, year_row

WORKER = person(rated(2024, 2024, "HTT"), initiative("SK-1", 2024), id="p-7")


@pytest.fixture
def facts(tmp_path):
    def write(subject=WORKER, raw: str | None = None):
        path = tmp_path / "facts.json"
        text = raw if raw is not None else json.dumps(facts_json.dump_subject(subject))
        path.write_text(text, encoding="utf-8")
        return path

    return write


def run(path, award="CSTDCS", year=2024, as_of="2025-03-20", submitted_on=None, as_json=False):
    return cli.check_main(path, award, year, as_of, submitted_on, as_json)


def test_the_report_lists_every_outcome_with_its_key_params_and_clause(facts):
    code, text = run(facts())

    verdict = judge(WORKER, "CSTDCS", 2024, on=date(2025, 3, 20))
    assert code == 0
    assert "Status: ELIGIBLE" in text
    for o in verdict.outcomes:
        line = next(line for line in text.splitlines() if f" {o.rule} " in line)
        assert (o.result.value.upper() in line, o.message in line) == (True, True)
        assert f"clause: {o.clause}" in text
    assert "ids=[SK-1]" in text


def test_the_report_names_the_pack_and_the_initiatives_used_up(facts):
    _, text = run(facts())

    assert f"Pack: law2022-nd98 version {pack_by_id('law2022-nd98').version_label}" in text
    assert "Initiatives this award uses up: SK-1" in text


def test_an_ineligible_subject_exits_with_one(facts):
    code, text = run(facts(person(rated(2024, 2024, "HT"))), award="LDTT")

    assert (code, "Status: INELIGIBLE" in text) == (1, True)


@pytest.mark.parametrize(
    ("subject", "award", "code"),
    [
        pytest.param(person(rated(2024, 2024, "HTT"), freeze(date(2025, 3, 1))), "LDTT", 3,
                     id="deferred exits with three"),
        pytest.param(unit(year_row(2024, "HTXS", roster=10, led_cluster="ministry")), "CO_CP", 4,
                     id="pending a document exits with four"),
    ],
)  # fmt: skip
def test_each_status_has_its_exit_code(facts, subject, award, code):
    assert run(facts(subject), award=award)[0] == code


def test_json_output_is_the_verdict_with_its_pack(facts):
    _, text = run(facts(), submitted_on="2025-07-01", as_json=True)

    data = json.loads(text)
    verdict = judge(WORKER, "CSTDCS", 2024, on=date(2025, 3, 20), submitted_on=date(2025, 7, 1))
    assert data["pack"] == "law2022-nd152"
    assert {k: v for k, v in data.items() if k in verdict.as_dict()} == json.loads(
        json.dumps(verdict.as_dict(), default=str)
    )
    assert (data["pack_effective_from"], data["submitted_on"]) == ("2025-07-01", "2025-07-01")


def test_an_unknown_award_names_the_code_and_lists_the_valid_ones(facts):
    code, text = run(facts(), award="CSTD_XX", submitted_on="2025-07-01")

    awards = pack_by_id("law2022-nd152").awards
    people = sorted(c for c, a in awards.items() if a.subject == "individual")
    assert code == cli.EXIT_ERROR
    assert "'CSTD_XX'" in text and "law2022-nd152" in text
    assert text.endswith(f"valid codes for a person: {', '.join(people)}")


def test_an_award_for_the_other_kind_of_subject_is_explained(facts):
    code, text = run(facts(), award="TTLDXS")

    assert code == cli.EXIT_ERROR
    assert "TTLDXS is for a collective" in text


def test_lower_case_award_codes_are_accepted(facts):
    assert run(facts(), award="cstdcs")[0] == 0


def test_bad_facts_list_every_field_at_fault(facts):
    path = facts(raw=json.dumps({"kind": "person", "id": "p", "employment_start": "2025-02-30",
                                 "ratings": [{"year": 2024, "rating": "XS"}]}))  # fmt: skip

    code, text = run(path)

    assert code == cli.EXIT_ERROR
    assert "employment_start:" in text and "ratings[0].rating:" in text


def test_a_year_no_pack_covers_is_an_error(facts):
    code, text = run(facts(), year=2020, as_of="2023-06-01")

    assert (code, "no enabled rule pack" in text) == (cli.EXIT_ERROR, True)


def test_a_badly_written_date_is_an_error(facts):
    code, text = run(facts(), as_of="20-03-2025")

    assert (code, "as_of must be a date" in text) == (cli.EXIT_ERROR, True)


def test_a_bad_policy_value_is_an_error(facts):
    code, text = cli.check_main(facts(), "LDTT", 2024, "2025-03-20", None, False,
                                policy={"discipline_restart": "soon"})  # fmt: skip

    assert (code, "discipline_restart" in text) == (cli.EXIT_ERROR, True)


def test_main_prints_the_report_and_returns_the_exit_code(facts, capsys):
    code = cli.main([str(facts()), "CSTDCS", "2024", "--as-of", "2025-03-20", "--json"])

    assert (code, json.loads(capsys.readouterr().out)["status"]) == (0, "eligible")


@pytest.mark.parametrize("where", ["facts", "as_of"])
def test_a_date_near_year_9999_is_an_error_not_a_crash(facts, where):
    if where == "facts":
        subject = {"kind": "person", "id": "p", "employment_start": "9999-12-31"}
        code, text = run(facts(raw=json.dumps(subject)))
    else:
        code, text = run(facts(), as_of="9999-12-31")

    assert (code, "between 1945 and 2100" in text) == (cli.EXIT_ERROR, True)
