from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from thidua.core import fragments
from thidua.core.models import DataVersion, Job, Notification

admin.site.site_header = _("thidua administration")
admin.site.site_title = _("thidua administration")
admin.site.index_title = _("Data and settings")


class ReadOnlyMixin:
    """For records written only by the app's services (ballots, scorecards): the admin looks."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs are written by the worker only; the admin looks, and may delete old ones."""

    list_display = ["title", "kind", "status", "percent", "created_by", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "kind", "created_by__username"]
    list_select_related = ["created_by"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Notifications are written by the app (core.notify); the admin looks them up."""

    list_display = ["title", "user", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "user__username"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"


@admin.register(DataVersion)
class DataVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The cached pages' data versions (core.fragments), written by the app on every change.
    After an upgrade changed the templates, the action has every page rendered afresh."""

    list_display = ["namespace", "token"]
    search_fields = ["namespace"]
    actions = ["render_afresh"]

    @admin.action(description=_("Render the cached pages of these namespaces afresh"))
    def render_afresh(self, request, queryset) -> None:
        for namespace in queryset.values_list("namespace", flat=True):
            fragments.data_changed(namespace)
        self.message_user(request, _("The cached pages will be rendered afresh."))
