"""Pages rendered into the page cache when a write commits, so that the first reader after a publish gets a cached page.

A publish makes every cached page unreachable (the content generation), and the blocks that show what changed
(core/fragments.py) are rendered again by the next reader: on the day a conclusion makes the news, the first
readers of the task's page would each wait for a cold render. Instead, the transaction that wrote the rows renders
the pages that show them — each written object's page and its `PUBLIC_PARENTS`' and `SHOWN_ON` relations' pages (a
status update: its task, its document and the document's edition), and `PAGES_WARMED_ON_WRITE` (the home page, the
tracker) — in both languages, as an anonymous reader whose browser accepts gzip, right after the commit and after
the generations are bumped, in web processes only (`enable_warming()` in forum_site/wsgi.py). The editor's request pays
for it (a few renders); readers get the page from the cache.

Only public objects are warmed (a draft has no public page); a transaction that writes more than `WARM_OBJECTS_KEPT`
things (the content loader) warms the fixed pages only. `WARM_ON_WRITE=false` turns it off (the test suite does: its
writes never commit). A page that fails to render is logged and skipped: the write is done.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.utils import translation
from django.utils.module_loading import import_string

from core.caching import WARM_OBJECTS_KEPT, generation, shared_cache
from core.publishing import is_public

logger = logging.getLogger(__name__)

_handler: BaseHandler | None = None
_enabled = False  # web processes only (forum_site/wsgi.py): a management command has no reader to warm pages for


def enable_warming(enabled: bool = True) -> None:
    global _enabled
    _enabled = enabled


def _objects_and_parents(objects) -> list:
    seen, found = set(), []
    pending = list(objects)
    while pending:
        obj = pending.pop(0)
        if obj is None or obj.pk is None or (type(obj), obj.pk) in seen:
            continue
        key = (type(obj), obj.pk)
        seen.add(key)
        found.append(obj)
        related = (*getattr(obj, "PUBLIC_PARENTS", ()), *getattr(obj, "SHOWN_ON", ()))
        pending.extend(getattr(obj, name, None) for name in related)
    return found


def pages_to_warm(objects) -> list[str]:
    """The addresses that show `objects` (public ones, with a page of their own or a parent's), in every language,
    then the pages every write changes."""
    objects = [obj for obj in objects if obj is not None]
    if len(objects) > WARM_OBJECTS_KEPT:  # a bulk load: the pages every write changes
        return list(getattr(settings, "PAGES_WARMED_ON_WRITE", ()))
    paths: list[str] = []
    for obj in _objects_and_parents(objects):
        if not hasattr(obj, "get_absolute_url") or not is_public(obj):
            continue
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                paths.append(obj.get_absolute_url())
    if not paths:  # nothing public was written (an editor's pending draft, a review): no reader sees a change
        return []
    paths += list(getattr(settings, "PAGES_WARMED_ON_WRITE", ()))
    return list(dict.fromkeys(path.split("#")[0] for path in paths))


def _request(path: str) -> WSGIRequest:
    site = urlsplit(settings.SITE_URL)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc,
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": site.scheme or "http",
    }
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header and site.scheme == "https":
        environ[proxy_header[0]] = proxy_header[1]
    return WSGIRequest(environ)


def warm_pages(objects) -> int:
    """Render the pages that show `objects` into the page cache, then the rest of the site in the background; how
    many of the first were stored."""
    if not _enabled or not getattr(settings, "WARM_ON_WRITE", True):
        return 0
    paths = pages_to_warm(objects)
    stored = warm_paths(paths)
    if paths:  # something public changed
        warm_site_soon()
    return stored


def warm_paths(paths) -> int:
    """Render each address into the page cache as an anonymous reader (a page already there is left as it is); how
    many were stored. Also used after a release (forum_site's `warm_site`), when every page must be rendered anew."""
    global _handler
    if not getattr(settings, "PAGE_CACHE", True):
        return 0
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    stored = 0
    for path in paths:
        try:
            with translation.override(translation.get_language()):  # the middleware activates the page's language
                response = _handler.get_response(_request(path))
            stored += response.headers.get("X-Page-Cache") == "miss"
        except Exception:  # the write is done; a page that cannot be rendered now is rendered by its first reader
            logger.exception("could not warm %s", path)
    return stored


# The rest of the site after a write. A write changes the blocks that show what it wrote on pages nobody warmed (an
# organisation's task list, every page that names an edited person): their next reader would wait for a render with
# little cached. So once the write's own pages are stored, one process per machine-wide lock (`WARM_SITE_COMMAND`:
# `manage.py warm_site --after-write`) renders every page of the sitemap (`WARM_SITE_PATHS`) again, round after round
# until no write has asked for more since its round began. A process, not a thread of the web worker: a thread
# rendering for seconds would hold the worker's GIL while it serves readers (up to 5 ms per hand-over).
SITE_WARM_LOCK = "warm:site:lock"  # held while a process renders; expires if that process dies
SITE_WARM_WANTED = "warm:site:wanted"  # the generation the last write asked the renders to reach
SITE_WARM_LOCK_SECONDS = 600  # renewed at each round
_site_process: subprocess.Popen | None = None


def site_paths() -> list[str]:
    """The public addresses to warm: the fixed pages, then the sitemap's in its order (lists first), both languages
    (the top floor provides them) — at most `WARM_SITE_MAX_PAGES`, so that a round stays a matter of seconds however
    much content there is (146 addresses today; readers render the rest of a much larger site)."""
    provider = getattr(settings, "WARM_SITE_PATHS", "")
    paths = list(import_string(provider)()) if provider else []
    paths = list(dict.fromkeys([*getattr(settings, "PAGES_WARMED_ON_WRITE", ()), *paths]))
    return paths[: getattr(settings, "WARM_SITE_MAX_PAGES", 2000)]


def warm_site_soon() -> bool:
    """Ask for the whole site to be rendered again; start the process that does it unless another holds the lock
    (it sees the request when its round ends). True when a process was started here."""
    global _site_process
    command = getattr(settings, "WARM_SITE_COMMAND", None)
    if not getattr(settings, "WARM_SITE_ON_WRITE", True) or not command:
        return False
    try:
        cache = shared_cache()
        cache.set(SITE_WARM_WANTED, generation(), timeout=None)
        if not cache.add(SITE_WARM_LOCK, os.getpid(), timeout=SITE_WARM_LOCK_SECONDS):
            return False
    except Exception:  # no cache: nothing to warm into
        logger.warning("could not ask for the site to be warmed", exc_info=True)
        return False
    if _site_process is not None:
        _site_process.poll()  # reap the previous one
    try:
        _site_process = subprocess.Popen([sys.executable, *command], stdin=subprocess.DEVNULL)
    except OSError:
        logger.exception("could not start warming the site")
        cache.delete(SITE_WARM_LOCK)
        return False
    return True


def warm_site_until_current() -> int:
    """Render every page of the site, again while a write has asked for more since the round began; how many
    pages were stored."""
    cache = shared_cache()
    stored = 0
    while True:
        wanted = cache.get(SITE_WARM_WANTED)
        cache.touch(SITE_WARM_LOCK, SITE_WARM_LOCK_SECONDS)  # still held (a no-op when nobody holds it)
        stored += warm_paths(site_paths())
        if cache.get(SITE_WARM_WANTED) == wanted:
            return stored


def warm_site_after_write() -> int:
    """The process `warm_site_soon` started, holding the lock: rounds until current, then release the lock — and take
    it back if a write asked in between (it found the lock taken and left its request to us)."""
    cache = shared_cache()
    stored = 0
    try:
        while True:
            stored += warm_site_until_current()
            seen = cache.get(SITE_WARM_WANTED)
            cache.delete(SITE_WARM_LOCK)
            if cache.get(SITE_WARM_WANTED) == seen or not cache.add(
                SITE_WARM_LOCK, os.getpid(), timeout=SITE_WARM_LOCK_SECONDS
            ):
                return stored
    except BaseException:
        cache.delete(SITE_WARM_LOCK)
        raise


def wait_for_site_warming(timeout: float | None = None) -> None:
    """For the benchmark and the tests: until the process this one started has finished."""
    if _site_process is not None:
        _site_process.wait(timeout)
