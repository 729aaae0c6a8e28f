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
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.utils import translation

from core.caching import WARM_OBJECTS_KEPT
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
    """Render the pages that show `objects` into the page cache; how many were stored."""
    if not _enabled or not getattr(settings, "WARM_ON_WRITE", True):
        return 0
    return warm_paths(pages_to_warm(objects))


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
