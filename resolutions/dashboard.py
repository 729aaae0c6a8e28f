"""The resolutions app's panel on the admin's front page (core/dashboard.py): "Quá hạn chưa cập nhật", the public
tasks past their deadline with no update reported, oldest deadline first — what an editor should look into."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock
from core.dashboard import Item, Panel, change_url, register
from resolutions.models import Task, TaskStatus

LIMIT = 30


def overdue_without_update(user) -> list[Item]:
    tasks = (
        Task.objects.published()
        .with_current_status()
        .select_related("document", "lead")
        .filter(deadline_date__lt=clock.today())
        .filter(Q(current_status_value__isnull=True) | Q(current_status_value=TaskStatus.NO_UPDATE))
        .order_by("deadline_date", "document__key", "number")[:LIMIT]
    )
    return [
        Item(
            f"{task}: {task.title}",
            change_url(task),
            str(_("Hạn chót")),
            task.lead.short_or_name if task.lead else "",
            task.deadline_date,
            task.deadline_text,
        )
        for task in tasks
    ]


register(
    Panel(
        "qua-han-chua-cap-nhat",
        _("Quá hạn chưa cập nhật"),
        overdue_without_update,
        lambda user: user.has_perm("resolutions.change_task"),
        _("Không có nhiệm vụ nào quá hạn mà chưa có cập nhật."),
    )
)
