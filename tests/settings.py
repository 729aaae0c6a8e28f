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

# A test's writes never commit (its transaction is rolled back), so `transaction.on_commit` never bumps the content
# generation: bump at once instead, as the test's own reads already see its writes. tests/core/test_page_cache.py
# turns the real on-commit behaviour back on.
PAGE_CACHE_BUMP_ON_COMMIT = False
