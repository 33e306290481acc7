from thidua.scoring.views import meeting, rankings, scorecards, tables

app_name = "scoring"

urlpatterns = [
    *tables.urlpatterns,
    *scorecards.urlpatterns,
    *rankings.urlpatterns,
    *meeting.urlpatterns,
]
