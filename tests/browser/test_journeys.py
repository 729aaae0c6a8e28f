"""The journeys of the site's readers, in a real browser with the real content."""

import gzip
import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, save_screenshot
from tests.browser.content import PAGE_TYPES

pytestmark = [pytest.mark.read_only_db, pytest.mark.usefixtures("forum_site")]  # tests/browser/conftest.py


def tab_to(page, href_end: str, limit: int = 150) -> None:
    """Press Tab until the focused link's address ends with `href_end`, then Enter: keyboard only."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href')") or ""
        if href.endswith(href_end):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"no link to {href_end} reachable with Tab")


def test_citizen_on_a_phone_with_the_keyboard_alone(live_server, phone_page):
    page = phone_page
    page.goto(live_server.url + "/")
    tab_to(page, "/dien-dan/2025/")
    assert page.url.endswith("/dien-dan/2025/")
    expect(page.locator("h1")).to_contain_text("lần thứ III")
    tab_to(page, "/van-ban/4-tb-vpcp/")
    expect(page.locator("h1")).to_contain_text("4/TB-VPCP")
    tab_to(page, "/van-ban/4-tb-vpcp/nhiem-vu/3/")
    expect(page.locator("h1")).to_contain_text("Nhiệm vụ 3")
    expect(page.get_by_text("Đã quá hạn — chưa có thông tin cập nhật").first).to_be_visible()
    save_screenshot(page, "journey-citizen-task-375")
    page.go_back()
    assert page.url.endswith("/van-ban/4-tb-vpcp/")
    page.go_back()
    assert page.url.endswith("/dien-dan/2025/")


def test_journalist_filters_by_ministry_opens_a_task_copies_and_follows_the_citation(live_server, chromium_browser):
    context = chromium_browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(live_server.url + "/nhiem-vu/")
    page.get_by_text("Lọc và sắp xếp").click()
    page.get_by_role("group", name="Cơ quan chủ trì").get_by_label("Bộ Công an").check()
    page.get_by_role("button", name="Áp dụng bộ lọc").click()
    page.wait_for_url("**/nhiem-vu/?*chu_tri=bo-cong-an*")
    rows = page.locator(".tracker-table tbody tr")
    expect(rows).to_have_count(2)  # tasks 3 and 10 are led by Bộ Công an
    expect(rows.first).to_contain_text("nhiệm vụ 3")
    rows.first.get_by_role("link").first.click()
    page.wait_for_url("**/van-ban/4-tb-vpcp/nhiem-vu/3/")
    button = page.locator("button[data-copy-target$='-vi']").first
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Văn phòng Chính phủ, Thông báo số 4/TB-VPCP, không rõ ngày")
    assert "nhiệm vụ 3 “Xây dựng Khung Kinh tế dữ liệu quốc gia" in copied
    assert "phiên bản 1" in copied
    permanent = re.search(r"https?://\S+", copied).group(0)
    path = urlsplit(permanent).path
    assert path == "/van-ban/4-tb-vpcp/nhiem-vu/3/phien-ban/1/"
    page.goto(live_server.url + path)  # SITE_URL is the public host; the same path on the test server
    expect(page.locator("h1")).to_contain_text("Nhiệm vụ 3")
    save_screenshot(page, "journey-journalist-version-1280")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_search_from_the_header_without_diacritics(live_server, chromium_browser, javascript):
    context = chromium_browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + "/dien-dan/2025/")
    page.fill("#q-header", "hoc tu lam")
    page.press("#q-header", "Enter")
    page.wait_for_url("**/tim-kiem/?q=hoc+tu+lam*")
    results = page.locator("#ket-qua")
    expect(results).to_contain_text("Học từ làm việc thực tế")
    if javascript:
        # On the search page, typing updates the results in place (htmx) and keeps the URL in sync.
        page.fill("#q-trang", "khung kinh te du lieu")
        page.wait_for_url(re.compile(r".*q=khung(\+|%20)kinh(\+|%20)te(\+|%20)du(\+|%20)lieu"))
        expect(results).to_contain_text("Khung Kinh tế dữ liệu quốc gia")
    context.close()


def test_language_switch_on_a_deep_page_and_back(live_server, desktop_page):
    page = desktop_page
    page.goto(live_server.url + "/van-ban/4-tb-vpcp/nhiem-vu/3/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/van-ban/4-tb-vpcp/nhiem-vu/3/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(re.compile(r".*/van-ban/4-tb-vpcp/nhiem-vu/3/$"))
    assert "/en/" not in page.url
    assert page.locator("html").get_attribute("lang") == "vi"


def test_pages_are_light_and_request_no_other_host(live_server, chromium_browser):
    """HTML + CSS + JS of each page under 100 kB compressed, measured from the network log."""
    context = chromium_browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    figures, foreign = {}, []
    for name, path in PAGE_TYPES.items():
        responses = []

        def record(response, responses=responses):
            responses.append(response)

        page.on("response", record)
        page.goto(live_server.url + path, wait_until="load")  # deferred scripts and styles are in by "load"
        page.remove_listener("response", record)
        total = 0
        for response in responses:
            if not response.url.startswith(live_server.url):
                foreign.append(response.url)
                continue
            kind = response.headers.get("content-type", "")
            if any(t in kind for t in ("html", "css", "javascript")):
                total += len(gzip.compress(response.body(), 6))
        figures[name] = total
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-weight.json").write_text(json.dumps(figures, indent=1))
    assert foreign == []
    assert {name: size for name, size in figures.items() if size >= 100_000} == {}
