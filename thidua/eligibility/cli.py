"""Command-line checks, as plain functions: the Django management command calls these.

`check_main` reads a JSON facts file (docs/eligibility.md), picks the pack for the year and the
submission date, evaluates one award and returns `(exit_code, text)`; the text is either a
readable report or JSON. Message keys stay untranslated here (the Django side translates).
Also runnable without Django: `python -m thidua.eligibility.cli facts.json LDTT 2025`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import Any

from . import facts_json
from .engine import evaluate
from .facts import Case, PersonFacts, UnitFacts
from .packs import NoPackError, Pack, PackError, select_pack
from .policy import Policy, PolicyError
from .verdict import Outcome, Status, Verdict

EXIT_ERROR = 2  # the question could not be asked: bad facts, unknown award, no pack, bad policy
EXIT_CODES = {
    Status.ELIGIBLE: 0,
    Status.INELIGIBLE: 1,
    Status.DEFERRED: 3,
    Status.PENDING_DOCUMENT: 4,
}


class UsageError(ValueError):
    pass


def check_main(
    facts_path: str | Path,
    award: str,
    year: int,
    as_of: date | str | None = None,
    submitted_on: date | str | None = None,
    as_json: bool = False,
    *,
    policy: dict[str, Any] | Policy | None = None,
) -> tuple[int, str]:
    """Evaluate `award` for `year` on the subject in `facts_path`; `as_of` defaults to today.

    Exit codes: 0 eligible, 1 ineligible, 3 deferred, 4 pending a document, 2 an input error
    (the text then says what to fix).
    """
    try:
        subject = facts_json.load(facts_path)
        judged_on = _day(as_of, "as_of") or date.today()
        submitted = _day(submitted_on, "submitted_on")
        pack = select_pack(year, submitted or judged_on)
        code = _award_code(pack, award, subject)
        case = Case(subject, code, year, judged_on, submitted)
        verdict = evaluate(case, pack=pack, policy=policy)
    except facts_json.FactsError as exc:
        lines = [f"error: the facts file {facts_path} is not valid:"]
        lines += [f"  {field or '(document)'}: {message}" for field, message in exc.errors]
        return EXIT_ERROR, "\n".join(lines)
    except (UsageError, NoPackError, PackError, PolicyError) as exc:
        return EXIT_ERROR, f"error: {exc}"
    text = render_json(verdict, pack, case) if as_json else render_text(verdict, pack, case)
    return EXIT_CODES[verdict.status], text


def _day(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None
    if not facts_json.MIN_YEAR <= day.year <= facts_json.MAX_YEAR:
        span = f"{facts_json.MIN_YEAR} and {facts_json.MAX_YEAR}"
        raise UsageError(f"{name} must be a date between {span}, not {value!r}")
    return day


def _award_code(pack: Pack, award: str, subject: PersonFacts | UnitFacts) -> str:
    """The award's code in `pack`; an unknown code or the wrong kind of subject is explained."""
    kind = "individual" if isinstance(subject, PersonFacts) else "collective"
    fitting = sorted(code for code, a in pack.awards.items() if a.subject == kind)
    code = award.strip().upper()
    if code not in pack.awards:
        raise UsageError(
            f"unknown award code {award!r} in pack {pack.id}; "
            f"valid codes for {'a person' if kind == 'individual' else 'a unit'}: "
            f"{', '.join(fitting)}"
        )
    if pack.awards[code].subject != kind:
        raise UsageError(
            f"award {code} is for a {pack.awards[code].subject} but {subject.id} is a {kind}; "
            f"valid codes: {', '.join(fitting)}"
        )
    return code


# --- rendering ------------------------------------------------------------------------------


def render_text(verdict: Verdict, pack: Pack, case: Case) -> str:
    award = pack.award(verdict.award)
    kind = "person" if isinstance(case.subject, PersonFacts) else "unit"
    submitted = case.submitted_on.isoformat() if case.submitted_on else "not given"
    first, last = verdict.report_period
    lines = [
        f"{verdict.award} ({award.name_vi} / {award.name_en}) for {kind} {verdict.subject}, "
        f"year {verdict.year}",
        f"Status: {verdict.status.value.upper()}",
        f"Pack: {pack.id} version {verdict.pack_version} (in force from {pack.effective_from})",
        f"Judged on {case.as_of.isoformat()}; submitted {submitted}; report period {first}-{last}",
        "",
        "Outcomes:",
    ]
    width = max((len(o.rule) for o in verdict.outcomes), default=0)
    for o in verdict.outcomes:
        lines.extend(_outcome_lines(o, width))
    if verdict.limb:
        lines.append(f"Won on the limb: {verdict.limb}")
    if verdict.consumes:
        lines.append(f"Initiatives this award uses up: {', '.join(verdict.consumes)}")
    return "\n".join(lines)


def _outcome_lines(o: Outcome, width: int) -> list[str]:
    params = ", ".join(f"{k}={_text_value(v)}" for k, v in o.params.items())
    head = f"  {o.result.value.upper():<16} {o.rule:<{width}}  {o.message}"
    lines = [f"{head}  ({params})" if params else head]
    if o.clause:
        lines.append(f"  {'':<16} {'':<{width}}  clause: {o.clause}")
    return lines


def _text_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_text_value(v) for v in value) + "]"
    return str(_plain(value))


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return value


def render_json(verdict: Verdict, pack: Pack, case: Case) -> str:
    data = verdict.as_dict()
    data |= {
        "pack_title": pack.title,
        "pack_effective_from": pack.effective_from.isoformat(),
        "as_of": case.as_of.isoformat(),
        "submitted_on": case.submitted_on.isoformat() if case.submitted_on else None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


def _json_default(value: Any) -> Any:
    plain = _plain(value)
    if plain is value:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")
    return plain


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check one award against a JSON facts file.")
    parser.add_argument("facts", help="path to the JSON facts file")
    parser.add_argument("award", help="award code, e.g. LDTT")
    parser.add_argument("year", type=int, help="emulation year")
    parser.add_argument("--as-of", help="judgement date YYYY-MM-DD (default: today)")
    parser.add_argument("--submitted-on", help="dossier submission date (selects the pack)")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    args = parser.parse_args(argv)
    code, text = check_main(
        args.facts, args.award, args.year, args.as_of, args.submitted_on, args.json
    )
    print(text, file=sys.stderr if code == EXIT_ERROR else sys.stdout)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
