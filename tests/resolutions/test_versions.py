import pytest

from core.publishing import Status
from core.workflow import content_publish, content_save, content_withdraw
from resolutions.models import SectionKind, Task
from tests.factories import make_document, make_section, make_task
from tests.queries import at_scales, count_queries, over
from tests.users import editor, publisher

pytestmark = pytest.mark.django_db


def published_document_with_task():
    document = make_document(key="4-tb-vpcp", number="4/TB-VPCP", status=Status.REVIEW)
    make_section(document, kind=SectionKind.TASKS, title="Nhiệm vụ")
    task = make_task(document, title="Tiêu đề gốc", status=Status.REVIEW)
    user = publisher()
    content_publish(obj=task, user=user, expected_lock_version=0)
    content_publish(obj=document, user=user, expected_lock_version=0, change_note="Đăng lần đầu")
    return document, Task.objects.get(pk=task.pk)


def test_each_version_has_a_permanent_url_showing_the_text_as_it_was(client):
    _document, task = published_document_with_task()
    task.title = "Tiêu đề sửa"
    content_save(obj=task, user=editor(), expected_lock_version=task.lock_version, change_note="Làm rõ", major=True)
    old = client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/1/")
    new = client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/2/")
    assert old.status_code == new.status_code == 200
    assert "Tiêu đề gốc" in old.content.decode()
    assert "Đã có phiên bản mới hơn" in old.content.decode()
    assert "Tiêu đề sửa" in new.content.decode()
    assert "Đây là phiên bản mới nhất" in new.content.decode()


def test_document_version_shows_its_tasks_as_published(client):
    published_document_with_task()
    body = client.get("/van-ban/4-tb-vpcp/phien-ban/1/").content.decode()
    assert "Tiêu đề gốc" in body
    assert "Đăng lần đầu" in body


def test_versions_stay_reachable_after_withdrawal(client):
    document, _task = published_document_with_task()
    document.refresh_from_db()
    content_withdraw(obj=document, user=publisher(), expected_lock_version=document.lock_version, reason="Nhầm")
    gone = client.get("/van-ban/4-tb-vpcp/")
    assert gone.status_code == 410
    assert 'href="/van-ban/4-tb-vpcp/phien-ban/"' in gone.content.decode()
    assert client.get("/van-ban/4-tb-vpcp/phien-ban/1/").status_code == 200
    assert client.get("/van-ban/4-tb-vpcp/phien-ban/").status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/van-ban/4-tb-vpcp/phien-ban/9/", "/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/0/", "/van-ban/khac/phien-ban/1/"],
)
def test_unknown_versions_are_404(client, url):
    published_document_with_task()
    assert client.get(url).status_code == 404


def test_a_never_published_draft_has_no_version_page(client):
    make_document(key="nhap", status=Status.DRAFT)
    assert client.get("/van-ban/nhap/phien-ban/").status_code == 404


def _edited(count: int) -> None:
    _document, task = published_document_with_task()
    for i in range(count):
        task.title = f"Sửa {i}"
        content_save(obj=task, user=editor(), expected_lock_version=task.lock_version, change_note=f"Lần {i}")
        task = Task.objects.get(pk=task.pk)


VERSION_QUERIES = {"/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/": 4, "/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/1/": 5}


def test_version_list_query_count_does_not_grow_with_edits(client):
    small, large = at_scales(_edited, lambda _: count_queries(client, {url: url for url in VERSION_QUERIES}))
    assert large == small
    assert over(small, VERSION_QUERIES) == {}


def test_citation_names_and_links_the_version_it_cites(client, settings):
    settings.TODAY = "2026-02-15"
    published_document_with_task()
    body = client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/").content.decode()
    assert "phiên bản 1" in body
    assert "https://kinhteso.example.vn/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/1/" in body
