"""The OpenAPI description and the Swagger page, which must work offline under the CSP."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_openapi_description_is_valid_json_with_every_endpoint(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "thidua API"
    assert {"/api/units", "/api/eligibility/verdict", "/api/indicator-values"} <= set(
        schema["paths"]
    )
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}


def test_the_docs_page_loads_only_local_assets(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(url.startswith("/static/") for url in assets)
    assert "http://" not in page and "https://" not in page
    for url in assets:
        assert finders.find(url.removeprefix("/static/")), url


def test_the_docs_page_runs_no_inline_script(client):
    """The CSP allows scripts from our own files only; the settings travel as JSON data."""
    page = client.get("/api/docs").content.decode()
    for attrs, _body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
        assert "src=" in attrs or 'type="application/json"' in attrs
