import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English msgids; the Dutch translation is tested apart."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
