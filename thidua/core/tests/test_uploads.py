"""Uploads kept between a preview and its confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from thidua.core.uploads import KeptUploads
from thidua.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_kept_upload_is_found_again_by_its_owner_with_its_token():
    kept, owner = KeptUploads("imports", suffixes=("xlsx", "csv")), UserFactory()
    token = kept.keep(owner, SimpleUploadedFile("figures.csv", b"a;b\n"), "csv")
    assert kept.find(owner, token).endswith(f"/{owner.pk}/{token}.csv")


def test_another_users_token_finds_nothing():
    kept, owner = KeptUploads("imports"), UserFactory()
    token = kept.keep(owner, SimpleUploadedFile("history.xlsx", b"PK"))
    with pytest.raises(Http404):
        kept.find(UserFactory(), token)


def test_a_token_that_is_a_path_finds_nothing():
    with pytest.raises(Http404):
        KeptUploads("imports").find(UserFactory(), "../../etc/passwd-0123456789012345678")
