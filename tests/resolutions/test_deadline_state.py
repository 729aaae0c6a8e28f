from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from resolutions.models import DeadlineKind, DeadlineState, Task, TaskStatus
from tests.factories import make_status_update, make_task

DUE = date(2026, 1, 31)
pytestmark = pytest.mark.django_db


def dated_task(**kw):
    return make_task(deadline_kind=DeadlineKind.MONTH, deadline_date=DUE, deadline_text="trong tháng 01/2026", **kw)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (DUE - timedelta(days=31), DeadlineState.UPCOMING),
        (DUE - timedelta(days=30), DeadlineState.DUE_SOON),  # day 30 included
        (DUE - timedelta(days=1), DeadlineState.DUE_SOON),
        (DUE, DeadlineState.DUE_SOON),  # the due day itself is not past
        (DUE + timedelta(days=1), DeadlineState.OVERDUE_NO_UPDATE),
    ],
)
def test_deadline_state_around_each_boundary(today, expected):
    assert dated_task().deadline_state(today) == expected


def test_task_without_updates_past_deadline_is_overdue_without_update_never_failed():
    task = dated_task()
    make_status_update(task, status=TaskStatus.NO_UPDATE)
    state = task.deadline_state(DUE + timedelta(days=1))
    assert state == DeadlineState.OVERDUE_NO_UPDATE
    assert state.label == "Đã quá hạn — chưa có thông tin cập nhật"


def test_in_progress_past_deadline_is_overdue_in_progress():
    task = dated_task()
    make_status_update(task, status=TaskStatus.NO_UPDATE)
    make_status_update(task, status=TaskStatus.IN_PROGRESS, date=date(2026, 1, 15))
    assert task.deadline_state(date(2026, 2, 10)) == DeadlineState.OVERDUE_IN_PROGRESS


@pytest.mark.parametrize(
    ("done_on", "expected"),
    [
        (DUE, DeadlineState.DONE_ON_TIME),
        (DUE + timedelta(days=1), DeadlineState.DONE_LATE),
    ],
)
def test_done_is_judged_on_time_or_late_by_its_date(done_on, expected):
    task = dated_task()
    make_status_update(task, status=TaskStatus.DONE, date=done_on)
    assert task.deadline_state(date(2026, 6, 1)) == expected


def test_submitted_completes_a_submit_to_the_pm_task():
    task = dated_task()
    make_status_update(task, status=TaskStatus.SUBMITTED, date=date(2026, 1, 20))
    assert task.deadline_state(date(2026, 6, 1)) == DeadlineState.DONE_ON_TIME


def test_done_without_date_is_judged_by_when_it_was_recorded():
    task = dated_task()
    update = make_status_update(task, status=TaskStatus.DONE)
    recorded = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    type(update).objects.filter(pk=update.pk).update(created_at=recorded)
    assert task.deadline_state(date(2026, 6, 1)) == DeadlineState.DONE_LATE


@pytest.mark.parametrize(
    ("kind", "expected"),
    [(DeadlineKind.NONE, DeadlineState.NO_DEADLINE), (DeadlineKind.URGENT, DeadlineState.URGENT)],
)
def test_undated_tasks(kind, expected):
    task = make_task(deadline_kind=kind)
    assert task.deadline_state(date(2030, 1, 1)) == expected


def test_latest_update_wins_and_undated_initial_state_comes_first():
    task = dated_task()
    make_status_update(task, status=TaskStatus.NO_UPDATE)
    make_status_update(task, status=TaskStatus.IN_PROGRESS, date=date(2026, 1, 5))
    annotated = Task.objects.with_current_status().get(pk=task.pk)
    assert annotated.current_status().status == TaskStatus.IN_PROGRESS
    assert annotated.current_status().date == date(2026, 1, 5)
    assert task.current_status().status == TaskStatus.IN_PROGRESS


def test_annotation_and_fallback_agree_on_every_state():
    task = dated_task()
    make_status_update(task, status=TaskStatus.DONE, date=date(2026, 2, 2))
    annotated = Task.objects.with_current_status().get(pk=task.pk)
    fresh = Task.objects.get(pk=task.pk)
    assert (
        annotated.deadline_state(date(2026, 3, 1)) == fresh.deadline_state(date(2026, 3, 1)) == DeadlineState.DONE_LATE
    )


def test_no_state_is_called_failed():
    labels = [state.label.lower() for state in DeadlineState]
    assert not any("thất bại" in label or "không thực hiện" in label for label in labels)
