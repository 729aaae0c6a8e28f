"""The Nu Html Checker (vnu.jar from the npm package vnu-jar, `make tools`) finds no error on any page type.

Every page type is rendered from the real forum content by the test client and checked in one run of the checker.
A missing Java or checker skips the test, and fails it with CI=true (tests/skips.py).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client, RequestFactory, override_settings

from forum_site.views import server_error
from tests.browser.content import PAGE_TYPES, TODAY, add_reader_extras, load_forum
from tests.skips import missing
from tests.world import rolled_back

pytestmark = pytest.mark.django_db  # the test database must exist for the module fixture
VNU = Path(__file__).resolve().parents[2] / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STATUSES = {"not-found": 404, "gone": 410}


def _checker() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        missing("the Nu Html Checker needs Java and tools/node_modules (make tools)")
    return [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only", "--stdout"]


def nu_errors(checker: list[str], pages: dict[str, str], folder: Path) -> list[str]:
    """ "page:line: message" for every error the checker reports on the given pages (name → HTML)."""
    files = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run([*checker, *files], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout)["messages"]
    return [f"{Path(m['url']).stem}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


KNOWN_BAD = (  # an hx-* attribute (not data-hx-*) and microseconds in datetime are errors
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head><body>'
    '<form hx-get="/"></form><time datetime="2026-01-01T10:00:00.123456+07:00">1/1</time></body></html>'
)


@pytest.fixture(scope="module")
def checked(django_db_setup, django_db_blocker, tmp_path_factory) -> tuple[dict[str, int], list[str]]:
    """Every page type rendered from the real content (with the test-only extras), the 500 page and a known-bad
    page, checked in one run of the checker (one Java start): the statuses, and the errors."""
    checker = _checker()
    client = Client()
    with rolled_back(django_db_blocker), override_settings(TODAY=TODAY):
        load_forum()
        add_reader_extras()
        responses = {name: client.get(path) for name, path in PAGE_TYPES.items()}
        pages = {name: response.content.decode() for name, response in responses.items()}
        pages["server-error"] = server_error(RequestFactory().get("/")).content.decode()
    pages["known-bad"] = KNOWN_BAD
    statuses = {name: response.status_code for name, response in responses.items()}
    return statuses, nu_errors(checker, pages, tmp_path_factory.mktemp("markup"))


def test_every_page_type_has_no_html_error(checked):
    statuses, errors = checked
    assert {name: status for name, status in statuses.items() if status != STATUSES.get(name, 200)} == {}
    assert [error for error in errors if not error.startswith("known-bad:")] == []


def test_the_checker_reports_an_error(checked):
    """The check above can fail."""
    errors = [error for error in checked[1] if error.startswith("known-bad:")]
    assert len(errors) == 2 and "hx-get" in errors[0] and "fraction of a second" in errors[1]
