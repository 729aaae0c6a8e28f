"""Fragments of public pages (core/fragments.py): kept until a write to an app they show, never stale, never shared
with a signed-in editor, per language. The page cache is off here so that each request reaches the view."""

import pytest
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from core.caching import ALL_APPS, app_generation_key, content_changed, shared_cache
from core.fragments import cached_fragment, read_generations, start_request
from core.publishing import Status
from tests.factories import (
    make_document,
    make_edition,
    make_status_update,
    make_strand,
    make_task,
)
from tests.users import publisher, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True


def _edition_with_document():
    edition = make_edition(year=2031, theme="Chủ đề để thử đoạn lưu đệm")
    make_strand(edition, title="Nhóm vấn đề ban đầu")
    document = make_document(edition=edition, subject="Trích yếu ban đầu")
    make_task(document)
    return edition, document


def _capture(client, url) -> list:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q for q in queries.captured_queries if "django_session" not in q["sql"] and "auth_" not in q["sql"]]


def test_a_second_anonymous_request_reads_the_edition_once(django_assert_num_queries):
    edition, _document = _edition_with_document()
    client = Client()
    first = client.get(edition.get_absolute_url())
    with django_assert_num_queries(1):  # the edition itself; every section comes from the fragments
        second = client.get(edition.get_absolute_url())
    assert second.content == first.content
    assert "Nhóm vấn đề ban đầu" in second.content.decode()


def test_a_task_write_keeps_the_edition_sections_and_renders_the_documents_again(django_assert_num_queries):
    edition, document = _edition_with_document()
    client = Client()
    client.get(edition.get_absolute_url())
    make_task(document, title="Nhiệm vụ mới thêm")  # resolutions: the documents block is read again, nothing else
    with django_assert_num_queries(2):
        page = client.get(edition.get_absolute_url()).content.decode()
    assert "(2 nhiệm vụ)" in page


def test_an_edition_write_is_shown_at_once():
    edition, _document = _edition_with_document()
    client = Client()
    client.get(edition.get_absolute_url())
    strand = edition.strands.get()
    strand.title = "Nhóm vấn đề đã sửa"
    strand.save()
    page = client.get(edition.get_absolute_url()).content.decode()
    assert "Nhóm vấn đề đã sửa" in page and "Nhóm vấn đề ban đầu" not in page


def test_a_status_update_is_shown_on_the_task_and_document_pages_at_once():
    _edition, document = _edition_with_document()
    task = document.tasks.get()
    client = Client()
    before = client.get(task.get_absolute_url()).content.decode(), client.get(document.get_absolute_url())
    assert "Đã hoàn thành" not in before[0]
    make_status_update(task, status="done", note="Đã trình xong và ban hành")
    assert "Đã trình xong và ban hành" in client.get(task.get_absolute_url()).content.decode()
    assert "Đã hoàn thành" in client.get(document.get_absolute_url()).content.decode()


def test_languages_have_their_own_fragments():
    edition, _document = _edition_with_document()
    client = Client()
    vietnamese = client.get(edition.get_absolute_url()).content.decode()
    english = client.get("/en" + edition.get_absolute_url()).content.decode()
    assert "Các nhóm vấn đề thảo luận" in vietnamese
    assert "Các nhóm vấn đề thảo luận" not in english


def test_a_signed_in_editor_neither_reads_nor_stores_fragments():
    edition, _document = _edition_with_document()
    staff = signed_in(publisher())
    staff.get(edition.get_absolute_url())
    anonymous = Client()
    first = len(_capture(anonymous, edition.get_absolute_url()))
    assert first > 1  # the editor's render stored nothing: the first anonymous reader renders every section
    assert len(_capture(staff, edition.get_absolute_url())) >= first  # and the editor does not read them
    assert len(_capture(anonymous, edition.get_absolute_url())) == 1


def test_a_preview_of_a_draft_is_never_served_to_anybody():
    edition, _document = _edition_with_document()
    edition.status = Status.DRAFT
    edition.save()
    preview = signed_in(publisher()).get(edition.get_absolute_url())
    assert preview.status_code == 200 and "Nhóm vấn đề ban đầu" in preview.content.decode()
    anonymous = Client().get(edition.get_absolute_url())
    assert anonymous.status_code == 404
    assert "Nhóm vấn đề ban đầu" not in anonymous.content.decode()


def test_the_generations_are_those_read_when_the_request_started():
    """A write that commits while a fragment is rendered bumps past the key it is stored under."""
    request = RequestFactory().get("/")
    start_request(request)
    started = cached_fragment(request, "thu", [1], ["resolutions"], lambda: "cũ")
    content_changed(app_label="resolutions")  # a write commits while the page was being rendered
    assert cached_fragment(request, "thu", [1], ["resolutions"], lambda: "không dùng") == started == "cũ"
    later = RequestFactory().get("/")
    start_request(later)
    assert cached_fragment(later, "thu", [1], ["resolutions"], lambda: "mới") == "mới"


def test_only_the_written_apps_generations_change(django_capture_on_commit_callbacks, settings):
    settings.PAGE_CACHE_BUMP_ON_COMMIT = True
    before = read_generations()
    with django_capture_on_commit_callbacks(execute=True):
        make_document()  # resolutions
        make_strand(make_edition())  # editions, in the same transaction
    after = read_generations()
    for label in ("resolutions", "editions"):
        assert after[app_generation_key(label)] != before[app_generation_key(label)]
    assert after[app_generation_key("core")] == before[app_generation_key("core")]
    assert after[app_generation_key(ALL_APPS)] == before[app_generation_key(ALL_APPS)]
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()  # a write of unknown origin: every fragment
    assert read_generations()[app_generation_key(ALL_APPS)] != after[app_generation_key(ALL_APPS)]


def test_a_cache_that_does_not_answer_renders_the_page(settings):
    edition, _document = _edition_with_document()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = Client().get(edition.get_absolute_url())
    assert response.status_code == 200
    assert "Nhóm vấn đề ban đầu" in response.content.decode()


def test_a_fragment_without_depends_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load fragments %}{% fragment "x" 1 %}{% endfragment %}')


def test_without_a_request_the_block_is_rendered():
    template = Template('{% load fragments %}{% fragment "x" 1 depends="editions" %}{{ value }}{% endfragment %}')
    assert template.render(Context({"value": "một"})) == "một"
    assert template.render(Context({"value": "hai"})) == "hai"
    assert shared_cache() is not None


def test_a_cached_fragment_still_says_that_some_text_is_untranslated():
    """`{% tr %}` marks the request when it shows Vietnamese text on an English page (base.html then says so): a
    fragment from the cache must mark it too."""
    edition = make_edition(year=2032, theme="Chủ đề chỉ có tiếng Việt")
    make_strand(edition, title="Nhóm vấn đề chỉ có tiếng Việt")
    client, url = Client(), "/en" + edition.get_absolute_url()
    note = "Một số nội dung trên trang này chưa được dịch"
    first = client.get(url)
    second = client.get(url)
    assert first.content == second.content
    assert note not in first.content.decode()  # the note is in English on an English page
    assert 'class="untranslated-note"' in second.content.decode()


def test_the_tracker_and_the_home_counts_follow_a_status_update_at_once():
    task = make_task(title="Nhiệm vụ để theo dõi", deadline_kind="day", deadline_date="2020-01-31")
    client = Client()
    assert "Nhiệm vụ để theo dõi" in client.get("/nhiem-vu/?thoi_han=qua_han").content.decode()
    home = client.get("/").content.decode()
    assert client.get("/").content.decode() == home  # from the fragments now
    make_status_update(task, status="done")
    overdue = client.get("/nhiem-vu/?thoi_han=qua_han").content.decode()
    assert "Nhiệm vụ để theo dõi" not in overdue
    assert client.get("/").content.decode() != home
