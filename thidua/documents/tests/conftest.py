"""Fixtures shared by the documents tests (the exchange modules use them through pytestmark)."""

import pytest
from django.utils import translation

from thidua.core.tests.helpers import sign_in


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def english_pages(client):
    """Pages and jobs in English, so messages read as their msgids."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def officer(client, cast):
    """The client signed in as the officer of the module's `cast`."""
    sign_in(client, cast.officer)
    return client
