"""`manage.py warm_site` (run by gunicorn once it is ready): after a release, every page of the sitemap, in both
languages, is in the page cache before its first reader."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from core.caching import bump_generation
from core.publishing import Status
from forum_site.sitemaps import public_paths
from tests.factories import make_document, make_edition, make_task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_host(settings):
    """Pages are rendered for SITE_URL's host, which production allows."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kinhteso.example.vn"]


def _warm() -> str:
    out = StringIO()
    call_command("warm_site", stdout=out)
    return out.getvalue()


def test_every_page_of_the_sitemap_is_cached_after_warm_site():
    task = make_task(make_document(edition=make_edition(year=2034)), title="Nhiệm vụ đọc sau bản phát hành")
    draft = make_task(task.document, number=99, status=Status.DRAFT)
    bump_generation()  # a new release: nothing of the old generation is reachable
    paths = public_paths()
    assert task.get_absolute_url() in paths and "/en" + task.get_absolute_url() in paths
    assert draft.get_absolute_url() not in paths  # drafts have no public page to warm
    assert f"Đã lưu {len(paths)}/{len(paths)} trang" in _warm()
    client = Client()
    for path in paths:
        assert client.get(path, HTTP_ACCEPT_ENCODING="gzip")["X-Page-Cache"] == "hit", path
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_second_warm_site_leaves_the_cached_pages():
    make_task()
    _warm()
    assert "Đã lưu 0/" in _warm()


def test_warm_site_does_nothing_with_the_page_cache_off(settings):
    settings.PAGE_CACHE = False
    assert "PAGE_CACHE=false" in _warm()
