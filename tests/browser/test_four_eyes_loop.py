"""The four-eyes loop in a real browser at 1280 px (issue 11): an editor edits a published task and adds a status
update → the public page is unchanged → the reviewer (with a second factor) sees it in "Chờ duyệt", reads the diff,
publishes → the public page, tracker, CSV and Atom feed show the new status with the change note → version 1 still
shows what it showed, with its deadline state as of its date."""

import datetime

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from core.models import PublishedVersion
from core.publishing import Status
from core.workflow import content_publish
from resolutions.models import DeadlineKind, Task
from tests.browser.conftest import save_screenshot
from tests.factories import make_document, make_organisation, make_task
from tests.users import editor, publisher

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-thu-1"


def world() -> Task:
    document = make_document(key="9-tb-vong", number="9/TB-VONG", status=Status.REVIEW)
    task = make_task(
        document,
        title="Trình đề án dữ liệu mở",
        status=Status.REVIEW,
        lead=make_organisation(name="Bộ Vòng Lặp"),
        deadline_kind=DeadlineKind.MONTH,
        deadline_text="tháng 6/2025",
        deadline_date=datetime.date(2025, 6, 30),
    )
    user = publisher()
    content_publish(obj=document, user=user, expected_lock_version=0, change_note="Đăng")
    content_publish(obj=task, user=user, expected_lock_version=0, change_note="Đăng")
    # Version 1 of the task was published on 1 May 2025, two months before its deadline.
    PublishedVersion.objects.of(task).filter(number=1).update(
        published_at=timezone.make_aware(datetime.datetime(2025, 5, 1, 9, 0))
    )
    return Task.objects.get(pk=task.pk)


def sign_in(page, base: str, user, device: TOTPDevice | None = None) -> None:
    page.goto(base + "/quan-tri/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    if device is not None:
        page.wait_for_url("**/hai-buoc/xac-thuc/**")
        code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        page.fill("input[name=token]", code)
        page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url(base + "/quan-tri/")


def test_editor_change_waits_for_the_reviewer_then_every_output_shows_it(live_server, chromium_browser):
    task = world()
    author, reviewer = editor(username="bientap"), publisher(username="duyet")
    device = TOTPDevice.objects.create(user=reviewer, name="Điện thoại", confirmed=True)
    base = live_server.url
    task_path = f"/van-ban/9-tb-vong/nhiem-vu/{task.number}/"
    size = {"width": 1280, "height": 900}

    # The editor edits the published task and adds a status update on its page.
    editor_context = chromium_browser.new_context(viewport=size, locale="vi-VN")
    page = editor_context.new_page()
    sign_in(page, base, author)
    page.goto(f"{base}/quan-tri/resolutions/task/{task.pk}/change/")
    page.fill("input[name=title]", "Trình đề án dữ liệu mở quốc gia")
    page.locator("#status_updates-group .add-row a").click()
    page.fill("input[name='status_updates-0-date']", "15/01/2026")
    page.select_option("select[name='status_updates-0-status']", "submitted")
    page.fill("textarea[name='status_updates-0-note']", "Bộ đã trình Thủ tướng dự thảo đề án.")
    page.fill("input[name='status_updates-0-source_url']", "https://example.gov.vn/tin/de-an")
    page.fill("textarea[name=change_note]", "Bộ đã trình đề án")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("chờ duyệt")
    editor_context.close()

    # The public page is unchanged.
    public = chromium_browser.new_context(viewport=size, locale="vi-VN").new_page()
    public.goto(base + task_path)
    expect(public.locator("h1")).to_contain_text("Trình đề án dữ liệu mở")
    expect(public.locator("h1")).not_to_contain_text("quốc gia")
    expect(public.locator("body")).not_to_contain_text("Bộ đã trình Thủ tướng")

    # The reviewer signs in with a second factor, finds both in "Chờ duyệt", reads the diff and publishes.
    review_context = chromium_browser.new_context(viewport=size, locale="vi-VN")
    page = review_context.new_page()
    sign_in(page, base, reviewer, device)
    waiting = page.locator("#cho-duyet")
    expect(waiting).to_contain_text("bientap")
    waiting.get_by_role("link", name=str(task)).click()
    diff = page.locator(".review-diff")
    expect(diff).to_contain_text("Trình đề án dữ liệu mở quốc gia")
    expect(diff).to_contain_text("Bộ đã trình Thủ tướng dự thảo đề án.")
    save_screenshot(page, "four-eyes-review-1280")
    page.fill(".review-decision textarea[name=change_note]", "Cập nhật: Bộ đã trình đề án")
    page.get_by_role("button", name="Xuất bản").click()
    page.wait_for_url(base + "/quan-tri/")
    review_context.close()

    # Every public output shows the new status with the change note (a fresh reader: the page before was
    # cacheable for a minute, so the first reader's browser may keep it that long).
    public = chromium_browser.new_context(viewport=size, locale="vi-VN").new_page()
    public.goto(base + task_path)
    expect(public.locator("h1")).to_contain_text("Trình đề án dữ liệu mở quốc gia")
    expect(public.locator("body")).to_contain_text("Bộ đã trình Thủ tướng dự thảo đề án.")
    expect(public.locator("body")).to_contain_text("Cập nhật: Bộ đã trình đề án")
    public.goto(base + "/nhiem-vu/")
    expect(public.locator("body")).to_contain_text("Trình đề án dữ liệu mở quốc gia")
    csv = public.request.get(base + "/du-lieu/nhiem-vu.csv").text()
    assert "submitted" in csv and "Bộ đã trình Thủ tướng dự thảo đề án." in csv
    feed = public.request.get(base + task_path + "atom.xml").text()
    assert "Cập nhật: Bộ đã trình đề án" in feed and "Đã trình" in feed

    # Version 1 still shows what it showed, with its state as of its date.
    public.goto(base + task_path + "phien-ban/1/")
    expect(public.locator("h1")).to_contain_text("Trình đề án dữ liệu mở")
    expect(public.locator("h1")).not_to_contain_text("quốc gia")
    expect(public.locator("body")).not_to_contain_text("Bộ đã trình Thủ tướng")
    expect(public.locator(".task-facts")).to_contain_text("Còn hạn")
    expect(public.locator(".state-today")).to_contain_text("Đã quá hạn — chưa có thông tin cập nhật")
    save_screenshot(public, "four-eyes-version-1")


@pytest.mark.parametrize("width", [1024, 1280, 1440, 1920])
def test_the_publish_button_is_never_covered_and_a_reviewer_clicks_it(live_server, chromium_browser, width):
    document = make_document(status=Status.REVIEW)
    reviewer = publisher(username=f"duyet{width}")
    device = TOTPDevice.objects.create(user=reviewer, name="Điện thoại", confirmed=True)
    context = chromium_browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    sign_in(page, live_server.url, reviewer, device)
    page.goto(f"{live_server.url}/quan-tri/resolutions/document/{document.pk}/change/")
    button = page.locator("#quy-trinh").get_by_role("button", name="Xuất bản")
    box = button.bounding_box()
    on_top = page.evaluate(
        "([x, y]) => { const el = document.elementFromPoint(x, y); return el && el.closest('button')?.textContent }",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top and "Xuất bản" in on_top
    if width == 1280:
        button.click()
        expect(page.locator(".messagelist")).to_contain_text("Đã cập nhật trạng thái")
        document.refresh_from_db()
        assert document.status == Status.PUBLISHED
    context.close()
