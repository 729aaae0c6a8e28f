from django import template

from core.clock import today
from resolutions.models import DeadlineState, Task

register = template.Library()


@register.filter
def deadline_state(task: Task, on=None) -> DeadlineState:
    """The task's deadline state today (Asia/Ho_Chi_Minh), or on the given date."""
    return task.deadline_state(on or today())
