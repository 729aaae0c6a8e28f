"""The tracker's rows and counts: one task query (plus the partners' prefetch), states computed in Python.

`TrackerQuerySet` extends `TaskQuerySet` with the tracker's query methods. The deadline state depends on
today's date and the latest update, so the state filter runs on the fetched rows: the number of
queries stays the same whatever the filters and the amount of data.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.utils.translation import gettext as _

from editions.models import Organisation, Topic
from resolutions.filters import SORT_DEADLINE, TrackerQuery
from resolutions.models import DeadlineKind, DeadlineState, Task, TaskQuerySet
from resolutions.summary import StateCount


class TrackerQuerySet(TaskQuerySet):
    def for_tracker(self):
        """Rows with their latest status, document, edition, lead and published partners."""
        return (
            self.with_current_status()
            .select_related("document", "document__edition", "document__edition__series", "lead", "section")
            .prefetch_related(
                Prefetch("partners", queryset=Organisation.objects.published().order_by("protocol_order", "name"))
            )
        )

    def for_export(self):
        return self.for_tracker().prefetch_related(Prefetch("topics", queryset=Topic.objects.published()))

    def involving_any(self, organisation):
        """Lead or partner, without DISTINCT (so ordering on joined columns stays portable)."""
        partner = Task.partners.through.objects.filter(task=OuterRef("pk"), organisation=organisation)
        return self.filter(Q(lead=organisation) | Exists(partner))

    def with_topic(self, topic):
        return self.filter(Exists(Task.topics.through.objects.filter(task=OuterRef("pk"), topic=topic)))

    def matching(self, query: TrackerQuery):
        """Every filter but the deadline state (see `tracker_rows`)."""
        qs = self
        if query.lead:
            qs = qs.led_by(query.lead)
        if query.organisation:
            qs = qs.involving_any(query.organisation)
        if query.topic:
            qs = qs.with_topic(query.topic)
        if query.document:
            qs = qs.filter(document=query.document)
        if query.edition:
            qs = qs.filter(document__edition=query.edition)
        return qs

    def sorted_by(self, sort: str):
        by_document = ("document__order", "document__key", "number")
        if sort == SORT_DEADLINE:
            urgent_first = Case(When(deadline_kind=DeadlineKind.URGENT, then=Value(0)), default=Value(1))
            return self.order_by(F("deadline_date").asc(nulls_last=True), urgent_first, *by_document)
        return self.order_by(*by_document)


def public_tasks() -> TrackerQuerySet:
    """Published tasks of published documents, as a `TrackerQuerySet`."""
    return TrackerQuerySet(model=Task).published()


@dataclass(frozen=True)
class TrackerRow:
    task: Task
    state: DeadlineState

    @property
    def lead(self) -> Organisation | None:
        lead = self.task.lead
        return lead if lead is not None and lead.is_published else None


@dataclass(frozen=True)
class LeadCount:
    organisation: Organisation | None
    count: int

    @property
    def label(self) -> str:
        return self.organisation.display_name if self.organisation else _("Không nêu cơ quan chủ trì")


@dataclass(frozen=True)
class TrackerResult:
    rows: list[TrackerRow]
    state_counts: list[StateCount]
    lead_counts: list[LeadCount]
    today: datetime.date

    @property
    def total(self) -> int:
        return len(self.rows)


def tracker_rows(query: TrackerQuery, today: datetime.date, queryset=None) -> list[TrackerRow]:
    """The rows the query asks for, each with its deadline state on `today`."""
    queryset = queryset if queryset is not None else public_tasks().for_tracker()
    tasks = queryset.matching(query).sorted_by(query.sort)
    rows = [TrackerRow(task, task.deadline_state(today)) for task in tasks]
    if query.state:
        rows = [row for row in rows if row.state == query.state]
    return rows


def summarise(rows: list[TrackerRow], today: datetime.date) -> TrackerResult:
    states = Counter(row.state for row in rows)
    leads: dict[int | None, LeadCount] = {}
    for row in rows:
        key = row.lead.pk if row.lead else None
        previous = leads.get(key)
        leads[key] = LeadCount(row.lead, (previous.count if previous else 0) + 1)
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
    )


def run_tracker(query: TrackerQuery, today: datetime.date) -> TrackerResult:
    return summarise(tracker_rows(query, today), today)
