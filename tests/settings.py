"""Settings for the test suite (pyproject.toml: DJANGO_SETTINGS_MODULE): the site's settings with what tests need.

Everything else, the database included, comes from the environment exactly as in forum_site/settings.py.
"""

from forum_site.settings import *  # noqa: F403

# Django's default hasher is slow on purpose; tests create about a hundred accounts.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The hashed manifest only exists after collectstatic; tests use plain storage.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Absolute URLs (canonical links, sitemaps, feeds, citations) as the tests expect them.
SITE_URL = "https://kinhteso.example.vn"
