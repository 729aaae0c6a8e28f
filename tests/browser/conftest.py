"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Outside CI a missing Chromium skips these tests; with CI=true it fails them.

The live server reads committed data only, so pytest-django gives each live-server test `transactional_db` and
empties the database after it. A module whose tests only read (marked `read_only_db`) instead commits its data once
(`committed`) and the database is emptied after the module: see `_live_server_helper` below.
"""

import os
import shutil
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.browser.content import TODAY, add_reader_extras, load_forum
from tests.skips import missing

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Chromium as root needs --no-sandbox; the rest keep it from reaching for the (closed) network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body (factories, loaders) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_browser():
    if not Path(CHROMIUM).exists():
        missing("Debian's chromium is required for the browser tests (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone_page(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 375, "height": 740}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.jpeg"
    page.screenshot(path=str(path), full_page=True, type="jpeg", quality=80)  # half the time of a PNG
    return path


@contextmanager
def committed(django_db_blocker):
    """Commit what is built inside for a module of `read_only_db` tests; empty the database after the module, as
    pytest-django empties it after each transactional test (the flush also recreates roles and content types)."""
    from django.contrib.contenttypes.models import ContentType

    with django_db_blocker.unblock():
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()


@pytest.fixture(scope="module")
def forum_site(django_db_setup, django_db_blocker):
    """The forum's real content with the test-only extras (tests/browser/content.py), committed once for the
    module's `read_only_db` tests; "today" pinned."""
    with committed(django_db_blocker), override_settings(TODAY=TODAY):
        load_forum()
        add_reader_extras()
        yield


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_blocker):
    """Overrides pytest-django's fixture of this name, which requests `transactional_db` for every test using
    `live_server` (the database is emptied after each). A test marked `read_only_db` keeps what its module committed
    (`committed`): the database stays open to it and to the server for the test, and nothing is emptied."""
    if "live_server" not in request.fixturenames:
        yield
        return
    read_only = request.node.get_closest_marker("read_only_db") is not None
    if not read_only:
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    with django_db_blocker.unblock() if read_only else nullcontext():
        live_server._live_server_modified_settings.enable()
        yield
        live_server._live_server_modified_settings.disable()


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """The live server's flush recreates content types with new ids: forget the cached ones."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()
