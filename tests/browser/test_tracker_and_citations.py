"""In a real browser: the tracker updates in place with htmx (URL kept in sync, CSP respected), the copy
button copies the citation, and a task page prints with its citation and without the screen-only parts."""

from datetime import date

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from resolutions.models import DeadlineKind
from tests.browser.conftest import committed, save_screenshot
from tests.factories import make_document, make_organisation, make_task, month_end

pytestmark = pytest.mark.read_only_db  # tests/browser/conftest.py


@pytest.fixture(scope="module")
def tasks(django_db_setup, django_db_blocker):
    """Tasks 1 and 3 of 4/TB-VPCP, committed once for the module; "today" pinned."""
    with committed(django_db_blocker), override_settings(TODAY="2026-02-15"):
        issuer = make_organisation(name="Văn phòng Chính phủ", slug="vpcp")
        document = make_document(key="4-tb-vpcp", number="4/TB-VPCP", issuer=issuer, subject="Kết luận của Thủ tướng")
        bca = make_organisation(name="Bộ Công an", short_name="", slug="bo-cong-an")
        khcn = make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN", slug="bo-khcn")
        make_task(document, number=1, title="Ban hành văn bản hướng dẫn", lead=khcn, deadline_kind=DeadlineKind.URGENT)
        yield make_task(
            document,
            number=3,
            title="Xây dựng Khung Kinh tế dữ liệu quốc gia",
            lead=bca,
            deadline_kind=DeadlineKind.MONTH,
            deadline_date=month_end(2026, 1),
        )


def _csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors


def test_tracker_filters_update_in_place_and_keep_the_url_in_sync(live_server, desktop_page, tasks):
    page = desktop_page
    errors = _csp_errors(page)
    page.goto(live_server.url + "/nhiem-vu/")
    page.evaluate("window.__sameDocument = true")
    assert page.locator(".tracker-table tbody tr").count() == 2
    page.get_by_text("Lọc và sắp xếp").click()
    page.get_by_role("group", name="Cơ quan chủ trì").get_by_label("Bộ Công an").check()
    with page.expect_response(lambda r: "/nhiem-vu/?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.get_by_role("button", name="Áp dụng bộ lọc").click()
    expect(page.locator(".tracker-table tbody tr")).to_have_count(1)
    assert "chu_tri=bo-cong-an" in page.url
    assert page.evaluate("window.__sameDocument") is True  # swapped, not reloaded
    assert "Đã quá hạn — chưa có thông tin cập nhật" in page.locator("#ket-qua").inner_text()
    # The focus lands on the results' heading, and the count is announced in a live region.
    expect(page.locator("#ket-qua-tieu-de")).to_be_focused()
    expect(page.locator("#ket-qua-thong-bao")).to_have_text("1 nhiệm vụ khớp với bộ lọc")
    assert page.locator("#ket-qua-thong-bao").get_attribute("aria-live") == "polite"
    assert "chu_tri=bo-cong-an" in page.get_by_role("link", name="CSV").get_attribute("href")
    save_screenshot(page, "journey-tracker-htmx-1280")
    assert errors == []


def test_tracker_works_without_javascript(live_server, chromium_browser, tasks):
    context = chromium_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/nhiem-vu/")
    page.get_by_text("Lọc và sắp xếp").click()  # <details>: opens without JavaScript
    page.get_by_role("group", name="Cơ quan chủ trì").get_by_label("Bộ Khoa học và Công nghệ").check()
    page.get_by_role("button", name="Áp dụng bộ lọc").click()
    page.wait_for_url("**/nhiem-vu/?*chu_tri=bo-khcn*")
    assert page.locator(".tracker-table tbody tr").count() == 1
    context.close()


def test_copy_button_copies_the_press_citation(live_server, chromium_browser, tasks):
    context = chromium_browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = _csp_errors(page)
    page.goto(live_server.url + tasks.get_absolute_url())
    button = page.locator("button[data-copy-target$='-vi']")
    button.wait_for(state="visible")
    button.click()
    expect(page.locator(".copy-status")).to_have_text("Đã sao chép")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Văn phòng Chính phủ, Thông báo số 4/TB-VPCP, không rõ ngày, “Kết luận của Thủ tướng”")
    assert f"truy cập ngày {date(2026, 2, 15):%d/%m/%Y}" in copied
    assert errors == []
    context.close()


def test_task_page_prints_with_the_citation_at_the_end(live_server, desktop_page, tasks):
    page = desktop_page
    page.goto(live_server.url + tasks.get_absolute_url())
    page.emulate_media(media="print")
    assert page.locator(".cite-box").is_visible()
    assert page.locator(".cite-text").first.is_visible()
    for hidden in (".site-header", ".site-footer", ".copy-button", ".cite-downloads", ".prev-next"):
        assert not page.locator(hidden).first.is_visible(), hidden
    visible_blocks = page.evaluate(
        """() => [...document.querySelector('article').children]
              .filter(el => getComputedStyle(el).display !== 'none').map(el => el.className)"""
    )
    assert visible_blocks[-1] == "cite-box"
    assert page.pdf(format="A4")  # prints without error
