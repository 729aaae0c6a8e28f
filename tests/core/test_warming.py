"""Pages rendered into the page cache when a write commits (core/warming.py): the first reader after a publish gets
the page from the cache, showing the publish."""

import gzip

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from core.publishing import Status
from core.warming import enable_warming, pages_to_warm, warm_pages
from resolutions.models import TaskStatus
from tests.factories import make_document, make_edition, make_status_update, make_task

pytestmark = pytest.mark.django_db
CACHED = "X-Page-Cache"


@pytest.fixture(autouse=True)
def _warm_on_commit(settings):
    """As in production: the generations change and the pages are rendered when the write commits."""
    settings.PAGE_CACHE_BUMP_ON_COMMIT = True
    settings.WARM_ON_WRITE = True
    settings.ALLOWED_HOSTS = [*django_settings.ALLOWED_HOSTS, "kinhteso.example.vn"]
    enable_warming()  # as forum_site/wsgi.py does in a web process
    yield
    enable_warming(False)


def _read(response) -> str:
    body = response.content
    return (gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body).decode()


def test_the_first_reader_after_a_status_update_gets_its_pages_from_the_cache(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        edition = make_edition(year=2033)
        task = make_task(make_document(edition=edition), title="Nhiệm vụ được đọc ngay")
    with django_capture_on_commit_callbacks(execute=True):
        make_status_update(task, status=TaskStatus.IN_PROGRESS, note="Đang triển khai, theo báo cáo tháng 11")
    client = Client()
    pages = (task.get_absolute_url(), task.document.get_absolute_url(), edition.get_absolute_url(), "/", "/nhiem-vu/")
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response[CACHED] == "hit", url
    page = _read(client.get(task.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip"))
    assert "Đang triển khai, theo báo cáo tháng 11" in page
    english = client.get("/en" + task.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert english[CACHED] == "hit"


def test_a_draft_has_no_page_to_warm():
    draft = make_task(status=Status.DRAFT, document=make_document(status=Status.DRAFT))
    assert pages_to_warm([draft]) == []  # no reader sees anything new: nothing is rendered
    published = make_task()
    paths = pages_to_warm([published])
    assert published.get_absolute_url() in paths and published.document.get_absolute_url() in paths
    assert paths[-4:] == django_settings.PAGES_WARMED_ON_WRITE


def test_a_large_write_warms_the_fixed_pages_only():
    tasks = [make_task() for _ in range(21)]
    assert pages_to_warm(tasks) == django_settings.PAGES_WARMED_ON_WRITE


def test_warming_leaves_the_writers_language_and_survives_a_missing_page(settings):
    settings.PAGES_WARMED_ON_WRITE = ["/khong-co-trang-nay/", "/"]
    with translation.override("vi"):
        assert warm_pages(make_task() for _ in range(21)) == 1  # the missing page: a 404, not stored; nothing fails
        assert translation.get_language() == "vi"
    assert Client().get("/", HTTP_ACCEPT_ENCODING="gzip")[CACHED] == "hit"


def test_nothing_is_warmed_when_it_is_turned_off_or_outside_a_web_process(settings):
    task = make_task()
    settings.WARM_ON_WRITE = False
    assert warm_pages([task]) == 0
    settings.WARM_ON_WRITE = True
    enable_warming(False)  # a management command
    assert warm_pages([task]) == 0
    assert Client().get("/", HTTP_ACCEPT_ENCODING="gzip")[CACHED] == "miss"


def test_a_task_edit_warms_its_page_though_the_search_index_is_written_in_the_same_transaction(
    django_capture_on_commit_callbacks,
):
    """The index rows (more than the cap of things a transaction warms) are not things with pages: not counted."""
    with django_capture_on_commit_callbacks(execute=True):
        task = make_task(make_document(), title="Nhiệm vụ sẽ đổi tên")
    with django_capture_on_commit_callbacks(execute=True):
        task.title = "Nhiệm vụ đã đổi tên để tìm kiếm và đọc ngay"
        task.save()
    response = Client().get(task.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert response[CACHED] == "hit"
    assert "Nhiệm vụ đã đổi tên để tìm kiếm và đọc ngay" in _read(response)
