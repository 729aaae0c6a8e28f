"""The tracker's states, filter and counts come from the database now: on the real content, on several days, they are
what the rule they replaced gives — every task fetched, `Task.deadline_state()` in Python, the lead counts of the old
`summarise()` (lead if public, else each published joint assignee, else "withheld" or "not named")."""

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from django.http import QueryDict

from core.publishing import Status, if_public
from editions.models import Organisation
from resolutions.filters import OVERDUE, SORT_DEADLINE, SORT_NUMBER, TrackerOptions, parse_tracker_query
from resolutions.models import DeadlineState, Task
from resolutions.tracker import run_tracker, tracker_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forum_content")]  # tests/conftest.py
DAYS = [date(2025, 6, 1), date(2026, 1, 31), date(2026, 2, 1), date(2026, 3, 5), date(2027, 1, 1)]
STATE_CHOICES = [[], [OVERDUE], *([state.value] for state in DeadlineState), ["urgent", "due_soon"]]


def _query(states: list[str], sort: str, **params):
    data = QueryDict(mutable=True)
    data.setlist("thoi_han", states)
    data["sap_xep"] = sort
    for name, value in params.items():
        data[name] = value
    return parse_tracker_query(data, TrackerOptions.load())


def old_rows(query, today: date) -> list[tuple[Task, DeadlineState]]:
    """The replaced way: every matching task fetched, its state computed in Python, then filtered."""
    tasks = (
        Task.objects.published()
        .for_tracker()
        .matching(leads=query.leads, organisations=query.organisations, topics=query.topics)
    )
    tasks = tasks.by_deadline() if query.sort == SORT_DEADLINE else tasks.by_document()
    rows = [(task, task.deadline_state(today)) for task in tasks]
    return [(task, state) for task, state in rows if not query.states or state in query.states]


def old_lead_counts(rows) -> list[tuple]:
    """`summarise()` as it was: (organisation pk or None, count, withheld, joint), in its order."""
    leads: dict = {}
    for task, _state in rows:
        lead = if_public(task.lead)
        withheld = task.lead_id is not None and lead is None
        responsible = [lead] if lead else (list(task.assignees.all()) if task.lead_id is None else [])
        for organisation in responsible or [None]:
            key = organisation.pk if organisation else ("withheld" if withheld else None)
            org, count, was_withheld, joint = leads.get(key) or (organisation, 0, withheld, 0)
            leads[key] = (org, count + 1, was_withheld, joint + (0 if lead else 1) * bool(organisation))
    label = {True: "Chưa có thông tin về cơ quan chủ trì", False: "Không nêu cơ quan chủ trì"}
    ordered = sorted(
        leads.values(),
        key=lambda c: (
            -c[1],
            c[0] is None,
            c[0].protocol_order if c[0] else 0,
            c[0].display_name if c[0] else label[c[2]],
        ),
    )
    return [(org.pk if org else None, count, withheld, joint) for org, count, withheld, joint in ordered]


def _compare(query, today: date) -> None:
    expected = old_rows(query, today)
    result = run_tracker(query, today, TrackerOptions.load().organisations)
    assert [(row.task.pk, row.state) for row in result.rows] == [(task.pk, state) for task, state in expected]
    assert [(row.task.pk, row.state) for row in tracker_rows(query, today)] == [(t.pk, s) for t, s in expected]
    assert {c.state: c.count for c in result.state_counts if c.count} == Counter(state for _task, state in expected)
    assert result.total == len(expected)
    overdue = {DeadlineState.OVERDUE_NO_UPDATE, DeadlineState.OVERDUE_IN_PROGRESS}
    every_state = old_rows(replace(query, state_values=[]), today)  # the other filters only
    assert result.overdue_total == sum(1 for _task, state in every_state if state in overdue)
    lead_counts = [
        (c.organisation.pk if c.organisation else None, c.count, c.withheld, c.joint) for c in result.lead_counts
    ]
    assert lead_counts == old_lead_counts(expected)


@pytest.mark.parametrize("today", DAYS)
@pytest.mark.parametrize("sort", [SORT_NUMBER, SORT_DEADLINE])
def test_every_state_filter_gives_the_rows_and_counts_the_python_rule_gave(today, sort):
    assert Task.objects.published().count() == 13
    for states in STATE_CHOICES:
        _compare(_query(states, sort), today)


def test_the_real_content_has_every_kind_of_responsibility():
    """What the lead counts tell apart is in the content: named leads, joint tasks, tasks naming nobody."""
    rows = old_rows(_query([], SORT_NUMBER), date(2026, 3, 5))
    kinds = Counter(old[0] is None for old in old_lead_counts(rows))
    assert kinds[False] >= 3 and kinds[True] == 1
    assert any(joint for *_rest, joint in old_lead_counts(rows))


def test_a_lead_that_is_not_public_is_counted_as_withheld_never_named():
    Organisation.objects.filter(slug="bo-cong-an").update(status=Status.DRAFT)
    today = date(2026, 3, 5)
    query = _query([], SORT_NUMBER)
    _compare(query, today)
    withheld = [c for c in run_tracker(query, today, TrackerOptions.load().organisations).lead_counts if c.withheld]
    assert len(withheld) == 1 and withheld[0].count >= 2 and withheld[0].label == "Chưa có thông tin về cơ quan chủ trì"


def test_the_same_with_other_filters():
    today = date(2026, 3, 5)
    for params in ({"co_quan": "bo-khoa-hoc-va-cong-nghe"}, {"chu_de": "the-che-chinh-sach"}):
        for states in ([], [OVERDUE], ["no_deadline"]):
            _compare(_query(states, SORT_NUMBER, **params), today)
