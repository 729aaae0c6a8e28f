"""Issue 13's "done when", in a real browser with the real content: from the home page at 375 px one tap (or the
keyboard alone) opens exactly the overdue tasks; the copied citation of task 8 names it and gives a version URL;
/so-lieu/ fits a phone with nothing cut off; the header stays under 120 px on every page type; the comparison of
two versions of a task shows the changed status."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from core.clock import today
from resolutions.models import DeadlineState, Task
from tests.browser.conftest import save_screenshot
from tests.browser.content import PAGE_TYPES

pytestmark = [pytest.mark.read_only_db, pytest.mark.usefixtures("forum_site")]  # tests/browser/conftest.py
OVERDUE = {DeadlineState.OVERDUE_NO_UPDATE, DeadlineState.OVERDUE_IN_PROGRESS}
HEADER_LIMIT = 120

# Elements wider than the viewport, and text cut off by a box that hides its overflow (or scrolls it sideways).
OVERFLOW_JS = """(limit) => {
  const wide = [], clipped = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // not displayed, or visually hidden (1 px, clipped)
    if (el.closest('.visually-hidden, .skip-link, [hidden]')) continue;
    if (box.right > limit + 0.5 || box.left < -0.5) wide.push(el.tagName + '.' + el.className);
    const style = getComputedStyle(el);
    const hides = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX);
    if (hides && el.scrollWidth > el.clientWidth + 1) clipped.push(el.tagName + '.' + el.className);
  }
  return {wide, clipped, page: document.documentElement.scrollWidth};
}"""


def overdue_numbers() -> set[int]:
    tasks = Task.objects.published().for_list().filter(document__key="4-tb-vpcp")
    return {task.number for task in tasks if task.deadline_state(today()) in OVERDUE}


def shown_numbers(page) -> set[int]:
    links = page.locator(".tracker-table tbody th a").all_inner_texts()
    return {int(re.search(r"nhiệm vụ (\d+)", text).group(1)) for text in links}


def test_one_tap_on_the_overdue_count_opens_exactly_the_overdue_tasks(live_server, phone_page):
    expected = overdue_numbers()
    states = {Task.objects.get(document__key="4-tb-vpcp", number=n).deadline_state(today()) for n in expected}
    assert states == OVERDUE
    page = phone_page
    page.goto(live_server.url + "/")
    link = page.locator("a.state-link-overdue")
    expect(link).to_be_in_viewport()  # on the first screen of a phone, not the fourth
    expect(link).to_contain_text(f"{len(expected)} Quá hạn")
    save_screenshot(page, "done-home-overdue-375")
    link.click()
    page.wait_for_url("**/nhiem-vu/?thoi_han=qua_han")
    assert shown_numbers(page) == expected
    expect(page.locator("#ket-qua-tieu-de")).to_have_text(f"{len(expected)} nhiệm vụ khớp với bộ lọc")
    expect(page.locator(".chip").first).to_contain_text("Quá hạn")
    save_screenshot(page, "done-tracker-overdue-375")


def test_the_overdue_count_is_reached_by_keyboard_alone(live_server, phone_page):
    page = phone_page
    page.goto(live_server.url + "/")
    presses = 0
    while not page.evaluate("document.activeElement.classList.contains('state-link-overdue')"):
        assert presses < 8, "the overdue count is not among the first 8 Tab stops"
        page.keyboard.press("Tab")  # skip link, site name, menu, search box and button, then the tasks block
        presses += 1
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query) == {"thoi_han": ["qua_han"]}
    assert shown_numbers(page) == overdue_numbers()


def test_the_copied_citation_of_task_8_names_it_and_gives_its_version_url(live_server, chromium_browser):
    task = Task.objects.get(document__key="4-tb-vpcp", number=8)
    context = chromium_browser.new_context(
        viewport={"width": 375, "height": 800}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(live_server.url + "/van-ban/4-tb-vpcp/nhiem-vu/8/")
    button = page.locator("button[data-copy-target$='-vi']").first
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"nhiệm vụ 8 “{task.title}”, theo đánh số của Kho tri thức" in copied
    url = re.search(r"https?://\S+", copied).group(0)
    assert urlsplit(url).path == f"/van-ban/4-tb-vpcp/nhiem-vu/8/phien-ban/{task.public_version}/"
    assert not re.search(r"[.,;:][”\"]?[.,;:]", copied.replace("://", ""))  # no doubled punctuation
    page.goto(live_server.url + urlsplit(url).path)  # the version URL answers (SITE_URL is the public host)
    expect(page.locator("h1")).to_contain_text(task.title)
    context.close()


def test_figures_fit_a_phone_with_nothing_cut_off(live_server, phone_page):
    page = phone_page
    page.goto(live_server.url + "/so-lieu/")
    found = page.evaluate(OVERFLOW_JS, 375)
    assert found == {"wide": [], "clipped": [], "page": 375}
    # Each figure is a card (a block, not a table row) whose cells say what they are.
    first = page.locator(".figures-table tbody tr").first
    assert first.evaluate("el => getComputedStyle(el).display") == "block"
    labels = first.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert labels == ['"Như nguồn viết: "', '"Thời điểm: "', '"Nguồn: "']
    save_screenshot(page, "done-figures-375")


@pytest.mark.parametrize("width", [320, 375])
def test_the_header_is_compact_on_every_page_type(live_server, chromium_browser, width):
    context = chromium_browser.new_context(viewport={"width": width, "height": 740}, locale="vi-VN")
    page = context.new_page()
    heights, cut = {}, {}
    for name, path in PAGE_TYPES.items():
        page.goto(live_server.url + path)
        heights[name] = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
        search = page.locator("#q-header, #q-trang").first  # the search page has its own box instead of the header's
        # The placeholder is not cut: the box is wider than its text.
        placeholder_fits = search.evaluate(
            """el => { const c = document.createElement('canvas').getContext('2d');
                       c.font = getComputedStyle(el).font;
                       const pad = parseFloat(getComputedStyle(el).paddingLeft) * 2 + 4;
                       return c.measureText(el.placeholder).width + pad <= el.clientWidth; }"""
        )
        if not placeholder_fits:
            cut[name] = True
    context.close()
    assert {name: h for name, h in heights.items() if h >= HEADER_LIMIT} == {}
    assert cut == {}


def test_the_menu_opens_without_javascript(live_server, chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    tracker = page.get_by_role("link", name="Theo dõi nhiệm vụ", exact=True)
    expect(tracker).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(tracker).to_be_visible()
    save_screenshot(page, "done-menu-open-375")
    tracker.click()
    page.wait_for_url("**/nhiem-vu/")
    context.close()


def test_the_comparison_of_two_task_versions_shows_the_changed_status(live_server, phone_page):
    page = phone_page
    page.goto(live_server.url + "/van-ban/4-tb-vpcp/nhiem-vu/8/phien-ban/")
    page.get_by_role("link", name=re.compile("với phiên bản 1")).click()
    page.wait_for_url("**/van-ban/4-tb-vpcp/nhiem-vu/8/so-sanh/?tu=1&den=2")
    status = page.locator(".diff-field", has=page.get_by_role("heading", name="Tình trạng", exact=True))
    expect(status.locator("del")).to_have_text("Chưa có thông tin cập nhật")
    expect(status.locator("ins")).to_have_text("Đang thực hiện (01/10/2026)")
    expect(status.locator(".diff-tag-removed")).to_have_text("bỏ")  # in words, not colour alone
    expect(status.locator(".diff-tag-added")).to_have_text("thêm")
    assert page.evaluate("document.documentElement.scrollWidth") == 375
    save_screenshot(page, "done-comparison-375")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_error_pages_share_the_site_design(live_server, chromium_browser, width):
    """404 and 410 are page types above; the 500 page (never reachable on purpose) is served here as the server would
    send it, with its stylesheet from the live server."""
    from django.test import RequestFactory

    from forum_site.views import server_error

    html = server_error(RequestFactory().get("/")).content.decode()
    context = chromium_browser.new_context(viewport={"width": width, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.route(
        live_server.url + "/loi-may-chu/",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html; charset=utf-8"),
    )
    page.goto(live_server.url + "/loi-may-chu/")
    expect(page.locator("h1")).to_have_text("Đã có lỗi xảy ra")
    header = page.locator(".site-header")
    expect(header).to_be_visible()
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(11, 79, 138)"  # the site's own
    assert header.evaluate("el => el.getBoundingClientRect().height") < HEADER_LIMIT
    save_screenshot(page, f"server-error-{width}")
    context.close()
