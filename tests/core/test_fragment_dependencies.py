"""Every block names what it shows: after each kind of write, every public page rendered with the fragments an
earlier reader left is the page rendered from the database alone, byte for byte (the real content, every address
of the sitemap and the lists, in Vietnamese). A block that forgot a model, an app or a thing would show the state
before the write here."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.test import Client

from core.publishing import Status
from editions.models import Organisation
from resolutions.models import DeadlineKind, Document, Section, StatusUpdate, Task, TaskStatus

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
EXTRA = ["/", "/nhiem-vu/", "/nhiem-vu/?thoi_han=qua_han", "/tim-kiem/?q=chuyen+doi+so"]


@pytest.fixture(autouse=True)
def _content(forum_content, settings):
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True


def _paths(client) -> list[str]:
    root = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST="localhost").content)
    paths = [urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", NS)]
    return sorted({path for path in paths if not path.startswith("/en/")} | set(EXTRA))


def _task() -> Task:
    return Task.objects.get(document__key="4-tb-vpcp", number=1)


def _status_update():
    StatusUpdate.objects.create(task=_task(), status=TaskStatus.IN_PROGRESS, note="Cập nhật để thử các khối")


def _task_edit():
    task = _task()
    task.title = "Tên nhiệm vụ đã sửa để thử"
    task.save()


def _document_edit():
    document = Document.objects.get(key="4-tb-vpcp")
    document.subject = "Trích yếu đã sửa để thử"
    document.save()


def _section_edit():
    section = Section.objects.filter(document__key="4-tb-vpcp").order_by("number").first()
    section.title = "Mục đã sửa để thử"
    section.save()


def _partner_added():
    _task().partners.add(Organisation.objects.published().order_by("pk").last())


def _task_added():
    document = Document.objects.get(key="4-tb-vpcp")
    Task.objects.create(
        document=document,
        number=document.tasks.count() + 1,
        title="Nhiệm vụ thêm để thử",
        summary="Nội dung thêm để thử.",
        deadline_kind=DeadlineKind.NONE,
        status=Status.PUBLISHED,
    )


def _organisation_edit():
    organisation = _task().lead or Organisation.objects.published().order_by("pk").first()
    organisation.short_name = "CQSUATHU"
    organisation.save()


@pytest.mark.parametrize(
    "write",
    [_status_update, _task_edit, _task_added, _document_edit, _section_edit, _partner_added, _organisation_edit],
)
def test_after_a_write_every_page_from_the_fragments_is_the_page_from_the_database(write, settings):
    client = Client()
    paths = _paths(client)
    assert len(paths) > 50
    for path in paths:  # an earlier reader leaves every block in the cache
        assert client.get(path).status_code == 200, path
    write()
    different = []
    for path in paths:
        settings.FRAGMENT_CACHE = True
        kept = client.get(path).content
        settings.FRAGMENT_CACHE = False
        fresh = client.get(path).content
        if kept != fresh:
            different.append(path)
    assert different == []
