"""A small world of published content whose every list grows with `scale` (query-count and browser tests)."""

from editions.models import Part
from resolutions.models import DeadlineKind, SectionKind, TaskStatus
from search import index as search_index
from tests.factories import (
    main_series,
    make_appearance,
    make_document,
    make_edition,
    make_figure,
    make_organisation,
    make_person,
    make_programme,
    make_section,
    make_series,
    make_source,
    make_status_update,
    make_strand,
    make_task,
    make_topic,
    month_end,
)


def build_world(scale: int) -> dict:
    """Content whose every list grows with `scale`; returns the URLs of the pages to measure."""
    with search_index.batch():  # one index pass at the end instead of one per saved row
        return _build_world(scale)


def _build_world(scale: int) -> dict:
    source = make_source()
    topic = make_topic()
    lead = make_organisation()
    series = main_series()
    related = make_series(slug="su-kien-thu")
    edition = make_edition(series=series, year=2025, number=3)
    edition.sources.add(source)
    edition.topics.add(topic)
    document = make_document(key="4-tb-vpcp", edition=edition, issuer=lead)
    document.sources.add(source)
    document.topics.add(topic)
    tasks_section = make_section(document, kind=SectionKind.TASKS, title="Nhiệm vụ")
    person = make_person(slug="nguoi-thu")
    for i in range(scale):
        other = make_edition(series=series, year=2000 + i, number=10 + i)
        other.topics.add(topic)
        make_edition(series=related, year=2000 + i, number=1 + i)
        make_strand(edition)
        make_section(document, body="- ý một\n- ý hai")
        partner = make_organisation(parent=lead)
        speaker = make_person()
        make_appearance(edition, speaker, organisation=lead, part=Part.SPEAKER, order=10 + i)
        make_appearance(other, person, title=f"Chức vụ {i}", organisation=lead)
        make_programme(edition, other_names="Tên khác")
        figure = make_figure(source=source, edition=edition)
        figure.topics.add(topic)
        task = make_task(
            document,
            section=tasks_section,
            lead=lead,
            deadline_kind=DeadlineKind.MONTH,
            deadline_date=month_end(2026, 1),
        )
        task.partners.add(partner, lead)
        task.topics.add(topic)
        task.sources.add(source)
        make_status_update(task, status=TaskStatus.NO_UPDATE)
        make_status_update(task, status=TaskStatus.IN_PROGRESS, source=source)
        extra_doc = make_document(edition=edition)
        extra_doc.sources.add(source)
        make_source().editions.add(edition)
    first_task = document.tasks.order_by("number").first()
    return {
        "home": "/",
        "edition_list": "/dien-dan/",
        "edition": edition.get_absolute_url(),
        "series_list": "/su-kien/",
        "series": related.get_absolute_url(),
        "series_edition": f"/su-kien/{related.slug}/2000/",
        "topic_list": "/chu-de/",
        "topic": topic.get_absolute_url(),
        "person_list": "/nhan-vat/",
        "person": person.get_absolute_url(),
        "organisation_list": "/co-quan/",
        "organisation": lead.get_absolute_url(),
        "figures": "/so-lieu/",
        "sources": "/nguon/",
        "document_list": "/van-ban/",
        "document": document.get_absolute_url(),
        "task": first_task.get_absolute_url(),
    }
