"""Tasks of a document and their status history."""

import datetime
from dataclasses import dataclass

import reversion
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import Exact, In
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.publishing import LockVersioned, Publishable, PublishableQuerySet, if_public
from editions.models import Organisation, Source, Topic
from resolutions.models.documents import Document, Section


class DeadlineKind(models.TextChoices):
    NONE = "none", _("Không nêu thời hạn")
    URGENT = "urgent", _("Khẩn trương (không nêu ngày)")
    DAY = "day", _("Ngày")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    YEAR = "year", _("Năm")


class TaskStatus(models.TextChoices):
    NO_UPDATE = "no_update", _("Chưa có thông tin cập nhật")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    SUBMITTED = "submitted", _("Đã trình")
    DONE = "done", _("Đã hoàn thành")


class DeadlineState(models.TextChoices):
    NO_DEADLINE = "no_deadline", _("Không nêu thời hạn")
    URGENT = "urgent", _("Khẩn trương, không nêu ngày")
    UPCOMING = "upcoming", _("Còn hạn")
    DUE_SOON = "due_soon", _("Đến hạn trong 30 ngày")
    OVERDUE_NO_UPDATE = "overdue_no_update", _("Đã quá hạn — chưa có thông tin cập nhật")
    OVERDUE_IN_PROGRESS = "overdue_in_progress", _("Đã quá hạn — đang thực hiện")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành sau hạn")


DUE_SOON_DAYS = 30
# "Đã trình" completes a "submit to the Prime Minister" task.
COMPLETING_STATUSES = {TaskStatus.DONE, TaskStatus.SUBMITTED}


@dataclass(frozen=True)
class CurrentStatus:
    status: str
    date: datetime.date | None
    judged_date: datetime.date | None = None  # the date lateness is judged on

    @property
    def label(self) -> str:
        return TaskStatus(self.status).label


def _latest_update():
    """A task's latest status update (by date, undated ones last, then entry order), for a subquery."""
    return StatusUpdate.objects.filter(task=OuterRef("pk")).order_by(models.F("date").desc(nulls_last=True), "-id")


ORGANISATION_NAME_FIELDS = ("name", "name_en", "short_name", "short_name_en", "slug", "status", "protocol_order")

TRACKER_ROW_FIELDS = (  # what a row of the tracker's table reads (`for_tracker_page`)
    *("number", "title", "title_en", "deadline_text", "deadline_text_en", "deadline_kind", "deadline_date"),
    *("partners_text", "partners_text_en", "assignees_text", "assignees_text_en", "document", "lead"),
)


class TaskQuerySet(PublishableQuerySet):
    def with_current_status(self, note: bool = True):
        """Annotate the latest status update (by date, then entry order) in the same query; `note=False` leaves its
        note out (what `current_status()` and the deadline state read: one correlated subquery less)."""
        latest = _latest_update()
        fields = {"value": "status", "date": "date", "recorded": "created_at"} | ({"note": "note"} if note else {})
        return self.annotate(**{f"current_status_{name}": Subquery(latest.values(f)[:1]) for name, f in fields.items()})

    @staticmethod
    def published_partners() -> models.Prefetch:
        return models.Prefetch("partners", queryset=Organisation.objects.published().order_by("protocol_order", "name"))

    @staticmethod
    def published_assignees() -> models.Prefetch:
        return models.Prefetch(
            "assignees", queryset=Organisation.objects.published().order_by("protocol_order", "name")
        )

    def for_list(self):
        """Published partners only; show `lead` through `if_public`. The lists show the latest status and its date, not
        its note (one correlated subquery less to build and run; the exports read the note, `for_tracker`)."""
        return (
            self.with_current_status(note=False)
            .select_related("document", "lead", "section")
            .prefetch_related(self.published_partners(), self.published_assignees())
            .order_by("document__order", "document__key", "number")
        )

    def with_deadline_state(self, today: datetime.date):
        """`deadline_state_value`: the deadline state on `today` computed by the database (`deadline_state_sql`), over
        the latest status of `with_current_status()` (annotated here when missing). Filter and count on it in SQL."""
        tasks = self if "current_status_value" in self.query.annotations else self.with_current_status(note=False)
        return tasks.annotate(deadline_state_value=deadline_state_sql(today))

    def in_deadline_states(self, states, today: datetime.date):
        """Tasks in any of `states` on `today` (empty: every state, not filtered), a WHERE on `deadline_state_sql`."""
        if not states:
            return self
        tasks = self
        if "deadline_state_value" not in self.query.annotations:  # only in the WHERE (alias), not selected
            tasks = self if "current_status_value" in self.query.annotations else self.with_current_status(note=False)
            tasks = tasks.alias(deadline_state_value=deadline_state_sql(today))
        return tasks.filter(deadline_state_value__in=sorted(states))

    def deadline_state_counts(self, today: datetime.date) -> dict["DeadlineState", int]:
        """How many tasks are in each state on `today`, in one grouped query (a state without tasks is absent)."""
        grouped = self.with_deadline_state(today).order_by().values("deadline_state_value").annotate(n=Count("pk"))
        return {DeadlineState(row["deadline_state_value"]): row["n"] for row in grouped}

    def for_tracker(self):
        """Rows of the tracker and the task exports: latest status, document, edition, lead, published partners."""
        return (
            self.with_current_status()
            .select_related("document", "document__edition", "document__edition__series", "lead", "section")
            .prefetch_related(self.published_partners(), self.published_assignees())
        )

    def for_tracker_page(self):
        """The tracker's table: only the columns it shows (no texts, no edition), the latest status, the lead, and
        the published partners and joint assignees; the exports read more (`for_export`)."""
        names = ORGANISATION_NAME_FIELDS
        lean = Organisation.objects.published().only(*names).order_by("protocol_order", "name")
        return (
            self.with_current_status(note=False)
            .select_related("document", "lead")
            .only(
                *TRACKER_ROW_FIELDS,
                *(f"document__{name}" for name in ("key", "number", "title", "title_en")),
                *(f"lead__{name}" for name in names),
            )
            .prefetch_related(models.Prefetch("partners", queryset=lean), models.Prefetch("assignees", queryset=lean))
        )

    def for_export(self):
        return self.for_tracker().prefetch_related(models.Prefetch("topics", queryset=Topic.objects.published()))

    def led_by(self, organisation):
        return self.filter(lead=organisation)

    def assigned_jointly_to(self, organisation):
        return self.filter(assignees=organisation)

    def involving(self, *organisations):
        """Lead, joint assignee or partner: any of `organisations`, without DISTINCT (so ordering on joined columns
        stays portable)."""
        partner = Task.partners.through.objects.filter(task=OuterRef("pk"), organisation__in=organisations)
        assignee = Task.assignees.through.objects.filter(task=OuterRef("pk"), organisation__in=organisations)
        return self.filter(models.Q(lead__in=organisations) | models.Exists(partner) | models.Exists(assignee))

    def with_topic(self, *topics):
        """Tagged with any of `topics`."""
        return self.filter(models.Exists(Task.topics.through.objects.filter(task=OuterRef("pk"), topic__in=topics)))

    def matching(self, *, leads=(), organisations=(), topics=(), documents=(), editions=()):
        """Tasks that pass every given filter, each filter passed by any of its values (empty: not filtered)."""
        qs = self
        if leads:
            qs = qs.filter(lead__in=leads)
        if organisations:
            qs = qs.involving(*organisations)
        if topics:
            qs = qs.with_topic(*topics)
        if documents:
            qs = qs.filter(document__in=documents)
        if editions:
            qs = qs.filter(document__edition__in=editions)
        return qs

    def by_document(self):
        return self.order_by("document__order", "document__key", "number")

    def by_deadline(self):
        """Earliest deadline first, then urgent tasks without a date, then the rest; by document within a day."""
        urgent_first = models.Case(
            models.When(deadline_kind=DeadlineKind.URGENT, then=models.Value(0)), default=models.Value(1)
        )
        return self.order_by(
            models.F("deadline_date").asc(nulls_last=True), urgent_first, "document__order", "document__key", "number"
        )


@reversion.register(follow=("status_updates",))
class Task(Publishable):
    PUBLIC_PARENTS = ("document",)
    GENERATION_OWNERS = ("self",)  # a task's page keys its body on it (and its status updates bump it)

    document = models.ForeignKey(Document, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="tasks")
    number = models.PositiveIntegerField(_("số thứ tự"), help_text=_("Đánh số của Kho tri thức, cố định."))
    label = models.CharField(
        _("đánh số trong văn bản"), max_length=40, blank=True, help_text=_("Nếu văn bản tự đánh số.")
    )
    section = models.ForeignKey(
        Section, verbose_name=_("thuộc mục"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    title = models.CharField(_("tên ngắn"), max_length=300)
    title_en = models.CharField(_("tên ngắn (tiếng Anh)"), max_length=300, blank=True)
    summary = models.TextField(_("nội dung nhiệm vụ"))
    summary_en = models.TextField(_("nội dung nhiệm vụ (tiếng Anh)"), blank=True)
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="partner_tasks"
    )
    partners_text = models.CharField(
        _("phối hợp (không phải một cơ quan cụ thể)"), max_length=300, blank=True, help_text=_("Ví dụ: các bộ, ngành")
    )
    partners_text_en = models.CharField(_("phối hợp (tiếng Anh)"), max_length=300, blank=True)
    assignees = models.ManyToManyField(
        Organisation,
        verbose_name=_("giao chung cho"),
        blank=True,
        related_name="assigned_tasks",
        help_text=_("Khi văn bản giao chung cho nhiều cơ quan mà không nêu cơ quan chủ trì (để trống chủ trì)."),
    )
    assignees_text = models.CharField(
        _("giao chung (không phải một cơ quan cụ thể)"), max_length=300, blank=True, help_text=_("Ví dụ: các bộ, ngành")
    )
    assignees_text_en = models.CharField(_("giao chung (tiếng Anh)"), max_length=300, blank=True)
    inference_note = models.TextField(
        _("điều suy ra"), blank=True, help_text=_("Công khai: điều gì được suy ra, từ đâu.")
    )
    inference_note_en = models.TextField(_("điều suy ra (tiếng Anh)"), blank=True)
    deadline_text = models.CharField(_("thời hạn (như văn bản viết)"), max_length=200, blank=True)
    deadline_text_en = models.CharField(_("thời hạn (tiếng Anh)"), max_length=200, blank=True)
    deadline_kind = models.CharField(
        _("loại thời hạn"), max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.NONE
    )
    deadline_date = models.DateField(_("hạn chót"), null=True, blank=True, help_text=_("Ngày cuối của kỳ hạn."))
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), blank=True, related_name="tasks")
    sources = models.ManyToManyField(Source, verbose_name=_("nguồn"), blank=True, related_name="tasks")

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_task_number")]

    VERSIONED = True  # each publish stores an immutable snapshot
    VERSIONED_PARENT = "document"  # the document's page lists the task: a new task version makes one of it too

    def __str__(self) -> str:
        return f"{self.document} — nhiệm vụ {self.number}"

    def parent_change_note(self, note: str) -> str:
        return _("Nhiệm vụ %(number)s: %(note)s") % {"number": self.number, "note": note}

    def snapshot_data(self) -> dict:
        data = super().snapshot_data()
        data["document_key"] = self.document.key
        data["document_number"] = self.document.number
        lead = if_public(self.lead)
        data["lead_name"] = lead.name if lead else ""
        data["lead_withheld"] = self.lead_id is not None and lead is None  # named, but not public at the time
        data["partner_names"] = [p.name for p in self.partners.published().order_by("protocol_order", "name")]
        data["assignee_names"] = [o.name for o in self.assignees.published().order_by("protocol_order", "name")]
        data["section_title"] = self.section.title if self.section else ""
        data["topic_names"] = [t.name for t in self.topics.published()]
        from resolutions.snapshots import task_extras

        return data | task_extras(self)  # the status history up to then and its document's facts

    def get_absolute_url(self) -> str:
        return reverse("resolutions:task", args=[self.document.key, self.number])

    def get_versions_url(self) -> str:
        return reverse("resolutions:task_versions", args=[self.document.key, self.number])

    @property
    def anchor(self) -> str:
        return f"nhiem-vu-{self.number}"

    @staticmethod
    def joint_and_led(*, lead, partners, partners_text, assignees, assignees_text) -> bool:
        """The rule: a task is led (lead, partners) or given jointly (assignees) — a joint one names no lead."""
        return bool(assignees or assignees_text) and bool(lead or partners or partners_text)

    @property
    def is_joint(self) -> bool:
        """Given jointly with no lead ("giao Bộ KH&CN và các bộ, ngành"); uses the prefetched assignees."""
        return self.lead_id is None and (bool(self.assignees_text) or bool(self.assignees.all()))

    def current_status(self) -> CurrentStatus:
        """The latest update, from the annotation of `with_current_status()` when present."""
        if hasattr(self, "current_status_value"):
            value, date = self.current_status_value, self.current_status_date
            recorded = getattr(self, "current_status_recorded", None)
        else:
            latest = self.status_updates.order_by(models.F("date").desc(nulls_last=True), "-id").first()
            value, date, recorded = (latest.status, latest.date, latest.created_at) if latest else (None, None, None)
        if value is None:
            return CurrentStatus(TaskStatus.NO_UPDATE, None)
        judged = date
        if judged is None and value in COMPLETING_STATUSES and recorded is not None:
            # Completion reported with no date: judge lateness by when it was recorded.
            judged = timezone.localdate(recorded) if timezone.is_aware(recorded) else recorded.date()
        return CurrentStatus(value, date, judged)

    def deadline_state(self, today: datetime.date | None = None) -> DeadlineState:
        today = today or timezone.localdate()
        current = self.current_status()
        due = self.deadline_date
        if current.status in COMPLETING_STATUSES:
            if due and current.judged_date and current.judged_date > due:
                return DeadlineState.DONE_LATE
            return DeadlineState.DONE_ON_TIME
        if due is None:
            return DeadlineState.URGENT if self.deadline_kind == DeadlineKind.URGENT else DeadlineState.NO_DEADLINE
        if today > due:
            if current.status == TaskStatus.NO_UPDATE:
                return DeadlineState.OVERDUE_NO_UPDATE
            return DeadlineState.OVERDUE_IN_PROGRESS
        if (due - today).days <= DUE_SOON_DAYS:
            return DeadlineState.DUE_SOON
        return DeadlineState.UPCOMING


# One rule in two forms: `Task.deadline_state()` above decides one fetched task (task pages, versions, exports of one
# task); `deadline_state_sql()` is the same rule as a database expression, for filtering and counting many tasks
# without fetching them. Change both together: tests/resolutions/test_deadline_state_sql.py checks, on generated
# tasks (SQLite and PostgreSQL), that they agree.
def deadline_state_sql(today: datetime.date) -> Case:
    """`Task.deadline_state(today)` over the annotations of `TaskQuerySet.with_current_status()`."""
    # Each mention of the latest status is a correlated subquery: completions are told apart inside one `When`, and
    # "no update" (none at all, or one saying so) is one comparison, so a row evaluates it at most twice.
    status = F("current_status_value")
    # A completion without a date is judged by the local date it was recorded (`CurrentStatus.judged_date`):
    # TruncDate converts to the current time zone, as `timezone.localdate()` does.
    judged = Coalesce("current_status_date", TruncDate("current_status_recorded"))
    done = Case(
        When(deadline_date__lt=judged, then=_state(DeadlineState.DONE_LATE)), default=_state(DeadlineState.DONE_ON_TIME)
    )
    no_update = Exact(Coalesce(status, Value(TaskStatus.NO_UPDATE.value)), TaskStatus.NO_UPDATE.value)
    undated = Q(deadline_date__isnull=True)
    past = Q(deadline_date__lt=Value(today, models.DateField()))
    soon = Q(deadline_date__lte=Value(today + datetime.timedelta(days=DUE_SOON_DAYS), models.DateField()))
    return Case(
        When(In(status, sorted(COMPLETING_STATUSES)), then=done),
        When(undated & Q(deadline_kind=DeadlineKind.URGENT), then=_state(DeadlineState.URGENT)),
        When(undated, then=_state(DeadlineState.NO_DEADLINE)),
        When(past & no_update, then=_state(DeadlineState.OVERDUE_NO_UPDATE)),
        When(past, then=_state(DeadlineState.OVERDUE_IN_PROGRESS)),
        When(soon, then=_state(DeadlineState.DUE_SOON)),
        default=_state(DeadlineState.UPCOMING),
        output_field=models.CharField(),
    )


def _state(state: DeadlineState) -> Value:
    return Value(state.value, output_field=models.CharField())


@reversion.register()
class StatusUpdate(LockVersioned):
    PUBLIC_PARENTS = ("task",)  # public with its task; show `source` through `if_public`
    GENERATION_OWNERS = ("task",)

    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="status_updates")
    date = models.DateField(_("ngày"), null=True, blank=True, help_text=_("Để trống nếu không rõ ngày."))
    status = models.CharField(_("tình trạng"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NO_UPDATE)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú (tiếng Anh)"), blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("nguồn"), null=True, blank=True, on_delete=models.PROTECT, related_name="status_updates"
    )
    source_url = models.URLField(_("đường dẫn nguồn"), blank=True)
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["task", models.F("date").asc(nulls_first=True), "id"]
        verbose_name = _("cập nhật tình trạng")
        verbose_name_plural = _("cập nhật tình trạng")

    def __str__(self) -> str:
        return f"{self.task}: {self.get_status_display()}"
