import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version

from core.models import AuditAction, AuditEntry, PublishedVersion, RevisionNote
from core.publishing import Status
from core.workflow import (
    EditConflict,
    content_check_edit,
    content_delete,
    content_publish,
    content_restore,
    content_save,
    content_submit_for_review,
    content_withdraw,
    row_save,
)
from resolutions.models import Section, Task
from tests.factories import make_document, make_person, make_section, make_task
from tests.users import administrator, editor, publisher, staff_without_role

pytestmark = pytest.mark.django_db

ROLES = {"editor": editor, "publisher": publisher, "administrator": administrator, "none": staff_without_role}
# role → may it publish / withdraw?
CAN_PUBLISH = {"editor": False, "publisher": True, "administrator": True, "none": False}
CAN_EDIT = {"editor": True, "publisher": True, "administrator": True, "none": False}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_publish_permission_matrix(role):
    user = ROLES[role]()
    person = make_person(status=Status.REVIEW)
    if CAN_PUBLISH[role]:
        content_publish(obj=person, user=user, expected_lock_version=person.lock_version)
        person.refresh_from_db()
        assert person.status == Status.PUBLISHED
    else:
        with pytest.raises(PermissionDenied):
            content_publish(obj=person, user=user, expected_lock_version=person.lock_version)
        person.refresh_from_db()
        assert person.status == Status.REVIEW


@pytest.mark.parametrize("role", sorted(ROLES))
def test_withdraw_permission_matrix(role):
    user = ROLES[role]()
    person = make_person()
    if CAN_PUBLISH[role]:
        content_withdraw(obj=person, user=user, expected_lock_version=person.lock_version, reason="Sai thông tin")
        person.refresh_from_db()
        assert person.status == Status.WITHDRAWN
    else:
        with pytest.raises(PermissionDenied):
            content_withdraw(obj=person, user=user, expected_lock_version=person.lock_version, reason="x")


@pytest.mark.parametrize("role", sorted(ROLES))
def test_submit_and_edit_permission_matrix(role):
    user = ROLES[role]()
    person = make_person(status=Status.DRAFT)
    if CAN_EDIT[role]:
        content_submit_for_review(obj=person, user=user, expected_lock_version=0)
        person.refresh_from_db()
        assert person.status == Status.REVIEW
        person.name = "Tên mới"
        content_save(obj=person, user=user, expected_lock_version=person.lock_version)
        assert type(person).objects.get(pk=person.pk).name == "Tên mới"
    else:
        with pytest.raises(PermissionDenied):
            content_submit_for_review(obj=person, user=user, expected_lock_version=0)
        person.name = "Tên mới"
        with pytest.raises(PermissionDenied):
            content_save(obj=person, user=user, expected_lock_version=person.lock_version)


def test_two_editors_on_the_same_record_the_second_save_is_refused_and_nothing_is_lost():
    first, second = editor(), editor()
    person = make_person(name="Tên gốc", status=Status.DRAFT)
    opened_at = person.lock_version
    mine = type(person).objects.get(pk=person.pk)
    theirs = type(person).objects.get(pk=person.pk)
    mine.name = "Sửa của người thứ nhất"
    content_save(obj=mine, user=first, expected_lock_version=opened_at)
    theirs.name = "Sửa của người thứ hai"
    with pytest.raises(EditConflict) as conflict:
        content_save(obj=theirs, user=second, expected_lock_version=opened_at)
    assert [c.field for c in conflict.value.changes] == ["name"]
    assert conflict.value.changes[0].theirs == "Sửa của người thứ nhất"
    assert "Sửa của người thứ nhất" in conflict.value.message()
    assert type(person).objects.get(pk=person.pk).name == "Sửa của người thứ nhất"


def test_changing_a_published_thing_requires_a_change_note():
    person = make_person()
    person.name = "Tên khác"
    with pytest.raises(ValidationError):
        content_save(obj=person, user=editor(), expected_lock_version=person.lock_version)
    assert type(person).objects.get(pk=person.pk).name != "Tên khác"


def test_every_save_keeps_a_revision_with_author_note_and_kind():
    user = publisher()
    person = make_person()
    person.name = "Tên đã sửa"
    content_save(obj=person, user=user, expected_lock_version=0, change_note="Sửa chính tả", major=True)
    version = Version.objects.get_for_object(person).first()
    assert version.revision.user == user
    assert version.revision.comment == "Sửa chính tả"
    assert RevisionNote.objects.get(revision=version.revision).major is True
    assert version.field_dict["name"] == "Tên đã sửa"


def test_restore_brings_back_old_values_as_a_new_revision():
    user = editor()
    person = make_person(name="Tên ban đầu", status=Status.DRAFT)
    content_save(obj=person, user=user, expected_lock_version=0, change_note="Bản đầu")
    person.name = "Tên sau"
    content_save(obj=person, user=user, expected_lock_version=1, change_note="Đổi tên")
    first = list(Version.objects.get_for_object(person))[-1]
    restored = content_restore(obj=person, version=first, user=user, expected_lock_version=2)
    assert restored.name == "Tên ban đầu"
    assert Version.objects.get_for_object(person).count() == 3


def test_publishing_a_document_snapshots_its_sections_and_tasks():
    document = make_document(status=Status.REVIEW)
    make_section(document, title="Kết quả")
    make_task(document, title="Nhiệm vụ một")
    version = content_publish(obj=document, user=publisher(), expected_lock_version=0, change_note="Đăng lần đầu")
    snapshot = PublishedVersion.objects.of(version).get(number=1)
    assert snapshot.data["sections"][0]["title"] == "Kết quả"
    assert snapshot.data["tasks"][0]["title"] == "Nhiệm vụ một"
    assert type(document).objects.get(pk=document.pk).public_version == 1


def test_a_reviewers_live_edit_of_a_task_adds_a_public_version_and_keeps_the_old_one():
    task = make_task(title="Tiêu đề cũ")
    task.title = "Tiêu đề mới"
    content_save(obj=task, user=publisher(), expected_lock_version=0, change_note="Làm rõ", major=True)
    versions = list(PublishedVersion.objects.of(task).order_by("number").values_list("number", "data__title"))
    assert versions == [(1, "Tiêu đề mới")]
    task = Task.objects.get(pk=task.pk)
    task.title = "Tiêu đề thứ ba"
    content_save(obj=task, user=publisher(), expected_lock_version=task.lock_version, change_note="Lần nữa")
    assert PublishedVersion.objects.of(task).count() == 2
    # the document's page lists the task: each task version is a version of the document too
    assert PublishedVersion.objects.of(task.document).count() == 2


def test_only_a_never_published_draft_can_be_deleted():
    user = administrator()
    draft = make_person(status=Status.DRAFT)
    content_delete(obj=draft, user=user)
    assert not type(draft).objects.filter(pk=draft.pk).exists()
    person = make_person(status=Status.REVIEW)
    content_publish(obj=person, user=user, expected_lock_version=0)
    person.refresh_from_db()
    with pytest.raises(ValidationError):
        content_delete(obj=person, user=user)


def test_publish_withdraw_and_delete_are_audited():
    user = publisher()
    person = make_person(status=Status.REVIEW)
    content_publish(obj=person, user=user, expected_lock_version=0)
    person.refresh_from_db()
    content_withdraw(obj=person, user=user, expected_lock_version=person.lock_version, reason="Trùng lặp")
    draft = make_person(status=Status.DRAFT)
    content_delete(obj=draft, user=user)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "username"))
    assert actions == [
        (AuditAction.PUBLISH, user.username),
        (AuditAction.WITHDRAW, user.username),
        (AuditAction.DELETE, user.username),
    ]


def test_a_plain_save_cannot_change_the_status():
    person = make_person(status=Status.DRAFT)
    person.status = Status.PUBLISHED
    content_save(obj=person, user=editor(), expected_lock_version=0)
    assert type(person).objects.get(pk=person.pk).status == Status.DRAFT


def test_a_stale_row_is_refused_by_the_service_and_a_fresh_one_saved():
    section = make_section(make_document(status=Status.DRAFT), title="Kết quả")
    Section.objects.filter(pk=section.pk).update(lock_version=1)  # someone saved it since
    section.title = "Kết quả đã sửa"
    with pytest.raises(EditConflict) as conflict:
        row_save(obj=section, user=editor(), expected_lock_version=0)
    assert [c.field for c in conflict.value.changes] == ["title"]
    assert Section.objects.get(pk=section.pk).title == "Kết quả"
    row_save(obj=section, user=editor(), expected_lock_version=1)
    assert Section.objects.get(pk=section.pk).lock_version == 2


def test_an_edit_of_a_deleted_record_is_refused_as_deleted():
    person = make_person(status=Status.DRAFT)
    type(person).objects.filter(pk=person.pk).delete()
    with pytest.raises(EditConflict) as conflict:
        content_check_edit(obj=person, expected_lock_version=0)
    assert conflict.value.deleted
    assert "đã bị xoá" in conflict.value.message()


def test_the_change_note_refusal_names_its_field():
    person = make_person()
    with pytest.raises(ValidationError) as refusal:
        content_check_edit(obj=person, expected_lock_version=0, change_note="  ")
    assert list(refusal.value.message_dict) == ["change_note"]
    assert content_check_edit(obj=person, expected_lock_version=0, change_note="Sửa tên").pk == person.pk
