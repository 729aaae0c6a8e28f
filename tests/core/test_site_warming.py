"""After a write's own pages, the rest of the site is rendered into the page cache by a process of its own
(core/warming.py, `manage.py warm_site --after-write`): a page that merely names what was written (an organisation's
task list) is a cache hit for its next reader too. The process itself, against a real database, is exercised by the
cluster test (tests/forum_site/test_cluster.py); here its work runs in the test's process, on the test's rows."""

import pytest
from django.core.management import call_command
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

pytestmark = pytest.mark.django_db
CACHED = "X-Page-Cache"
ROUNDS: list[int] = []


@pytest.fixture(autouse=True)
def _as_in_production(settings, tmp_path):
    settings.PAGE_CACHE_BUMP_ON_COMMIT = True
    settings.WARM_ON_WRITE = True
    settings.WARM_SITE_ON_WRITE = True
    # The process a write starts, here one that only says it ran (it could not see this test's uncommitted rows).
    settings.WARM_SITE_COMMAND = ["-c", "import sys; open(sys.argv[1], 'w').write('ran')", str(tmp_path / "ran")]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kinhteso.example.vn"]
    shared_cache().delete_many([SITE_WARM_LOCK, SITE_WARM_WANTED])
    enable_warming()
    yield
    wait_for_site_warming(60)
    enable_warming(False)
    shared_cache().delete_many([SITE_WARM_LOCK, SITE_WARM_WANTED])


def _hit(path: str) -> bool:
    """Asked with HEAD, which reads the page cache but never stores: the asking cannot fill it."""
    return Client().head(path, HTTP_ACCEPT_ENCODING="gzip").get(CACHED) == "hit"


def test_a_committed_public_write_starts_the_process_and_holds_the_lock_for_it(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):  # the test's writes never commit: these callbacks do
        task = make_task(make_document(edition=make_edition(year=2035)))
        make_status_update(task, status=TaskStatus.IN_PROGRESS, note="Đã có báo cáo quý IV")
    wait_for_site_warming(60)
    assert (tmp_path / "ran").read_text() == "ran"
    assert shared_cache().get(SITE_WARM_LOCK)  # the process releases it when its rounds are done
    assert shared_cache().get(SITE_WARM_WANTED)


def test_the_process_renders_the_pages_that_list_the_written_task_and_releases_the_lock(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        lead = make_organisation(name="Cơ quan được đọc lại")
        task = make_task(make_document(edition=make_edition(year=2036)), lead=lead)
    with django_capture_on_commit_callbacks(execute=True):
        make_status_update(task, status=TaskStatus.IN_PROGRESS, note="Đã có báo cáo quý IV")
    assert not _hit(lead.get_absolute_url())  # not among the write's own pages
    wait_for_site_warming(60)
    shared_cache().set(SITE_WARM_LOCK, 1, timeout=60)  # as `warm_site_soon` left it for the process
    call_command("warm_site", "--after-write")  # what the started process runs, here on this test's rows
    assert lead.get_absolute_url() in site_paths()
    for path in (lead.get_absolute_url(), "/en" + lead.get_absolute_url(), "/nguon/", "/en/gioi-thieu/"):
        assert _hit(path), path
    assert shared_cache().get(SITE_WARM_LOCK) is None


def test_no_process_is_started_while_another_holds_the_lock(tmp_path):
    shared_cache().set(SITE_WARM_LOCK, 999_999, timeout=60)
    assert warm_site_soon() is False
    assert shared_cache().get(SITE_WARM_WANTED)  # the holder sees the request when its round ends
    assert not (tmp_path / "ran").exists()


def asking_again_during_the_first_round() -> list[str]:
    """A `WARM_SITE_PATHS` provider: a write asks for more while the first round renders."""
    ROUNDS.append(1)
    if len(ROUNDS) == 1:
        shared_cache().set(SITE_WARM_WANTED, "a-later-generation", timeout=None)
    return ["/gioi-thieu/"]


def test_a_write_during_a_round_gets_another_round(settings):
    settings.WARM_SITE_PATHS = "tests.core.test_site_warming.asking_again_during_the_first_round"
    ROUNDS.clear()
    shared_cache().set(SITE_WARM_WANTED, "a-generation", timeout=None)
    warm_site_until_current()
    assert len(ROUNDS) == 2


def test_nothing_is_started_when_it_is_turned_off(settings, tmp_path):
    settings.WARM_SITE_ON_WRITE = False
    assert warm_site_soon() is False
    assert not (tmp_path / "ran").exists()


def test_a_round_renders_at_most_the_configured_number_of_pages_fixed_pages_first(settings):
    settings.WARM_SITE_MAX_PAGES = 5
    paths = site_paths()
    assert paths[:4] == settings.PAGES_WARMED_ON_WRITE and len(paths) == 5
