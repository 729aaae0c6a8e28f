"""Counting tasks by deadline state (home page, tracker): one pass over already-fetched tasks."""

import datetime
from collections import Counter
from dataclasses import dataclass

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
    """Counts for every state, in the vocabulary's order, zeros included (a stable chart)."""
    counts = Counter(task.deadline_state(today) for task in tasks)
    return [StateCount(state, counts.get(state, 0)) for state in DeadlineState]
