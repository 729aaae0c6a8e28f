"""The tracker's filters: what may be chosen (`TrackerOptions`) and what was asked (`TrackerQuery`).

Parsing never fails: an unknown or malformed value is dropped and a Vietnamese notice says so.
Values are looked up among the options, never sent to the database as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editions.models import Edition, Organisation, Topic
from resolutions.models import DeadlineState, Document, Task

LEAD, ORGANISATION, STATE, TOPIC, DOCUMENT, EDITION, SORT = (
    "chu_tri",
    "co_quan",
    "thoi_han",
    "chu_de",
    "van_ban",
    "ky",
    "sap_xep",
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
SORT_NUMBER, SORT_DEADLINE = "so", "han"
SORTS = {SORT_NUMBER: gettext_lazy("Theo văn bản và số thứ tự"), SORT_DEADLINE: gettext_lazy("Theo hạn chót")}
MAX_SHOWN = 60  # characters of a rejected value repeated in the notice


def edition_value(edition: Edition) -> str:
    """The edition's stable filter value: its year for the forum itself, "<series>-<year>" for related events."""
    return str(edition.year) if edition.series.is_main else f"{edition.series.slug}-{edition.year}"


def organisations_with_tasks():
    """Published organisations that lead, are given jointly or partner at least one public task; `is_lead` tells
    which lead."""
    public = Task.objects.published()
    return (
        Organisation.objects.published()
        .annotate(
            is_lead=Exists(public.filter(lead=OuterRef("pk"))),
            is_partner=Exists(public.filter(partners=OuterRef("pk"))),
            is_assignee=Exists(public.filter(assignees=OuterRef("pk"))),
        )
        .filter(Q(is_lead=True) | Q(is_partner=True) | Q(is_assignee=True))
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
        public = Task.objects.published()
        editions = (
            Edition.objects.published()
            .filter(Exists(public.filter(document__edition=OuterRef("pk"))))
            .select_related("series")
            .order_by("series__order", "year")
        )
        return cls(
            organisations=list(organisations_with_tasks()),
            topics=list(Topic.objects.published().filter(Exists(public.filter(topics=OuterRef("pk"))))),
            documents=list(
                Document.objects.published()
                .filter(Exists(public.filter(document=OuterRef("pk"))))
                .order_by("order", "key")
            ),
            editions=list(editions),
        )

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


@dataclass
class TrackerQuery:
    lead: Organisation | None = None
    organisation: Organisation | None = None
    state: DeadlineState | None = None
    topic: Topic | None = None
    document: Document | None = None
    edition: Edition | None = None
    sort: str = SORT_NUMBER
    notices: list[str] = field(default_factory=list)

    @property
    def params(self) -> dict[str, str]:
        """The accepted filters as query parameters (what the form shows selected, what export links carry)."""
        params = {
            LEAD: self.lead.slug if self.lead else "",
            ORGANISATION: self.organisation.slug if self.organisation else "",
            STATE: self.state.value if self.state else "",
            TOPIC: self.topic.slug if self.topic else "",
            DOCUMENT: self.document.key if self.document else "",
            EDITION: edition_value(self.edition) if self.edition else "",
            SORT: self.sort if self.sort != SORT_NUMBER else "",
        }
        return {name: value for name, value in params.items() if value}

    @property
    def querystring(self) -> str:
        """ "?chu_tri=bo-cong-an&…" or "" (for links that follow the current filters)."""
        params = self.params
        return "?" + urlencode(params) if params else ""

    @property
    def is_filtered(self) -> bool:
        return any(name != SORT for name in self.params)


def _shown(value: str) -> str:
    """A rejected value as the notice repeats it: printable characters only, shortened."""
    return Truncator("".join(ch if ch.isprintable() else "�" for ch in value)).chars(MAX_SHOWN)


def parse_tracker_query(data, options: TrackerOptions) -> TrackerQuery:
    """Read the filters from a QueryDict (or dict); unknown values are ignored with a notice."""
    query = TrackerQuery()
    lookups = {
        LEAD: ("lead", {org.slug: org for org in options.organisations}),
        ORGANISATION: ("organisation", {org.slug: org for org in options.organisations}),
        STATE: ("state", {state.value: state for state in DeadlineState}),
        TOPIC: ("topic", {topic.slug: topic for topic in options.topics}),
        DOCUMENT: ("document", {document.key: document for document in options.documents}),
        EDITION: ("edition", dict(options.edition_choices)),
        SORT: ("sort", {key: key for key in SORTS}),
    }
    for param, (attribute, known) in lookups.items():
        raw = data.get(param, "")
        value = raw.strip() if isinstance(raw, str) else ""
        if not value:
            continue
        if value in known:
            setattr(query, attribute, known[value])
        else:
            query.notices.append(
                _("Giá trị “%(value)s” của bộ lọc “%(filter)s” không có trong danh sách nên đã được bỏ qua.")
                % {"value": _shown(value), "filter": FILTER_LABELS[param]}
            )
    return query
