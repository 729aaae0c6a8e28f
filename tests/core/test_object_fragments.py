"""Blocks keyed on things (`{% fragment … objects=… %}`, core/fragments.py): a task's page keeps its body until a
write to that task, its status updates, its document or its section — a status update of another task leaves it
cached — and a write that names no owner renders every such block again. The page cache is off here so that each
request reaches the view."""

import pytest
from django.db import connection
from django.template import Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.caching import content_changed, object_generation_key, owner_keys
from resolutions.models import StatusUpdate
from tests.factories import make_document, make_organisation, make_section, make_status_update, make_task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True


def _body_was_rendered(client, task) -> bool:
    """Whether the request read the task's status updates: only the body (a fragment) reads them."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(task.get_absolute_url()).status_code == 200
    return any("resolutions_statusupdate" in query["sql"] for query in queries.captured_queries)


def _two_tasks():
    document = make_document(subject="Trích yếu để thử khối theo đối tượng")
    section = make_section(document, title="Mục ban đầu")
    first = make_task(document, title="Nhiệm vụ thứ nhất", section=section)
    second = make_task(document, title="Nhiệm vụ thứ hai", section=section)
    return document, section, first, second


def test_a_status_update_renders_its_task_again_and_leaves_the_other_tasks_body_cached():
    _document, _section, first, second = _two_tasks()
    client = Client()
    assert _body_was_rendered(client, first) and _body_was_rendered(client, second)
    assert not _body_was_rendered(client, second)  # kept
    make_status_update(first, status="in_progress", note="Ghi chú cập nhật mới")
    assert not _body_was_rendered(client, second)
    assert "Ghi chú cập nhật mới" in client.get(first.get_absolute_url()).content.decode()


def test_an_edit_of_the_document_or_the_section_shows_on_every_task_page_at_once():
    document, section, first, second = _two_tasks()
    client = Client()
    for task in (first, second):
        client.get(task.get_absolute_url())
    document.number = "99/TB-SUA"
    document.save()
    assert all("99/TB-SUA" in client.get(task.get_absolute_url()).content.decode() for task in (first, second))
    section.title = "Mục đã sửa"
    section.save()
    assert all("Mục đã sửa" in client.get(task.get_absolute_url()).content.decode() for task in (first, second))


def test_partners_changed_from_either_side_show_at_once():
    _document, _section, first, _second = _two_tasks()
    client = Client()
    client.get(first.get_absolute_url())
    organisation = make_organisation(short_name="BPHTHU")
    first.partners.add(organisation)  # from the task's side
    assert "BPHTHU" in client.get(first.get_absolute_url()).content.decode()
    other = make_organisation(short_name="BKHACTHU")
    other.partner_tasks.add(first)  # from the organisation's side: the tasks are named
    assert "BKHACTHU" in client.get(first.get_absolute_url()).content.decode()
    other.partner_tasks.clear()  # from the organisation's side, nobody named
    assert "BKHACTHU" not in client.get(first.get_absolute_url()).content.decode()


def test_a_write_that_names_no_owner_renders_every_block_keyed_on_the_app_again():
    _document, _section, _first, second = _two_tasks()
    client = Client()
    client.get(second.get_absolute_url())
    StatusUpdate.objects.filter(task=second).update(note="không qua tín hiệu")  # no signal: said by hand
    content_changed(app_label="resolutions")
    assert _body_was_rendered(client, second)


def test_a_status_update_names_its_task_without_a_query(django_assert_num_queries):
    task = make_task()
    update = make_status_update(task, status="in_progress")
    fresh = StatusUpdate.objects.get(pk=update.pk)  # its task not loaded
    with django_assert_num_queries(0):
        keys = owner_keys(StatusUpdate, fresh)
    assert keys == [object_generation_key("resolutions.task", task.pk)]


def test_a_block_that_names_models_follows_their_writes_only(django_assert_num_queries):
    """The document list shows documents and their task counts, not status updates (depends="… resolutions.task")."""
    _document, _section, first, _second = _two_tasks()
    client = Client()
    client.get("/van-ban/")
    make_status_update(first, status="in_progress", note="Không đổi danh sách văn bản")
    with django_assert_num_queries(0):
        client.get("/van-ban/")
    make_task(first.document, title="Nhiệm vụ thứ ba")
    assert "3</td>" in client.get("/van-ban/").content.decode()


def test_an_organisations_tasks_follow_its_own_tasks_only():
    _document, _section, first, second = _two_tasks()
    lead = make_organisation(short_name="CQCHUTRI")
    first.lead = lead
    first.save()
    client = Client()
    client.get(lead.get_absolute_url())

    def task_rows_read() -> tuple[str, bool]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(lead.get_absolute_url()).content.decode()
        return page, any("resolutions_statusupdate" in query["sql"] for query in queries.captured_queries)

    make_status_update(second, status="in_progress")  # a task the organisation has nothing to do with
    assert task_rows_read()[1] is False
    make_status_update(first, status="done", note="Xong")
    page, read = task_rows_read()
    assert read and "Đã hoàn thành" in page
    second.partners.add(lead)  # joins the organisation's tasks
    page, read = task_rows_read()
    assert read and second.title in page


def test_a_block_naming_a_model_that_does_not_exist_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load fragments %}{% fragment "x" depends="resolutions.tsk" %}{% endfragment %}')
