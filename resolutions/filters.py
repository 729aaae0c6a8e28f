"""The tracker's filters: what may be chosen (`TrackerOptions`) and what was asked (`TrackerQuery`).

Parsing never fails: an unknown or malformed value is dropped and a Vietnamese notice says so.
Values are looked up among the options, never sent to the database as typed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.caching import DAY, generation, shared_cache
from editions.models import Edition, Organisation, Topic
from resolutions.models import DeadlineState, Document, Task
from resolutions.models.tasks import ORGANISATION_NAME_FIELDS

LEAD, ORGANISATION, STATE, TOPIC, DOCUMENT, EDITION, SORT = (
    "chu_tri",
    "co_quan",
    "thoi_han",
    "chu_de",
    "van_ban",
    "ky",
    "sap_xep",
)
DOCUMENT_LABEL_FIELDS = ("key", "status", "order", "number", "doc_type", "doc_type_en", "title", "title_en")
EDITION_LABEL_FIELDS = (  # `Edition.title`, its year and `edition_value()`
    *("status", "year", "number", "name", "series"),
    *(f"series__{name}" for name in ("status", "order", "kind", "slug", "name", "name_en")),
)

FILTER_LABELS = {
    LEAD: gettext_lazy("Cơ quan chủ trì"),
    ORGANISATION: gettext_lazy("Cơ quan (chủ trì, giao chung hoặc phối hợp)"),
    STATE: gettext_lazy("Tình trạng thời hạn"),
    TOPIC: gettext_lazy("Chủ đề"),
    DOCUMENT: gettext_lazy("Văn bản"),
    EDITION: gettext_lazy("Kỳ diễn đàn"),
    SORT: gettext_lazy("Sắp xếp"),
}
# The page of results (`?trang=2`): not a filter, so never in `params`, chips, export links or file names.
PAGE = "trang"
MAX_PAGE_DIGITS = 9
SORT_NUMBER, SORT_DEADLINE = "so", "han"
SORTS = {SORT_NUMBER: gettext_lazy("Theo văn bản và số thứ tự"), SORT_DEADLINE: gettext_lazy("Theo hạn chót")}
logger = logging.getLogger(__name__)
MAX_SHOWN = 60  # characters of a rejected value repeated in the notice
MAX_VALUES = 50  # values read per filter: bounds the work and the notices a crafted URL can cause


def edition_value(edition: Edition) -> str:
    """The edition's stable filter value: its year for the forum itself, "<series>-<year>" for related events."""
    return str(edition.year) if edition.series.is_main else f"{edition.series.slug}-{edition.year}"


def _with_public_task(relation, column: str):
    """The things (`column`: organisation, topic) linked by one of a task's many-to-many relations (partners,
    assignees, topics) to a public task. Not correlated: the database builds the list once, instead of looking
    through every public task for each thing (2 s for the options at 10,000 tasks on SQLite)."""
    return relation.through.objects.filter(task__in=Task.objects.published().values("pk")).values(column)


def organisations_with_tasks():
    """Published organisations that lead, are given jointly or partner at least one public task; `is_lead` tells
    which lead."""
    leads = Q(
        pk__in=Task.objects.published().filter(lead__isnull=False).values("lead")
    )  # a NULL would make `IN` unknown
    return (
        Organisation.objects.published()
        .annotate(is_lead=ExpressionWrapper(leads, output_field=BooleanField()))
        .filter(
            leads
            | Q(pk__in=_with_public_task(Task.partners, "organisation"))
            | Q(pk__in=_with_public_task(Task.assignees, "organisation"))
        )
    )


@dataclass
class TrackerOptions:
    """Everything a filter may take: published things that have at least one public task (4 queries)."""

    organisations: list[Organisation]
    topics: list[Topic]
    documents: list[Document]
    editions: list[Edition]

    @classmethod
    def load(cls) -> TrackerOptions:
        documents = Document.objects.published().with_public_tasks()
        editions = (
            Edition.objects.published()
            .filter(Exists(documents.filter(edition=OuterRef("pk"))))  # by each edition's documents, not every task
            .select_related("series")
            .order_by("series__order", "year")
        )
        # Only the columns the form, the chips and the counts name them by (and filter by their keys).
        return cls(
            organisations=list(organisations_with_tasks().only(*ORGANISATION_NAME_FIELDS)),
            topics=list(Topic.objects.published().filter(pk__in=_with_public_task(Task.topics, "topic"))),
            documents=list(documents.order_by("order", "key").only(*DOCUMENT_LABEL_FIELDS)),
            editions=list(editions.only(*EDITION_LABEL_FIELDS)),
        )

    @classmethod
    def current(cls) -> TrackerOptions:
        """`load()` once per content generation (`core.caching`): the options change only with the content, and every
        tracker address and task export shares them. A shared cache that does not answer is passed by; with
        `FRAGMENT_CACHE` off (`make dev`), as for the fragments, they are loaded every time."""
        if not getattr(settings, "FRAGMENT_CACHE", True):
            return cls.load()
        key = f"tracker-options:{generation()}"
        try:
            options = shared_cache().get(key)
        except Exception:  # the cache is down: load, as if there were no cache
            logger.warning("tracker options: cache unavailable", exc_info=True)
            return cls.load()
        if options is None:
            options = cls.load()
            try:
                shared_cache().set(key, options, timeout=DAY)
            except Exception:
                logger.warning("tracker options: cache unavailable", exc_info=True)
        return options

    @property
    def leads(self) -> list[Organisation]:
        return [org for org in self.organisations if org.is_lead]

    @property
    def edition_choices(self) -> list[tuple[str, Edition]]:
        return [(edition_value(e), e) for e in self.editions]

    @property
    def state_choices(self) -> list[DeadlineState]:
        return list(DeadlineState)

    @property
    def sort_choices(self) -> list[tuple[str, str]]:
        return list(SORTS.items())


# One choice for both overdue states: what a reader means by "quá hạn".
OVERDUE = "qua_han"
OVERDUE_STATES = (DeadlineState.OVERDUE_NO_UPDATE, DeadlineState.OVERDUE_IN_PROGRESS)
OVERDUE_LABEL = gettext_lazy("Quá hạn")
# Words for file names ("nhiem-vu-qua-han.csv"): what was filtered, in Vietnamese without diacritics.
STATE_SLUGS = {
    OVERDUE: "qua-han",
    DeadlineState.NO_DEADLINE: "khong-neu-thoi-han",
    DeadlineState.URGENT: "khan-truong",
    DeadlineState.UPCOMING: "con-han",
    DeadlineState.DUE_SOON: "den-han-trong-30-ngay",
    DeadlineState.OVERDUE_NO_UPDATE: "qua-han-chua-co-cap-nhat",
    DeadlineState.OVERDUE_IN_PROGRESS: "qua-han-dang-thuc-hien",
    DeadlineState.DONE_ON_TIME: "hoan-thanh-dung-han",
    DeadlineState.DONE_LATE: "hoan-thanh-sau-han",
}
MAX_FILENAME = 120


@dataclass(frozen=True)
class Choice:
    """One accepted filter value: its parameter, its value in the URL and what the page calls it."""

    param: str
    value: str
    label: str

    @property
    def filter_label(self) -> str:
        return str(FILTER_LABELS[self.param])


@dataclass(frozen=True)
class Chip:
    """An active filter shown above the results, with the link that removes it."""

    choice: Choice
    remove_querystring: str


@dataclass
class TrackerQuery:
    """What was asked. Several values of one filter widen it (any of them); different filters narrow (all)."""

    leads: list[Organisation] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    state_values: list[str] = field(default_factory=list)  # DeadlineState values or OVERDUE
    topics: list[Topic] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    editions: list[Edition] = field(default_factory=list)
    sort: str = SORT_NUMBER
    page: int = 1  # past the last page, the tracker shows the last one (resolutions/tracker.py)
    choices: list[Choice] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def states(self) -> set[DeadlineState]:
        """The deadline states asked for ("quá hạn" is both overdue states); empty: any state."""
        states: set[DeadlineState] = set()
        for value in self.state_values:
            states |= set(OVERDUE_STATES) if value == OVERDUE else {DeadlineState(value)}
        return states

    @property
    def params(self) -> dict[str, list[str]]:
        """The accepted filters as query parameters (what the form shows chosen, what export links carry)."""
        params: dict[str, list[str]] = {}
        for choice in self.choices:
            params.setdefault(choice.param, []).append(choice.value)
        if self.sort != SORT_NUMBER:
            params[SORT] = [self.sort]
        return params

    @property
    def querystring(self) -> str:
        """ "?chu_tri=bo-cong-an&thoi_han=qua_han…" or "" (for links that follow the current filters)."""
        return _querystring(self.params)

    @property
    def chips(self) -> list[Chip]:
        chips = []
        for choice in self.choices:
            params = {
                name: [v for v in values if not (name == choice.param and v == choice.value)]
                for name, values in self.params.items()
            }
            chips.append(Chip(choice, _querystring(params)))
        return chips

    def querystring_with(self, param: str, values: list[str]) -> str:
        """The current filters with `param` set to `values` (the "Quá hạn" shortcut keeps the other filters)."""
        return _querystring({**self.params, param: values})

    def page_querystring(self, number: int) -> str:
        """The current filters on page `number`; page 1 carries no page parameter (one address per page)."""
        return self.querystring_with(PAGE, [str(number)]) if number > 1 else self.querystring

    @property
    def overdue_querystring(self) -> str:
        return self.querystring_with(STATE, [OVERDUE])

    @property
    def is_overdue_only(self) -> bool:
        return self.state_values == [OVERDUE]

    @property
    def is_filtered(self) -> bool:
        return bool(self.choices)

    def chosen(self, param: str) -> set[str]:
        return {choice.value for choice in self.choices if choice.param == param}

    @property
    def chosen_values(self) -> dict[str, set[str]]:
        """param → chosen values, for the form's checkboxes."""
        return {param: self.chosen(param) for param in FILTER_LABELS}

    @property
    def filename_stem(self) -> str:
        """ "nhiem-vu", or what was filtered: "nhiem-vu-qua-han", "nhiem-vu-bo-cong-an-qua-han"."""
        words = ["nhiem-vu"]
        for choice in self.choices:
            words.append(STATE_SLUGS.get(choice.value, choice.value) if choice.param == STATE else choice.value)
        stem = "-".join(words)
        return stem if len(stem) <= MAX_FILENAME else "nhiem-vu-da-loc"


def _querystring(params: dict[str, list[str]]) -> str:
    params = {name: values for name, values in params.items() if values}
    return "?" + urlencode(params, doseq=True) if params else ""


def _shown(value: str) -> str:
    """A rejected value as the notice repeats it: printable characters only, shortened."""
    return Truncator("".join(ch if ch.isprintable() else "�" for ch in value)).chars(MAX_SHOWN)


def _values(data, param: str) -> list[str]:
    """Every value of a parameter (a QueryDict or a dict of strings or lists), stripped, empty ones and repeats
    dropped, in the order given."""
    raw = data.getlist(param) if hasattr(data, "getlist") else data.get(param, [])
    raw = [raw] if isinstance(raw, str) else raw
    values = [v.strip() for v in raw if isinstance(v, str) and v.strip()]
    return list(dict.fromkeys(values))[:MAX_VALUES]


def state_options() -> dict[str, str]:
    """value → label of every deadline-state choice: "Quá hạn", then the two overdue states it covers, then the rest."""
    ordered = [*OVERDUE_STATES, *(state for state in DeadlineState if state not in OVERDUE_STATES)]
    return {OVERDUE: str(OVERDUE_LABEL), **{state.value: str(state.label) for state in ordered}}


def parse_tracker_query(data, options: TrackerOptions) -> TrackerQuery:
    """Read the filters from a QueryDict (or dict); unknown values are ignored with a notice."""
    query = TrackerQuery()
    lookups = {
        LEAD: ("leads", {org.slug: (org, org.display_name) for org in options.organisations}),
        ORGANISATION: ("organisations", {org.slug: (org, org.display_name) for org in options.organisations}),
        STATE: ("state_values", {value: (value, label) for value, label in state_options().items()}),
        TOPIC: ("topics", {topic.slug: (topic, topic.name) for topic in options.topics}),
        DOCUMENT: ("documents", {d.key: (d, d.display_title) for d in options.documents}),
        EDITION: ("editions", {value: (e, e.title) for value, e in options.edition_choices}),
    }
    for param, (attribute, known) in lookups.items():
        for value in _values(data, param):
            if value in known:
                thing, label = known[value]
                getattr(query, attribute).append(thing)
                query.choices.append(Choice(param, value, str(label)))
            else:
                query.notices.append(_rejected(value, param))
    _merge_overdue(query)
    for value in _values(data, SORT)[:1]:
        if value in SORTS:
            query.sort = value
        else:
            query.notices.append(_rejected(value, SORT))
    for value in _values(data, PAGE)[:1]:
        if value.isascii() and value.isdigit() and len(value) <= MAX_PAGE_DIGITS and int(value) >= 1:
            query.page = int(value)
        else:
            query.notices.append(
                _("Số trang “%(value)s” không hợp lệ nên trang đầu được hiển thị.") % {"value": _shown(value)}
            )
    return query


def _rejected(value: str, param: str) -> str:
    return _("Giá trị “%(value)s” của bộ lọc “%(filter)s” không có trong danh sách nên đã được bỏ qua.") % {
        "value": _shown(value),
        "filter": FILTER_LABELS[param],
    }


def _merge_overdue(query: TrackerQuery) -> None:
    """Both overdue states chosen one by one, or with "quá hạn" itself, are the single "Quá hạn" choice."""
    chosen = set(query.state_values)
    overdue = {state.value for state in OVERDUE_STATES}
    if not (overdue <= chosen or (OVERDUE in chosen and chosen & overdue)):
        return
    first = next(
        i for i, c in enumerate(query.choices) if c.param == STATE and (c.value in overdue or c.value == OVERDUE)
    )
    merged = Choice(STATE, OVERDUE, str(OVERDUE_LABEL))
    kept = [c for c in query.choices if not (c.param == STATE and (c.value in overdue or c.value == OVERDUE))]
    kept.insert(first, merged)
    query.choices = kept
    query.state_values = [c.value for c in kept if c.param == STATE]
