import pytest

from resolutions.models import SectionKind
from tests.browser.conftest import save_screenshot
from tests.factories import make_document, make_edition, make_organisation, make_section, make_task

pytestmark = pytest.mark.django_db(transaction=True)


def build_forum():
    edition = make_edition(year=2025, number=3, theme="Chủ đề kỳ ba")
    document = make_document(key="4-tb-vpcp", number="4/TB-VPCP", edition=edition)
    make_section(document, kind=SectionKind.TASKS, title="Nhiệm vụ được giao")
    lead = make_organisation(name="Bộ Công an", short_name="Bộ Công an", slug="bo-cong-an")
    return make_task(document, title="Khung Kinh tế dữ liệu quốc gia", lead=lead)


def test_citizen_on_a_phone_goes_home_edition_conclusions_task_and_back(live_server, phone_page):
    task = build_forum()
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Diễn đàn Quốc gia phát triển kinh tế số và xã hội số lần thứ III").first.click()
    assert page.url.endswith("/dien-dan/2025/")
    assert page.locator("h1").inner_text().endswith("lần thứ III")
    page.get_by_role("link", name="Thông báo 4/TB-VPCP").first.click()
    assert page.url.endswith("/van-ban/4-tb-vpcp/")
    page.get_by_role("link", name="Nhiệm vụ 1", exact=True).click()
    assert page.url.endswith(task.get_absolute_url())
    assert "Khung Kinh tế dữ liệu quốc gia" in page.locator("h1").inner_text()
    save_screenshot(page, "journey-citizen-factory-task-375")
    page.go_back()
    assert page.url.endswith("/van-ban/4-tb-vpcp/")


def test_skip_link_is_first_keyboard_stop_and_focus_is_visible(live_server, phone_page):
    build_forum()
    page = phone_page
    page.goto(live_server.url + "/dien-dan/2025/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua, đến nội dung chính"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.url.endswith("#noi-dung")
