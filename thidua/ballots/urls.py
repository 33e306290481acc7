from thidua.ballots.views import minutes, sessions, tellers, voting

app_name = "ballots"

urlpatterns = [
    *sessions.urlpatterns,
    *voting.urlpatterns,
    *tellers.urlpatterns,
    *minutes.urlpatterns,
]
