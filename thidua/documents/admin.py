from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.admin import ReadOnlyMixin
from thidua.documents import admin_certificates  # noqa: F401 - registers the layouts' admin
from thidua.documents.models.templates import Letterhead, PaperTemplate


@admin.register(Letterhead)
class LetterheadAdmin(SimpleHistoryAdmin):
    """Letterhead lines are plain settings of a unit: the admin edits them here."""

    list_display = ["unit", "issuer_line", "superior_line", "place", "signer_name"]
    search_fields = ["unit__name", "issuer_line", "superior_line"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


@admin.register(PaperTemplate)
class PaperTemplateAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    """Uploads go through the templates page, which checks each file before it is used."""

    list_display = ["kind", "unit", "original_name", "is_active", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["original_name", "unit__name", "note"]
    list_select_related = ["unit", "uploaded_by"]
