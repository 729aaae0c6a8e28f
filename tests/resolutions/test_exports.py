"""Open data: CSV, JSON, iCalendar and Atom outputs, the /du-lieu/ page, drafts never present, bounded queries."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

import icalendar
import pytest

from core.publishing import Status
from editions.models import Part
from resolutions.exports import TASK_FIELDS, safe_cell
from resolutions.models import DeadlineKind, TaskStatus
from tests.factories import (
    make_appearance,
    make_document,
    make_edition,
    make_organisation,
    make_person,
    make_slug_redirect,
    make_status_update,
    make_task,
    make_topic,
)
from tests.queries import at_scales, count_queries, over
from tests.world import notice_4_tb_vpcp, rolled_back

pytestmark = pytest.mark.django_db
SITE = "https://kinhteso.example.vn"
ATOM = "{http://www.w3.org/2005/Atom}"
SECRET = "BÍ-MẬT-NHÁP"  # every draft carries it; no output may contain it


@pytest.fixture(autouse=True)
def _pinned_today(settings):
    settings.TODAY = "2026-02-15"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """4/TB-VPCP (tests/world.py) with an update of task 7, the Prime Minister chairing, and drafts of every kind
    linked to it. Built once for the module; each test runs in a savepoint."""
    with rolled_back(django_db_blocker):
        notice = notice_4_tb_vpcp()
        bca, khcn, t1 = notice["bca"], notice["khcn"], notice["t1"]
        make_status_update(notice["t7"], status=TaskStatus.IN_PROGRESS, date=date(2026, 2, 1), note="Đang soạn báo cáo")
        person = make_person(name="Phạm Minh Chính", slug="pham-minh-chinh")
        make_appearance(notice["forum3"], person, title="Thủ tướng Chính phủ", part=Part.CHAIR, organisation=khcn)
        # Drafts of every kind, all marked with SECRET.
        draft_org = make_organisation(name=f"Cơ quan {SECRET}", slug="co-quan-nhap", status=Status.DRAFT)
        draft_topic = make_topic(name=f"Chủ đề {SECRET}", slug="chu-de-nhap", status=Status.DRAFT)
        draft_task = make_task(
            notice["notice"],
            number=20,
            title=f"Nhiệm vụ {SECRET}",
            lead=bca,
            status=Status.DRAFT,
            deadline_kind=DeadlineKind.DAY,
            deadline_date=date(2026, 5, 1),
        )
        make_status_update(draft_task, status=TaskStatus.DONE, note=SECRET)
        draft_doc = make_document(key="van-ban-nhap", number=SECRET, subject=SECRET, status=Status.DRAFT)
        make_task(
            draft_doc,
            title=f"Nhiệm vụ {SECRET}",
            lead=bca,
            deadline_kind=DeadlineKind.DAY,
            deadline_date=date(2026, 6, 1),
        )
        t1.partners.add(draft_org)
        t1.topics.add(draft_topic)
        make_task(notice["notice"], number=21, title="Nhiệm vụ có cơ quan chủ trì còn nháp", lead=draft_org)
        draft_edition = make_edition(year=2026, number=4, theme=SECRET, status=Status.DRAFT)
        make_appearance(draft_edition, person, title=SECRET)
        make_person(name=f"Người {SECRET}", slug="nguoi-nhap", status=Status.DRAFT)
        yield {"t1": t1, "t3": notice["t3"], "t7": notice["t7"], "bca": bca, "khcn": khcn}


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


# --- CSV -----------------------------------------------------------------------------------------------------------


def test_tasks_csv_header_bom_and_a_vietnamese_row_read_back(client, world):
    response = client.get("/du-lieu/nhiem-vu.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="nhiem-vu.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == [field.name for field in TASK_FIELDS]
    rows = {row["id"]: row for row in read_csv(response)}
    row = rows["4-tb-vpcp/3"]
    assert row["document_key"] == "4-tb-vpcp"
    assert row["number"] == "3"
    assert row["title"] == "Xây dựng Khung Kinh tế dữ liệu quốc gia"
    assert row["lead"] == "bo-cong-an"
    assert row["lead_name"] == "Bộ Công an"
    assert row["partners_text"] == "các đơn vị liên quan"
    assert row["deadline_text"] == "hoàn thành trong tháng 01/2026"
    assert row["deadline_date"] == "2026-01-31"
    assert row["deadline_state"] == "overdue_no_update"
    assert row["deadline_state_label"] == "Đã quá hạn — chưa có thông tin cập nhật"
    assert row["status"] == "no_update"
    assert row["topics"] == "du-lieu-so"
    assert row["edition"] == "dien-dan/2025"
    assert row["url"] == f"{SITE}/van-ban/4-tb-vpcp/nhiem-vu/3/"
    assert rows["4-tb-vpcp/7"]["partners"] == "bo-khcn"
    assert rows["4-tb-vpcp/7"]["status_date"] == "2026-02-01"


def test_csv_rows_end_with_crlf(client, world):
    body = client.get("/du-lieu/nhiem-vu.csv").content
    assert body.count(b"\r\n") == len(read_csv(client.get("/du-lieu/nhiem-vu.csv"))) + 1


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tthẻ", "\rdòng"])
def test_csv_escapes_spreadsheet_formulas(client, world, dangerous):
    make_task(world["t1"].document, number=40, title=dangerous, summary=dangerous, partners_text=dangerous)
    row = {r["id"]: r for r in read_csv(client.get("/du-lieu/nhiem-vu.csv"))}["4-tb-vpcp/40"]
    for column in ("title", "summary", "partners_text"):
        assert row[column] == "'" + dangerous
    assert safe_cell("Bộ Công an") == "Bộ Công an"
    assert safe_cell(None) == ""


def test_csv_follows_tracker_filters(client, world):
    ids = [r["id"] for r in read_csv(client.get("/du-lieu/nhiem-vu.csv?co_quan=bo-khcn"))]
    assert ids == ["4-tb-vpcp/1", "4-tb-vpcp/7"]
    ids = [r["id"] for r in read_csv(client.get("/du-lieu/nhiem-vu.csv?thoi_han=overdue_no_update"))]
    assert ids == ["4-tb-vpcp/3"]
    # A bad value is ignored (never a 500): every public row.
    assert len(read_csv(client.get("/du-lieu/nhiem-vu.csv?thoi_han=sai"))) == 4


# --- JSON ----------------------------------------------------------------------------------------------------------


def test_tasks_json_shape(client, world):
    response = client.get("/du-lieu/nhiem-vu.json?chu_tri=bo-cong-an")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    assert data["meta"]["dataset"] == "nhiem-vu"
    assert data["meta"]["count"] == 1
    assert data["meta"]["deadline_states_as_of"] == "2026-02-15"
    assert data["meta"]["filters"] == {"chu_tri": ["bo-cong-an"]}
    assert "CC BY 4.0" in data["meta"]["licence"]
    (item,) = data["items"]
    assert list(item) == [field.name for field in TASK_FIELDS]
    assert item["id"] == "4-tb-vpcp/3"
    assert item["number"] == 3
    assert item["partners"] == [] and item["topics"] == ["du-lieu-so"]
    assert item["deadline_date"] == "2026-01-31"
    assert item["status_date"] is None


def test_editions_documents_people_and_organisations_json_have_stable_ids(client, world):
    editions = client.get("/du-lieu/cac-ky.json").json()["items"]
    assert [e["id"] for e in editions] == ["dien-dan/2025"]
    assert editions[0]["url"] == f"{SITE}/dien-dan/2025/"
    documents = client.get("/du-lieu/van-ban.json").json()["items"]
    assert [d["id"] for d in documents] == ["4-tb-vpcp"]
    assert documents[0]["issuer"] == "vpcp"
    assert documents[0]["task_count"] == 4
    assert documents[0]["edition"] == "dien-dan/2025"
    people = client.get("/du-lieu/nhan-vat.json").json()["items"]
    assert people == [
        {
            "id": "pham-minh-chinh",
            "name": "Phạm Minh Chính",
            "roles": [
                {"edition": "dien-dan/2025", "title": "Thủ tướng Chính phủ", "part": "chair", "organisation": "bo-khcn"}
            ],
            "url": f"{SITE}/nhan-vat/pham-minh-chinh/",
        }
    ]
    organisations = {o["id"]: o for o in client.get("/du-lieu/co-quan.json").json()["items"]}
    assert {"bo-cong-an", "bo-khcn", "bo-gddt", "vpcp"} <= set(organisations)
    assert organisations["bo-khcn"]["short_name"] == "Bộ KH&CN"


# --- iCalendar -----------------------------------------------------------------------------------------------------


def test_ics_is_valid_with_one_all_day_event_per_dated_task(client, world):
    response = client.get("/du-lieu/nhiem-vu.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)  # folded
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert sorted(str(e["UID"]) for e in events) == [
        "nhiem-vu-4-tb-vpcp-3@kinhteso.example.vn",
        "nhiem-vu-4-tb-vpcp-7@kinhteso.example.vn",
    ]
    by_uid = {str(e["UID"]): e for e in events}
    event = by_uid["nhiem-vu-4-tb-vpcp-3@kinhteso.example.vn"]
    assert event.decoded("DTSTART") == date(2026, 1, 31)
    assert event.decoded("DTEND") == date(2026, 2, 1)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert "Xây dựng Khung Kinh tế dữ liệu quốc gia" in str(event["SUMMARY"])
    assert str(event["URL"]) == f"{SITE}/van-ban/4-tb-vpcp/nhiem-vu/3/"
    assert "Đã quá hạn — chưa có thông tin cập nhật" in str(event["DESCRIPTION"])


def test_ics_uid_is_stable_across_requests(client, world):
    first = icalendar.Calendar.from_ical(client.get("/du-lieu/nhiem-vu.ics").content)
    second = icalendar.Calendar.from_ical(client.get("/du-lieu/nhiem-vu.ics").content)
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert [e["DTSTAMP"].to_ical() for e in first.walk("VEVENT")] == [
        e["DTSTAMP"].to_ical() for e in second.walk("VEVENT")
    ]


def test_ics_per_organisation_and_filtered(client, world):
    calendar = icalendar.Calendar.from_ical(client.get("/du-lieu/co-quan/bo-khcn/nhiem-vu.ics").content)
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["nhiem-vu-4-tb-vpcp-7@kinhteso.example.vn"]
    filtered = icalendar.Calendar.from_ical(client.get("/du-lieu/nhiem-vu.ics?chu_tri=bo-cong-an").content)
    assert [str(e["UID"]) for e in filtered.walk("VEVENT")] == ["nhiem-vu-4-tb-vpcp-3@kinhteso.example.vn"]


def test_ics_without_any_dated_task_still_parses(client, world):
    calendar = icalendar.Calendar.from_ical(client.get("/du-lieu/co-quan/vpcp/nhiem-vu.ics").content)
    assert calendar.walk("VEVENT") == []


# --- Atom ----------------------------------------------------------------------------------------------------------


def atom_entries(response) -> dict[str, ET.Element]:
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return {entry.findtext(f"{ATOM}title"): entry for entry in root.findall(f"{ATOM}entry")}


def test_atom_feed_has_new_content_and_status_updates(client, world):
    response = client.get("/du-lieu/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE}/du-lieu/atom.xml"
    entries = atom_entries(response)
    titles = set(entries)
    assert "Văn bản: Thông báo 4/TB-VPCP" in titles
    assert "Nhiệm vụ 3 — 4/TB-VPCP: Xây dựng Khung Kinh tế dữ liệu quốc gia" in titles
    assert "Cập nhật Nhiệm vụ 7 — 4/TB-VPCP: Đang thực hiện (01/02/2026)" in titles
    assert any(title.startswith("Kỳ tổ chức: ") for title in titles)
    entry = entries["Nhiệm vụ 3 — 4/TB-VPCP: Xây dựng Khung Kinh tế dữ liệu quốc gia"]
    assert entry.find(f"{ATOM}link").get("href") == f"{SITE}/van-ban/4-tb-vpcp/nhiem-vu/3/"
    assert entry.findtext(f"{ATOM}id") == "tag:kinhteso.example.vn,2025:nhiem-vu/4-tb-vpcp/3"
    assert entry.findtext(f"{ATOM}updated")


def test_atom_links_use_site_url_not_the_request_host(client, world, settings):
    settings.ALLOWED_HOSTS = ["*"]
    body = client.get("/du-lieu/atom.xml", HTTP_HOST="gia-mao.example.com").content.decode()
    assert "gia-mao.example.com" not in body


def test_atom_feed_per_organisation(client, world):
    titles = set(atom_entries(client.get("/du-lieu/co-quan/bo-khcn/atom.xml")))
    assert titles == {
        "Nhiệm vụ 1 — 4/TB-VPCP: Ban hành văn bản hướng dẫn các luật",
        "Nhiệm vụ 7 — 4/TB-VPCP: Báo cáo tổng thể về các ngành nghề chịu tác động của AI",
        "Cập nhật Nhiệm vụ 7 — 4/TB-VPCP: Đang thực hiện (01/02/2026)",
    }
    vpcp_titles = set(atom_entries(client.get("/du-lieu/co-quan/vpcp/atom.xml")))
    assert vpcp_titles == {"Văn bản: Thông báo 4/TB-VPCP"}


def test_organisation_feeds_of_unknown_draft_or_renamed_organisation(client, world):
    assert client.get("/du-lieu/co-quan/khong-co/atom.xml").status_code == 404
    assert client.get("/du-lieu/co-quan/co-quan-nhap/atom.xml").status_code == 404
    assert client.get("/du-lieu/co-quan/co-quan-nhap/nhiem-vu.ics").status_code == 404
    make_slug_redirect(world["bca"], old_slug="bo-cong-an-cu")
    response = client.get("/du-lieu/co-quan/bo-cong-an-cu/atom.xml")
    assert response.status_code == 301 and response["Location"] == "/du-lieu/co-quan/bo-cong-an/atom.xml"
    response = client.get("/du-lieu/co-quan/bo-cong-an-cu/nhiem-vu.ics")
    assert response.status_code == 301 and response["Location"] == "/du-lieu/co-quan/bo-cong-an/nhiem-vu.ics"


# --- Drafts, the page, cookies, queries ----------------------------------------------------------------------------

OUTPUTS = [
    "/du-lieu/nhiem-vu.csv",
    "/du-lieu/nhiem-vu.json",
    "/du-lieu/nhiem-vu.ics",
    "/du-lieu/cac-ky.json",
    "/du-lieu/van-ban.json",
    "/du-lieu/nhan-vat.json",
    "/du-lieu/co-quan.json",
    "/du-lieu/atom.xml",
    "/du-lieu/co-quan/bo-cong-an/atom.xml",
    "/du-lieu/co-quan/bo-cong-an/nhiem-vu.ics",
    "/du-lieu/co-quan/bo-khcn/atom.xml",
    "/du-lieu/co-quan/bo-khcn/nhiem-vu.ics",
    "/du-lieu/",
    "/nhiem-vu/",
]


@pytest.mark.parametrize("url", OUTPUTS)
def test_drafts_never_appear_in_any_output(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert SECRET not in body
    assert "co-quan-nhap" not in body and "chu-de-nhap" not in body and "van-ban-nhap" not in body
    assert "nhiem-vu-4-tb-vpcp-20" not in body and "4-tb-vpcp/20" not in body
    assert not response.cookies


def test_open_data_page_documents_every_dataset(client, world):
    body = client.get("/du-lieu/").content.decode()
    for field in TASK_FIELDS:
        assert f"<code>{field.name}</code>" in body
    for url in (
        "/du-lieu/nhiem-vu.csv",
        "/du-lieu/nhiem-vu.json",
        "/du-lieu/nhiem-vu.ics",
        "/du-lieu/cac-ky.json",
        "/du-lieu/van-ban.json",
        "/du-lieu/nhan-vat.json",
        "/du-lieu/co-quan.json",
        "/du-lieu/atom.xml",
        "/du-lieu/co-quan/bo-cong-an/atom.xml",
        "/du-lieu/co-quan/bo-cong-an/nhiem-vu.ics",
    ):
        assert f'href="{url}"' in body, url
    assert "CC BY 4.0" in body
    assert "Cập nhật lần cuối:" in body and "<time datetime=" in body
    assert '<li><a href="/du-lieu/">Dữ liệu mở</a></li>' in body  # footer
    assert "style=" not in body and "<script>" not in body


def _grow(count: int) -> None:
    edition = make_edition()
    document = make_document(edition=edition)
    lead, partner, topic = make_organisation(), make_organisation(), make_topic()
    for i in range(count):
        task = make_task(document, lead=lead, deadline_kind=DeadlineKind.DAY, deadline_date=date(2026, 4, 1 + i))
        task.partners.add(partner)
        task.topics.add(topic)
        make_status_update(task, status=TaskStatus.IN_PROGRESS, date=date(2026, 2, 1))
        make_appearance(edition, organisation=lead)
        make_document(edition=edition, issuer=lead)


EXPORT_QUERIES = {
    # 4 option lists + tasks, partners, joint assignees, topics
    "/du-lieu/nhiem-vu.csv?chu_tri=bo-cong-an&thoi_han=overdue_no_update": 8,
    "/du-lieu/nhiem-vu.csv": 8,
    "/du-lieu/nhiem-vu.json": 8,
    "/du-lieu/nhiem-vu.ics": 8,
    "/du-lieu/co-quan/bo-cong-an/nhiem-vu.ics": 5,  # organisation + tasks, partners, joint assignees, topics
    "/du-lieu/cac-ky.json": 3,
    "/du-lieu/van-ban.json": 3,
    "/du-lieu/nhan-vat.json": 2,
    "/du-lieu/co-quan.json": 1,
    "/du-lieu/atom.xml": 4,
    "/du-lieu/co-quan/bo-cong-an/atom.xml": 4,
    "/du-lieu/": 7,
}


def test_export_query_counts_do_not_grow_with_content(client, world):
    small, large = at_scales(_grow, lambda _: count_queries(client, {url: url for url in EXPORT_QUERIES}))
    assert large == small
    assert over(small, EXPORT_QUERIES) == {}
