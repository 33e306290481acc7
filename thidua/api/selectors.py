"""Reads for the token page: a user sees and revokes only their own tokens."""

from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404

from thidua.api.models import ApiToken


def api_tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The user's tokens, live ones first, newest first."""
    live_first = F("revoked_at").asc(nulls_first=True)
    return ApiToken.objects.filter(user=user).order_by(live_first, "-created_at", "-pk")


def api_token_of(user: Any, pk: Any) -> ApiToken:
    """One of the user's tokens; anyone else's does not exist (404)."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token
