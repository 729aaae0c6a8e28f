"""HTTP benchmark on loopback: wrk against the local cluster (deploy/local-cluster.sh: nginx → two gunicorn app
servers, one PostgreSQL, one Redis) — comparators, pages cached / uncached / 304, direct and through nginx —
then a soak with a publish every 10 s (errors, stale reads, resident memory of the app servers).

    python -m forum_site.bench.http [--seconds 10] [--runs 3] [--soak 600] [--connections 16]

"uncached" requests carry a session cookie, which every cache passes by (the cost of one session lookup included:
a signed-in editor's page); "miss" requests are anonymous with a query parameter never asked before, so they miss
the page cache and use the fragments (the first reader after a publish that left those blocks alone).
Every request goes to 127.0.0.1, bounded by wrk's duration.
"""

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORTS = {"NGINX_PORT": 8180, "APP1_PORT": 8181, "APP2_PORT": 8182, "REDIS_PORT": 6381}
RUN_DIR = Path("/tmp/kts-bench")
DATABASE = "kts_bench"
COMPARATORS = [("bare view", "/robots.txt"), ("static CSS file", "/static/css/site.css")]
PAGES = [
    ("home", "/"),
    ("edition", "/dien-dan/2025/"),
    ("document", "/van-ban/4-tb-vpcp/"),
    ("task", "/van-ban/4-tb-vpcp/nhiem-vu/1/"),
    ("tracker, filtered (overdue)", "/nhiem-vu/?thoi_han=qua_han"),
    ("search", "/tim-kiem/?q=chuyen+doi+so"),
]
GZIP = {"Accept-Encoding": "gzip"}
UNCACHED = {**GZIP, "Cookie": "sessionid=bench-uncached"}
SOAK_TASK = "/van-ban/4-tb-vpcp/nhiem-vu/1/"


def environment() -> dict:
    server = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
    return {
        **os.environ,
        **{name: str(port) for name, port in PORTS.items()},
        "RUN_DIR": str(RUN_DIR),
        "DATABASE_URL": f"{server}/{DATABASE}",
        "STATIC_ROOT": str(RUN_DIR / "static"),
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    }


def url(target: str, path: str) -> str:
    port = PORTS["NGINX_PORT"] if target == "nginx" else PORTS["APP1_PORT"]
    return f"http://127.0.0.1:{port}{path}"


def fetch(address: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(address, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(address: str, headers: dict, seconds: float, connections: int, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, address], check=True, capture_output=True, text=True).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    errors += int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1])
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1]),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1]),
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "errors": errors,
    }


def miss_script(path: str) -> Path:
    """A wrk script asking for `path` with a query parameter never asked before: every request misses the page
    cache (and nginx's) as an anonymous reader — what the first reader after a publish gets, with the fragments of
    the blocks the publish did not touch."""
    script = RUN_DIR / "miss.lua"
    separator = "&" if "?" in path else "?"
    script.write_text(
        "local counter = 0\n"
        "function setup(thread) counter = counter + 1; thread:set('id', counter) end\n"
        "local n = 0\n"
        "request = function()\n  n = n + 1\n"
        f'  return wrk.format("GET", "{path}{separator}lan=" .. id .. "-" .. n, {{["Accept-Encoding"] = "gzip"}})\n'
        "end\n"
    )
    return script


def measure(address: str, headers: dict, args, script: Path | None = None) -> dict:
    runs = [wrk(address, headers, args.seconds, args.connections, script) for _ in range(args.runs)]
    best = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]  # the median run
    return {**best, "errors": sum(r["errors"] for r in runs)}


def same_size_static(target_path: str) -> str:
    """A static copy of a page's gzip-compressed bytes (served by nginx with gzip_static), for "nginx serving a
    static file of the same size"."""
    _status, _headers, body = fetch(url("app", target_path), GZIP)
    static = RUN_DIR / "static" / "bench"
    static.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", target_path).strip("-") or "home"
    (static / f"{name}.html").write_bytes(gzip.decompress(body))
    (static / f"{name}.html.gz").write_bytes(body)
    return f"/static/bench/{name}.html"


def paired(address: str, static_address: str, args) -> dict:
    """The cached page and its same-size static file, alternated run by run (so that a slower minute on this
    shared machine slows both): the run with the median ratio, and every ratio."""
    pairs = []
    for _ in range(args.runs):
        static = wrk(static_address, GZIP, args.seconds, args.connections)
        page = wrk(address, GZIP, args.seconds, args.connections)
        pairs.append((page["rps"] / static["rps"], page, static))
    pairs.sort(key=lambda pair: pair[0])
    _ratio, page, static = pairs[len(pairs) // 2]
    errors = sum(pair[1]["errors"] for pair in pairs)
    return {**page, "errors": errors, "static_rps": static["rps"], "ratios": [pair[0] for pair in pairs]}


def matrix(args) -> list[dict]:
    rows = []
    for target in ("app", "nginx"):
        for name, path in COMPARATORS:
            rows.append(
                {"target": target, "name": name, "path": path, "mode": "-", **measure(url(target, path), GZIP, args)}
            )
        for name, path in PAGES:
            address = url(target, path)
            fetch(address, GZIP)
            _status, headers, _ = fetch(address, GZIP)  # cached now
            etag = headers.get("ETag", "")
            for mode, extra in (("cached", GZIP), ("uncached", UNCACHED), ("304", {**GZIP, "If-None-Match": etag})):
                if target == "nginx" and mode == "cached":
                    result = paired(address, url(target, same_size_static(path)), args)
                else:
                    result = measure(address, extra, args)
                rows.append({"target": target, "name": name, "path": path, "mode": mode, **result})
            if target == "app":
                result = measure(address, GZIP, args, miss_script(path))
                rows.append({"target": target, "name": name, "path": path, "mode": "miss", **result})
    return rows


def rss_kb(pid_file: Path) -> int:
    """Resident memory of a gunicorn master and its workers."""
    master = int(pid_file.read_text())
    pids = [
        master,
        *map(int, subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()),
    ]
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])
    return total


def soak(args) -> dict:
    """wrk through nginx on a mix of pages while a task's title changes every 10 s; after each change both the
    other app server and nginx must show it at once."""
    os.environ.update({k: v for k, v in environment().items() if k in ("DATABASE_URL", "STATIC_ROOT")})
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{PORTS['REDIS_PORT']}/0"
    os.environ["PAGE_CACHE_GENERATION_FILE"] = str(RUN_DIR / "generation")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")
    import django

    django.setup()
    from resolutions.models import Task

    script = RUN_DIR / "mix.lua"
    paths = [path for _name, path in PAGES] + [SOAK_TASK, "/static/css/site.css"]
    script.write_text(
        "local paths = {" + ", ".join(f'"{p}"' for p in paths) + "}\n"
        "local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip"})\nend\n'
    )
    for _ in range(3):
        for path in paths:
            fetch(url("nginx", path), GZIP)
    rss_before = {name: rss_kb(RUN_DIR / f"{name}.pid") for name in ("app1", "app2")}
    command = [
        "wrk",
        "-t2",
        f"-c{args.connections}",
        f"-d{args.soak}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    load = subprocess.Popen([*command, url("nginx", "/")], stdout=subprocess.PIPE, text=True)
    publishes = stale = 0
    deadline = time.monotonic() + args.soak - 5
    task = Task.objects.get(document__key="4-tb-vpcp", number=1)
    original = task.title
    readers = [f"http://127.0.0.1:{PORTS['APP2_PORT']}{SOAK_TASK}", url("nginx", SOAK_TASK)]
    try:
        while time.monotonic() < deadline:
            time.sleep(10)
            publishes += 1
            marker = f"Soak {publishes}"
            task.title = f"{original} ({marker})"
            task.save()
            for reader in readers:
                status, _headers, body = fetch(reader, GZIP)
                if status != 200 or marker not in _decode(body):
                    stale += 1
    finally:
        output = load.communicate()[0]
        task.title = original
        task.save()
    rss_after = {name: rss_kb(RUN_DIR / f"{name}.pid") for name in ("app1", "app2")}
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    errors += int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1])
    return {
        "seconds": args.soak,
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1]),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1]),
        "errors": errors,
        "publishes": publishes,
        "stale": stale,
        "rss_before_kb": rss_before,
        "rss_after_kb": rss_after,
    }


def _decode(body: bytes) -> str:
    import gzip

    return (gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body).decode()


def report(rows: list[dict], soaked: dict | None) -> str:
    def find(target, name, mode="-"):
        return next(r for r in rows if r["target"] == target and r["name"] == name and r["mode"] == mode)

    bare = {t: find(t, "bare view") for t in ("app", "nginx")}
    lines = ["| via | page | mode | req/s | p50 ms | p99 ms | ratio | errors |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "static_rps" in r:
            each = ", ".join(f"{value:.2f}" for value in r["ratios"])
            ratio = f"{r['rps'] / r['static_rps']:.2f} of same-size static ({r['static_rps']:,.0f} req/s; runs: {each})"
        else:
            ratio = f"{r['rps'] / bare[r['target']]['rps']:.2f} of bare view"
        lines.append(
            f"| {r['target']} | {r['name']} `{r['path']}` | {r['mode']} | {r['rps']:,.0f} | {r['p50']:.2f} | "
            f"{r['p99']:.2f} | {ratio} | {r['errors']} |"
        )
    if soaked:
        growth = {
            name: (soaked["rss_after_kb"][name] - soaked["rss_before_kb"][name]) / soaked["rss_before_kb"][name]
            for name in soaked["rss_before_kb"]
        }
        lines += [
            "",
            f"Soak through nginx, {soaked['seconds']} s at {soaked['requests'] / soaked['seconds']:,.0f} req/s "
            f"({soaked['requests']:,} requests, p50 {soaked['p50']:.2f} ms, p99 {soaked['p99']:.2f} ms): "
            f"{soaked['errors']} errors, {soaked['publishes']} publishes, {soaked['stale']} stale reads; resident "
            "memory of the app servers "
            + ", ".join(
                f"{name} {soaked['rss_before_kb'][name] / 1024:.0f} → {soaked['rss_after_kb'][name] / 1024:.0f} MB "
                f"({growth[name]:+.1%})"
                for name in growth
            )
            + ".",
        ]
    return "\n".join(lines)


def wait_for_start_warming(timeout: float = 300) -> None:
    """The app servers render every page once they are ready (`warm_site`, deploy/gunicorn.conf.py): measure after,
    or the comparators would share the cores with it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if subprocess.run(["pgrep", "-f", "manage.py warm_site"], capture_output=True).returncode != 0:
            return
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--soak", type=int, default=600, help="seconds; 0 skips the soak")
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["bash", "-c", "apt-get update -qq && apt-get install -y -qq wrk >/dev/null"], check=True)
    env = environment()
    subprocess.run(["bash", "deploy/local-cluster.sh", "start"], cwd=ROOT, env=env, check=True)
    try:
        wait_for_start_warming()
        rows = matrix(args)
        soaked = soak(args) if args.soak else None
    finally:
        if not args.keep:
            subprocess.run(["bash", "deploy/local-cluster.sh", "stop"], cwd=ROOT, env=env, check=False)
    print(report(rows, soaked))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
