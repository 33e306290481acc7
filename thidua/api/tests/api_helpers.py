"""Calling the API in tests: a token for a member of the `world` cast, and requests with it."""

import json
from typing import Any

from django.test import Client

from thidua.api import services
from thidua.org import services as org_services


def token_for(user: Any, **values: Any) -> str:
    """A fresh token of `user`; its secret."""
    _token, secret = services.api_token_create(user=user, name="test", by=user, **values)
    return secret


def readable_codes(world: Any) -> Any:
    """The fixture units get generated codes; give the ones the tests name readable codes."""
    for unit, code in ((world.cq, "CQ"), (world.dn, "DN"), (world.kt, "KT")):
        org_services.unit_update(unit=unit, by=None, code=code)
        unit.refresh_from_db()
    return world


class Api:
    """A client that speaks to /api/ with a token, in English unless told otherwise."""

    def __init__(self, user: Any = None, *, secret: str | None = None, language: str = "en"):
        self.client = Client()
        self.secret = secret if secret is not None else (token_for(user) if user else "")
        self.language = language

    def _headers(self) -> dict[str, str]:
        headers = {"HTTP_ACCEPT_LANGUAGE": self.language}
        if self.secret:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self.secret}"
        return headers

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, **self._headers())

    def post(self, path: str, body: Any) -> Any:
        data = body if isinstance(body, str | bytes) else json.dumps(body, default=str)
        return self.client.post(
            f"/api{path}", data=data, content_type="application/json", **self._headers()
        )


def fields(response: Any) -> dict[str, str]:
    """{field: first message} of a refusal."""
    found: dict[str, str] = {}
    for error in response.json().get("errors", []):
        found.setdefault(error["field"], error["message"])
    return found


def ids(response: Any) -> list[int]:
    return [item["id"] for item in response.json()["items"]]
