"""The tracker's rows and counts, decided by the database: a page of rows, one grouped query for the state and lead
counts, one for the bodies given tasks jointly.

The query methods are `TaskQuerySet`'s (`for_tracker`, `matching`, `in_deadline_states`, `by_deadline`…). The deadline
state is `deadline_state_sql()`, the SQL form of `Task.deadline_state()`, so the state filter is a WHERE, the counts
are aggregates and a page fetches only its rows: the number of queries and the rows fetched stay the same whatever
the amount of data. The exports (`tracker_rows`) take every matching row, with the same state filter.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.publishing import if_public, published_q
from editions.models import Organisation
from resolutions.filters import OVERDUE_STATES, SORT_DEADLINE, TrackerQuery
from resolutions.models import DeadlineState, Task
from resolutions.summary import StateCount

PAGE_SIZE = 50


@dataclass(frozen=True)
class TrackerRow:
    task: Task
    state: DeadlineState
    urls: dict = field(default_factory=dict, compare=False, repr=False)  # organisation pk → its URL, page-wide

    def _url(self, organisation: Organisation) -> str:
        """An organisation's address, reversed once per page however many rows name it."""
        if organisation.pk not in self.urls:
            self.urls[organisation.pk] = organisation.get_absolute_url()
        return self.urls[organisation.pk]

    @cached_property
    def lead_url(self) -> str:
        return self._url(self.lead) if self.lead else ""

    @cached_property
    def partner_links(self) -> list[tuple[Organisation, str]]:
        """The published partners (prefetched) with their addresses."""
        return [(partner, self._url(partner)) for partner in self.task.partners.all()]

    @cached_property
    def lead(self) -> Organisation | None:
        return if_public(self.task.lead)

    @cached_property
    def lead_withheld(self) -> bool:
        """The document names a lead whose record is not public yet: "not known yet", never "not named"."""
        return self.task.lead_id is not None and self.lead is None

    @cached_property
    def number_label(self) -> str:
        return _("nhiệm vụ %(number)s") % {"number": self.task.number}

    @cached_property
    def current(self):
        return self.task.current_status()


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
class PageLink:
    number: int | None  # None: the gap between distant pages ("…")
    querystring: str = ""
    current: bool = False


@dataclass(frozen=True)
class TrackerResult:
    page: Page  # its object_list: the rows shown, `TrackerRow`s
    state_counts: list[StateCount]  # of every matching task, not only the page's
    lead_counts: list[LeadCount]
    today: datetime.date
    overdue_total: int = 0  # overdue tasks among those the other filters leave (the "Quá hạn" shortcut's count)
    query: TrackerQuery | None = None
    notice: str = ""  # the page asked for does not exist

    @property
    def rows(self) -> list[TrackerRow]:
        return self.page.object_list

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def is_paged(self) -> bool:
        return self.page.paginator.num_pages > 1

    def _link(self, number: int) -> str:
        return self.query.page_querystring(number) if self.query else ""

    @property
    def previous_querystring(self) -> str:
        return self._link(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_querystring(self) -> str:
        return self._link(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def page_links(self) -> list[PageLink]:
        """1 … 4 5 [6] 7 8 … 21: the first and last pages and two on each side of the current one."""
        paginator, current = self.page.paginator, self.page.number
        return [
            PageLink(n, self._link(n), n == current) if isinstance(n, int) else PageLink(None)
            for n in paginator.get_elided_page_range(current, on_each_side=2, on_ends=1)
        ]


class CountedPaginator(Paginator):
    """A paginator told its count (from the grouped counting query) instead of counting again."""

    def __init__(self, object_list, per_page: int, *, count: int):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


def _matching(query: TrackerQuery, queryset):
    return queryset.matching(
        leads=query.leads,
        organisations=query.organisations,
        topics=query.topics,
        documents=query.documents,
        editions=query.editions,
    )


def _in_states_ordered(query: TrackerQuery, today: datetime.date, queryset):
    tasks = _matching(query, queryset).in_deadline_states(query.states, today)
    return tasks.by_deadline() if query.sort == SORT_DEADLINE else tasks.by_document()


def _rows(tasks: Iterable[Task], today: datetime.date) -> list[TrackerRow]:
    """The fetched tasks with their state: the rule's Python form over the annotated latest status (the SQL form,
    which chose them, is the same rule: tests/resolutions/test_deadline_state_sql.py)."""
    urls: dict[int, str] = {}
    return [TrackerRow(task, task.deadline_state(today), urls) for task in tasks]


def tracker_rows(query: TrackerQuery, today: datetime.date, queryset=None) -> list[TrackerRow]:
    """Every row the query asks for (the exports), each with its deadline state on `today`, in the page's order."""
    queryset = queryset if queryset is not None else Task.objects.published().for_tracker()
    return _rows(_in_states_ordered(query, today, queryset), today)


def _groups(tasks, today: datetime.date):
    """Tasks counted by (state, lead, given to a published body jointly): one grouped query. Whether the lead is public
    is read from the options (the published bodies that have public tasks), not joined here."""
    published_assignee = Task.assignees.through.objects.filter(
        published_q(Organisation, "organisation"), task=OuterRef("pk")
    )
    return (
        tasks.with_deadline_state(today)
        .annotate(joint=Exists(published_assignee))
        .order_by()
        .values("deadline_state_value", "lead_id", "joint")
        .annotate(n=Count("pk"))
    )


def _joint_counts(tasks) -> dict[int, int]:
    """Organisation id → tasks among `tasks` given to it jointly (no lead), counting published bodies only."""
    through = Task.assignees.through.objects.filter(
        published_q(Organisation, "organisation"), task__in=tasks.filter(lead__isnull=True).values("pk")
    )
    return dict(
        through.order_by().values("organisation_id").annotate(n=Count("task_id")).values_list("organisation_id", "n")
    )


def _by_lead(led: Counter, joint: dict[int, int], withheld: int, unnamed: int, organisations) -> list[LeadCount]:
    """Each body with its tasks (as lead or jointly), then "withheld" and "not named", most tasks first."""
    counts = [
        LeadCount(org, led[org.pk] + joint.get(org.pk, 0), joint=joint.get(org.pk, 0))
        for org in organisations
        if led[org.pk] or joint.get(org.pk)
    ]
    counts += [LeadCount(None, withheld, withheld=True)] if withheld else []
    counts += [LeadCount(None, unnamed)] if unnamed else []
    return sorted(
        counts,
        key=lambda c: (
            -c.count,
            c.organisation is None,
            c.organisation.protocol_order if c.organisation else 0,
            c.label,
        ),
    )


def run_tracker(query: TrackerQuery, today: datetime.date, organisations: list[Organisation]) -> TrackerResult:
    """The page of rows `query.page` asks for, and the counts of every matching task. `organisations`: the published
    bodies that have public tasks (`TrackerOptions.organisations`, already loaded for the form)."""
    tasks = _matching(query, Task.objects.published())
    chosen = query.states or set(DeadlineState)
    known = {org.pk for org in organisations}
    by_state, led, overdue_total, withheld, unnamed, any_joint = Counter(), Counter(), 0, 0, 0, False
    for group in _groups(tasks, today):
        state, lead, n = DeadlineState(group["deadline_state_value"]), group["lead_id"], group["n"]
        overdue_total += n if state in OVERDUE_STATES else 0
        if state not in chosen:
            continue
        by_state[state] += n
        if lead in known:  # a published body with public tasks
            led[lead] += n
        elif lead is not None:
            withheld += n  # a lead that is not public (or, in a race with a publish, not in the options yet)
        elif group["joint"]:
            any_joint = True
        else:
            unnamed += n
    joint = _joint_counts(tasks.in_deadline_states(query.states, today)) if any_joint else {}
    joint = {pk: n for pk, n in joint.items() if pk in known}

    # The paginator slices the bare ordered tasks; the page's rows are then fetched with their annotations and
    # relations by key, so the latest-status subqueries run for the rows shown, not for every matching task.
    paginator = CountedPaginator(_in_states_ordered(query, today, tasks), PAGE_SIZE, count=sum(by_state.values()))
    number, notice = query.page, ""
    if number > paginator.num_pages:
        number = paginator.num_pages
        notice = ngettext(
            "Không có trang %(asked)s: kết quả chỉ có %(pages)s trang, đây là trang cuối.",
            "Không có trang %(asked)s: kết quả chỉ có %(pages)s trang, đây là trang cuối.",
            paginator.num_pages,
        ) % {
            "asked": query.page,
            "pages": paginator.num_pages,
        }
    page = paginator.page(number)
    if paginator.num_pages > 1:
        shown = Task.objects.for_tracker_page().filter(pk__in=page.object_list.values("pk"))
        shown = shown.by_deadline() if query.sort == SORT_DEADLINE else shown.by_document()
    else:  # every matching task is on this page: one query, no key list
        shown = _in_states_ordered(query, today, Task.objects.published().for_tracker_page())
    page.object_list = _rows(shown, today)
    return TrackerResult(
        page=page,
        state_counts=[StateCount(state, by_state.get(state, 0)) for state in DeadlineState],
        lead_counts=_by_lead(led, joint, withheld, unnamed, organisations),
        today=today,
        overdue_total=overdue_total,
        query=query,
        notice=notice,
    )
