"""/healthz (the process answers) and /readyz (the database and the shared cache answer), for a load balancer.

Both are private (never cached anywhere) and cheap: no template, no session."""

import json
import time

from django.db import connection
from django.http import HttpResponse

from core.caching import RETRY_AFTER, private, shared_cache
from core.database import deadline


@private
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def _check(probe) -> str:
    try:
        probe()
    except Exception as error:  # any failure is "not ready", with its kind for the operator
        return f"error: {type(error).__name__}"
    return "ok"


def _database() -> None:
    with deadline(), connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache = shared_cache()
    token = str(time.time_ns())
    cache.set("readyz", token, timeout=10)
    if cache.get("readyz") != token:
        raise RuntimeError("cache did not keep a value")


@private
def readyz(request):
    checks = {"database": _check(_database), "cache": _check(_cache)}
    ready = all(value == "ok" for value in checks.values())
    response = HttpResponse(json.dumps(checks), content_type="application/json", status=200 if ready else 503)
    if not ready:
        response.headers["Retry-After"] = str(RETRY_AFTER)
    return response
