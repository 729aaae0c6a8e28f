"""The site survives its database: a PostgreSQL cluster of the test's own (another port) is stopped, started,
paused with SIGSTOP and resumed under a real gunicorn. Timing goals live in `make bench`; here a generous bound
only proves that nothing waits for the worker timeout (30 s)."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.skips import missing, only_on

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
NO_HANG = 6.0  # seconds: far below gunicorn's 30 s timeout, far above the 1 s client deadline
TIMINGS: dict[str, float] = {}  # written to test-artifacts/database-outage.json for docs/performance.md

# Runs once per CI, in the SQLite pass: it brings its own PostgreSQL cluster.
pytestmark = only_on("sqlite")


@pytest.fixture(scope="module", autouse=True)
def _tools():
    if not shutil.which("pg_createcluster"):
        missing("Debian's postgresql-common (pg_createcluster)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*command, env=None, check=True):
    return subprocess.run(command, env=env, check=check, capture_output=True, text=True, timeout=300)


class Cluster:
    def __init__(self, version: str, name: str, port: int):
        self.version, self.name, self.port = version, name, port

    def ctl(self, action: str, *extra: str):
        run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action, *extra)

    def ready(self) -> bool:
        return run("pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port), check=False).returncode == 0

    def pids(self) -> list[int]:
        data = Path(f"/var/lib/postgresql/{self.version}/{self.name}/postmaster.pid")
        main = int(data.read_text().split()[0])
        children = run("pgrep", "-P", str(main), check=False).stdout.split()
        return [main, *map(int, children)]

    def signal_all(self, sig) -> None:
        for pid in self.pids():
            os.kill(pid, sig)


@pytest.fixture(scope="module")
def cluster():
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    name, port = f"outage{os.getpid()}", free_port()
    run(
        "pg_createcluster", version, name, "-p", str(port), "--", "--auth-host=trust", "--auth-local=trust"
    )  # fmt: skip
    db = Cluster(version, name, port)
    try:
        db.ctl("start")
        for _ in range(50):
            if db.ready():
                break
            time.sleep(0.2)
        run("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-c", "create database app")
        yield db
    finally:
        with contextlib.suppress(OSError, ValueError):
            db.signal_all(signal.SIGCONT)
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "stop", "-m", "immediate", check=False)
        run("pg_dropcluster", version, name, check=False)


@pytest.fixture(scope="module")
def server(cluster, tmp_path_factory):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/app",
        "CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
        "REDIS_URL": "",
        "DEBUG": "false",
        "STATIC_MANIFEST": "false",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "ACCESS_LOG": "",
        "DB_CLIENT_TIMEOUT": "1",
        "WARM_ON_START": "false",  # no background renders while the database is stopped and paused
        "DJANGO_SETTINGS_MODULE": "forum_site.settings",
    }
    env.pop("TEST_DATABASE_NAME", None)
    manage = [str(BIN / "python"), "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    subprocess.run([*manage, "load_forum_content"], cwd=ROOT, env=env, check=True, timeout=300, capture_output=True)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def get(url: str) -> tuple[int, dict, bytes, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=40) as response:
            return response.status, dict(response.headers), response.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(), time.monotonic() - started


def assert_unavailable(server: str, path: str = "/van-ban/4-tb-vpcp/", label: str = "") -> None:
    status, headers, body, elapsed = get(server + path)
    if label:
        TIMINGS[label] = max(TIMINGS.get(label, 0.0), elapsed)
    assert status == 503, (path, status)
    assert int(headers["Retry-After"]) > 0
    assert elapsed < NO_HANG, elapsed
    if path.endswith("/"):
        assert "Cơ sở dữ liệu tạm thời không trả lời" in body.decode()


def wait_until_served(server: str, path: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < NO_HANG:
        if get(server + path)[0] == 200:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{path} not served again within {NO_HANG} s")


def test_database_stopped_then_started(cluster, server):
    assert get(server + "/")[0] == 200  # now in the page cache
    assert get(server + "/readyz")[0] == 200
    cluster.ctl("stop", "-m", "fast")
    try:
        assert_unavailable(server, label="503 after the database stopped (s)")
        status, headers, body, _ = get(server + "/du-lieu/nhiem-vu.json")
        assert (status, headers["Content-Type"].split(";")[0]) == (503, "application/json")
        assert json.loads(body)["error"] == "database_unavailable"
        status, headers, body, _ = get(server + "/du-lieu/nhiem-vu.csv")
        assert (status, headers["Content-Type"].split(";")[0]) == (503, "text/csv")
        status, headers, body, _ = get(server + "/du-lieu/nhiem-vu.ics")
        assert (status, headers["Content-Type"].split(";")[0]) == (503, "text/calendar")
        assert body.startswith(b"BEGIN:VCALENDAR")
        status, headers, _, _ = get(server + "/")
        assert (status, headers["X-Page-Cache"]) == (200, "hit")  # cached pages keep being served
        assert get(server + "/healthz")[0] == 200
        assert get(server + "/readyz")[0] == 503
    finally:
        cluster.ctl("start")
    TIMINGS["served again after the database started (s)"] = wait_until_served(server, "/van-ban/4-tb-vpcp/nhiem-vu/1/")
    assert get(server + "/readyz")[0] == 200


def test_database_hung_then_resumed(cluster, server):
    assert get(server + "/")[0] == 200
    assert get(server + "/van-ban/4-tb-vpcp/nhiem-vu/2/")[0] == 200  # workers hold open connections
    cluster.signal_all(signal.SIGSTOP)
    try:
        for _ in range(3):  # held connections and new ones alike
            assert_unavailable(server, "/nhiem-vu/?loai=khong-co", label="503 with the database hung (s)")
        status, headers, _, elapsed = get(server + "/")
        assert (status, headers["X-Page-Cache"]) == (200, "hit")
        assert elapsed < 1
        TIMINGS["cached page with the database hung (s)"] = elapsed
        assert get(server + "/static/css/site.css")[0] == 200
        status, _, _, elapsed = get(server + "/readyz")
        assert status == 503 and elapsed < NO_HANG
    finally:
        cluster.signal_all(signal.SIGCONT)
    TIMINGS["served again after the database resumed (s)"] = wait_until_served(server, "/van-ban/4-tb-vpcp/nhiem-vu/3/")
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "database-outage.json").write_text(json.dumps(TIMINGS, indent=1))
