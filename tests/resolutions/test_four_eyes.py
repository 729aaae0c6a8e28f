"""Four eyes on public content (issue 11): an editor's change to a published task, and every status update, waits
for a reviewer; the public page, exports and citations keep the published version until it is published."""

import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditAction, AuditEntry, PublishedVersion, ReviewRequest, ReviewState
from core.publishing import Status
from core.review import review_publish, review_return
from core.workflow import content_save
from resolutions.models import StatusUpdate, Task, TaskStatus
from tests.admin_forms import change_form_data
from tests.factories import make_document, make_source, make_task
from tests.users import editor, publisher, signed_in

pytestmark = pytest.mark.django_db


def published_task(**kw) -> Task:
    return make_task(make_document(), title="Tiêu đề đã công bố", **kw)


def task_url(task: Task) -> str:
    return reverse("admin:resolutions_task_change", args=[task.pk])


def edit_with_update(client, task: Task, **changes):
    """The task form as the editor fills it: a field changed and a status update added inline."""
    source = make_source(title="Báo cáo của Bộ")
    data = change_form_data(client.get(task_url(task))) | {
        "title": "Tiêu đề đã sửa",
        "change_note": "Bộ báo cáo đã trình dự thảo",
        "major": "on",
        "status_updates-TOTAL_FORMS": str(task.status_updates.count() + 1),
    }
    row = task.status_updates.count()
    data |= {
        f"status_updates-{row}-date": "2026-01-15",
        f"status_updates-{row}-status": TaskStatus.SUBMITTED,
        f"status_updates-{row}-note": "Bộ đã trình Thủ tướng dự thảo đề án.",
        f"status_updates-{row}-source": str(source.pk),
    }
    return client.post(task_url(task), data | changes)


def test_an_editors_edit_of_a_published_task_does_not_go_live():
    """An editor's edit of a published task went live at once as public version 2."""
    task = published_task()
    task.title = "Tiêu đề của biên tập viên"
    content_save(obj=task, user=editor(), expected_lock_version=0, change_note="Sửa tên")
    stored = Task.objects.get(pk=task.pk)
    assert stored.title == "Tiêu đề đã công bố"
    assert PublishedVersion.objects.of(stored).count() == 0
    assert ReviewRequest.objects.get(object_id=task.pk).draft[0]["fields"]["title"] == "Tiêu đề của biên tập viên"


def test_editor_edit_and_status_update_wait_then_the_reviewer_publishes_both():
    task = published_task(deadline_date="2025-06-30", deadline_kind="day", deadline_text="tháng 6/2025")
    client = signed_in(editor())
    response = edit_with_update(client, task)
    assert response.status_code == 302, response.context and response.context["errors"]
    # Public unchanged: page, CSV, current status.
    public = Client()
    page = public.get(task.get_absolute_url()).content.decode()
    assert "Tiêu đề đã công bố" in page and "Bộ đã trình Thủ tướng" not in page
    assert "Tiêu đề đã sửa" not in public.get("/du-lieu/nhiem-vu.csv").content.decode()
    assert not StatusUpdate.objects.filter(task=task).exists()
    # The reviewer sees one request holding both, with the diff.
    review = ReviewRequest.objects.get(state=ReviewState.PENDING)
    reviewer = signed_in(publisher())
    dashboard = reviewer.get(reverse("admin:index")).content.decode()
    assert review.object_repr in dashboard
    diff = reviewer.get(reverse("admin:core_reviewrequest_change", args=[review.pk])).content.decode()
    assert "<ins>Tiêu đề đã sửa</ins>" in diff
    assert "Bộ đã trình Thủ tướng dự thảo đề án." in diff
    reviewer.post(
        reverse("admin:core_reviewrequest_decide", args=[review.pk]),
        {"decision": "publish", "seen": review.lock_version, "change_note": "Cập nhật: Bộ đã trình", "major": "on"},
    )
    task = Task.objects.get(pk=task.pk)
    assert task.title == "Tiêu đề đã sửa"
    assert task.current_status().status == TaskStatus.SUBMITTED
    page = public.get(task.get_absolute_url()).content.decode()
    assert "Bộ đã trình Thủ tướng dự thảo đề án." in page and "Cập nhật: Bộ đã trình" in page
    csv = public.get("/du-lieu/nhiem-vu.csv").content.decode()
    assert "Tiêu đề đã sửa" in csv and "submitted" in csv
    version = PublishedVersion.objects.of(task).order_by("-number").first()
    assert version.change_note == "Cập nhật: Bộ đã trình"
    assert version.data["status_history"][-1]["status"] == TaskStatus.SUBMITTED


def test_a_status_update_on_its_own_form_is_a_change_under_the_same_rule():
    """Added on its own form, an update flipped the public state with no change note and no new version."""
    task = published_task()
    source = make_source()
    url = reverse("admin:resolutions_statusupdate_add")
    form = {
        "task": str(task.pk),
        "date": "2026-02-01",
        "status": TaskStatus.IN_PROGRESS,
        "note": "Bộ đang xây dựng dự thảo.",
        "source": str(source.pk),
    }
    without_note = signed_in(editor()).post(url, form)
    assert without_note.status_code == 200
    assert "change_note" in without_note.context["adminform"].form.errors
    signed_in(editor()).post(url, form | {"change_note": "Cập nhật tiến độ"})
    assert not StatusUpdate.objects.filter(task=task).exists()  # waits for review
    assert ReviewRequest.objects.filter(object_id=task.pk, state=ReviewState.PENDING).exists()
    other = published_task()
    signed_in(publisher()).post(url, form | {"task": str(other.pk), "change_note": "Cập nhật tiến độ"})
    assert Task.objects.with_current_status().get(pk=other.pk).current_status().status == TaskStatus.IN_PROGRESS
    assert PublishedVersion.objects.of(other).get().change_note == "Cập nhật tiến độ"


def test_a_reviewers_own_edit_publishes_directly_with_its_note():
    task = published_task()
    client = signed_in(publisher())
    assert edit_with_update(client, task).status_code == 302
    task = Task.objects.get(pk=task.pk)
    assert task.title == "Tiêu đề đã sửa"
    assert PublishedVersion.objects.of(task).get().change_note == "Bộ báo cáo đã trình dự thảo"
    assert not ReviewRequest.objects.exists()


def test_sent_back_with_a_comment_the_editor_finds_it_and_edits_the_draft_again():
    task = published_task()
    author = editor()
    client = signed_in(author)
    edit_with_update(client, task)
    review = ReviewRequest.objects.get()
    review_return(request=review, user=publisher(), comment="Thiếu đường dẫn tới báo cáo gốc")
    assert AuditEntry.objects.filter(action=AuditAction.RETURN).exists()
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "Thiếu đường dẫn tới báo cáo gốc" in dashboard
    # The form shows the draft, with the update the editor added.
    page = client.get(task_url(task))
    assert page.context["adminform"].form.initial["title"] == "Tiêu đề đã sửa"
    assert "Thiếu đường dẫn tới báo cáo gốc" in page.content.decode()
    data = change_form_data(page) | {"summary": "Nội dung sửa lần hai.", "change_note": "Bổ sung"}
    assert client.post(task_url(task), data).status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.PENDING
    review_publish(request=review, user=publisher(), expected_lock_version=review.lock_version)
    task = Task.objects.get(pk=task.pk)
    assert (task.title, task.summary) == ("Tiêu đề đã sửa", "Nội dung sửa lần hai.")
    assert StatusUpdate.objects.filter(task=task).count() == 1


def test_two_editors_on_one_draft_the_second_is_refused():
    task = published_task()
    first, second = signed_in(editor()), signed_in(editor())
    first_form = change_form_data(first.get(task_url(task)))
    edit_with_update(first, task)  # opened at the live version, saved a draft
    stale = second.post(task_url(task), first_form | {"title": "Khác", "change_note": "Khác"})
    assert stale.status_code == 200
    assert ReviewRequest.objects.get().draft[0]["fields"]["title"] == "Tiêu đề đã sửa"


def test_publishing_a_stale_draft_page_is_refused():
    task = published_task()
    client = signed_in(editor())
    edit_with_update(client, task)
    review = ReviewRequest.objects.get()
    seen = review.lock_version
    data = change_form_data(client.get(task_url(task))) | {"summary": "Sửa thêm", "change_note": "Sửa thêm"}
    client.post(task_url(task), data)
    reviewer = signed_in(publisher())
    reviewer.post(
        reverse("admin:core_reviewrequest_decide", args=[review.pk]),
        {"decision": "publish", "seen": seen, "change_note": "Đăng"},
    )
    assert Task.objects.get(pk=task.pk).title == "Tiêu đề đã công bố"


def test_editors_are_not_offered_publish_and_bulk_publish_checks_what_the_list_showed():
    draft = make_task(status=Status.REVIEW, title="Việc chờ duyệt")
    url = reverse("admin:resolutions_task_changelist")
    editor_page = signed_in(editor()).get(url).content.decode()
    assert "publish_selected" not in editor_page
    reviewer = signed_in(publisher())
    listing = reviewer.get(url).content.decode()
    assert "publish_selected" in listing and f'name="seen-{draft.pk}" value="0"' in listing
    Task.objects.filter(pk=draft.pk).update(lock_version=5)  # changed after the list was shown
    reviewer.post(url, {"action": "publish_selected", "_selected_action": [draft.pk], f"seen-{draft.pk}": "0"})
    assert Task.objects.get(pk=draft.pk).status == Status.REVIEW
    reviewer.post(url, {"action": "publish_selected", "_selected_action": [draft.pk], f"seen-{draft.pk}": "5"})
    assert Task.objects.get(pk=draft.pk).status == Status.PUBLISHED


def test_the_waiting_list_is_oldest_first_with_who_and_when():
    first_author, second_author = editor(username="bientap_a"), editor(username="bientap_b")
    older, newer = published_task(), published_task()
    for task, author in ((older, first_author), (newer, second_author)):
        task.summary = f"Sửa bởi {author.username}"
        content_save(obj=task, user=author, expected_lock_version=task.lock_version, change_note="Sửa")
    page = signed_in(publisher()).get(reverse("admin:index")).content.decode()
    assert page.index("bientap_a") < page.index("bientap_b")
    assert 'id="cho-duyet"' in page


def test_the_dashboard_lists_tasks_past_their_deadline_with_no_update(settings):
    import datetime

    from tests.factories import make_status_update

    settings.TODAY = "2026-03-01"
    late = published_task(deadline_date=datetime.date(2025, 12, 31), deadline_kind="day")
    late.title = "Việc quá hạn"
    late.save()
    reported = published_task(deadline_date=datetime.date(2025, 12, 31), deadline_kind="day")
    make_status_update(reported, status=TaskStatus.IN_PROGRESS, date=datetime.date(2026, 1, 5))
    page = signed_in(editor()).get(reverse("admin:index")).content.decode()
    section = page[page.index('id="qua-han-chua-cap-nhat"') :]
    assert "Việc quá hạn" in section and "31/12/2025" in section
    assert str(reported) not in section
