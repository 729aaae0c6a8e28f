"""Worlds built by factories: the 4/TB-VPCP notice as the tracker and open-data tests know it, and a small world of
published content whose every list grows with `scale` (query-count tests). A module builds its world once with
`rolled_back` and each test runs in its own savepoint."""

from contextlib import contextmanager
from datetime import date

from django.db import transaction

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


@contextmanager
def rolled_back(django_db_blocker):
    """For a module-scoped fixture: what is built inside stays for the module's tests and is rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def notice_4_tb_vpcp() -> dict:
    """Thông báo 4/TB-VPCP of the 3rd forum with its tasks 1, 3 and 7 (leads, partners, deadlines as the facts give
    them) and the ministries involved; no status update yet. Returns them by name."""
    bca = make_organisation(name="Bộ Công an", short_name="", slug="bo-cong-an", protocol_order=10)
    khcn = make_organisation(name="Bộ Khoa học và Công nghệ", short_name="Bộ KH&CN", slug="bo-khcn", protocol_order=5)
    gddt = make_organisation(name="Bộ Giáo dục và Đào tạo", short_name="Bộ GD&ĐT", slug="bo-gddt", protocol_order=7)
    vpcp = make_organisation(name="Văn phòng Chính phủ", short_name="VPCP", slug="vpcp")
    data_topic = make_topic(name="Dữ liệu số", slug="du-lieu-so")
    forum3 = make_edition(year=2025, number=3, theme="Phát triển kinh tế số, xã hội số toàn diện, bao trùm")
    notice = make_document(key="4-tb-vpcp", number="4/TB-VPCP", doc_type="Thông báo", edition=forum3, issuer=vpcp)
    t1 = make_task(
        notice,
        number=1,
        title="Ban hành văn bản hướng dẫn các luật",
        lead=khcn,
        deadline_kind=DeadlineKind.URGENT,
        deadline_text="khẩn trương",
    )
    t3 = make_task(
        notice,
        number=3,
        title="Xây dựng Khung Kinh tế dữ liệu quốc gia",
        lead=bca,
        partners_text="các đơn vị liên quan",
        deadline_kind=DeadlineKind.MONTH,
        deadline_date=month_end(2026, 1),
        deadline_text="hoàn thành trong tháng 01/2026",
    )
    t3.topics.add(data_topic)
    t7 = make_task(
        notice,
        number=7,
        title="Báo cáo tổng thể về các ngành nghề chịu tác động của AI",
        lead=gddt,
        deadline_kind=DeadlineKind.QUARTER,
        deadline_date=date(2026, 3, 31),
        deadline_text="trong quý 1/2026",
    )
    t7.partners.add(khcn)
    return {
        "bca": bca,
        "khcn": khcn,
        "gddt": gddt,
        "vpcp": vpcp,
        "data_topic": data_topic,
        "forum3": forum3,
        "notice": notice,
        "t1": t1,
        "t3": t3,
        "t7": t7,
    }


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
