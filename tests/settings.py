"""Settings for the test suite (pyproject.toml: DJANGO_SETTINGS_MODULE): the site's settings with what tests need.

Everything else, the database included, comes from the environment exactly as in forum_site/settings.py.
"""

import re

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
# Rendering pages on every write of every test would be slow; tests/core/test_warming.py turns it on.
WARM_ON_WRITE = False
# Nor every page in a background thread, which could not see a test's uncommitted rows and would outlive the test;
# tests/core/test_site_warming.py turns it on with committed rows.
WARM_SITE_ON_WRITE = False

# The production statement timeout (5 s) is for requests; the test runner's own statements — creating, migrating and
# dropping the test database on a loaded machine — may take longer. The outage tests run the site in processes of
# their own with the production settings.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    _options = DATABASES["default"]["OPTIONS"]  # noqa: F405
    _options["options"] = re.sub(r"statement_timeout=\d+", "statement_timeout=0", _options.get("options", ""))
