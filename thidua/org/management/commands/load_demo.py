"""`manage.py load_demo`: the demo organisation and one account per role (safe to run again).

`make run` calls it before every start and relies on the accounts table it prints each time.
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.core.demo import load_app_demos
from thidua.org.demo.accounts import AccountRow, account_rows
from thidua.org.demo.loader import LoadReport, load_demo


class Command(BaseCommand):
    help = "Load the demo sector, clusters, people and accounts; a second run changes nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--quiet", action="store_true", help="Print nothing but the demo accounts."
        )

    def handle(self, *args, quiet: bool = False, **options) -> None:
        started = time.perf_counter()
        report = load_demo()
        extra = load_app_demos()
        report.created.update(extra)
        report.already_loaded = report.already_loaded and not extra.total()
        if not quiet:
            self.stdout.write(summary(report, time.perf_counter() - started))
        rows = account_rows()
        self.stdout.write(accounts_table(rows))
        for line in two_factor_lines(rows):
            self.stdout.write(line)
        self.stdout.write(
            self.style.WARNING(
                _(
                    "These are demo credentials, printed for testing. Never load the demo on a "
                    "server that real users can reach."
                )
            )
        )


def summary(report: LoadReport, seconds: float) -> str:
    if report.already_loaded:
        return _("The demo data is already loaded; nothing was changed (%(seconds).2f s).") % {
            "seconds": seconds
        }
    return _(
        "Demo data loaded in %(seconds).2f s: %(units)d units, %(people)d people, "
        "%(changes)d changes in all."
    ) % {
        "seconds": seconds,
        "units": report.created["units"],
        "people": report.created["people"],
        "changes": report.created.total(),
    }


def accounts_table(rows: list[AccountRow]) -> str:
    header = (_("Username"), _("Role"), _("Scope"), _("Password"))
    lines = [header, *((r.username, r.role, r.scope, r.password) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    body = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in lines
    ]
    return "\n".join(["", _("Demo accounts"), *(line.rstrip() for line in body), ""])


def two_factor_lines(rows: list[AccountRow]) -> list[str]:
    return [
        _(
            "%(username)s signs in with a second factor (TOTP): add the secret %(secret)s to an "
            "authenticator app; the current code is %(code)s."
        )
        % {"username": r.username, "secret": r.totp_secret, "code": r.totp_code}
        for r in rows
        if r.totp_secret
    ]
