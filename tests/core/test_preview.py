import pytest
from django.test import Client

from core.publishing import Status
from tests.factories import make_document, make_edition, make_person, make_task
from tests.users import editor, staff_without_role

pytestmark = pytest.mark.django_db
BANNER = "Bản nháp — chưa công khai"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def drafts():
    person = make_person(slug="nguoi-nhap", name="Người Nháp", status=Status.DRAFT)
    document = make_document(key="van-ban-nhap", status=Status.REVIEW)
    task = make_task(document, title="Nhiệm vụ nháp", status=Status.DRAFT)
    edition = make_edition(year=2026, number=4, status=Status.DRAFT)
    return [person.get_absolute_url(), document.get_absolute_url(), task.get_absolute_url(), edition.get_absolute_url()]


def test_staff_can_preview_any_draft_with_a_banner_and_no_shared_caching():
    client = signed_in(editor())
    for url in drafts():
        response = client.get(url)
        assert response.status_code == 200, url
        assert BANNER in response.content.decode()
        assert response["Cache-Control"] == "private, no-store"


def test_previewing_a_draft_document_shows_its_draft_tasks():
    urls = drafts()
    assert "Nhiệm vụ nháp" in signed_in(editor()).get(urls[1]).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "staff without role"])
def test_nobody_else_can_see_a_draft_by_any_url(client, who):
    viewer = client if who == "anonymous" else signed_in(staff_without_role())
    for url in drafts():
        assert viewer.get(url).status_code == 404, url


def test_published_pages_show_no_banner_to_staff():
    person = make_person(slug="nguoi-cong-khai")
    body = signed_in(editor()).get(person.get_absolute_url()).content.decode()
    assert BANNER not in body


def test_a_published_page_showing_a_previewer_draft_tasks_is_private_and_marks_each_draft():
    """It was sent `Cache-Control: public, max-age=300` with the draft tasks unmarked (issue 11)."""
    document = make_document(key="van-ban-cong-khai")
    make_task(document, title="Nhiệm vụ công khai")
    make_task(document, title="Nhiệm vụ còn nháp", status=Status.DRAFT)
    make_task(document, title="Nhiệm vụ chờ duyệt", status=Status.REVIEW)
    response = signed_in(editor()).get(document.get_absolute_url())
    body = response.content.decode()
    assert "Nhiệm vụ còn nháp" in body
    assert response["Cache-Control"] == "private, no-store"
    assert body.count('class="draft-badge"') == 2
    anonymous = Client().get(document.get_absolute_url())
    assert "Nhiệm vụ còn nháp" not in anonymous.content.decode()
    assert "public" in anonymous["Cache-Control"]
