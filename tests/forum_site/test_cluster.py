"""Several processes, one truth: deploy/local-cluster.sh (nginx → two gunicorn app servers, one PostgreSQL, one
Redis). A reviewer publishes and withdraws through app server 1 while readers read through app server 2 and
through nginx: no read that starts after a write has returned shows the state before it. Limits are shared."""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.skips import missing, only_on

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
TASK = "/van-ban/4-tb-vpcp/nhiem-vu/5/"

# Runs once per CI, in the PostgreSQL pass: the cluster needs a PostgreSQL server.
pytestmark = only_on("postgresql")


@pytest.fixture(scope="module", autouse=True)
def _tools():
    if not shutil.which("redis-server"):
        missing("redis-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    def __init__(self, tmp: Path):
        server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        self.ports = {name: free_port() for name in ("NGINX_PORT", "APP1_PORT", "APP2_PORT", "REDIS_PORT")}
        self.env = {
            **os.environ,
            **{name: str(port) for name, port in self.ports.items()},
            "RUN_DIR": str(tmp / "run"),
            "DATABASE_URL": f"{server}/kts_cluster_{os.getpid()}",
            "STATIC_ROOT": str(tmp / "static"),
            "WEB_CONCURRENCY": "2",
            # As production runs: not the suite's tests.settings, which pytest-django put in the environment
            # (generations bumped at once instead of on commit, no warming, another SITE_URL).
            "DJANGO_SETTINGS_MODULE": "forum_site.settings",
        }
        self.env.pop("TEST_DATABASE_NAME", None)
        self.env.pop("REDIS_URL", None)

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def script(self, action: str) -> None:
        subprocess.run(["bash", "deploy/local-cluster.sh", action], cwd=ROOT, env=self.env, check=True, timeout=900)

    def manage(self, *args: str, env: dict | None = None) -> str:
        command = [PYTHON, "manage.py", *args]
        env = {**self.env, "REDIS_URL": f"redis://127.0.0.1:{self.ports['REDIS_PORT']}/0", **(env or {})}
        return subprocess.run(
            command, cwd=ROOT, env=env, check=True, timeout=300, capture_output=True, text=True
        ).stdout

    def drop_database(self) -> None:
        server, name = self.env["DATABASE_URL"].rsplit("/", 1)
        subprocess.run(["psql", f"{server}/postgres", "-qc", f'drop database if exists "{name}"'], check=False)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        cluster.script("start")
        cluster.warmed = page_cache_state_once_warmed(cluster)  # before any write starts a new generation
        cluster.manage(
            "createsuperuser", "--noinput", "--username", "chief", "--email", "chief@example.vn",
            env={"DJANGO_SUPERUSER_PASSWORD": "mat-khau-rat-dai-2026"},
        )  # fmt: skip
        cluster.manage(  # a superuser needs a second factor (core/twofactor.py): give them one recovery code
            "shell", "--verbosity", "0", "-c",
            "from django.contrib.auth.models import User; from django_otp.plugins.otp_static.models import "
            "StaticDevice; d = StaticDevice.objects.create(user=User.objects.get(username='chief'), "
            f"name='Mã khôi phục', confirmed=True); d.token_set.create(token='{RECOVERY_CODE}')",
        )  # fmt: skip
        yield cluster
    finally:
        cluster.script("stop")
        cluster.drop_database()


RECOVERY_CODE = "cumthu2026"


def page_cache_state_once_warmed(cluster: Cluster, timeout: float = 120) -> str:
    """The page cache's answer for a page no reader asked for, once `warm_site` has had time to store it. Asked with
    HEAD, which reads the page cache but never stores: the asking cannot fill the cache itself."""
    url = cluster.url("APP2_PORT", "/en/tuyen-bo-tiep-can/")
    deadline, state = time.monotonic() + timeout, ""
    while time.monotonic() < deadline and state != "hit":
        request = urllib.request.Request(url, method="HEAD", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as response:
            state = response.headers["X-Page-Cache"]
        if state != "hit":
            time.sleep(0.5)
    return state


def get(url: str, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Reviewer:
    """Signed in on app server 1 only."""

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = self.url("/quan-tri/login/")
        credentials = {"username": "chief", "password": "mat-khau-rat-dai-2026", "next": "/quan-tri/"}
        self.post(login, credentials, self.token(login))
        second_step = self.url("/quan-tri/hai-buoc/xac-thuc/")
        self.post(second_step, {"token": RECOVERY_CODE}, self.token(second_step))

    def url(self, path: str) -> str:
        return self.cluster.url("APP1_PORT", path)

    def token(self, url: str) -> str:
        with self.opener.open(url, timeout=30) as response:
            return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)

    def post(self, url: str, data: dict, token: str) -> None:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        with self.opener.open(urllib.request.Request(url, data=body), timeout=30) as response:
            response.read()

    def move(self, step: str) -> None:
        task_id, lock_version = self.cluster.manage(
            "shell", "--verbosity", "0", "-c",
            "from resolutions.models import Task; t = Task.objects.get(document__key='4-tb-vpcp', number=5); "
            "print(t.pk, t.lock_version)",
        ).split()[-2:]  # fmt: skip
        change = self.url(f"/quan-tri/resolutions/task/{task_id}/change/")
        action = self.url(f"/quan-tri/resolutions/task/{task_id}/quy-trinh/{step}/")
        self.post(action, {"seen_lock_version": lock_version, "note": "Kiểm thử cụm máy chủ"}, self.token(change))


def test_publishing_through_one_server_is_seen_at_once_through_the_other_and_through_nginx(cluster):
    readers = [cluster.url("APP2_PORT", TASK), cluster.url("NGINX_PORT", TASK)]
    for url in readers:
        assert get(url) == 200 and get(url) == 200  # cached now, in the app and in nginx
    reviewer = Reviewer(cluster)
    samples: list[tuple[float, float, int, str]] = []
    stop = threading.Event()

    def read_continuously(url: str) -> None:
        while not stop.is_set():
            started = time.monotonic()
            status = get(url, {"Accept-Encoding": "gzip"})
            samples.append((started, time.monotonic(), status, url))

    threads = [threading.Thread(target=read_continuously, args=(url,)) for url in readers]
    for thread in threads:
        thread.start()
    writes: list[tuple[float, float, int]] = []
    try:
        for step, expected in [("go-xuat-ban", 410), ("xuat-ban", 200)] * 3:
            started = time.monotonic()
            reviewer.move(step)
            writes.append((started, time.monotonic(), expected))
            for url in readers:  # right after the write returned
                assert get(url) == expected, (step, url)
            time.sleep(0.3)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    stale = []
    for started, ended, status, url in samples:
        done = [w for w in writes if w[1] < started]
        running = [w for w in writes if w[0] < ended and w[1] > started]
        if done and not running and status != done[-1][2]:
            stale.append((url, status, done[-1][2]))
    assert len(samples) > 20
    assert stale == []
    # After the last publish, a process of its own renders every other page of the sitemap (core/warming.py): a
    # page no reader asked for since is a hit.
    assert page_cache_state_once_warmed(cluster) == "hit"


def test_login_limits_are_shared_by_every_app_server(cluster):
    def attempt(port: str, username: str) -> int:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        url = cluster.url(port, "/quan-tri/login/")
        with opener.open(url, timeout=30) as response:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
        data = urllib.parse.urlencode({"username": username, "password": "sai", "csrfmiddlewaretoken": token})
        request = urllib.request.Request(url, data=data.encode(), headers={"X-Forwarded-For": "203.0.113.77"})
        try:
            with opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    for n in range(20):  # 20 usernames, one guess each, alternating between the two app servers
        assert attempt("APP1_PORT" if n % 2 else "APP2_PORT", f"khach-{n}") == 200
    assert attempt("APP1_PORT", "chief") == 429
    assert attempt("APP2_PORT", "chief") == 429


def test_a_started_app_server_renders_the_sitemap_into_the_cache_before_its_readers(cluster):
    """gunicorn's when_ready runs `warm_site` (deploy/gunicorn.conf.py): read before any write (the fixture)."""
    assert cluster.warmed == "hit"
