import pytest

from tests.factories import (
    make_appearance,
    make_document,
    make_edition,
    make_figure,
    make_organisation,
    make_section,
    make_series,
    make_task,
    make_topic,
)


@pytest.mark.django_db
def test_smoke_all_pages(client):
    org = make_organisation()
    topic = make_topic()
    edition = make_edition(year=2025, number=3)
    edition.topics.add(topic)
    make_appearance(edition, organisation=org)
    make_figure(edition=edition)
    document = make_document(edition=edition, issuer=org)
    make_section(document, kind="tasks")
    task = make_task(document, lead=org)
    task.partners.add(org)
    task.topics.add(topic)
    related = make_series()
    redition = make_edition(series=related, year=2023, number=5)
    urls = [
        "/",
        "/dien-dan/",
        "/dien-dan/2025/",
        "/su-kien/",
        related.get_absolute_url(),
        redition.get_absolute_url(),
        "/chu-de/",
        topic.get_absolute_url(),
        "/nhan-vat/",
        "/co-quan/",
        org.get_absolute_url(),
        "/so-lieu/",
        "/nguon/",
        "/van-ban/",
        document.get_absolute_url(),
        task.get_absolute_url(),
    ]
    for person in edition.appearances.all():
        urls.append(person.person.get_absolute_url())
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
