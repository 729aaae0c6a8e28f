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
