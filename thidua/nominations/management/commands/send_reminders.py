"""Remind the people a proposal is waiting for when its step's deadline is near or past.

Run once a day (cron or a scheduled task); running it again the same day sends nothing new."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from thidua.nominations.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Send the day's deadline reminders for proposals moving along their routes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="Act as if today were this day (YYYY-MM-DD)."
        )

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        sent = reminders_send(today)
        self.stdout.write(f"{sent} proposal(s) reminded on {today.isoformat()}.")
