"""Rebuild the shipped Word templates (thidua/documents/docx/<kind>.docx) from their builders."""

from django.core.management.base import BaseCommand

from thidua.documents import docx_builder
from thidua.documents.registry import definitions


class Command(BaseCommand):
    help = "Rebuild the shipped Word template of every registered paper from its builder."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Only these kinds (default: all).")

    def handle(self, *args, **options):
        wanted = set(options["kinds"])
        for definition in sorted(definitions(), key=lambda d: d.kind):
            if definition.build_template is None or (wanted and definition.kind not in wanted):
                continue
            doc = docx_builder.new_template()
            definition.build_template(doc)
            path = docx_builder.save_template(doc, definition.kind)
            self.stdout.write(f"{definition.kind}: {path}")
