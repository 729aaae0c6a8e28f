"""axe-core finds no WCAG 2.2 AA violation on any page type, on a phone and on a desktop;
a screenshot of each page type is saved under test-artifacts/."""

import json
from pathlib import Path

import pytest

from tests.browser.conftest import save_screenshot
from tests.browser.content import PAGE_TYPES, load_forum

pytestmark = pytest.mark.django_db(transaction=True)
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WIDTHS = {"phone": 375, "desktop": 1280}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE)  # evaluated through the DevTools protocol, so the page's CSP does not block it
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_page_type_has_no_axe_violation(live_server, chromium_browser, settings, width):
    load_forum(settings)
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


def test_every_page_type_fits_a_320_px_screen(live_server, chromium_browser, settings):
    """No sideways scrolling at 320 px (WCAG 1.4.10 reflow); wide tables scroll inside their own box."""
    load_forum(settings)
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
