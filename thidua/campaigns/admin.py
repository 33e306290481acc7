from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.campaigns.models import Movement, MovementEvent


class MovementEventInline(admin.TabularInline):
    model = MovementEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]

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
    inlines = [MovementEventInline]
