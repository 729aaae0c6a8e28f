"""Counting tasks by deadline state (home page, tracker): one grouped query, no task fetched."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.filters import OVERDUE, OVERDUE_LABEL, OVERDUE_STATES, STATE
from resolutions.models import DeadlineState


@dataclass(frozen=True)
class StateCount:
    state: DeadlineState
    count: int

    @property
    def label(self) -> str:
        return self.state.label

    @property
    def value(self) -> str:
        return self.state.value


def deadline_state_counts(tasks, today: datetime.date) -> list[StateCount]:
    """Counts of a task queryset for every state, in the vocabulary's order, zeros included (a stable chart); the
    database computes the states (`TaskQuerySet.deadline_state_counts`)."""
    counts = tasks.deadline_state_counts(today)
    return [StateCount(state, counts.get(state, 0)) for state in DeadlineState]


OVERDUE_KINDS = {
    DeadlineState.OVERDUE_NO_UPDATE: gettext_lazy("chưa có thông tin cập nhật"),
    DeadlineState.OVERDUE_IN_PROGRESS: gettext_lazy("đang thực hiện"),
}


@dataclass(frozen=True)
class StateLink:
    """A count on the home page that opens the tracker filtered on it."""

    value: str  # the tracker's `thoi_han` value
    label: str
    count: int
    is_overdue: bool = False
    detail: str = ""  # what an overdue count is made of

    @property
    def url(self) -> str:
        return reverse("resolutions:tracker") + "?" + urlencode({STATE: self.value})


def state_links(counts: list[StateCount]) -> list[StateLink]:
    """Both overdue states as one "Quá hạn" count first, then the other states that have tasks, in the vocabulary's
    order (states with no task are left out)."""
    by_state = {item.state: item.count for item in counts}
    overdue = sum(by_state.get(state, 0) for state in OVERDUE_STATES)
    links = []
    if overdue:
        parts = [
            _("%(count)s %(state)s") % {"count": by_state[state], "state": OVERDUE_KINDS[state]}
            for state in OVERDUE_STATES
            if by_state.get(state)
        ]
        links.append(StateLink(OVERDUE, str(OVERDUE_LABEL), overdue, is_overdue=True, detail="; ".join(parts)))
    links += [
        StateLink(item.state.value, str(item.state.label), item.count)
        for item in counts
        if item.count and item.state not in OVERDUE_STATES
    ]
    return links
