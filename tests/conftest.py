import pytest

PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The hashed manifest only exists after collectstatic; tests use plain storage.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    settings.STORAGES = PLAIN_STORAGES
    settings.SITE_URL = "https://kinhteso.example.vn"


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """A request to an /en/ page leaves English active in the test's thread (LocaleMiddleware never resets it);
    now that there is an English catalogue, each test starts in the site's default language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
