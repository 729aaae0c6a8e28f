"""Index upkeep: drafts never indexed; publish, edit, withdraw and delete — whatever the path — update the
index in the same transaction; rebuild from scratch; bulk writes through index_objects()."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from core.publishing import Status
from core.workflow import content_delete, content_publish, content_save, content_withdraw
from editions.models import Topic
from resolutions.models import Task
from search import index, schema
from search.models import SearchEntry, SearchFacet
from tests.factories import (
    make_appearance,
    make_document,
    make_edition,
    make_organisation,
    make_person,
    make_programme,
    make_section,
    make_series,
    make_strand,
    make_task,
    make_topic,
)
from tests.search.conftest import search
from tests.skips import only_on
from tests.users import administrator

pytestmark = pytest.mark.django_db


def titles(query: str, **filters) -> list[str]:
    return [hit.title for hit in search(query, **filters).hits]


def test_drafts_are_never_found():
    make_task(title="Nhiệm vụ nháp ẩn giấu", status=Status.DRAFT)
    make_task(make_document(status=Status.DRAFT), title="Nhiệm vụ công khai trong văn bản nháp ẩn giấu")
    make_task(title="Nhiệm vụ chờ duyệt ẩn giấu", status=Status.REVIEW)
    make_person(name="Người nháp ẩn giấu", status=Status.DRAFT)
    make_strand(make_edition(status=Status.DRAFT), title="Nhóm vấn đề của kỳ nháp ẩn giấu")
    make_programme(make_edition(series=make_series(status=Status.DRAFT)), name="Chương trình chuỗi nháp ẩn giấu")
    make_section(make_document(status=Status.WITHDRAWN), title="Mục của văn bản đã gỡ ẩn giấu")
    assert titles("ẩn giấu") == []
    assert not SearchEntry.objects.filter(title__contains="ẩn giấu").exists()


def test_published_things_of_every_kind_are_found():
    document = make_document(title="Văn bản mẫu ngọc lam")
    make_task(document, title="Nhiệm vụ ngọc lam")
    make_section(document, title="Mục ngọc lam")
    edition = make_edition(theme="Kỳ ngọc lam")
    make_strand(edition, title="Nhóm ngọc lam")
    make_programme(edition, name="Chương trình ngọc lam")
    make_person(name="Ngọc Lam Thử")
    make_organisation(name="Cơ quan ngọc lam")
    make_topic(name="Chủ đề ngọc lam")
    kinds = {hit.kind for hit in search("ngọc lam").hits}
    assert kinds == {"document", "task", "section", "edition", "strand", "programme", "person", "organisation", "topic"}


def test_publish_edit_withdraw_and_delete_through_the_workflow():
    user = administrator()
    task = make_task(title="Nhiệm vụ hồng hạc", status=Status.REVIEW)
    assert titles("hồng hạc") == []

    content_publish(obj=task, user=user, expected_lock_version=task.lock_version)
    assert titles("hồng hạc") == ["Nhiệm vụ hồng hạc"]

    task.refresh_from_db()
    task.title = "Nhiệm vụ thiên nga"
    content_save(obj=task, user=user, expected_lock_version=task.lock_version, change_note="Sửa tên")
    assert titles("hồng hạc") == []
    assert titles("thiên nga") == ["Nhiệm vụ thiên nga"]

    task.refresh_from_db()
    content_withdraw(obj=task, user=user, expected_lock_version=task.lock_version, reason="Trùng lặp")
    assert titles("thiên nga") == []

    draft = make_task(title="Nhiệm vụ chim sẻ", status=Status.DRAFT)
    draft.status = Status.PUBLISHED
    draft.save()  # a plain save is a write path too
    assert titles("chim sẻ") == ["Nhiệm vụ chim sẻ"]
    draft.status = Status.DRAFT
    draft.save()
    content_delete(obj=draft, user=user)
    assert titles("chim sẻ") == []
    assert not SearchEntry.objects.filter(object_id=draft.pk, kind="task").exists()


def test_a_parent_changing_status_takes_its_children_along():
    document = make_document(title="Văn bản sơn ca")
    make_task(document, title="Nhiệm vụ sơn ca")
    make_section(document, title="Mục sơn ca")
    assert len(titles("sơn ca")) == 3

    document.status = Status.WITHDRAWN
    document.save()
    assert titles("sơn ca") == []

    document.status = Status.PUBLISHED
    document.save()
    assert len(titles("sơn ca")) == 3


def test_an_edition_and_its_series_take_strands_programmes_and_roles_along():
    series = make_series()
    edition = make_edition(series=series, year=2031)
    make_strand(edition, title="Nhóm vấn đề họa mi")
    make_programme(edition, name="Chương trình họa mi")
    person = make_person(name="Trần Thử Nghiệm")
    make_appearance(edition, person, title="Phó Chủ tịch họa mi")
    assert sorted(titles("họa mi")) == ["Chương trình họa mi", "Nhóm vấn đề họa mi", "Trần Thử Nghiệm"]

    series.status = Status.DRAFT
    series.save()
    assert titles("họa mi") == []  # the role counts only while the edition is public

    series.status = Status.PUBLISHED
    series.save()
    assert len(titles("họa mi")) == 3


def test_many_to_many_changes_from_either_side_update_facets():
    task = make_task(title="Nhiệm vụ chìa vôi")
    topic = make_topic(name="Chủ đề đa dạng sinh học", slug="da-dang-sinh-hoc")
    task.topics.add(topic)
    assert titles("chìa vôi", topic="da-dang-sinh-hoc") == ["Nhiệm vụ chìa vôi"]

    topic.tasks.remove(task)  # reverse side
    assert titles("chìa vôi", topic="da-dang-sinh-hoc") == []

    topic.tasks.add(task)
    assert titles("chìa vôi", topic="da-dang-sinh-hoc") == ["Nhiệm vụ chìa vôi"]
    topic.tasks.clear()
    assert titles("chìa vôi", topic="da-dang-sinh-hoc") == []

    partner = make_organisation(name="Cơ quan phối hợp thử", slug="co-quan-phoi-hop-thu")
    task.partners.add(partner)
    assert titles("chìa vôi", organisation="co-quan-phoi-hop-thu") == ["Nhiệm vụ chìa vôi"]


def test_renaming_or_hiding_a_topic_updates_what_carries_it():
    task = make_task(title="Nhiệm vụ bói cá")
    topic = make_topic(name="Tên cũ", slug="chu-de-boi-ca")
    task.topics.add(topic)
    topic.name = "Tên mới"
    topic.save()
    assert SearchFacet.objects.get(entry__kind="task", entry__object_id=task.pk, name="topic").label == "Tên mới"
    topic.status = Status.DRAFT
    topic.save()
    assert titles("bói cá", topic="chu-de-boi-ca") == []


def test_organisation_rename_reaches_the_tasks_it_leads():
    lead = make_organisation(name="Bộ Cũ Tên")
    make_task(title="Nhiệm vụ cò trắng", lead=lead)
    lead.name = "Bộ Tân Danh"
    lead.save()
    assert titles("cò trắng tân danh") == ["Nhiệm vụ cò trắng"]


def test_bulk_updates_need_index_objects():
    task = make_task(title="Nhiệm vụ chèo bẻo")
    Task.objects.filter(pk=task.pk).update(title="Nhiệm vụ vành khuyên")  # sends no signal
    assert titles("vành khuyên") == []
    index.index_objects(Task.objects.filter(pk=task.pk))
    assert titles("vành khuyên") == ["Nhiệm vụ vành khuyên"]


def test_batch_indexes_once_at_the_end():
    with index.batch():
        document = make_document(title="Văn bản bìm bịp")
        for number in range(3):
            make_task(document, title=f"Nhiệm vụ bìm bịp {number}")
        assert not SearchEntry.objects.filter(title__contains="bìm bịp").exists()
    assert len(titles("bìm bịp")) == 4


def test_batch_in_a_dry_run_indexes_nothing():
    with transaction.atomic(), index.batch():
        make_task(title="Nhiệm vụ chạy thử")
        transaction.set_rollback(True)  # as load_forum_content --dry-run does
    assert titles("chạy thử") == []


def test_rebuild_command_writes_everything_again():
    make_task(title="Nhiệm vụ chích chòe")
    make_topic(name="Chủ đề chích chòe", status=Status.DRAFT)
    SearchEntry.objects.all().delete()
    assert titles("chích chòe") == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Đã lập chỉ mục" in out.getvalue()
    assert titles("chích chòe") == ["Nhiệm vụ chích chòe"]


@only_on("sqlite")  # its FTS triggers
def test_lost_sqlite_triggers_are_recreated_and_refilled():
    make_task(title="Nhiệm vụ cuốc")
    with connection.cursor() as cursor:
        for name in schema.SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    assert schema.ensure_sqlite(connection) is True
    make_task(title="Nhiệm vụ cuốc đồng")
    assert sorted(titles("cuốc")) == ["Nhiệm vụ cuốc", "Nhiệm vụ cuốc đồng"]
    assert schema.ensure_sqlite(connection) is False


def test_topics_are_featured_on_the_empty_page():
    make_topic(name="Chủ đề hiện ra")
    assert Topic.objects.published().filter(name="Chủ đề hiện ra").exists()
    assert SearchEntry.objects.filter(kind="topic", title="Chủ đề hiện ra").exists()
