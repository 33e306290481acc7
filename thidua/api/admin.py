from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """To look up and audit tokens; they are made and revoked by their owner on /api/tokens/."""

    list_display = ["name", "user", "prefix", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "name", "prefix", "last_used_at", "expires_at", "revoked_at"]

    def has_add_permission(self, request) -> bool:
        return False  # the secret must be shown to its owner, once
