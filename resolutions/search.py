"""How documents, sections and tasks read to search (docs/search.md); declared searchable in
resolutions/content_types.py. What a spec `follows` is reindexed when those things change."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.publishing import if_public
from editions.models import Edition, Organisation, Series, Topic
from editions.search import organisation_facets, organisation_words, published_topics, topic_facets
from resolutions.models import Document, Section, Task
from search.registry import SearchDocument, SearchSpec


def document_year(document: Document) -> int | None:
    if document.issue_date:
        return document.issue_date.year
    edition = if_public(document.edition)
    return edition.year if edition else None


def document_line(document: Document) -> str:
    """ "Thông báo 4/TB-VPCP · Văn phòng Chính phủ · 20/12/2025" — what a result says about its document."""
    date = document.issue_date.strftime("%d/%m/%Y") if document.issue_date else document.issue_date_text
    issuer = organisation_words(document.issuer)[:1]
    heading = document.display_title if document.number else document.doc_type
    return " · ".join(part for part in [heading, *issuer, date] if part)


def build_document(document: Document) -> SearchDocument:
    title = f"{document.display_title} — {document.title}" if document.number else document.title
    return SearchDocument(
        title=title,
        url=document.get_absolute_url(),
        subtitle=document_line(document),
        body=[
            document.subject,
            document.summary,
            document.signer,
            document.issue_date_text,
            *organisation_words(document.issuer),
        ],
        keywords=[document.doc_type],
        names=[document.number, document.key],
        year=document_year(document),
        topics=topic_facets(document),
        organisations=organisation_facets(document.issuer),
    )


def build_section(section: Section) -> SearchDocument:
    document = section.document
    return SearchDocument(
        title=section.title,
        url=section.get_absolute_url(),
        subtitle=str(
            _("%(document)s · mục %(number)s") % {"document": document.display_title, "number": section.number}
        ),
        body=[section.body],
        keywords=[document.number],
        year=document_year(document),
        topics=topic_facets(document),
        organisations=organisation_facets(document.issuer),
    )


def build_task(task: Task) -> SearchDocument:
    document = task.document
    partners = [p.name for p in task.partners.all()] + ([task.partners_text] if task.partners_text else [])
    lead = organisation_words(task.lead)[:1]
    joint = [o.name for o in task.assignees.all()] + ([task.assignees_text] if task.assignees_text else [])
    number = _("nhiệm vụ %(number)s") % {"number": task.number}
    return SearchDocument(
        title=task.title,
        url=task.get_absolute_url(),
        subtitle=f"{document.display_title} · {number}" + (f" ({task.label})" if task.label else ""),
        body=[
            task.summary,
            str(_("Chủ trì: %(lead)s") % {"lead": lead[0]}) if lead else "",
            str(_("Giao chung: %(bodies)s") % {"bodies": ", ".join(joint)}) if joint else "",
            str(_("Phối hợp: %(partners)s") % {"partners": ", ".join(partners)}) if partners else "",
            str(_("Thời hạn: %(deadline)s") % {"deadline": task.deadline_text}) if task.deadline_text else "",
        ],
        keywords=[document.number, task.label],
        year=document_year(document),
        topics=topic_facets(task),
        organisations=organisation_facets(task.lead, *task.partners.all(), *task.assignees.all()),
    )


# --- what each content type puts into search ------------------------------------------------------------

DOCUMENT = SearchSpec(
    "document",
    _("Văn bản"),
    lambda: (
        Document.objects.published().select_related("issuer", "edition__series").prefetch_related(published_topics())
    ),
    build_document,
    order=30,
    follows={
        Series: lambda s: Document.objects.filter(edition__series_id=s.pk),  # the year is the public edition's
        Edition: lambda e: Document.objects.filter(edition_id=e.pk),
        Organisation: lambda o: Document.objects.filter(issuer_id=o.pk),
        Topic: lambda t: Document.objects.filter(topics=t.pk),
    },
)
SECTION = SearchSpec(
    "section",
    _("Mục văn bản"),
    lambda: (
        Section.objects.published()
        .select_related("document", "document__issuer", "document__edition__series")
        .prefetch_related(Prefetch("document__topics", queryset=Topic.objects.published().order_by("order", "name")))
    ),
    build_section,
    order=40,
    follows={
        Document: lambda d: Section.objects.filter(document_id=d.pk),
        Series: lambda s: Section.objects.filter(document__edition__series_id=s.pk),
        Edition: lambda e: Section.objects.filter(document__edition_id=e.pk),
        Organisation: lambda o: Section.objects.filter(document__issuer_id=o.pk),
        Topic: lambda t: Section.objects.filter(document__topics=t.pk),
    },
)
TASK = SearchSpec(
    "task",
    _("Nhiệm vụ"),
    lambda: (
        Task.objects.published()
        .select_related("document__edition__series", "document__issuer", "lead")
        .prefetch_related(
            published_topics(),
            Prefetch("partners", queryset=Organisation.objects.published()),
            Prefetch("assignees", queryset=Organisation.objects.published()),
        )
    ),
    build_task,
    order=50,
    follows={
        Document: lambda d: Task.objects.filter(document_id=d.pk),
        Series: lambda s: Task.objects.filter(document__edition__series_id=s.pk),
        Edition: lambda e: Task.objects.filter(document__edition_id=e.pk),
        Organisation: lambda o: Task.objects.filter(Q(lead_id=o.pk) | Q(partners=o.pk) | Q(assignees=o.pk)).distinct(),
        Topic: lambda t: Task.objects.filter(topics=t.pk),
    },
)
