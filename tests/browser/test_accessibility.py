"""axe-core finds no WCAG 2.2 AA violation on any page type, on a small phone, a phone and a desktop;
a screenshot of each page type at each width is saved under test-artifacts/ (git-ignored) to be looked at."""

import json
from pathlib import Path

import pytest

from tests.browser.conftest import save_screenshot
from tests.browser.content import PAGE_TYPES

pytestmark = [pytest.mark.read_only_db, pytest.mark.usefixtures("forum_site")]  # tests/browser/conftest.py
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WIDTHS = {"small-phone": 320, "phone": 375, "desktop": 1280}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


# Only the violations, trimmed in the page: axe's full result (every pass and inapplicable rule with its nodes) is
# megabytes, and carrying it over the DevTools protocol took most of this test's time.
AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(n => n.target)}));
}"""


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE)  # evaluated through the DevTools protocol, so the page's CSP does not block it
    return page.evaluate(AXE_RUN, AXE_TAGS)


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_page_type_has_no_axe_violation(live_server, chromium_browser, width):
    context = chromium_browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, locale="vi-VN")
    page = context.new_page()
    failures = {}
    try:
        for name, path in PAGE_TYPES.items():
            page.goto(live_server.url + path)
            violations = axe_violations(page)
            if violations:
                failures[name] = violations
            save_screenshot(page, f"{name}-{WIDTHS[width]}")
    finally:
        context.close()
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_every_page_type_fits_a_320_px_screen(live_server, chromium_browser):
    """No sideways scrolling at 320 px (WCAG 1.4.10 reflow); tables stack into cards."""
    context = chromium_browser.new_context(viewport={"width": 320, "height": 640}, locale="vi-VN")
    page = context.new_page()
    overflowing = {}
    try:
        for name, path in PAGE_TYPES.items():
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                overflowing[name] = width
    finally:
        context.close()
    assert overflowing == {}


def test_axe_reports_a_violation(desktop_page):
    """The check above can fail: an image without a text alternative is reported with its node."""
    desktop_page.set_content('<!doctype html><html lang="vi"><title>t</title><main><img src="x.png"></main></html>')
    violations = axe_violations(desktop_page)
    assert {"id": "image-alt", "impact": "critical", "nodes": [["img"]]} in violations
