"""Drafts never leak; withdrawn pages answer 410; bad input gives a Vietnamese 4xx, never a 500."""

from datetime import date

import pytest

from core.publishing import Status
from tests.factories import (
    make_appearance,
    make_document,
    make_edition,
    make_figure,
    make_organisation,
    make_person,
    make_task,
    make_topic,
)

pytestmark = pytest.mark.django_db


def test_draft_edition_is_404_for_public(client):
    make_edition(year=2026, number=4, status=Status.DRAFT)
    response = client.get("/dien-dan/2026/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_draft_edition_is_not_listed(client):
    make_edition(year=2024, number=2, theme="Chủ đề công khai")
    make_edition(year=2026, number=4, theme="Chủ đề nháp bí mật", status=Status.DRAFT)
    body = client.get("/dien-dan/").content.decode()
    assert "Chủ đề công khai" in body
    assert "Chủ đề nháp bí mật" not in body


def test_draft_task_is_404_for_public(client):
    task = make_task(status=Status.DRAFT)
    assert client.get(task.get_absolute_url()).status_code == 404


def test_published_task_in_draft_document_is_404(client):
    document = make_document(status=Status.DRAFT)
    task = make_task(document)
    assert client.get(task.get_absolute_url()).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


def test_draft_task_is_absent_from_its_document_page(client):
    document = make_document()
    make_task(document, title="Nhiệm vụ công khai")
    make_task(document, title="Nhiệm vụ nháp", status=Status.DRAFT)
    body = client.get(document.get_absolute_url()).content.decode()
    assert "Nhiệm vụ công khai" in body
    assert "Nhiệm vụ nháp" not in body


def test_draft_task_is_absent_from_organisation_and_topic_pages(client):
    org = make_organisation()
    topic = make_topic()
    draft = make_task(title="Nhiệm vụ nháp ẩn", lead=org, status=Status.DRAFT)
    draft.topics.add(topic)
    hidden_parent = make_task(make_document(status=Status.DRAFT), title="Nhiệm vụ văn bản nháp", lead=org)
    hidden_parent.topics.add(topic)
    for url in (org.get_absolute_url(), topic.get_absolute_url()):
        body = client.get(url).content.decode()
        assert "Nhiệm vụ nháp ẩn" not in body
        assert "Nhiệm vụ văn bản nháp" not in body


def test_draft_person_is_404_and_hidden_from_edition_page(client):
    edition = make_edition(year=2025, number=3)
    person = make_person(name="Người Nháp", status=Status.DRAFT)
    make_appearance(edition, person)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert "Người Nháp" not in client.get(edition.get_absolute_url()).content.decode()


def test_draft_figure_is_not_on_figures_page(client):
    make_figure(label="Số liệu công khai")
    make_figure(label="Số liệu nháp", status=Status.DRAFT)
    body = client.get("/so-lieu/").content.decode()
    assert "Số liệu công khai" in body
    assert "Số liệu nháp" not in body


def test_draft_topic_and_organisation_are_404(client):
    assert client.get(make_topic(status=Status.DRAFT).get_absolute_url()).status_code == 404
    assert client.get(make_organisation(status=Status.DRAFT).get_absolute_url()).status_code == 404


def test_withdrawn_page_answers_410_and_says_what_was_there(client):
    person = make_person(name="Người Đã Gỡ", status=Status.WITHDRAWN)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 410
    assert "Người Đã Gỡ" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/dien-dan/99999999999999999999999/",
        "/dien-dan/0/",
        "/van-ban/khong-co/",
        "/van-ban/khong-co/nhiem-vu/1/",
        "/van-ban/4-tb-vpcp/nhiem-vu/99999999999999999999999/",
        "/nhan-vat/%F0%9F%98%80/",
        "/chu-de/" + "a" * 500 + "/",
        "/co-quan/khong-co/",
        "/su-kien/khong-co/2025/",
        "/su-kien/khong-co/",
    ],
)
def test_unknown_or_malformed_urls_are_vietnamese_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_public_pages_set_no_cookies(client):
    make_edition(year=2025, number=3)
    response = client.get("/dien-dan/2025/")
    assert response.cookies == {}
    assert "Cookie" not in response.get("Vary", "")


def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_post_to_a_public_page_is_refused(client):
    assert client.post("/").status_code in {403, 405}


def test_a_lead_that_is_not_public_yet_is_not_known_yet_never_not_named(client):
    from core.workflow import content_publish
    from tests.users import publisher

    draft = make_organisation(name="Cơ quan chưa duyệt", status=Status.DRAFT)
    task = make_task(lead=draft, status=Status.REVIEW, deadline_date=date(2026, 3, 31), deadline_kind="month")
    make_task(task.document)  # no lead named at all
    content_publish(obj=task, user=publisher(), expected_lock_version=task.lock_version)
    task_page = client.get(task.get_absolute_url()).content.decode()
    version_page = client.get(f"{task.get_absolute_url()}phien-ban/1/").content.decode()
    tracker = client.get("/nhiem-vu/").content.decode()
    calendar = client.get("/du-lieu/nhiem-vu.ics").content.decode().replace("\r\n ", "")
    for body in (task_page, version_page, tracker, calendar):
        assert "Cơ quan chưa duyệt" not in body
        assert "chưa có thông tin" in body
    assert "không nêu rõ" not in task_page and "không nêu rõ" not in version_page
    assert "Chưa có thông tin về cơ quan chủ trì" in tracker and "Không nêu cơ quan chủ trì" in tracker
