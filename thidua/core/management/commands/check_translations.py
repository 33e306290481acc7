"""Fail when a user-facing string has no Vietnamese translation.

Refreshes locale/vi/LC_MESSAGES/django.po with makemessages (so new strings appear there for the
translator), then fails on any entry that is untranslated or fuzzy.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORED = [".venv", "venv", "node_modules", "staticfiles", "var", "bench", "static/vendor"]


class Command(BaseCommand):
    help = "Update the Vietnamese catalogue and fail on untranslated or fuzzy entries."

    def add_arguments(self, parser):
        parser.add_argument("--no-update", action="store_true", help="Only check the .po file.")

    def handle(self, *args, **options):
        po_path = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / "django.po"
        if not options["no_update"]:
            call_command(
                "makemessages",
                locale=["vi"],
                ignore_patterns=IGNORED,
                no_obsolete=True,
                add_location="file",  # line numbers would change the file at every edit
                verbosity=0,
            )
        catalogue = polib.pofile(str(po_path))
        missing = [e for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]
        for entry in missing:
            where = ", ".join(f for f, _line in entry.occurrences[:2])
            state = "fuzzy" if entry.fuzzy else "untranslated"
            self.stderr.write(f"{state}: {entry.msgid!r} ({where})")
        if missing:
            raise CommandError(
                f"{len(missing)} string(s) lack a Vietnamese translation in {po_path}"
            )
        self.stdout.write(f"vi: {len(catalogue.translated_entries())} strings, all translated")
