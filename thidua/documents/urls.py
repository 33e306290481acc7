from thidua.documents.views import certificates, exchange, papers, reports, templates

app_name = "documents"

# Each views module owns its patterns, all under "documents/…".
urlpatterns = [
    *papers.urlpatterns,
    *templates.urlpatterns,
    *certificates.urlpatterns,
    *exchange.urlpatterns,
    *reports.urlpatterns,
]
