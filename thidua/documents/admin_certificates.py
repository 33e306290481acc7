"""Admin for certificate layouts (imported by the documents admin). Layouts are configuration:
the admin edits them here or on their page, where the calibration page checks them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.documents.models.certificates import CertificateField, CertificateLayout


class CertificateFieldInline(admin.TabularInline):
    model = CertificateField
    fields = [
        "key", "x_mm", "y_mm", "width_mm", "font_size", "bold", "italic", "align", "upper",
        "max_lines", "text",
    ]  # fmt: skip
    extra = 0


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "issuer", "paper", "mode", "is_active"]
    list_filter = ["kind", "mode", "is_active"]
    search_fields = ["name", "issuer__name"]
    raw_id_fields = ["issuer"]
    inlines = [CertificateFieldInline]


@admin.register(CertificateField)
class CertificateFieldAdmin(SimpleHistoryAdmin):
    list_display = ["layout", "key", "x_mm", "y_mm", "width_mm", "font_size"]
    list_filter = ["key"]
