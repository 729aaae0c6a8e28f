import pytest

from core.publishing import Status
from core.workflow import content_publish, content_save, content_submit_for_review, content_withdraw
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
    content_save(obj=task, user=publisher(), expected_lock_version=task.lock_version, change_note="Làm rõ", major=True)
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
        content_save(obj=task, user=publisher(), expected_lock_version=task.lock_version, change_note=f"Lần {i}")
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


def test_resubmitting_or_sending_back_a_withdrawn_document_keeps_its_410_and_its_version_urls(client):
    """Resubmitting a withdrawn document for review made its 410 page and its version URLs answer 404."""
    document, _task = published_document_with_task()
    document.refresh_from_db()
    content_withdraw(obj=document, user=publisher(), expected_lock_version=document.lock_version, reason="Nhầm")
    document.refresh_from_db()
    content_submit_for_review(obj=document, user=editor(), expected_lock_version=document.lock_version)
    document.refresh_from_db()
    document.title = "Tên nháp chưa công khai"
    content_save(obj=document, user=editor(), expected_lock_version=document.lock_version)
    gone = client.get("/van-ban/4-tb-vpcp/")
    assert gone.status_code == 410
    assert "Tên nháp chưa công khai" not in gone.content.decode()
    assert client.get("/van-ban/4-tb-vpcp/phien-ban/1/").status_code == 200
    assert client.get("/van-ban/4-tb-vpcp/phien-ban/").status_code == 200
    assert client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/").status_code == 410
    assert client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/1/").status_code == 200


def test_a_task_published_inside_a_never_published_document_has_no_public_trace(client):
    document = make_document(key="nhap-2", status=Status.DRAFT)
    task = make_task(document, status=Status.REVIEW)
    content_publish(obj=task, user=publisher(), expected_lock_version=0)
    assert client.get("/van-ban/nhap-2/nhiem-vu/1/").status_code == 404
    assert client.get("/van-ban/nhap-2/nhiem-vu/1/phien-ban/1/").status_code == 404


def test_a_task_version_holds_what_its_page_showed_with_its_state_as_of_its_date(client, settings):
    """A task's version page showed no deadline state, no status, no update history, no citation box and a blank
    "Phối hợp"."""
    import datetime

    from django.utils import timezone

    from core.models import PublishedVersion
    from tests.factories import make_organisation, make_source, make_status_update

    document = make_document(key="4-tb-ban", number="4/TB-BAN", status=Status.REVIEW)
    task = make_task(
        document,
        title="Trình đề án",
        status=Status.REVIEW,
        deadline_kind="month",
        deadline_text="tháng 6/2025",
        deadline_date=datetime.date(2025, 6, 30),
        lead=make_organisation(name="Bộ Chủ Trì Cũ"),
    )
    task.partners.add(make_organisation(name="Bộ Phối Hợp Cũ"))
    make_status_update(
        task, date=datetime.date(2025, 3, 1), status="in_progress", note="Đang soạn", source=make_source()
    )
    user = publisher()
    content_publish(obj=task, user=user, expected_lock_version=0)
    content_publish(obj=document, user=user, expected_lock_version=0)
    # Version 1 was published on 1 May 2025, before the deadline; today is long after it.
    PublishedVersion.objects.of(task).filter(number=1).update(
        published_at=timezone.make_aware(datetime.datetime(2025, 5, 1, 9, 0))
    )
    settings.TODAY = "2026-02-15"
    task.lead.name = "Bộ Chủ Trì Đổi Tên"
    task.lead.save()
    body = client.get("/van-ban/4-tb-ban/nhiem-vu/1/phien-ban/1/").content.decode()
    assert "Bộ Chủ Trì Cũ" in body and "Bộ Phối Hợp Cũ" in body  # names at that time
    assert "Bộ Chủ Trì Đổi Tên" not in body
    assert "“tháng 6/2025”" in body and "30/06/2025" in body
    assert "Đang soạn" in body  # status history up to then
    assert "Đến hạn trong 30 ngày" in body or "Còn hạn" in body  # as of 1 May 2025
    assert "Đã quá hạn — đang thực hiện" in body  # as of today, labelled apart
    assert "Tính đến hôm nay" in body
    assert 'class="cite-box"' in body and "/van-ban/4-tb-ban/nhiem-vu/1/phien-ban/1/" in body


def test_publishing_another_task_makes_a_new_document_version_and_version_1_is_not_latest(client):
    """After a 14th task was published, the document's version 1 still listed 13 tasks and said it was latest."""
    document, _task = published_document_with_task()
    new_task = make_task(document, title="Nhiệm vụ bổ sung", status=Status.REVIEW)
    content_publish(obj=new_task, user=publisher(), expected_lock_version=0, change_note="Bổ sung nhiệm vụ 2")
    first = client.get("/van-ban/4-tb-vpcp/phien-ban/1/").content.decode()
    second = client.get("/van-ban/4-tb-vpcp/phien-ban/2/").content.decode()
    assert "Đây là phiên bản mới nhất" not in first and "Đã có phiên bản mới hơn" in first
    assert "Nhiệm vụ bổ sung" not in first and "Nhiệm vụ bổ sung" in second
    assert "Đây là phiên bản mới nhất" in second
    assert "Nhiệm vụ 2: Bổ sung nhiệm vụ 2" in second
    assert 'class="cite-box"' in second and "phien-ban/2/" in second
