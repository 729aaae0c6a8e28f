"""`make bench-search`: search latency on 100,000 generated Vietnamese records, on SQLite and PostgreSQL.

    python -m forum_site.bench.search [--records 100000] [--runs 30] [--engine sqlite|postgresql]

Without --engine each engine runs in its own process (Django's settings are per process): SQLite in a
scratch file under /tmp, PostgreSQL in a database `bench_search` created and dropped on 127.0.0.1:5432 as
user postgres (skipped when not reachable; BENCH_PG_URL overrides the server). Each process migrates,
generates the records (forum_site/bench/data.py), builds the index (timed), then runs every query of a
fixed set — the whole search a results page makes: counts, facets, top 20 with highlighted snippets — and
reports p50/p95. Figures go in docs/search.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SQLITE_PATH = Path("/tmp/bench_search.sqlite3")
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "bench_search"

# Selective queries: a handful to a few hundred matches each (the goal: p95 under 30 ms on PostgreSQL).
SELECTIVE = [
    ("with diacritics", "Xây dựng cơ sở dữ liệu đất đai Quảng Ninh"),
    ("without diacritics", "xay dung co so du lieu dat dai quang ninh"),
    ("being typed (prefix)", "xay dung co so du lieu dat dai quang n"),
    ("name", "Phạm Minh Chính"),
    ("name without diacritics", "pham minh chinh"),
    ("document number", "123/TB-VPCP"),
    ("document number, other form", "tb-vpcp 456"),
    ("phrases", '"hồ sơ sức khỏe điện tử" "Thái Nguyên"'),
    ("words", "học bạ số Lào Cai"),
]
# Broader: more matches than are counted (COUNT_CAP), and a term present in most records. The caps keep the
# cost bounded; reported separately.
COMMON = [
    ("abbreviation and common words", "KH&CN định danh điện tử"),
    ("common term", "phát triển"),
    ("common term without diacritics", "phat trien"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _prepare_database(engine: str) -> None:
    if engine == "sqlite":
        SQLITE_PATH.unlink(missing_ok=True)
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(SQLITE_PATH)
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"


def _drop_database(engine: str) -> None:
    if engine == "sqlite":
        SQLITE_PATH.unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def _time_queries(queries, runs: int) -> dict:
    from search.engines import Filters
    from search.query import parse
    from search.results import run_search

    every, per_query = [], {}
    for label, text in queries:
        result = run_search(parse(text), Filters(), 1)  # warm-up
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            run_search(parse(text), Filters(), 1)
            timings.append((time.perf_counter() - started) * 1000)
        every += timings
        per_query[label] = {
            "query": text,
            "matches": result.summary.total,
            "capped": result.summary.capped,
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2),
        }
    return {"p50_ms": round(statistics.median(every), 2), "p95_ms": round(percentile(every, 0.95), 2), **per_query}


def run_engine(engine: str, records: int, runs: int) -> dict:
    _prepare_database(engine)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from forum_site.bench.data import generate
    from search import index, schema
    from search.models import SearchEntry

    try:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        counts = generate(records)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        index.rebuild()
        with connection.cursor() as cursor:  # what an operator runs after a bulk load
            if engine == "sqlite":
                cursor.execute(f"INSERT INTO {schema.FTS}({schema.FTS}) VALUES ('optimize')")
                cursor.execute("ANALYZE")
            else:
                cursor.execute("VACUUM ANALYZE")
        built = time.perf_counter() - started
        return {
            "engine": engine,
            "database": connection.vendor,
            "records": sum(counts.values()),
            "entries": SearchEntry.objects.count(),
            "counts": counts,
            "generate_s": round(generated, 1),
            "index_build_s": round(built, 1),
            "selective": _time_queries(SELECTIVE, runs),
            "common": _time_queries(COMMON, runs),
        }
    finally:
        connection.close()
        _drop_database(engine)


def _postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def _table(results: list[dict]) -> str:
    lines = [
        "| engine | records | index build | selective p50 | selective p95 | broad p50 | broad p95 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s, c = r["selective"], r["common"]
        lines.append(
            f"| {r['engine']} | {r['records']:,} | {r['index_build_s']} s | {s['p50_ms']} ms | {s['p95_ms']} ms "
            f"| {c['p50_ms']} ms | {c['p95_ms']} ms |"
        )
    lines += ["", "| query | " + " | ".join(f"{r['engine']} matches, p50 / p95" for r in results) + " |"]
    lines.append("|---|" + "---:|" * len(results))
    for label, _ in SELECTIVE + COMMON:
        cells = []
        for r in results:
            q = r["selective"].get(label) or r["common"][label]
            more = "+" if q["capped"] else ""
            cells.append(f"{q['matches']:,}{more}: {q['p50_ms']} / {q['p95_ms']} ms")
        query = (r["selective"].get(label) or r["common"][label])["query"].replace("|", "\\|")
        lines.append(f"| {label}: `{query}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"])
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(run_engine(args.engine, args.records, args.runs)))
        return
    engines = ["sqlite"] + (["postgresql"] if _postgres_reachable() else [])
    if "postgresql" not in engines:
        print(f"PostgreSQL at {PG_SERVER} not reachable: SQLite only.", file=sys.stderr)
    results = []
    for engine in engines:
        print(f"… {engine}: {args.records:,} records", file=sys.stderr, flush=True)
        command = [sys.executable, "-m", "forum_site.bench.search", "--engine", engine]
        command += ["--records", str(args.records), "--runs", str(args.runs)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(json.dumps(results, indent=2, ensure_ascii=False) if args.json else _table(results))


if __name__ == "__main__":
    main()
