"""In a real browser: the tracker's pages. With JavaScript the next page replaces the results in place (URL kept in
sync, focus on the results' heading, the live region says which rows are shown); without it, the links are plain
links; no axe violation and no sideways scrolling on the paged tracker."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from resolutions.tracker import PAGE_SIZE
from tests.browser.conftest import committed, save_screenshot
from tests.browser.test_accessibility import axe_violations
from tests.factories import make_document, make_organisation, make_tasks

pytestmark = pytest.mark.read_only_db  # tests/browser/conftest.py
TASKS = PAGE_SIZE + 10
ROWS = ".tracker-table tbody tr"


@pytest.fixture(scope="module")
def tasks(django_db_setup, django_db_blocker):
    """One notice with two pages of tasks, committed once for the module; "today" pinned."""
    with committed(django_db_blocker), override_settings(TODAY="2026-02-15"):
        lead = make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN", slug="bo-khcn")
        make_tasks(make_document(key="4-tb-vpcp", number="4/TB-VPCP"), range(1, TASKS + 1), lead=lead)
        yield


def test_the_next_page_replaces_the_results_in_place(live_server, desktop_page, tasks):
    page = desktop_page
    page.goto(live_server.url + "/nhiem-vu/")
    page.evaluate("window.__sameDocument = true")
    expect(page.locator(ROWS)).to_have_count(PAGE_SIZE)
    navigation = page.get_by_role("navigation", name="Các trang kết quả")
    expect(navigation.locator("[aria-current=page]")).to_have_text("Trang 1")
    with page.expect_response(lambda r: "trang=2" in r.url and r.request.headers.get("hx-request") == "true"):
        navigation.get_by_role("link", name="Trang sau").click()
    expect(page.locator(ROWS)).to_have_count(TASKS - PAGE_SIZE)
    assert page.url.endswith("/nhiem-vu/?trang=2")
    assert page.evaluate("window.__sameDocument") is True  # swapped, not reloaded
    heading = f"Hiển thị {PAGE_SIZE + 1}–{TASKS} trong {TASKS} nhiệm vụ"
    expect(page.locator("#ket-qua-tieu-de")).to_be_focused()
    expect(page.locator("#ket-qua-thong-bao")).to_have_text(heading)
    expect(navigation.locator("[aria-current=page]")).to_have_text("Trang 2")
    save_screenshot(page, "journey-tracker-page-2-1280")
    page.go_back()  # htmx restores the first page from its history
    expect(page.locator(ROWS)).to_have_count(PAGE_SIZE)


def test_the_pages_are_plain_links_without_javascript(live_server, chromium_browser, tasks):
    context = chromium_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/nhiem-vu/")
    page.get_by_role("navigation", name="Các trang kết quả").get_by_role("link", name="Trang 2").click()
    page.wait_for_url("**/nhiem-vu/?trang=2")
    assert page.locator(ROWS).count() == TASKS - PAGE_SIZE
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_paged_tracker_has_no_axe_violation_and_fits_the_screen(live_server, chromium_browser, tasks, width):
    context = chromium_browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/nhiem-vu/?trang=2")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    save_screenshot(page, f"tracker-page-2-{width}")
    context.close()
