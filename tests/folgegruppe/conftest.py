import pytest


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Meeting attachments uploaded by the tests go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
