from thidua.ballots.views import minutes, sessions, standing, tellers, voting

app_name = "ballots"

urlpatterns = [
    *sessions.urlpatterns,
    *voting.urlpatterns,
    *tellers.urlpatterns,
    *minutes.urlpatterns,
    *standing.urlpatterns,
]
