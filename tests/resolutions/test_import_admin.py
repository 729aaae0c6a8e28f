from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from core.publishing import Status
from editions.models import Organisation
from resolutions.importer import OrganisationIndex, parse_notice
from resolutions.models import DeadlineKind, Document, Task
from resolutions.services import notice_import
from tests.factories import make_document, make_organisation
from tests.users import editor, signed_in, staff_without_role

pytestmark = pytest.mark.django_db
SAMPLE = (Path(__file__).parent / "data" / "sample_notice.txt").read_text(encoding="utf-8")
URL = "/quan-tri/resolutions/document/nhap-thong-bao/"


def client_for(user) -> Client:
    return signed_in(user)


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


def _sample_notice():
    return parse_notice(SAMPLE, organisations=OrganisationIndex(Organisation.objects.all()))


def test_the_import_saves_through_the_services_one_revision_for_the_document_and_its_rows():
    user = editor()
    document = notice_import(notice=_sample_notice(), key="99-tb-vpcp", user=user, create_organisations=True)
    revisions = Version.objects.get_for_object(document)
    assert revisions.count() == 1
    revision = revisions.get().revision
    assert (revision.user, revision.comment) == (user, "Nhập từ văn bản dán vào")
    grouped = {version.object for version in revision.version_set.all()}
    assert set(document.sections.all()) | set(document.tasks.all()) <= grouped
    task = document.tasks.order_by("number").first()
    assert task.status_updates.get() in grouped
    assert Organisation.objects.filter(status=Status.DRAFT).exists()
    for organisation in Organisation.objects.all():  # each new draft organisation: its own revision
        assert Version.objects.get_for_object(organisation).count() == 1


def test_the_import_checks_every_permission_the_admin_would():
    user = staff_without_role()
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_document", "add_task", "add_section", "add_statusupdate"])
    )
    user = type(user).objects.get(pk=user.pk)
    with pytest.raises(PermissionDenied):  # creating an organisation needs its own permission
        notice_import(notice=_sample_notice(), key="99-tb-vpcp", user=user, create_organisations=True)
    assert not Document.objects.exists() and not Organisation.objects.exists()
    document = notice_import(notice=_sample_notice(), key="99-tb-vpcp", user=user, create_organisations=False)
    assert document.tasks.exists()
