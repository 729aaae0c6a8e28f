"""The tracker's rows and counts: one task query (plus the partners' prefetch), states computed in Python.

The query methods are `TaskQuerySet`'s (`for_tracker`, `matching`, `by_deadline`…). The deadline state depends on
today's date and the latest update, so the state filter runs on the fetched rows: the number of
queries stays the same whatever the filters and the amount of data.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.publishing import if_public
from editions.models import Organisation
from resolutions.filters import OVERDUE_STATES, SORT_DEADLINE, TrackerQuery
from resolutions.models import DeadlineState, Task
from resolutions.summary import StateCount


@dataclass(frozen=True)
class TrackerRow:
    task: Task
    state: DeadlineState

    @property
    def lead(self) -> Organisation | None:
        return if_public(self.task.lead)

    @property
    def lead_withheld(self) -> bool:
        """The document names a lead whose record is not public yet: "not known yet", never "not named"."""
        return self.task.lead_id is not None and self.lead is None

    @property
    def responsible(self) -> list[Organisation]:
        """Who the task is given to: its lead, or each body it is given to jointly (published ones)."""
        if self.lead:
            return [self.lead]
        return list(self.task.assignees.all()) if self.task.lead_id is None else []


@dataclass(frozen=True)
class LeadCount:
    """Tasks given to one body: as lead, or jointly with others (`joint` of them); None: nobody named."""

    organisation: Organisation | None
    count: int
    withheld: bool = False  # tasks whose lead is not public yet
    joint: int = 0  # of `count`, tasks given jointly (no lead)

    @property
    def label(self) -> str:
        if self.organisation:
            return self.organisation.display_name
        return _("Chưa có thông tin về cơ quan chủ trì") if self.withheld else _("Không nêu cơ quan chủ trì")


@dataclass(frozen=True)
class TrackerResult:
    rows: list[TrackerRow]
    state_counts: list[StateCount]
    lead_counts: list[LeadCount]
    today: datetime.date
    overdue_total: int = 0  # overdue tasks among those the other filters leave (the "Quá hạn" shortcut's count)

    @property
    def total(self) -> int:
        return len(self.rows)


def _rows_in_any_state(query: TrackerQuery, today: datetime.date, queryset=None) -> list[TrackerRow]:
    queryset = queryset if queryset is not None else Task.objects.published().for_tracker()
    tasks = queryset.matching(
        leads=query.leads,
        organisations=query.organisations,
        topics=query.topics,
        documents=query.documents,
        editions=query.editions,
    )
    tasks = tasks.by_deadline() if query.sort == SORT_DEADLINE else tasks.by_document()
    return [TrackerRow(task, task.deadline_state(today)) for task in tasks]


def _in_states(rows: list[TrackerRow], states: set[DeadlineState]) -> list[TrackerRow]:
    return [row for row in rows if row.state in states] if states else rows


def tracker_rows(query: TrackerQuery, today: datetime.date, queryset=None) -> list[TrackerRow]:
    """The rows the query asks for, each with its deadline state on `today`."""
    return _in_states(_rows_in_any_state(query, today, queryset), query.states)


def summarise(rows: list[TrackerRow], today: datetime.date, overdue_total: int = 0) -> TrackerResult:
    states = Counter(row.state for row in rows)
    leads: dict[int | str | None, LeadCount] = {}
    for row in rows:
        joint = 0 if row.lead else 1
        for organisation in row.responsible or [None]:
            key = organisation.pk if organisation else ("withheld" if row.lead_withheld else None)
            previous = leads.get(key) or LeadCount(organisation, 0, row.lead_withheld)
            leads[key] = LeadCount(
                organisation, previous.count + 1, previous.withheld, previous.joint + (joint if organisation else 0)
            )
    ordered_leads = sorted(
        leads.values(),
        key=lambda c: (
            -c.count,
            c.organisation is None,
            c.organisation.protocol_order if c.organisation else 0,
            c.label,
        ),
    )
    return TrackerResult(
        rows=rows,
        state_counts=[StateCount(state, states.get(state, 0)) for state in DeadlineState],
        lead_counts=ordered_leads,
        today=today,
        overdue_total=overdue_total,
    )


def run_tracker(query: TrackerQuery, today: datetime.date) -> TrackerResult:
    every_state = _rows_in_any_state(query, today)
    overdue = len(_in_states(every_state, set(OVERDUE_STATES)))
    return summarise(_in_states(every_state, query.states), today, overdue)
