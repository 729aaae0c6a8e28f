"""The content loader: what `content/*.toml` holds once loaded, idempotence, corrections and editors' changes.

The content is loaded once for the module (tests/conftest.py `forum_content`); each test runs in its own savepoint.
Refusals of bad files, which need an empty database, are in test_load_forum_content_errors.py."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from core.models import PublishedVersion, SlugRedirect
from core.publishing import Status
from editions.models import (
    Appearance,
    BridgePoint,
    Edition,
    KeyFigure,
    Organisation,
    Part,
    Person,
    Programme,
    Series,
    SeriesKind,
    Source,
    Strand,
    Topic,
)
from resolutions.models import DeadlineKind, Document, StatusUpdate, Task, TaskStatus
from tests.forum_site.content_files import PUBLISHABLE, counts, edit, load

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forum_content")]

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def updated_ats() -> dict:
    return {model.__name__: sorted(model.objects.values_list("pk", "updated_at")) for model in PUBLISHABLE}


def forum(year: int) -> Edition:
    return Edition.objects.get(series__slug="dien-dan", year=year)


# What is loaded ---------------------------------------------------------------------------------------------------
def test_every_kind_of_record_is_loaded_and_published():
    assert counts() == {
        "Source": 9,
        "Topic": 15,
        "Organisation": 14,
        "Person": 7,
        "Series": 3,
        "Edition": 5,
        "Programme": 1,
        "KeyFigure": 11,
        "Document": 3,
        "Task": 13,
        "Strand": 3,
        "BridgePoint": 2,
        "Appearance": 8,
        "Section": 7,
        "StatusUpdate": 13,
    }
    assert Edition.objects.main().count() == 3
    assert sorted(Series.objects.filter(kind=SeriesKind.RELATED).values_list("slug", flat=True)) == [
        "dien-dan-doanh-nghiep-cong-nghe-so",
        "ngay-chuyen-doi-so-quoc-gia",
    ]
    assert Edition.objects.related().count() == 2
    for model in PUBLISHABLE:
        assert set(model.objects.values_list("status", flat=True)) == {Status.PUBLISHED}, model
        assert not model.objects.filter(loaded_fingerprint="").exists(), model
    assert set(Source.objects.values_list("key", flat=True)) == {f"s{n}" for n in range(9)}
    assert set(Document.objects.values_list("key", flat=True)) == {
        "4-tb-vpcp",
        "505-qd-ttg",
        "ke-hoach-ngay-cds-2025-bo-khcn",
    }


def test_editions_of_the_forum_as_the_facts_say():
    first, second, third = forum(2023), forum(2024), forum(2025)
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert second.year_inferred and second.inference_note
    assert not first.year_inferred and not third.year_inferred
    for edition in (first, second):  # no source gives their organiser, date or venue
        assert (edition.organiser, edition.start_date, edition.venue, edition.date_text) == (None, None, "", "")
    assert first.theme == "Mang nền tảng số đến hộ gia đình"
    assert third.start_date == datetime.date(2025, 12, 20)
    assert third.date_text == "Sáng 20/12/2025"
    assert third.theme.startswith("Phát triển kinh tế số, xã hội số toàn diện, bao trùm – Đạt mục tiêu")
    assert list(third.strands.values_list("order", flat=True)) == [1, 2, 3]
    assert set(third.sources.values_list("key", flat=True)) == {"s0", "s1", "s4", "s7", "s8"}
    assert third.venue == "Hà Nội" and [s.key for s in third.sources_of("venue")] == ["s8"]
    assert Series.objects.get(slug="dien-dan").organiser.short_name == "Bộ KH&CN"


def test_people_appear_with_their_roles_at_the_time_in_protocol_order():
    third = forum(2025)
    rows = list(third.appearances.in_protocol_order())
    assert [a.person.slug for a in rows] == [
        "pham-minh-chinh",
        "pham-minh-chinh",
        "bui-thanh-son",
        "nguyen-chi-dung",
        "nguyen-manh-hung",
        "do-thanh-binh",
        "le-van-phuoc",
        "cao-van-cuong",
    ]
    pm = [a for a in rows if a.person.slug == "pham-minh-chinh"]
    assert len(pm) == 2 and pm[0].title == "Thủ tướng Chính phủ"
    assert pm[1].title.startswith("Trưởng Ban Chỉ đạo của Chính phủ về phát triển khoa học")
    assert {a.part for a in pm} == {Part.CHAIR}
    attended, chaired = rows[-2], rows[-1]
    assert attended.part == Part.PARTICIPANT  # S1: he attended ("dự"), it does not say he chaired
    assert attended.bridge_point == BridgePoint.objects.get(edition=third, name="An Giang")
    assert "0 đồng" in attended.bridge_point.description and attended.bridge_point.host is None
    assert chaired.part == Part.BRIDGE_LEAD  # S8: "chủ trì" at the Thanh Hóa bridge point
    assert chaired.bridge_point == BridgePoint.objects.get(edition=third, name="Thanh Hóa")
    assert not Person.objects.filter(name="Hạnh Châu").exists()


def test_programme_sources_and_figures():
    programme = Programme.objects.get(slug="hoc-tu-lam-viec-thuc-te")
    assert programme.name == "Học từ làm việc thực tế"
    assert programme.other_name_list == ["Học từ làm"]
    assert programme.edition == forum(2025) and programme.editor_note

    s1 = Source.objects.get(key="s1")
    assert s1.author == "Hạnh Châu"
    assert s1.published_at == datetime.datetime(2025, 12, 20, 15, 29, tzinfo=HCM)
    assert (s1.publisher, s1.url) == ("", "") and s1.no_url_reason
    s3 = Source.objects.get(key="s3")
    assert (s3.publisher, s3.published_date, s3.published_at) == ("VietNamNet", datetime.date(2025, 10, 1), None)
    for key in ("s2", "s4"):
        source = Source.objects.get(key=key)
        assert source.published_at is None and source.published_date is None and source.date_text

    assert sorted(KeyFigure.objects.exclude(qualifier="").values_list("qualifier", flat=True)) == sorted(
        ["gần", "top", "khoảng", "trên", "khoảng", "ước"]
    )
    fiveg = KeyFigure.objects.get(key="phu-song-5g-dan-so")
    assert (fiveg.value, fiveg.qualifier, fiveg.source.key, fiveg.edition) == (59, "gần", "s4", forum(2025))
    assert KeyFigure.objects.get(key="ty-le-gia-tri-viet-nam-doanh-thu-cntt-tt").value == Decimal("29.68")
    assert (
        KeyFigure.objects.filter(source__key="s2", edition__series__slug="dien-dan-doanh-nghiep-cong-nghe-so").count()
        == 5
    )


def test_organisations_related_events_and_documents():
    order = list(Organisation.objects.values_list("slug", flat=True)[:2])
    assert order == ["chinh-phu", "thu-tuong-chinh-phu"]
    authority = Organisation.objects.get(slug="cuc-cong-nghiep-cong-nghe-thong-tin-va-truyen-thong")
    assert authority.parent.short_name == "Bộ TT&TT"

    day = Edition.objects.get(series__slug="ngay-chuyen-doi-so-quoc-gia", year=2025)
    assert day.number == 4 and day.series.founded_year == 2022 and "505/QĐ-TTg" in day.series.founding_text
    enterprises = Edition.objects.get(series__slug="dien-dan-doanh-nghiep-cong-nghe-so", year=2023)
    assert (enterprises.number, enterprises.start_date, enterprises.venue) == (
        5,
        datetime.date(2023, 12, 11),
        "Quảng Ninh",
    )
    assert enterprises.organiser.slug == "bo-thong-tin-va-truyen-thong" and enterprises.series.founded_year == 2019

    notice = Document.objects.get(key="4-tb-vpcp")
    assert (notice.number, notice.issuer.short_name, notice.edition) == ("4/TB-VPCP", "VPCP", forum(2025))
    assert notice.issue_date is None and notice.signer == ""
    assert list(notice.sections.values_list("kind", flat=True)) == ["results", "limitations", "directions", "tasks"]
    decision = Document.objects.get(key="505-qd-ttg")
    assert decision.issue_date == datetime.date(2022, 4, 22) and decision.issuer.slug == "thu-tuong-chinh-phu"


def test_tasks_leads_partners_and_deadlines():
    tasks = {t.number: t for t in Task.objects.filter(document__key="4-tb-vpcp").select_related("lead")}
    assert sorted(tasks) == list(range(1, 14))
    third = tasks[3]
    assert (third.lead.name, third.deadline_kind, third.deadline_date) == (
        "Bộ Công an",
        DeadlineKind.MONTH,
        datetime.date(2026, 1, 31),
    )
    assert third.deadline_text == "hoàn thành trong tháng 01/2026"
    kinds = {n: (t.deadline_kind, t.deadline_date) for n, t in tasks.items()}
    for n in (1, 6, 11):
        assert kinds[n] == (DeadlineKind.URGENT, None)
    for n in (3, 8):
        assert kinds[n] == (DeadlineKind.MONTH, datetime.date(2026, 1, 31))
    for n in (7, 9):
        assert kinds[n] == (DeadlineKind.QUARTER, datetime.date(2026, 3, 31))
    for n in (2, 4, 5, 10, 12, 13):
        assert kinds[n] == (DeadlineKind.NONE, None)
    for n in (4, 5, 13):
        assert tasks[n].lead is None
    assert sorted(tasks[7].partners.values_list("slug", flat=True)) == ["bo-khoa-hoc-va-cong-nghe", "bo-noi-vu"]
    # Task 1 is given jointly ("giao Bộ KH&CN và các bộ, ngành"): no lead, no partners.
    assert (tasks[1].lead, tasks[1].partners_text, tasks[1].assignees_text) == (None, "", "các bộ, ngành")
    assert list(tasks[1].assignees.values_list("slug", flat=True)) == ["bo-khoa-hoc-va-cong-nghe"]
    assert (tasks[10].partners_text, tasks[10].partners.count()) == ("", 0)  # S4 names no partner
    assert tasks[6].partners_text == "các trường, doanh nghiệp"
    assert tasks[2].public_note and tasks[10].public_note and tasks[12].public_note
    for task in tasks.values():
        assert [(u.status, u.date) for u in task.status_updates.all()] == [(TaskStatus.NO_UPDATE, None)]
        assert list(task.sources.values_list("key", flat=True)) == ["s4"]
        assert task.section.number == 4


def test_loaded_documents_and_tasks_are_public_version_1():
    for obj in [*Document.objects.all(), *Task.objects.all()]:
        assert obj.public_version == 1
        assert list(PublishedVersion.objects.of(obj).values_list("number", flat=True)) == [1]
    snapshot = PublishedVersion.objects.of(Document.objects.get(key="4-tb-vpcp")).get().data
    assert len(snapshot["sections"]) == 4 and len(snapshot["tasks"]) == 13


# Idempotence, corrections, editors' changes -----------------------------------------------------------------------
def test_a_second_run_changes_nothing():
    before, stamps, versions = counts(), updated_ats(), PublishedVersion.objects.count()
    locks = sorted(Strand.objects.values_list("pk", "lock_version"))
    output = load()
    assert counts() == before
    assert updated_ats() == stamps
    assert PublishedVersion.objects.count() == versions
    assert sorted(Strand.objects.values_list("pk", "lock_version")) == locks
    assert "created=0, updated=0" in output and "kept=0" in output


def test_a_corrected_file_updates_records_unchanged_since_loading(content_copy):
    edit(content_copy / "topics.toml", "Chuyển đổi số trong nông nghiệp và nông thôn.", "Nông nghiệp và nông thôn số.")
    edit(
        content_copy / "documents.toml", 'deadline_text = "trong tháng 1/2026"', 'deadline_text = "trong tháng 01/2026"'
    )
    edit(content_copy / "series.toml", 'title = "Ứng dụng trí tuệ nhân tạo (AI)', 'title = "Trí tuệ nhân tạo (AI)')
    untouched = Topic.objects.get(slug="ha-tang-so").updated_at
    output = load(content_copy)
    assert "updated=4" in output, output  # topic, task, edition and its strand
    assert Topic.objects.get(slug="nong-nghiep-so").description == "Nông nghiệp và nông thôn số."
    assert Topic.objects.get(slug="ha-tang-so").updated_at == untouched
    task = Task.objects.get(document__key="4-tb-vpcp", number=8)
    assert task.deadline_text == "trong tháng 01/2026"
    assert task.public_version == 2 and task.lock_version == 1
    assert task.status_updates.count() == 1
    strand = Strand.objects.get(edition=forum(2025), order=3)
    assert strand.title.startswith("Trí tuệ nhân tạo (AI)") and Strand.objects.count() == 3
    assert "updated=0" in load(content_copy)  # and the corrected file is now the loaded state


def test_a_child_row_dropped_from_the_file_is_removed_with_its_parent_unchanged(content_copy):
    edit(content_copy / "series.toml", "    order = 21\n", "    order = 22\n")
    edit(content_copy / "en" / "series.toml", "    order = 21\n", "    order = 22\n")  # same key in the overlay
    load(content_copy)
    orders = list(forum(2025).appearances.values_list("order", flat=True))
    assert orders == [10, 11, 20, 22, 30, 31, 40, 41]


def test_a_record_an_editor_changed_is_kept_and_reported(content_copy):
    topic = Topic.objects.get(slug="nong-nghiep-so")
    topic.name = "Nông nghiệp số và nông thôn số"
    topic.save()
    edit(content_copy / "topics.toml", "Chuyển đổi số trong nông nghiệp và nông thôn.", "Nội dung khác từ tệp.")
    output = load(content_copy)
    topic.refresh_from_db()
    assert topic.name == "Nông nghiệp số và nông thôn số"
    assert topic.description == "Chuyển đổi số trong nông nghiệp và nông thôn."
    assert "kept=1" in output
    assert "chủ đề nong-nghiep-so «Nông nghiệp số và nông thôn số»: tên, mô tả" in output
    assert "kept=1" in load(content_copy)  # still reported on every run


def test_an_editors_change_to_a_strand_keeps_the_whole_edition(content_copy):
    strand = Strand.objects.get(edition=forum(2025), order=1)
    strand.description = "Biên tập viên viết lại."
    strand.save()
    edit(content_copy / "series.toml", 'date_text = "Sáng 20/12/2025"', 'date_text = "Buổi sáng 20/12/2025"')
    output = load(content_copy)
    strand.refresh_from_db()
    assert strand.description == "Biên tập viên viết lại."
    assert forum(2025).date_text == "Sáng 20/12/2025"
    assert "kỳ tổ chức dien-dan/2025" in output and "nhóm vấn đề thảo luận" in output


def test_a_withdrawn_record_is_not_republished():
    Person.objects.filter(slug="le-van-phuoc").update(status=Status.WITHDRAWN)
    output = load()
    assert Person.objects.get(slug="le-van-phuoc").status == Status.WITHDRAWN
    assert "nhân vật le-van-phuoc" in output


def test_an_organisation_whose_slug_an_editor_changed_is_found_not_duplicated():
    organisation = Organisation.objects.get(slug="bo-noi-vu")
    organisation.slug = "bo-noi-vu-viet-nam"
    organisation.save()  # leaves a SlugRedirect behind
    assert SlugRedirect.objects.filter(old_slug="bo-noi-vu").exists()
    output = load()
    assert Organisation.objects.count() == 14
    assert Organisation.objects.get(pk=organisation.pk).slug == "bo-noi-vu-viet-nam"
    assert "cơ quan, tổ chức bo-noi-vu" in output
    assert Appearance.objects.get(person__slug="do-thanh-binh").organisation_id == organisation.pk


def test_the_first_status_update_is_created_only_once():
    task = Task.objects.get(document__key="4-tb-vpcp", number=3)
    StatusUpdate.objects.create(task=task, status=TaskStatus.IN_PROGRESS, date=datetime.date(2026, 1, 10))
    StatusUpdate.objects.filter(task__number=5).delete()
    load()
    assert task.status_updates.count() == 2
    assert StatusUpdate.objects.filter(task__number=5).count() == 0
    assert StatusUpdate.objects.filter(status=TaskStatus.NO_UPDATE).count() == 12
