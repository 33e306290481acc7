"""/api/: the REST API (see api.py) and the page where users manage their API tokens."""

from django.urls import include, path

from thidua.api import views
from thidua.api.api import api

api_patterns, _app_name, _namespace = api.urls
token_patterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]

urlpatterns = [
    path("api/", include(([*token_patterns, *api_patterns], "api"), namespace="api")),
]
