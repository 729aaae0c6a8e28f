"""The editorial workflow through the admin: roles checked on the server, no lost edits, history."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from core.models import AuditEntry, PublishedVersion, ReviewRequest, ReviewState
from core.publishing import Status
from editions.models import Person
from tests.factories import make_document, make_person, make_section
from tests.users import administrator, editor, publisher, signed_in, staff_without_role

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    return signed_in(user)


def person_url(person, action="change", *extra):
    return reverse(f"admin:editions_person_{action}", args=[person.pk, *extra])


def person_form(person, **overrides):
    return {
        "name": person.name,
        "slug": person.slug,
        "description": "",
        "editor_note": "",
        "seen_lock_version": person.lock_version,
    } | overrides


ROLE_MAKERS = {"editor": editor, "publisher": publisher, "administrator": administrator}


@pytest.mark.parametrize(
    ("role", "step", "start", "allowed"),
    [
        ("editor", "gui-duyet", Status.DRAFT, True),
        ("editor", "xuat-ban", Status.REVIEW, False),
        ("editor", "go-xuat-ban", Status.PUBLISHED, False),
        ("publisher", "gui-duyet", Status.DRAFT, True),
        ("publisher", "xuat-ban", Status.REVIEW, True),
        ("publisher", "go-xuat-ban", Status.PUBLISHED, True),
        ("administrator", "xuat-ban", Status.DRAFT, True),
        ("administrator", "go-xuat-ban", Status.PUBLISHED, True),
    ],
)
def test_workflow_buttons_are_checked_on_the_server(role, step, start, allowed):
    person = make_person(status=start)
    expected = {"gui-duyet": Status.REVIEW, "xuat-ban": Status.PUBLISHED, "go-xuat-ban": Status.WITHDRAWN}[step]
    response = client_for(ROLE_MAKERS[role]()).post(
        person_url(person, "workflow", step), {"seen_lock_version": 0, "note": "Lý do"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.status == (expected if allowed else start)


def test_editor_does_not_see_the_publish_button_but_a_publisher_does():
    person = make_person(status=Status.REVIEW)
    editor_page = client_for(editor()).get(person_url(person)).content.decode()
    publisher_page = client_for(publisher()).get(person_url(person)).content.decode()
    assert "xuat-ban/" not in editor_page
    assert "xuat-ban/" in publisher_page


def test_staff_account_without_a_group_sees_nothing():
    client = client_for(staff_without_role())
    index = client.get(reverse("admin:index")).content.decode()
    assert "editions" not in index and "resolutions" not in index
    assert client.get(reverse("admin:editions_person_changelist")).status_code == 403


def test_status_cannot_be_set_through_the_change_form():
    person = make_person(status=Status.DRAFT)
    client = client_for(editor())
    client.post(person_url(person), person_form(person, status=Status.PUBLISHED, name="Tên sửa"))
    person.refresh_from_db()
    assert (person.name, person.status) == ("Tên sửa", Status.DRAFT)


def test_two_editors_the_second_save_is_refused_with_what_changed_and_nothing_is_lost():
    person = make_person(name="Tên gốc", status=Status.DRAFT)
    first, second = client_for(editor()), client_for(editor())
    first_form = person_form(person, name="Sửa của người thứ nhất")
    second_form = person_form(person, name="Sửa của người thứ hai")  # both opened at lock_version 0
    assert first.post(person_url(person), first_form).status_code == 302
    refused = second.post(person_url(person), second_form)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "đã được người khác lưu" in body
    assert "Sửa của người thứ nhất" in body  # what the other editor saved
    assert Person.objects.get(pk=person.pk).name == "Sửa của người thứ nhất"


def test_two_editors_on_the_same_inline_row():
    document = make_document(status=Status.DRAFT)
    section = make_section(document, title="Kết quả")
    url = reverse("admin:resolutions_document_change", args=[document.pk])

    def form(title):
        data = {
            "doc_type": document.doc_type,
            "title": document.title,
            "subject": document.subject,
            "order": 0,
            "seen_lock_version": 0,
            "number": "",
            "sections-TOTAL_FORMS": 1,
            "sections-INITIAL_FORMS": 1,
            "sections-0-id": section.pk,
            "sections-0-document": document.pk,
            "sections-0-title": title,
            "sections-0-kind": section.kind,
            "sections-0-seen_lock_version": 0,
        }
        for prefix in ("tasks", "core-attachment-content_type-object_id"):
            data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
        return data

    assert client_for(editor()).post(url, form("Kết quả A")).status_code == 302
    refused = client_for(editor()).post(url, form("Kết quả B"))
    assert refused.status_code == 200
    section.refresh_from_db()
    assert section.title == "Kết quả A"


def test_an_editors_change_to_a_published_thing_waits_for_a_reviewer_who_publishes_it():
    """Four eyes: the editor's change needs a note, then waits as a draft; the public keeps the published version
    until a reviewer publishes it with the note, which becomes the public change log's entry."""
    person = make_person(name="Tên cũ")
    client = client_for(editor())
    without_note = client.post(person_url(person), person_form(person, name="Tên mới"))
    assert without_note.status_code == 200
    with_note = client.post(person_url(person), person_form(person, name="Tên mới", change_note="Sửa tên", major="on"))
    assert with_note.status_code == 302
    assert Person.objects.get(pk=person.pk).name == "Tên cũ"  # live unchanged
    assert "Tên cũ" in Client().get(person.get_absolute_url()).content.decode()
    review = ReviewRequest.objects.get(object_id=person.pk, state=ReviewState.PENDING)
    assert (review.change_note, review.is_change) == ("Sửa tên", True)
    # The editor reopens the form: it shows the draft, not the live row.
    assert client.get(person_url(person)).context["adminform"].form.initial["name"] == "Tên mới"
    reviewer = client_for(publisher())
    page = reviewer.get(reverse("admin:core_reviewrequest_change", args=[review.pk])).content.decode()
    assert "<del>Tên cũ</del>" in page and "<ins>Tên mới</ins>" in page
    reviewer.post(
        reverse("admin:core_reviewrequest_decide", args=[review.pk]),
        {"decision": "publish", "seen": review.lock_version, "change_note": "Sửa tên theo nguồn", "major": "on"},
    )
    assert Person.objects.get(pk=person.pk).name == "Tên mới"
    revision = Version.objects.get_for_object(person).first().revision
    assert (revision.comment, revision.note.major) == ("Sửa tên theo nguồn", True)
    assert ReviewRequest.objects.get(pk=review.pk).state == ReviewState.PUBLISHED


def test_history_compare_and_restore():
    person = make_person(name="Tên một", status=Status.DRAFT)
    client = client_for(editor())
    client.post(person_url(person), person_form(person, name="Tên hai"))
    person.refresh_from_db()
    client.post(person_url(person), person_form(person, name="Tên ba"))
    person.refresh_from_db()
    versions = list(Version.objects.get_for_object(person))
    history = client.get(person_url(person, "history")).content.decode()
    assert "So sánh A và B" in history and "Khôi phục bản này" in history
    compare = client.get(person_url(person, "compare"), {"a": versions[1].pk, "b": versions[0].pk}).content.decode()
    assert "<del>Tên hai</del>" in compare and "<ins>Tên ba</ins>" in compare
    restore = client.post(person_url(person, "restore", versions[1].pk), {"seen_lock_version": person.lock_version})
    assert restore.status_code == 302
    assert Person.objects.get(pk=person.pk).name == "Tên hai"
    assert Version.objects.get_for_object(person).count() == 3


def test_published_things_cannot_be_deleted_only_never_published_drafts():
    client = client_for(administrator())
    published = make_person()
    draft = make_person(status=Status.DRAFT)
    assert client.get(person_url(published, "delete")).status_code == 403
    assert client.post(person_url(draft, "delete"), {"post": "yes"}).status_code == 302
    assert not Person.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(draft.pk)).exists()


def test_publish_button_stores_a_version_and_an_audit_entry():
    document = make_document(status=Status.REVIEW)
    client_for(publisher()).post(
        reverse("admin:resolutions_document_workflow", args=[document.pk, "xuat-ban"]),
        {"seen_lock_version": 0, "note": "Đăng"},
    )
    assert PublishedVersion.objects.of(document).count() == 1
    assert AuditEntry.objects.filter(action="publish").count() == 1


def test_waiting_for_review_list_on_the_admin_index_for_publishers():
    make_person(name="Người chờ duyệt", status=Status.REVIEW)
    assert "Người chờ duyệt" in client_for(publisher()).get(reverse("admin:index")).content.decode()
    assert "Người chờ duyệt" not in client_for(editor()).get(reverse("admin:index")).content.decode()


def test_audit_log_is_visible_to_administrators_only():
    url = reverse("admin:core_auditentry_changelist")
    assert client_for(administrator()).get(url).status_code == 200
    assert client_for(publisher()).get(url).status_code == 403
    assert client_for(editor()).get(url).status_code == 403


def test_saving_a_published_thing_unchanged_without_a_note_is_a_form_error_not_a_500():
    person = make_person(name="Tên cũ")
    response = client_for(editor()).post(person_url(person), person_form(person))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "hãy ghi chú thay đổi" in " ".join(errors["change_note"])  # the service's refusal, on the note field
    assert Person.objects.get(pk=person.pk).lock_version == person.lock_version
