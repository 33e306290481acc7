"""My notifications: the list (newest first) and marking them all read.

Wired by the lead under the "core" namespace: `path("", include((urlpatterns, "core")))`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.models import Notification
from thidua.core.notify import notifications_mark_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=request.user)
    page = Paginator(mine, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    unread = mine.filter(read_at__isnull=True).count()
    return render(request, "core/notifications.html", {"page": page, "unread": unread})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    if notifications_mark_read(user=request.user):
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("core:notifications")


urlpatterns = [
    path("notifications/", notification_list, name="notifications"),
    path("notifications/read/", notifications_read, name="notifications_read"),
]
