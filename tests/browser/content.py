"""The real forum content for browser and markup tests, and one URL per page type."""

import datetime

from django.core.management import call_command

from core.publishing import Status
from core.roles import sync_roles
from core.workflow import content_save
from resolutions.models import StatusUpdate, Task, TaskStatus

PAGE_TYPES = {
    "home": "/",
    "editions": "/dien-dan/",
    "edition": "/dien-dan/2025/",
    "related-events": "/su-kien/",
    "series": "/su-kien/ngay-chuyen-doi-so-quoc-gia/",
    "related-edition": "/su-kien/dien-dan-doanh-nghiep-cong-nghe-so/2023/",
    "topics": "/chu-de/",
    "topic": "/chu-de/tri-tue-nhan-tao/",
    "people": "/nhan-vat/",
    "person": "/nhan-vat/pham-minh-chinh/",
    "organisations": "/co-quan/",
    "organisation": "/co-quan/bo-cong-an/",
    "figures": "/so-lieu/",
    "sources": "/nguon/",
    "documents": "/van-ban/",
    "document": "/van-ban/4-tb-vpcp/",
    "task": "/van-ban/4-tb-vpcp/nhiem-vu/3/",
    "document-version": "/van-ban/4-tb-vpcp/phien-ban/1/",
    "task-versions": "/van-ban/4-tb-vpcp/nhiem-vu/3/phien-ban/",
    "task-version": "/van-ban/4-tb-vpcp/nhiem-vu/8/phien-ban/1/",
    "task-comparison": "/van-ban/4-tb-vpcp/nhiem-vu/8/so-sanh/?tu=1&den=2",
    "gone": "/chu-de/chu-de-da-go/",
    "tracker": "/nhiem-vu/",
    "search": "/tim-kiem/?q=chuyen+doi+so",
    "search-empty": "/tim-kiem/",
    "open-data": "/du-lieu/",
    "about": "/gioi-thieu/",
    "accessibility": "/tuyen-bo-tiep-can/",
    "privacy": "/quyen-rieng-tu/",
    "feedback": "/gop-y/?trang=/dien-dan/2025/",
    "not-found": "/khong-co-trang-nay/",
    "english-edition": "/en/dien-dan/2025/",
}


TODAY = "2026-11-23"


def load_forum() -> None:
    """The forum's content and roles (pin "today" to TODAY when rendering it)."""
    sync_roles()
    call_command("load_forum_content", verbosity=0)


def add_reader_extras() -> None:
    """Test-only records (never content): a second public version of task 8 whose status changed, and a withdrawn
    topic (the 410 page). Call after `load_forum`."""
    from tests.factories import make_topic
    from tests.users import publisher

    task = Task.objects.get(document__key="4-tb-vpcp", number=8)
    StatusUpdate.objects.create(
        task=task, date=datetime.date(2026, 10, 1), status=TaskStatus.IN_PROGRESS, note="Bản ghi thử nghiệm."
    )
    content_save(
        obj=task,
        user=publisher(),
        expected_lock_version=task.lock_version,
        change_note="Cập nhật tình trạng (thử nghiệm)",
        major=True,
    )
    make_topic(slug="chu-de-da-go", name="Chủ đề đã gỡ", status=Status.WITHDRAWN)
