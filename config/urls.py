from django.contrib import admin
from django.urls import include, path

from thidua.core import views_notifications
from thidua.core.health import healthz
from thidua.org.dashboard import home

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", home, name="home"),
    # The public portal first: it takes most requests, and every include tried before a match
    # costs time (its addresses, under tin-tuc/ and cong-bo/, are no other app's).
    path("", include("thidua.news.urls")),
    path("", include("thidua.core.urls")),
    path("", include((views_notifications.urlpatterns, "core"))),
    path("", include("thidua.org.urls")),
    path("", include("thidua.campaigns.urls")),
    path("", include("thidua.awards.urls")),
    path("", include("thidua.ballots.urls")),
    path("", include("thidua.scoring.urls")),
    path("", include("thidua.nominations.urls")),
    path("", include("thidua.documents.urls")),
    path("", include("thidua.api.urls")),
]
