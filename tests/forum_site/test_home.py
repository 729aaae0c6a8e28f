"""The home page as the front door: the Prime Minister's tasks with state counts that open the tracker on that state
(overdue first, in words and with an icon), the latest public changes, figures with their source and date stated once,
a working search box, and no section without content."""

import re
from datetime import date

import pytest

from core.workflow import content_save
from resolutions.models import DeadlineKind, StatusUpdate, TaskStatus
from tests.factories import make_document, make_figure, make_source, make_task, month_end
from tests.resolutions.test_versions import published_document_with_task
from tests.users import publisher

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pinned_today(settings):
    settings.TODAY = "2026-03-05"


def tasks_in_every_state():
    document = make_document(key="4-tb-vpcp", number="4/TB-VPCP")
    overdue = {"deadline_kind": DeadlineKind.MONTH, "deadline_date": month_end(2026, 1)}
    make_task(document, number=1, **overdue)
    make_task(document, number=2, **overdue)
    in_progress = make_task(document, number=3, **overdue)
    StatusUpdate.objects.create(task=in_progress, status=TaskStatus.IN_PROGRESS, date=date(2026, 1, 20))
    make_task(document, number=4, deadline_kind=DeadlineKind.URGENT)
    make_task(document, number=5)
    return document


def state_links(body: str) -> list[tuple[str, str]]:
    block = body[body.index('class="state-links"') :]
    block = block[: block.index("</ul>")]
    return [
        (href, re.sub(r"<[^>]+>", " ", inner).split())
        for href, inner in re.findall(r'<a class="state-link[^"]*" href="([^"]+)">(.*?)</a>', block, re.S)
    ]


def test_state_counts_link_into_the_tracker_overdue_first(client):
    tasks_in_every_state()
    body = client.get("/").content.decode()
    assert "Kết luận của Thủ tướng: 5 nhiệm vụ" in body
    links = state_links(body)
    assert [href for href, _words in links] == [
        "/nhiem-vu/?thoi_han=qua_han",
        "/nhiem-vu/?thoi_han=no_deadline",
        "/nhiem-vu/?thoi_han=urgent",
    ]
    overdue = " ".join(links[0][1])
    assert overdue.startswith("! 3 Quá hạn") and "2 chưa có thông tin cập nhật; 1 đang thực hiện" in overdue
    assert 'class="state-link state-link-overdue"' in body  # colour, and the icon and the words above
    assert "Đến hạn trong 30 ngày" not in body  # no state without tasks


def test_the_overdue_link_opens_exactly_the_overdue_tasks(client):
    document = tasks_in_every_state()
    body = client.get("/nhiem-vu/?thoi_han=qua_han").content.decode()
    shown = {n for n in range(1, 6) if f'href="/van-ban/{document.key}/nhiem-vu/{n}/"' in body}
    assert shown == {1, 2, 3}


def test_recent_changes_come_from_the_published_versions(client):
    _document, task = published_document_with_task()
    task.title = "Tiêu đề sửa"
    content_save(obj=task, user=publisher(), expected_lock_version=task.lock_version, change_note="Làm rõ tên")
    body = client.get("/").content.decode()
    changes = body[body.index('id="thay-doi"') :]
    changes = changes[: changes.index("</section>")]
    assert 'href="/van-ban/4-tb-vpcp/nhiem-vu/1/so-sanh/?tu=1&amp;den=2"' in changes
    assert "Làm rõ tên" in changes
    assert 'href="/van-ban/4-tb-vpcp/">Đăng Thông báo 4/TB-VPCP</a>' in changes
    assert changes.index("Làm rõ tên") < changes.index("Đăng Thông báo")  # newest first


def test_figures_state_their_source_and_date_once_and_start_with_a_capital(client):
    source = make_source(key="s4", title="Bài viết về Thông báo 4/TB-VPCP")
    make_figure(source=source, text_as_written="gần 59% dân số", as_of_text="Năm 2025")
    make_figure(source=source, text_as_written="top 20 thế giới", as_of_text="Năm 2025")
    body = client.get("/").content.decode()
    figures = body[body.index('id="so-lieu"') :]
    figures = figures[: figures.index("</section>")]
    assert figures.count("Năm 2025") == 1 and figures.count('href="/nguon/#nguon-s4"') == 1
    assert "Gần 59% dân số" in figures and "Top 20 thế giới" in figures


def test_the_home_search_box_is_a_real_form(client):
    body = client.get("/").content.decode()
    form = body[body.index('<section class="home-search"') :]
    assert re.search(r'<form[^>]*role="search"[^>]*action="/tim-kiem/"', form)
    assert '<label for="q-trang-chu">' in form and 'id="q-trang-chu" type="search" name="q"' in form


def test_no_section_without_content(client):
    body = client.get("/").content.decode()
    for empty in ('id="ket-luan"', 'id="thay-doi"', 'id="so-lieu"', 'id="su-kien"'):
        assert empty not in body
    assert "Dòng thời gian" not in body  # the timeline lives on /dien-dan/, the introduction only here
