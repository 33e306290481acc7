from thidua.campaigns.views import (
    dashboard,
    feeds,
    indicators,
    movements,
    pledges,
    registrations,
    reports,
)

app_name = "campaigns"

urlpatterns = [
    *movements.urlpatterns,
    *registrations.urlpatterns,
    *pledges.urlpatterns,
    *indicators.urlpatterns,
    *reports.urlpatterns,
    *feeds.urlpatterns,
    *dashboard.urlpatterns,
]
