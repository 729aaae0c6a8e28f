"""After a write's own pages, the rest of the site is rendered into the page cache in a background thread
(core/warming.py): a page that merely names what was written (an organisation's task list) is a cache hit for its
next reader too."""

import pytest
from django.db import transaction
from django.test import Client

from core.caching import shared_cache
from core.warming import (
    SITE_WARM_LOCK,
    SITE_WARM_WANTED,
    enable_warming,
    site_paths,
    wait_for_site_warming,
    warm_site_soon,
    warm_site_until_current,
)
from resolutions.models import TaskStatus
from tests.factories import make_document, make_edition, make_organisation, make_status_update, make_task

CACHED = "X-Page-Cache"
ROUNDS: list[int] = []


@pytest.fixture(autouse=True)
def _as_in_production(settings):
    settings.PAGE_CACHE_BUMP_ON_COMMIT = True
    settings.WARM_ON_WRITE = True
    settings.WARM_SITE_ON_WRITE = True
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kinhteso.example.vn"]
    shared_cache().delete_many([SITE_WARM_LOCK, SITE_WARM_WANTED])
    enable_warming()
    yield
    wait_for_site_warming(60)
    enable_warming(False)


def _hit(path: str) -> bool:
    return Client().get(path, HTTP_ACCEPT_ENCODING="gzip")[CACHED] == "hit"


@pytest.mark.django_db(transaction=True)  # the thread reads through its own connection: the rows must be committed
def test_a_status_update_leaves_the_pages_that_list_its_task_cached_for_their_next_reader():
    lead = make_organisation(name="Cơ quan được đọc lại")
    task = make_task(make_document(edition=make_edition(year=2035)), lead=lead)
    wait_for_site_warming(60)
    with transaction.atomic():
        make_status_update(task, status=TaskStatus.IN_PROGRESS, note="Đã có báo cáo quý IV")
    wait_for_site_warming(60)
    assert lead.get_absolute_url() in site_paths()
    for path in (lead.get_absolute_url(), "/en" + lead.get_absolute_url(), "/nguon/", "/en/gioi-thieu/"):
        assert _hit(path), path  # none of them is the task's own page or a parent's: the background round
    assert shared_cache().get(SITE_WARM_LOCK) is None  # released


@pytest.mark.django_db
def test_a_thread_is_not_started_while_another_process_holds_the_lock():
    shared_cache().set(SITE_WARM_LOCK, 999_999, timeout=60)
    assert warm_site_soon() is False
    assert shared_cache().get(SITE_WARM_WANTED)  # the holder sees the request when its round ends
    shared_cache().delete(SITE_WARM_LOCK)


def asking_again_during_the_first_round() -> list[str]:
    """A `WARM_SITE_PATHS` provider: a write asks for more while the first round renders."""
    ROUNDS.append(1)
    if len(ROUNDS) == 1:
        shared_cache().set(SITE_WARM_WANTED, "a-later-generation", timeout=None)
    return ["/gioi-thieu/"]


@pytest.mark.django_db
def test_a_write_during_a_round_gets_another_round(settings):
    settings.WARM_SITE_PATHS = "tests.core.test_site_warming.asking_again_during_the_first_round"
    ROUNDS.clear()
    shared_cache().set(SITE_WARM_WANTED, "a-generation", timeout=None)
    warm_site_until_current()
    assert len(ROUNDS) == 2


@pytest.mark.django_db
def test_nothing_is_started_when_it_is_turned_off(settings):
    settings.WARM_SITE_ON_WRITE = False
    assert warm_site_soon() is False
