"""`manage.py eligibility check FACTS.json --award CODE --year YEAR` and `… sweep --year YEAR`.

`check` judges one subject from a JSON facts file (docs/eligibility.md) and prints the verdict
in the active language with the clause of each condition, or JSON with `--json`. The exit code
tells the status: 0 eligible, 1 not eligible, 3 deferred, 4 waiting for a document, 2 bad input.
`sweep` checks everyone in the database (or a unit's subtree) as a job with progress.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.awards.messages import STATUS_LABELS, describe
from thidua.awards.selectors import award_names
from thidua.awards.sweeps import sweep_start
from thidua.core.jobs import Progress, job_execute
from thidua.eligibility import (
    Case,
    NoPackError,
    PackError,
    PolicyError,
    evaluate,
    facts_json,
    select_pack,
)
from thidua.eligibility.cli import EXIT_CODES, render_json
from thidua.org.models import Unit


class Command(BaseCommand):
    help = "Judge eligibility for awards: one facts file (check) or everyone (sweep)."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Judge one subject from a JSON facts file.")
        check.add_argument("facts", help="Path to the JSON facts file.")
        check.add_argument("--award", required=True, help="Award code, e.g. CSTDCS.")
        check.add_argument("--year", type=int, required=True, help="Year under review.")
        check.add_argument("--as-of", type=dt.date.fromisoformat, help="Judge on this date.")
        check.add_argument("--submitted", type=dt.date.fromisoformat, help="Dossier date.")
        check.add_argument("--json", action="store_true", help="Print the verdict as JSON.")
        check.add_argument("--language", default=None, help="vi (default) or en.")
        sweep = sub.add_parser("sweep", help="Judge everyone and store the verdicts.")
        sweep.add_argument("--year", type=int, required=True)
        sweep.add_argument("--as-of", type=dt.date.fromisoformat)
        sweep.add_argument("--unit", help="Code of the unit whose subtree is checked.")
        sweep.add_argument("--award", action="append", default=[], help="Only these awards.")
        sweep.add_argument(
            "--queue", action="store_true", help="Leave it to the task worker instead."
        )

    def handle(self, *args, action: str, **options) -> None:
        language = options.get("language")
        with translation.override(language) if language else nullcontext():
            if action == "check":
                self._check(**options)
            else:
                self._sweep(**options)

    def _check(self, *, facts, award, year, as_of, submitted, json, **_options) -> None:
        as_of = as_of or timezone.localdate()
        try:
            subject = facts_json.load(facts)
            pack = select_pack(year, submitted or as_of)
            if award not in pack.awards:
                raise PackError(
                    _("Unknown award code %(code)s. Codes in %(pack)s: %(codes)s.")
                    % {"code": award, "pack": pack.id, "codes": ", ".join(pack.awards)}
                )
            case = Case(subject, award, year, as_of, submitted)
            verdict = evaluate(case, pack=pack)
        except facts_json.FactsError as exc:
            lines = [f"  {field or '-'}: {message}" for field, message in exc.errors]
            raise CommandError(
                "\n".join([_("The facts file is not valid:"), *lines]), returncode=2
            ) from exc
        except (NoPackError, PackError, PolicyError, OSError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if json:
            self.stdout.write(render_json(verdict, pack, case))
        else:
            self.stdout.write(self._text(verdict, pack))
        if verdict.status.value != "eligible":
            raise SystemExit(EXIT_CODES[verdict.status])

    def _text(self, verdict, pack) -> str:
        names = award_names() or {c: a.name_vi for c, a in pack.awards.items()}
        head = _("%(award)s, %(year)s: %(status)s") % {
            "award": names.get(verdict.award, verdict.award),
            "year": verdict.year,
            "status": STATUS_LABELS[verdict.status],
        }
        lines = [head, _("Rules: %(pack)s, version %(version)s") % {
            "pack": pack.id, "version": verdict.pack_version,
        }]  # fmt: skip
        marks = {"passed": "✓", "failed": "✗", "info": "·"}
        for o in verdict.outcomes:
            mark = marks.get(o.result.value, "!")
            lines.append(f"  {mark} {describe(o, names)} [{o.clause}]")
        return "\n".join(lines)

    def _sweep(self, *, year, as_of, unit, award, queue, **_options) -> None:
        scope = None
        if unit:
            scope = Unit.objects.filter(code=unit).first()
            if scope is None:
                raise CommandError(_("No unit has the code %(code)s.") % {"code": unit})
        try:
            sweep = sweep_start(
                by=None, year=year, as_of=as_of or timezone.localdate(), unit=scope,
                awards=award, queue=queue,
            )  # fmt: skip
        except NoPackError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if queue:
            self.stdout.write(_("Queued as job %(id)s.") % {"id": sweep.job_id})
            return
        job_execute(sweep.job, PrintedProgress(sweep.job, self.stdout))
        sweep.refresh_from_db()
        self.stdout.write(
            _("Checked %(n)s people and units: %(eligible)s verdicts eligible.")
            % {"n": sweep.subjects, "eligible": sweep.eligible}
        )


class PrintedProgress(Progress):
    """Progress that also prints every tenth on the terminal."""

    def __init__(self, job, stdout):
        super().__init__(job)
        self.stdout, self._printed = stdout, -1

    def advance(self, done: int, message: str = "") -> None:
        super().advance(done, message)
        tenth = 10 * done // self.job.total if self.job.total else 0
        if tenth != self._printed:
            self._printed = tenth
            self.stdout.write(f"{10 * tenth:3d} % ({done}/{self.job.total})")
