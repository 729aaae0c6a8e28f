"""Surviving the database: a client-side deadline on every round trip, and a 503 instead of a 500 or a hang.

- PostgreSQL runs through `core.db.postgresql` (Django's backend plus the deadline): connecting, each query, the
  health check, commit and rollback wait at most `DB_CLIENT_TIMEOUT` seconds in a web process — a server that is
  down answers at once, a server that hangs (stopped, overloaded, network gone) would otherwise hold the worker
  until gunicorn kills it. The deadline is a SIGALRM timer, armed only in the main thread of a web process
  (`enable_client_deadline()` in `forum_site/wsgi.py`), never in management commands. The server side has its own
  `statement_timeout`, SQLite its lock `timeout` (settings).
- A database that cannot be reached or does not answer (OperationalError, InterfaceError) reaching the 500 handler
  becomes `unavailable_response()`: 503 with `Retry-After`, a
  static Vietnamese page — or JSON, CSV, iCalendar or XML for the open-data endpoints — stored by nobody.
  Cached pages are served before the database is touched (`core.pagecache`), so they keep being served.
"""

import json
import signal
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.signals import request_started
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse

from core.caching import RETRY_AFTER

MESSAGE_VI = "Cơ sở dữ liệu tạm thời không trả lời. Xin thử lại sau ít phút."
MESSAGE_EN = "The database is not answering for the moment. Please try again in a few minutes."


class DatabaseTimeout(OperationalError):
    """The database did not answer within DB_CLIENT_TIMEOUT seconds."""


_state = threading.local()
_enabled = False


def enable_client_deadline() -> None:
    global _enabled
    _enabled = True
    request_started.connect(_new_request, dispatch_uid="core.database.new_request")


def _new_request(**kwargs) -> None:
    _state.failed = False


def client_timeout() -> float:
    return float(getattr(settings, "DB_CLIENT_TIMEOUT", 0) or 0)


def _expire(signum, frame):
    if getattr(_state, "armed", False):
        _state.armed = False
        _state.failed = True
        raise DatabaseTimeout(f"no answer from the database within {client_timeout()} s")


@contextmanager
def deadline(seconds: float | None = None):
    """Raise DatabaseTimeout if the block takes longer than `seconds` (web processes, main thread only)."""
    seconds = client_timeout() if seconds is None else seconds
    if _enabled and getattr(_state, "failed", False):
        # One wait per request: after a timeout (say the health check), reconnecting would only wait again.
        raise DatabaseTimeout("the database did not answer earlier in this request")
    if (
        not _enabled
        or seconds <= 0
        or getattr(_state, "armed", False)  # nested: the outer deadline holds
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    _state.armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _state.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- 503 ---------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _static_page() -> bytes:
    return (Path(settings.BASE_DIR) / "templates" / "503.html").read_bytes()


def _calendar() -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kho tri thuc Dien dan Kinh te so//503//VI",
        f"X-WR-CALDESC:{MESSAGE_VI}",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def unavailable_response(request) -> HttpResponse:
    """503 in the format the client asked for by the URL."""
    path = request.path
    if path.endswith(".json"):
        body = json.dumps({"error": "database_unavailable", "message": MESSAGE_VI, "retry_after": RETRY_AFTER})
        response = HttpResponse(body, content_type="application/json; charset=utf-8", status=503)
    elif path.endswith(".csv"):
        response = HttpResponse(f"loi\r\n{MESSAGE_VI}\r\n", content_type="text/csv; charset=utf-8", status=503)
    elif path.endswith(".ics"):
        response = HttpResponse(_calendar(), content_type="text/calendar; charset=utf-8", status=503)
    elif path.endswith(".xml"):
        body = f'<?xml version="1.0" encoding="utf-8"?>\n<error lang="vi">{MESSAGE_VI}</error>\n'
        response = HttpResponse(body, content_type="application/xml; charset=utf-8", status=503)
    elif path.endswith((".bib", ".ris", ".txt")):
        response = HttpResponse(MESSAGE_VI + "\n", content_type="text/plain; charset=utf-8", status=503)
    else:
        response = HttpResponse(_static_page(), content_type="text/html; charset=utf-8", status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER)
    response.headers["Cache-Control"] = "no-store"
    return response


def is_database_error(error: BaseException | None) -> bool:
    """The database cannot be reached or does not answer (not a bug such as an integrity or programming error)."""
    return isinstance(error, (OperationalError, InterfaceError))
