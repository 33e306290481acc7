from thidua.scoring.views import rankings, scorecards, tables

app_name = "scoring"

urlpatterns = [
    *tables.urlpatterns,
    *scorecards.urlpatterns,
    *rankings.urlpatterns,
]
