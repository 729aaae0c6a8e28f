"""Property: the deadline state the database computes (`TaskQuerySet.with_deadline_state`, `deadline_state_sql`) is the
state `Task.deadline_state()` gives, for any task — every deadline kind, dates around today and its boundaries
(today, today + 30, today + 31), no, one or several status updates with and without dates, completions recorded
around local and UTC midnight. The suite runs on SQLite and on PostgreSQL, so both engines are checked."""

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resolutions.models import DeadlineKind, DeadlineState, StatusUpdate, Task, TaskStatus
from tests.factories import make_document

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")  # settings.TIME_ZONE: UTC+7, so local 00:00–06:59 is the previous UTC day
TODAYS = [date(2026, 3, 5), date(2025, 12, 31), date(2024, 2, 29)]
NEAR = [-31, -30, -1, 0, 1, 29, 30, 31, 32]  # days from today (deadlines) or from the deadline (updates)
OFFSET = st.one_of(st.sampled_from(NEAR), st.integers(min_value=-400, max_value=400))
CLOCK = st.sampled_from(
    [time(0, 0), time(0, 0, 1), time(6, 59, 59, 999999), time(7, 0), time(12, 0), time(23, 59, 59, 999999)]
)
UPDATE = st.fixed_dictionaries(
    {
        "status": st.sampled_from(list(TaskStatus)),
        "date": st.one_of(st.none(), OFFSET),
        "recorded_day": OFFSET,
        "recorded_clock": CLOCK,
    }
)
TASK = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(list(DeadlineKind)),
        "due": st.one_of(st.none(), OFFSET),
        "updates": st.lists(UPDATE, max_size=4),
    }
)
# Always tried, whatever the random draw: each boundary with no update, and completions recorded around midnight.
BOUNDARIES = [{"kind": DeadlineKind.DAY, "due": days, "updates": []} for days in NEAR]
MIDNIGHT = [
    {
        "kind": DeadlineKind.MONTH,
        "due": -10,
        "updates": [{"status": status, "date": None, "recorded_day": day, "recorded_clock": clock}],
    }
    for status in (TaskStatus.DONE, TaskStatus.SUBMITTED)
    for day in (0, 1)
    for clock in (time(0, 0), time(6, 59, 59, 999999), time(7, 0), time(23, 59, 59, 999999))
]
EXAMPLES = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _create(document, specs: list[dict], today: date) -> list[int]:
    """The tasks of `specs` on `document`, with their updates recorded when the spec says (bulk: no signals)."""
    tasks = Task.objects.bulk_create(
        Task(
            document=document,
            number=number,
            title=f"Nhiệm vụ {number}",
            summary="Nhiệm vụ sinh ra để so sánh hai cách tính.",
            deadline_kind=spec["kind"],
            deadline_date=None if spec["due"] is None else today + timedelta(days=spec["due"]),
            status=document.status,
        )
        for number, spec in enumerate(specs, start=1)
    )
    updates, recorded = [], []
    for task, spec in zip(tasks, specs, strict=True):
        anchor = task.deadline_date or today  # update dates near the deadline: on time, a day late, the same day
        for item in spec["updates"]:
            day = None if item["date"] is None else anchor + timedelta(days=item["date"])
            updates.append(StatusUpdate(task=task, status=item["status"], date=day))
            local = datetime.combine(anchor + timedelta(days=item["recorded_day"]), item["recorded_clock"], LOCAL)
            recorded.append(local)
    updates = StatusUpdate.objects.bulk_create(updates)  # auto_now_add sets created_at: replace it below
    for update, when in zip(updates, recorded, strict=True):
        update.created_at = when
    StatusUpdate.objects.bulk_update(updates, ["created_at"])
    return [task.pk for task in tasks]


def test_the_database_and_python_agree_on_every_deadline_state():
    assert django_settings.TIME_ZONE == "Asia/Ho_Chi_Minh" and django_settings.USE_TZ
    document = make_document()

    @EXAMPLES
    @given(today=st.sampled_from(TODAYS), specs=st.lists(TASK, min_size=1, max_size=6))
    @example(today=TODAYS[0], specs=BOUNDARIES)
    @example(today=TODAYS[0], specs=MIDNIGHT)
    def check(today, specs):
        with transaction.atomic():
            ids = _create(document, specs, today)
            tasks = Task.objects.filter(pk__in=ids)
            in_python = {task.pk: task.deadline_state(today) for task in tasks}  # history read task by task
            annotated = {task.pk: task.deadline_state(today) for task in tasks.with_current_status()}
            in_sql = dict(tasks.with_deadline_state(today).values_list("pk", "deadline_state_value"))
            assert in_sql == in_python == annotated, specs
            assert tasks.deadline_state_counts(today) == Counter(in_python.values())
            for state in DeadlineState:
                chosen = set(tasks.in_deadline_states({state}, today).values_list("pk", flat=True))
                assert chosen == {pk for pk, value in in_python.items() if value == state}
            transaction.set_rollback(True)

    check()


def test_a_completion_recorded_just_after_local_midnight_is_judged_by_the_local_day():
    """Recorded 00:30 on the day after the deadline, Hà Nội time (still the deadline day in UTC): late."""
    today, due = date(2026, 3, 5), date(2026, 1, 31)
    document = make_document()
    specs = [{"kind": DeadlineKind.MONTH, "due": (due - today).days, "updates": []}]
    (pk,) = _create(document, specs, today)
    update = StatusUpdate.objects.create(task_id=pk, status=TaskStatus.DONE)
    StatusUpdate.objects.filter(pk=update.pk).update(created_at=datetime(2026, 2, 1, 0, 30, tzinfo=LOCAL))
    task = Task.objects.with_deadline_state(today).get(pk=pk)
    assert task.deadline_state_value == task.deadline_state(today) == DeadlineState.DONE_LATE
