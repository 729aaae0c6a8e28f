"""In-process render time of uncached pages (SQLite), at the real content's size and with generated content at
10x and 100x: the heaviest pages, the tracker with filters, search; and the first request after a publish.

    python -m forum_site.bench.pages [--runs 30] [--scales 1,10,100]

Each scale gets a fresh SQLite database and cache folder in /tmp (migrate, the forum's content, generated records,
the search index). Times are medians of `--runs` requests through the whole middleware stack with the page cache
off: "uncached" with the fragments a previous reader left (core/fragments.py: what a page-cache miss costs between
writes to the apps a block shows), "cold" with no fragment cache at all (after a write to every app, or a new
release). "After publish": a cached page, one write committed, then the same page again (both caches on) — a task
saved (the `resolutions` app), and an edition saved (the `editions` app, which every block of the page shows).
"""

import argparse
import os
import shutil
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

DB = Path("/tmp/bench_pages.sqlite3")
CACHE_DIR = Path("/tmp/bench_pages_cache")  # never the development server's cache: other data, same keys
# Generated tasks on top of the real content (13 tasks): 10x → 1,000, 100x → 10,000, with documents (100 tasks
# each, one in ten attached to the 2025 edition), organisations and people in proportion.
GENERATED = {1: 0, 10: 1_000, 100: 10_000}
PAGES = [
    ("/", "home"),
    ("/dien-dan/2025/", "edition 2025"),
    ("/van-ban/4-tb-vpcp/", "document 4/TB-VPCP"),
    ("/van-ban/4-tb-vpcp/nhiem-vu/1/", "task page"),
    ("/nhiem-vu/", "tracker"),
    ("/nhiem-vu/?thoi_han=qua_han", "tracker, filtered (overdue)"),
    ("/tim-kiem/?q=chuyen+doi+so", "search"),
    ("/robots.txt", "bare view (robots.txt)"),
]


def _setup(scale: int) -> None:
    DB.unlink(missing_ok=True)
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.update(
        SQLITE_PATH=str(DB), CACHE_DIR=str(CACHE_DIR), PAGE_CACHE="false", STATIC_MANIFEST="false", DEBUG="false"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_forum_content", stdout=StringIO())
    if GENERATED[scale]:
        grow(GENERATED[scale])
        call_command("rebuild_search_index", stdout=StringIO())


def grow(tasks: int) -> None:
    """Published documents, tasks, organisations and people around the real content (bulk writes, no signals)."""
    import random

    from core.publishing import Status
    from editions.models import Edition, Organisation, Person
    from resolutions.models import DeadlineKind, Document, Task

    rng, published = random.Random(2025), Status.PUBLISHED
    edition = Edition.objects.get(series__kind="main", year=2025)
    organisations = Organisation.objects.bulk_create(
        [Organisation(name=f"Cơ quan thử {n}", slug=f"co-quan-thu-{n}", status=published) for n in range(tasks // 50)]
    )
    organisations += list(Organisation.objects.filter(status=published))
    Person.objects.bulk_create(
        [Person(name=f"Người thử {n}", slug=f"nguoi-thu-{n}", status=published) for n in range(tasks // 20)]
    )
    documents = Document.objects.bulk_create(
        [
            Document(
                key=f"{n}-tb-thu",
                number=f"{n}/TB-THU",
                doc_type="Thông báo",
                title=f"Thông báo kết luận thử số {n} về chuyển đổi số",
                subject=f"Kết luận thử {n}",
                issuer=rng.choice(organisations),
                edition=edition if n % 10 == 0 else None,
                status=published,
            )
            for n in range(1, tasks // 100 + 1)
        ]
    )
    Task.objects.bulk_create(
        [
            Task(
                document=document,
                number=number,
                title=f"Nhiệm vụ thử {number} của văn bản {document.key}: phát triển kinh tế số",
                summary="Nội dung nhiệm vụ thử để đo thời gian hiển thị.",
                lead=rng.choice(organisations),
                deadline_kind=DeadlineKind.NONE,
                status=published,
            )
            for document in documents
            for number in range(1, 101)
        ],
        batch_size=2000,
    )


def _time(client, path: str, runs: int) -> tuple[float, int, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm: templates compiled, translations loaded, fragments stored
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(times), len(queries), response.status_code, len(response.content)


def _measure(runs: int) -> list[dict]:
    from django.conf import settings
    from django.test import Client

    client = Client()
    rows = []
    for path, name in PAGES:
        settings.FRAGMENT_CACHE = True
        median, queries, status, size = _time(client, path, runs)
        settings.FRAGMENT_CACHE = False
        cold, cold_queries, _status, _size = _time(client, path, runs)
        settings.FRAGMENT_CACHE = True
        rows.append(
            {
                "path": path,
                "name": name,
                "status": status,
                "median_ms": median,
                "queries": queries,
                "cold_ms": cold,
                "cold_queries": cold_queries,
                "bytes": size,
            }
        )
    return rows


def _after_publish(runs: int, warm: bool) -> dict:
    """The first request after a committed write, against a cached render of the same page (both caches on); with
    `warm`, the write renders the pages it changed into the cache when it commits (core/warming.py), and how long
    the write itself took is reported."""
    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    from core.warming import enable_warming
    from editions.models import Edition
    from resolutions.models import StatusUpdate, Task, TaskStatus

    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    settings.WARM_SITE_ON_WRITE = False  # the background round: `_after_site_warming`
    enable_warming(warm)  # as a web process does (forum_site/wsgi.py), or not
    client = Client()
    task = Task.objects.get(document__key="4-tb-vpcp", number=1)
    edition = Edition.objects.get(series__kind="main", year=2025)

    def status_update():
        StatusUpdate.objects.create(task=task, status=TaskStatus.IN_PROGRESS, note="Cập nhật để đo.")

    scenarios = [
        ("edition page, a task saved", "/dien-dan/2025/", task.save),
        ("edition page, the edition saved", "/dien-dan/2025/", edition.save),
        ("document page, a status update", "/van-ban/4-tb-vpcp/", status_update),
        ("task page, a status update", task.get_absolute_url(), status_update),
        # Not warmed by that write: the long tail of task pages (the body is keyed on its own task).
        (
            "another task's page, a status update",
            Task.objects.get(document=task.document, number=2).get_absolute_url(),
            status_update,
        ),
    ]
    result = []
    for name, path, write in scenarios:
        firsts, cached, writes = [], [], []
        for _ in range(runs):
            client.get(path, HTTP_ACCEPT_ENCODING="gzip")
            started = time.perf_counter()
            client.get(path, HTTP_ACCEPT_ENCODING="gzip")
            cached.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with transaction.atomic():  # one transaction, as the admin and the services write
                write()  # the generations are bumped (and the pages warmed) when it commits
            writes.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            client.get(path, HTTP_ACCEPT_ENCODING="gzip")
            firsts.append((time.perf_counter() - started) * 1000)
        result.append(
            {
                "name": name,
                "path": path,
                "first_ms": statistics.median(firsts),
                "cached_ms": statistics.median(cached),
                "write_ms": statistics.median(writes),
            }
        )
    settings.PAGE_CACHE = False
    enable_warming(False)
    return result


def _after_site_warming(runs: int) -> list[dict]:
    """A write, then the background round that renders every page of the sitemap again (core/warming.py): how long
    the round takes, and the first request afterwards to pages the write's own warming does not render."""
    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    from core.warming import enable_warming, wait_for_site_warming
    from editions.models import Organisation
    from resolutions.models import StatusUpdate, Task, TaskStatus

    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = settings.WARM_SITE_ON_WRITE = True
    os.environ["PAGE_CACHE"] = "true"  # the round's process reads its settings from this environment
    enable_warming(True)
    client = Client()
    task = Task.objects.filter(document__key="4-tb-vpcp", lead__isnull=False).select_related("lead").first()
    other = Task.objects.filter(document=task.document).exclude(pk=task.pk).first().get_absolute_url()
    lead = task.lead

    def status_update():
        StatusUpdate.objects.create(task=task, status=TaskStatus.IN_PROGRESS, note="Cập nhật để đo.")

    scenarios = [
        ("a status update", status_update, [other, lead.get_absolute_url(), "/co-quan/"]),
        # The `editions` app: every block that names an organisation is rendered again.
        ("an organisation saved", Organisation.objects.get(pk=lead.pk).save, [other, "/van-ban/4-tb-vpcp/"]),
    ]
    result = []
    for name, write, paths in scenarios:
        rounds, firsts = [], []
        for _ in range(max(3, runs // 3)):
            started = time.perf_counter()
            with transaction.atomic():
                write()
            wait_for_site_warming()
            rounds.append(time.perf_counter() - started)
            for path in paths:
                started = time.perf_counter()
                client.get(path, HTTP_ACCEPT_ENCODING="gzip")
                firsts.append((time.perf_counter() - started) * 1000)
        result.append(
            {"name": name, "round_s": statistics.median(rounds), "first_ms": statistics.median(firsts), "paths": paths}
        )
    settings.PAGE_CACHE = False
    os.environ["PAGE_CACHE"] = "false"
    enable_warming(False)
    return result


def run_scale(scale: int, runs: int) -> dict:
    _setup(scale)
    result = {"scale": scale, "pages": _measure(runs)}
    if scale == 1:
        result["after_publish"] = _after_publish(runs, warm=False)
        result["after_publish_warmed"] = _after_publish(runs, warm=True)
        result["after_site_warming"] = _after_site_warming(runs)
    from resolutions.models import Task

    result["tasks"] = Task.objects.count()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--scale", type=int, help=argparse.SUPPRESS)  # one scale in this process
    args = parser.parse_args()
    if args.scale:
        import json

        print(json.dumps(run_scale(args.scale, args.runs)))
        return
    import json
    import subprocess

    results = []
    for scale in [int(s) for s in args.scales.split(",")]:
        command = [sys.executable, "-m", "forum_site.bench.pages", "--scale", str(scale), "--runs", str(args.runs)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    DB.unlink(missing_ok=True)
    print(table(results))


def table(results: list[dict]) -> str:
    scales = [r["scale"] for r in results]
    lines = [
        "In-process, one request at a time, SQLite, page cache off; median ms / queries, uncached (fragments"
        " stored by an earlier reader) · cold (no fragment cache):",
        "",
        "| page | " + " | ".join(f"{s}× ({r['tasks']} tasks)" for s, r in zip(scales, results, strict=True)) + " |",
        "|---|" + "---|" * len(results),
    ]
    for index, (path, name) in enumerate(PAGES):
        cells = []
        for result in results:
            row = result["pages"][index]
            cells.append(
                f"{row['median_ms']:.1f} ms / {row['queries']} q · {row['cold_ms']:.1f} ms / {row['cold_queries']} q"
            )
        lines.append(f"| {name} `{path}` | " + " | ".join(cells) + " |")
    first = results[0]
    if "after_publish" in first:
        by_path = {row["path"]: row for row in first["pages"]}
        lines += [
            "",
            f"First request after a write, {first['scale']}× (both caches on; median ms; the write's own time when"
            " it renders the pages it changed into the cache, core/warming.py):",
            "",
            "| page, write | from the page cache | first after the write | the same, pages warmed on commit |"
            " the write, warming | uncached | cold |",
            "|---|---|---|---|---|---|---|",
        ]
        for row, warmed in zip(first["after_publish"], first["after_publish_warmed"], strict=True):
            page = by_path.get(row["path"]) or by_path["/van-ban/4-tb-vpcp/nhiem-vu/1/"]
            lines.append(
                f"| {row['name']} | {row['cached_ms']:.2f} | {row['first_ms']:.1f} | {warmed['first_ms']:.2f} |"
                f" {warmed['write_ms']:.0f} | {page['median_ms']:.1f} | {page['cold_ms']:.1f} |"
            )
    if "after_site_warming" in first:
        lines += [
            "",
            "Then every page of the sitemap rendered again in the background (core/warming.py): the write and the"
            " round (median s), and the first request afterwards to pages the write's own warming does not render"
            " (median ms):",
            "",
            "| write | write + background round | first request after it | pages |",
            "|---|---|---|---|",
        ]
        for row in first["after_site_warming"]:
            pages = ", ".join(f"`{path}`" for path in row["paths"])
            lines.append(f"| {row['name']} | {row['round_s']:.2f} s | {row['first_ms']:.2f} ms | {pages} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
