"""Drafts never reach anything public: a sweep of every public output for the names of draft things.

Draft things (an organisation, a person, a topic, a source, an edition; a task inside a draft document; an
edition of a draft series) are linked to published things in every way the models allow; the published
document and task then get new public versions through the workflow services. The sweep crawls every page in
both languages from the home pages, the sitemap, the open-data files and the feeds, follows every internal link
(version pages and citation downloads included), adds the htmx partials and search queries, and looks for the
drafts' names, slugs and keys in every answer: there must be none.
"""

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings

from core.publishing import Status
from core.workflow import content_publish, content_save
from editions.models import Part
from resolutions.models import SectionKind, Task, TaskStatus
from tests.factories import (
    main_series,
    make_appearance,
    make_bridge_point,
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
)
from tests.users import publisher

pytestmark = pytest.mark.django_db

# One word per draft thing, in its name, other names, slug or key: none may appear in any public answer.
# The draft edition's title is the series' name and its number (XXXI); its year, 2031, is nobody else's.
DRAFT_WORDS = ("xyzzy", "quux", "plugh", "frobozz", "grault", "waldo", "thud", "xxxi", "2031")
SKIPPED_PREFIXES = ("/static/", "/quan-tri/", "/en/quan-tri/", "/i18n/", "/media/", "/tep-goc/")
MAX_URLS = 900
LINK_RE = re.compile(r"""(?:href|action|hx-get)=["']([^"'#]+)""")
ABSOLUTE_RE = re.compile(r"https://kinhteso\.example\.vn(/[^\s\"'<>\\#{}]*[^\s\"'<>\\#{},.;)])")


def build_drafts_linked_to_published_things() -> dict:
    """Drafts with distinctive names, each linked to published things; returns what the sweep starts from."""
    org = make_organisation(
        name="Ủy ban Bí mật Xyzzy",
        short_name="UBXYZZY",
        name_en="Xyzzy Secret Committee",
        slug="uy-ban-xyzzy",
        description="Cơ quan xyzzy chưa công bố.",
        status=Status.DRAFT,
    )
    person = make_person(name="Trần Văn Quux", slug="tran-van-quux", status=Status.DRAFT)
    topic = make_topic(name="Chủ đề nháp Plugh", name_en="Plugh draft topic", slug="chu-de-plugh", status=Status.DRAFT)
    source = make_source(
        key="frobozz",
        title="Bài viết nháp Frobozz",
        publisher="Báo Frobozz",
        url="https://frobozz.example/bai",
        status=Status.DRAFT,
    )
    draft_edition = make_edition(year=2031, number=31, theme="Kỳ nháp Grault", status=Status.DRAFT)
    draft_series = make_series(name="Chuỗi nháp Thud", slug="chuoi-thud", status=Status.DRAFT)
    make_edition(series=draft_series, year=2030, theme="Kỳ của chuỗi nháp thud")

    # Published things, each linked to the drafts.
    partner = make_organisation(name="Bộ Công khai", slug="bo-cong-khai", parent=org)
    public_topic = make_topic(name="Chủ đề công khai", slug="chu-de-cong-khai")
    public_source = make_source(key="s9", title="Bài viết công khai")
    series = main_series()
    series.organiser = org
    series.save()
    edition = make_edition(series=series, year=2025, number=3, theme="Kỳ công khai", organiser=org)
    edition.topics.add(topic, public_topic)
    edition.sources.add(source, public_source)
    related = make_series(name="Sự kiện công khai", slug="su-kien-cong-khai", organiser=org)
    make_edition(series=related, year=2024, organiser=org).topics.add(topic)
    point = make_bridge_point(edition, name="Điểm cầu công khai", host=org)
    point.sources.add(source)
    speaker = make_person(name="Lê Thị Công Khai", slug="le-thi-cong-khai")
    speaker.sources.add(source)
    make_appearance(edition, person, title="Bộ trưởng", part=Part.SPEAKER, organisation=org)
    make_appearance(edition, speaker, title="Thứ trưởng", part=Part.BRIDGE_LEAD, organisation=org, bridge_point=point)
    make_strand(edition, title="Nhóm vấn đề công khai").topics.add(topic, public_topic)
    make_programme(edition, name="Chương trình công khai").topics.add(topic)
    figure = make_figure(source=public_source, label="Số liệu công khai", edition=draft_edition)
    figure.topics.add(topic, public_topic)
    make_figure(source=source, label="Số liệu nguồn nháp", edition=edition)

    # A document and its task, linked to the drafts, published through the workflow: versions 1 and 2.
    document = make_document(
        key="7-tb-quet",
        number="7/TB-QUET",
        title="Thông báo quét",
        subject="Kết luận về việc quét bản nháp",
        issuer=org,
        edition=draft_edition,
        status=Status.REVIEW,
    )
    document.topics.add(topic, public_topic)
    document.sources.add(source, public_source)
    section = make_section(document, kind=SectionKind.TASKS, title="Nhiệm vụ")
    task = make_task(document, section=section, title="Nhiệm vụ quét", lead=org, status=Status.REVIEW)
    task.partners.add(org, partner)
    task.topics.add(topic, public_topic)
    task.sources.add(source, public_source)
    make_status_update(task, status=TaskStatus.NO_UPDATE)
    make_status_update(task, status=TaskStatus.IN_PROGRESS, source=source, note="Đang làm")
    make_task(document, title="Nhiệm vụ nháp Waldo", lead=partner, status=Status.DRAFT)
    hidden = make_document(key="8-tb-waldo", number="8/TB-WALDO", title="Văn bản nháp Waldo", status=Status.DRAFT)
    make_task(hidden, title="Nhiệm vụ của văn bản nháp waldo", lead=partner)

    user = publisher()
    content_publish(obj=document, user=user, expected_lock_version=document.lock_version, change_note="Đăng")
    content_publish(obj=task, user=user, expected_lock_version=task.lock_version, change_note="Đăng")
    task = Task.objects.get(pk=task.pk)
    task.summary = "Nội dung nhiệm vụ quét, đã sửa."
    content_save(obj=task, user=user, expected_lock_version=task.lock_version, change_note="Sửa", major=True)
    document.refresh_from_db()
    document.summary = "Tóm tắt đã sửa."
    content_save(obj=document, user=user, expected_lock_version=document.lock_version, change_note="Sửa", major=True)
    return {"document": document, "task": task, "partner": partner, "edition": edition}


# Row ids in public addresses and feed ids ("#cap-nhat-2031", "tag:…:cap-nhat/2031"): on PostgreSQL the sequences
# outlive each test's rollback, so a status update's id reaches the draft edition's year after enough tests.
ROW_ID_RE = re.compile(r"cap-nhat[-/]\d+")


def _leaks(text: str) -> list[str]:
    unfolded = text.replace("\r\n ", "").replace("\n ", "")  # iCalendar folds long lines
    lowered = ROW_ID_RE.sub("cap-nhat-id", html.unescape(unfolded).lower())
    return [word for word in DRAFT_WORDS if word in lowered]


def test_row_ids_are_not_taken_for_the_draft_editions_year():
    assert _leaks('<a href="/van-ban/x/nhiem-vu/1/#cap-nhat-2031">') == []
    assert _leaks("<id>tag:kinhteso.example.vn,2026:cap-nhat/2031</id>") == []
    assert _leaks('<a href="/dien-dan/2031/">') == ["2031"]


def _links(base: str, text: str) -> set[str]:
    """The site's own addresses that `text` links to (relative links resolved against `base`)."""
    text = html.unescape(text)
    found = set(LINK_RE.findall(text)) | set(ABSOLUTE_RE.findall(text))
    out = set()
    for link in found:
        parts = urlsplit(urljoin(base, link))
        if parts.scheme or parts.netloc:
            continue
        if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith("/gop-y/"):
            continue
        if parts.path.endswith("/tim-kiem/") and (parts.query.count("&") > 1 or base.startswith("/en/tim-kiem/")):
            continue  # a query and one facet show every facet (in Vietnamese: English shows the same index)
        out.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def _fetch(client, url: str, headers: dict | None = None):
    response = client.get(url, headers=headers or {})
    assert response.status_code < 500, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode("utf-8", errors="replace")


def test_no_draft_name_reaches_any_public_output(client):
    things = build_drafts_linked_to_published_things()
    document, task, partner = things["document"], things["task"], things["partner"]
    # Each task version is a version of its document too (its page lists the task).
    assert task.public_version == 2 and document.public_version == 4

    seeds = [
        "/",
        "/en/",
        "/sitemap.xml",
        "/robots.txt",
        "/du-lieu/atom.xml",
        f"/du-lieu/co-quan/{partner.slug}/atom.xml",
        f"/du-lieu/co-quan/{partner.slug}/nhiem-vu.ics",
        "/nhiem-vu/?sap_xep=han",
        f"/nhiem-vu/?co_quan={partner.slug}",
        "/tim-kiem/",
        "/en/tim-kiem/?q=công khai",
        "/en/tim-kiem/?q=bí mật",
    ]
    for prefix in ("", "/en"):
        for version in (1, 2):
            seeds.append(f"{prefix}/van-ban/{document.key}/phien-ban/{version}/")
            seeds.append(f"{prefix}/van-ban/{document.key}/nhiem-vu/{task.number}/phien-ban/{version}/")
    for query in ("nhiệm vụ quét", "quét bản nháp", "bí mật", "ủy ban", "nháp", "công khai", "trần văn", "kỳ"):
        seeds.append(f"/tim-kiem/?q={query}")
    htmx = [
        "/nhiem-vu/",
        "/en/nhiem-vu/",
        f"/nhiem-vu/?co_quan={partner.slug}",
        "/tim-kiem/?q=nhiệm vụ quét",
        "/en/tim-kiem/?q=bí mật",
        "/en/tim-kiem/?q=công khai",
        "/tim-kiem/?q=công khai",
    ]

    leaks: list[tuple[str, list[str]]] = []
    pages: dict[str, str] = {}
    seen: set[str] = set()
    queue = list(seeds)
    while queue and len(seen) < MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response, text = _fetch(client, url)
        pages[url] = text
        # A 404 repeats the address asked for; the link that led there is the leak, found on its page.
        if response.status_code != 404 and (found := _leaks(text)):
            leaks.append((url, found))
        if response.status_code in (301, 302):
            queue.append(response["Location"].removeprefix(settings.SITE_URL))
        queue.extend(link for link in _links(url, text) if link not in seen)
    for url in htmx:
        response, text = _fetch(client, url, {"HX-Request": "true"})
        assert response.status_code == 200, url
        if found := _leaks(text):
            leaks.append((f"{url} (htmx)", found))

    # The sweep reached every kind of output.
    assert 120 < len(seen) < MAX_URLS, f"the crawl stopped early ({len(seen)} addresses)"
    for expected in (
        f"/van-ban/{document.key}/",
        f"/en/van-ban/{document.key}/nhiem-vu/{task.number}/",
        f"/van-ban/{document.key}/nhiem-vu/{task.number}/trich-dan.bib",
        f"/van-ban/{document.key}/trich-dan.ris",
        f"/van-ban/{document.key}/muc/1/trich-dan.json",
        "/dien-dan/2025/trich-dan.bib",
        "/du-lieu/nhiem-vu.csv",
        "/du-lieu/nhiem-vu.json",
        "/du-lieu/nhiem-vu.ics",
        "/du-lieu/cac-ky.json",
        "/du-lieu/van-ban.json",
        "/du-lieu/nhan-vat.json",
        "/du-lieu/co-quan.json",
        "/en/nguon/",
        "/so-lieu/",
        f"/co-quan/{partner.slug}/",
        "/nhan-vat/le-thi-cong-khai/",
        "/su-kien/su-kien-cong-khai/2024/",
    ):
        assert expected in seen, expected
    assert any("/so-lieu/" in url and "trich-dan" in url for url in seen)
    # Public related things are still shown where the drafts are hidden.
    task_page = pages[f"/van-ban/{document.key}/nhiem-vu/{task.number}/"]
    assert "Bộ Công khai" in task_page and "Chủ đề công khai" in task_page and "Bài viết công khai" in task_page
    assert "Bộ Công khai" in pages[f"/van-ban/{document.key}/nhiem-vu/{task.number}/phien-ban/2/"]
    assert "Lê Thị Công Khai" in pages["/dien-dan/2025/"] and "Điểm cầu công khai" in pages["/dien-dan/2025/"]
    assert leaks == [], "\n".join(f"{url}: {words}" for url, words in leaks)
