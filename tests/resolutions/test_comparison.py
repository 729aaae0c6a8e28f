"""“So sánh phiên bản”: two published versions of a task or a document compared, additions and removals marked with
<ins>/<del> and a visible word; reachable from the version list and from each version page."""

import re
from datetime import date

import pytest

from core.workflow import content_save
from resolutions.comparison import ADDED, REMOVED, SAME, FieldChange, Segment, task_changes
from resolutions.models import StatusUpdate, Task, TaskStatus
from tests.resolutions.test_versions import published_document_with_task
from tests.users import publisher

pytestmark = pytest.mark.django_db
COMPARE = "/van-ban/4-tb-vpcp/nhiem-vu/1/so-sanh/"


def second_version(task: Task, **changes) -> Task:
    """Version 2 of the task: its status reported in progress (and any field changes)."""
    StatusUpdate.objects.create(task=task, date=date(2026, 2, 10), status=TaskStatus.IN_PROGRESS, note="Đang soạn")
    for name, value in changes.items():
        setattr(task, name, value)
    content_save(obj=task, user=publisher(), expected_lock_version=task.lock_version, change_note="Cập nhật tình trạng")
    return Task.objects.get(pk=task.pk)


def test_words_added_and_removed_are_found_in_a_text():
    change = FieldChange("Nội dung", "Xây dựng khung dữ liệu quốc gia", "Xây dựng khung kinh tế dữ liệu")
    assert change.changed
    assert change.segments == (
        Segment(SAME, "Xây dựng khung "),
        Segment(ADDED, "kinh tế "),
        Segment(SAME, "dữ liệu"),
        Segment(REMOVED, " quốc gia"),
    )


def test_a_field_an_older_version_did_not_record_is_not_shown_as_removed():
    old = {"title": "A", "summary": "", "partner_names": []}
    new = {**old, "status_history": [{"date": "2026-02-10", "status": "in_progress", "note": ""}]}
    changes = {c.label: c for c in task_changes(old, new)}
    assert not changes["Tình trạng"].changed and not changes["Tình trạng"].recorded_in_both
    assert changes["Tình trạng"].after == "Đang thực hiện (10/02/2026)"


def test_the_comparison_shows_the_changed_status_marked_in_words(client):
    _document, task = published_document_with_task()
    second_version(task, deadline_text="trong tháng 3/2026")
    body = client.get(f"{COMPARE}?tu=1&den=2").content.decode()
    status = body[body.index(">Tình trạng</h3>") :]
    status = status[: status.index("</section>")]
    assert re.search(r'diff-tag-removed">bỏ</span> <del>Chưa có thông tin cập nhật</del>', status)
    assert re.search(r'diff-tag-added">thêm</span> <ins>Đang thực hiện \(10/02/2026\)</ins>', status)
    assert "Phiên bản 1" in status and "Phiên bản 2" in status  # which version each value is from, in words
    assert ">Thời hạn</h3>" in body and "<ins>“trong tháng 3/2026”</ins>" in body
    history = body[body.index(">Diễn biến thực hiện</h3>") :]
    assert re.search(r"<ins>10/02/2026: Đang thực hiện — Đang soạn</ins>", history)
    assert "Cập nhật tình trạng" in body  # the change note of the newer version
    assert "Tên nhiệm vụ" in body[body.index("Không thay đổi") :]


def test_by_default_the_latest_version_is_compared_with_the_one_before(client):
    _document, task = published_document_with_task()
    second_version(task)
    body = client.get(COMPARE).content.decode()
    assert "Từ phiên bản 1" in body and "đến phiên bản 2" in body


@pytest.mark.parametrize("query", ["?tu=9&den=2", "?tu=abc", "?tu=1&den=-1", "?den=" + "9" * 40])
def test_unknown_versions_fall_back_with_a_notice_never_an_error(client, query):
    _document, task = published_document_with_task()
    second_version(task)
    response = client.get(COMPARE + query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Không có phiên bản" in body and "Từ phiên bản 1" in body


def test_one_version_only_says_there_is_nothing_to_compare(client):
    published_document_with_task()
    body = client.get(COMPARE).content.decode()
    assert "mới có một phiên bản" in body and "<ins>" not in body
    versions = client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/").content.decode()
    assert "So sánh" not in versions  # no column of dashes when there is nothing to compare


def test_the_comparison_is_linked_from_the_version_list_and_each_version_page(client):
    _document, task = published_document_with_task()
    second_version(task)
    link = f'href="{COMPARE}?tu=1&amp;den=2"'
    assert link in client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/").content.decode()
    assert link in client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/2/").content.decode()
    assert link in client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/1/").content.decode()  # "with the latest"
    assert "Đang thực hiện (10/02/2026)" in client.get("/van-ban/4-tb-vpcp/nhiem-vu/1/phien-ban/2/").content.decode()


def test_document_versions_compare_their_tasks_and_sections(client):
    document, task = published_document_with_task()
    task.title = "Tiêu đề mới"
    content_save(obj=task, user=publisher(), expected_lock_version=task.lock_version, change_note="Sửa tên")
    document.refresh_from_db()
    document.signer = "Người ký"
    content_save(obj=document, user=publisher(), expected_lock_version=document.lock_version, change_note="Thêm")
    # The task's change made document version 2 (its page lists the task), the signer version 3.
    body = client.get("/van-ban/4-tb-vpcp/so-sanh/?tu=1&den=3").content.decode()
    assert "<ins>Nhiệm vụ 1: Tiêu đề mới</ins>" in body and "<del>Nhiệm vụ 1: Tiêu đề gốc</del>" in body
    assert "<ins>Người ký</ins>" in body


def test_unknown_or_draft_things_have_no_comparison(client):
    assert client.get("/van-ban/khong-co/so-sanh/").status_code == 404
    assert client.get("/van-ban/khong-co/nhiem-vu/1/so-sanh/").status_code == 404
