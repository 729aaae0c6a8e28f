from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from core.publishing import Status
from editions.models import Organisation
from resolutions.models import DeadlineKind, Document, Task
from tests.factories import make_document, make_organisation
from tests.users import editor, staff_without_role

pytestmark = pytest.mark.django_db
SAMPLE = (Path(__file__).parent / "data" / "sample_notice.txt").read_text(encoding="utf-8")
URL = "/quan-tri/resolutions/document/nhap-thong-bao/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_review_screen_proposes_metadata_sections_and_tasks_and_saves_nothing():
    make_organisation(name="Văn phòng Chính phủ", short_name="VPCP", slug="van-phong-chinh-phu")
    response = client_for(editor()).post(URL, {"text": SAMPLE})
    assert response.status_code == 200
    body = response.content.decode()
    assert "99/TB-VPCP" in body
    assert "Xác nhận và lưu bản nháp" in body
    assert Document.objects.count() == 0
    assert Task.objects.count() == 0


def test_confirm_creates_a_draft_document_with_its_tasks_in_one_go():
    make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN", slug="bo-khoa-hoc-va-cong-nghe")
    client = client_for(editor())
    review = client.post(URL, {"text": SAMPLE})
    notice = review.context["notice"]
    numbers = [task.number for task in notice.tasks][:5]
    response = client.post(URL, {"text": SAMPLE, "key": "99-tb-vpcp", "tasks": numbers, "confirm": "1"})
    assert response.status_code == 302
    document = Document.objects.get(key="99-tb-vpcp")
    assert document.status == Status.DRAFT
    assert document.number == "99/TB-VPCP"
    assert sorted(document.tasks.values_list("number", flat=True)) == numbers
    assert set(document.tasks.values_list("status", flat=True)) == {Status.DRAFT}
    assert document.sections.count() == len(notice.sections)
    first = document.tasks.order_by("number").first()
    assert first.status_updates.get().status == "no_update"
    dated = document.tasks.exclude(deadline_kind=DeadlineKind.NONE)
    assert all(t.deadline_date or t.deadline_kind == DeadlineKind.URGENT for t in dated)


def test_existing_key_is_refused_and_nothing_is_half_saved():
    make_document(key="99-tb-vpcp")
    client = client_for(editor())
    response = client.post(URL, {"text": SAMPLE, "key": "99-tb-vpcp", "tasks": [1, 2], "confirm": "1"})
    assert response.status_code == 200
    assert "đã có" in response.content.decode()
    assert Task.objects.count() == 0
    assert Document.objects.count() == 1


def test_new_organisations_are_created_only_when_asked_and_as_drafts():
    client = client_for(editor())
    before = Organisation.objects.count()
    client.post(URL, {"text": SAMPLE, "key": "a-1", "tasks": [1], "confirm": "1"})
    assert Organisation.objects.count() == before
    client.post(URL, {"text": SAMPLE, "key": "a-2", "tasks": [1], "confirm": "1", "create_organisations": "on"})
    created = Organisation.objects.exclude(pk__in=[]).count() - before
    assert created >= 1
    assert set(Organisation.objects.values_list("status", flat=True)) == {Status.DRAFT}


def test_staff_without_role_cannot_import():
    assert client_for(staff_without_role()).get(URL).status_code == 403


def test_import_link_on_the_document_list():
    page = client_for(editor()).get(reverse("admin:resolutions_document_changelist")).content.decode()
    assert URL in page
