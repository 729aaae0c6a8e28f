import copy
import uuid
from io import StringIO

import pytest
from django.core.management import call_command

from tests.skips import in_ci, skip_fails
from tests.world import rolled_back


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """Under pytest-xdist the controller compiles a stale English catalogue before the workers start, so that they
    do not write it at the same time (tests/forum_site/test_english.py compiles it in a run without workers)."""
    if hasattr(session.config, "workerinput") or not session.config.getoption("numprocesses", None):
        return
    from tests.forum_site.test_english import MO, PO

    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With CI=true a skip is a failure (tests/skips.py)."""
    report = (yield).get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if skip_fails(reason, in_ci()):
            report.outcome = "failed"
            report.longrepr = f"CI=true: a skip is a failure here ({reason})"


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
    with rolled_back(django_db_blocker):
        call_command("load_forum_content", stdout=StringIO())
        yield


def _own_caches(caches: dict, folder) -> dict:
    """The cache settings under a key prefix of their own (and, for the file cache, in `folder`)."""
    caches = copy.deepcopy(caches)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"
    if caches["default"]["BACKEND"].endswith("FileBasedCache"):
        caches["default"]["LOCATION"] = str(folder)
    return caches


@pytest.fixture(scope="session", autouse=True)
def _session_cache_namespace(tmp_path_factory):
    """What module-scoped fixtures (`forum_content`, the worlds) write to or read from the cache stays in this run
    and this worker too."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(CACHES=_own_caches(settings.CACHES, tmp_path_factory.getbasetemp() / "cache")):
        yield


@pytest.fixture(scope="module")
def _module_caches(tmp_path_factory) -> dict:
    from django.conf import settings

    return _own_caches(settings.CACHES, tmp_path_factory.getbasetemp() / "cache")


@pytest.fixture(autouse=True)
def _own_cache_namespace(request, settings, tmp_path_factory):
    """Each test starts with an empty shared cache (page cache, content generation, rate limits) under a key
    prefix of its own, on the real backend (Redis with REDIS_URL, files otherwise); never `cache.clear()`,
    which would empty a Redis database that other processes use. The `read_only_db` browser tests of a module share
    one (nothing changes there, so a page one test cached is still right for the next, as in production)."""
    if request.node.get_closest_marker("read_only_db"):
        settings.CACHES = request.getfixturevalue("_module_caches")
    else:
        settings.CACHES = _own_caches(settings.CACHES, tmp_path_factory.getbasetemp() / "cache")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, dropped cleanly at the end even if a server thread kept a connection open.

    A live server's or a test server's thread can hold a persistent connection (CONN_MAX_AGE) after its last
    request; PostgreSQL then refuses `DROP DATABASE` ("being accessed by other users") and the run ends in an error.
    """
    yield
    with django_db_blocker.unblock():
        from django.db import connections

        connection = connections["default"]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        connections.close_all()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's superuser client, with the second factor a superuser must give (core/twofactor.py)."""
    from tests.users import verify_second_factor

    client.force_login(admin_user)
    verify_second_factor(client, admin_user)
    return client
