from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """A request to an /en/ page leaves English active in the test's thread (LocaleMiddleware never resets it);
    now that there is an English catalogue, each test starts in the site's default language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def forum_content(django_db_setup, django_db_blocker):
    """The forum's real content (content/*.toml), loaded once per module and rolled back after it.

    Each test of the module still runs in its own savepoint (the `db` fixture), so a test may change the content:
    the next test sees it as loaded. Keep tests that need an empty database in another module: this fixture stays
    active from the module's first test that uses it to the module's end.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_forum_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)
