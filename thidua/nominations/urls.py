from thidua.nominations.views import (
    batches,
    decision_files,
    decisions,
    from_ballot,
    postings,
    public,
    routing,
)

app_name = "nominations"

# Each views module owns its patterns: internal pages under "nominations/…", public ones under
# "cong-khai/…".
urlpatterns = [
    *batches.urlpatterns,
    *from_ballot.urlpatterns,
    *routing.urlpatterns,
    *postings.urlpatterns,
    *decisions.urlpatterns,
    *decision_files.urlpatterns,
    *public.urlpatterns,
]
