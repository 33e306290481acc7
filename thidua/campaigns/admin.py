from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.campaigns.models import (
    Evidence,
    FeedToken,
    Indicator,
    IndicatorReport,
    IndicatorTarget,
    Movement,
    MovementDocument,
    MovementEvent,
    Pledge,
    PledgeItem,
    PledgeSignature,
    Registration,
    RegistrationEntry,
    RegistrationEvent,
    ReportEvent,
    ReportingPeriod,
)


class MovementEventInline(admin.TabularInline):
    model = MovementEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class MovementDocumentInline(admin.TabularInline):
    model = MovementDocument
    extra = 0
    can_delete = False
    fields = ["title", "original_name", "content_type", "size", "uploaded_by", "removed_at"]
    readonly_fields = fields  # attached on the movement page, downloaded through its scoped view

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Movement)
class MovementAdmin(SimpleHistoryAdmin):
    """Status changes go through the movement page (services.movement_transition)."""

    list_display = ["title", "kind", "authority", "starts_on", "ends_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    autocomplete_fields = ["authority", "units", "clusters"]
    readonly_fields = ["status"]
    inlines = [MovementEventInline, MovementDocumentInline]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RegistrationEntryInline(admin.TabularInline):
    model = RegistrationEntry
    extra = 0
    autocomplete_fields = ["person"]


class RegistrationEventInline(ReadOnlyInline):
    model = RegistrationEvent


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    """Approval goes through the registration page (services.registrations)."""

    list_display = ["unit", "movement", "status", "submitted_at", "approved_at"]
    list_filter = ["status"]
    search_fields = ["unit__name", "movement__title"]
    autocomplete_fields = ["movement", "unit"]
    inlines = [RegistrationEntryInline, RegistrationEventInline]


class PledgeItemInline(admin.TabularInline):
    model = PledgeItem
    extra = 0


class PledgeSignatureInline(ReadOnlyInline):
    model = PledgeSignature


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    """Signing and amendments go through the pledge pages; signatures are never edited here."""

    list_display = ["cluster", "year", "version", "status", "in_force_at"]
    list_filter = ["status", "year"]
    search_fields = ["cluster__name", "theme"]
    inlines = [PledgeItemInline, PledgeSignatureInline]


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "cluster", "year", "kind", "target", "frequency"]
    list_filter = ["kind", "year"]
    search_fields = ["name", "code"]
    inlines = [IndicatorTargetInline]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "year", "key", "due_on", "closed_at"]
    list_filter = ["year", "key"]


class ReportEventInline(ReadOnlyInline):
    model = ReportEvent


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    exclude = ["file"]  # downloaded through the scoped view, never a direct link


@admin.register(IndicatorReport)
class IndicatorReportAdmin(SimpleHistoryAdmin):
    """Figures and statuses change through the report pages and feeds (services.reports)."""

    list_display = ["unit", "indicator", "period", "status", "is_late", "revision"]
    list_filter = ["status", "is_late", "source"]
    search_fields = ["unit__name", "indicator__name"]
    readonly_fields = ["numerator", "denominator", "value", "status", "revision"]
    inlines = [ReportEventInline, EvidenceInline]


@admin.register(FeedToken)
class FeedTokenAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "prefix", "last_used_at", "revoked_at"]
    search_fields = ["name", "unit__name"]
