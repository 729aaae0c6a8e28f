"""The anonymous full-page cache and the compression of public responses.

`PageCacheMiddleware` sits right under WhiteNoise: an anonymous GET/HEAD (no session cookie, no Authorization)
of a page whose view carries the `public_page` policy is answered from the shared cache without touching the
database, the session or the view — or with 304 when the client already holds it. The key and the strong ETag
carry the content token (`core.caching.content_token`: generation + today's date), the variant (gzip or not,
`HX-Request`, `HX-History-Restore-Request`) and the full path with its query string sorted.

`PublicGZipMiddleware` compresses a response only when its policy is public: a page that carries a secret (a CSRF
token, a preview) is never compressed, so BREACH has nothing to guess. Compression is deterministic (no random
padding, no timestamp), so the same page rendered by two processes has the same bytes and the same ETag.
"""

import gzip
import hashlib
import logging
import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re
from django.utils.http import parse_etags

from core.caching import PAGE_CACHE_TIMEOUT, POLICIES, apply_policy, content_token, shared_cache
from core.fragments import anonymous

logger = logging.getLogger(__name__)

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
PAGE_VARY = ("Accept-Encoding", "HX-Request", "HX-History-Restore-Request")
MAX_ENTRY_BYTES = 2 * 1024 * 1024
MIN_COMPRESS_BYTES = 200
# Headers that a 304 repeats (RFC 9110 15.4.5).
NOT_MODIFIED_HEADERS = ("Cache-Control", "ETag", "Vary", "Content-Location", "Expires")
STATUS_HEADER = "X-Page-Cache"


def _is_shared(response) -> bool:
    """Public, and nothing personal added on the way out (a cookie, a page that varies on it)."""
    policy = getattr(response, "cache_policy", None)
    return (
        policy is not None
        and policy.shared
        and not response.cookies
        and "cookie" not in response.headers.get("Vary", "").lower()
    )


def _set_vary(response, add: tuple[str, ...]) -> None:
    """The language is in the URL (i18n_patterns) and a public page reads no cookie: only `add` remains."""
    present = [v.strip() for v in cc_delim_re.split(response.headers.get("Vary", "")) if v.strip()]
    kept = [v for v in present if v.lower() not in {"accept-language"}]
    for header in add:
        if header.lower() not in {v.lower() for v in kept}:
            kept.append(header)
    if kept:
        response.headers["Vary"] = ", ".join(kept)
    elif "Vary" in response.headers:
        del response.headers["Vary"]


class PublicGZipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _is_shared(response) or response.streaming or response.has_header("Content-Encoding"):
            return response
        if len(response.content) < MIN_COMPRESS_BYTES:
            return response
        _set_vary(response, ("Accept-Encoding",))
        if not ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = gzip.compress(response.content, compresslevel=6, mtime=0)
        if len(compressed) < len(response.content):
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
            response.headers["Content-Encoding"] = "gzip"
        return response


def _variant(request) -> str:
    meta = request.META
    return "".join(
        (
            "g" if ACCEPTS_GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", "")) else "i",
            "h" if meta.get("HTTP_HX_REQUEST") == "true" else "-",
            "r" if meta.get("HTTP_HX_HISTORY_RESTORE_REQUEST") == "true" else "-",
        )
    )


def _location(request) -> str:
    query = request.META.get("QUERY_STRING", "")
    if query:
        query = "&".join(sorted(part for part in query.split("&") if part))
    return f"{request.path}?{query}"


def _key(token: str, variant: str, request) -> str:
    digest = hashlib.blake2b(_location(request).encode(), digest_size=16).hexdigest()
    return f"page:{token}:{variant}:{digest}"


def _etag(token: str, variant: str, body: bytes) -> str:
    return f'"{token}-{variant}-{hashlib.blake2b(body, digest_size=12).hexdigest()}"'


def _matches(request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or etag in {tag.removeprefix("W/") for tag in tags}


def _not_modified(response) -> HttpResponseNotModified:
    answer = HttpResponseNotModified()
    for header in NOT_MODIFIED_HEADERS:
        if header in response.headers:
            answer.headers[header] = response.headers[header]
    return answer


def _eligible(request) -> bool:
    return anonymous(request) and getattr(settings, "PAGE_CACHE", True)


def _storable(request, response) -> bool:
    policy = getattr(response, "cache_policy", None)
    vary = response.headers.get("Vary", "").lower()
    return (
        policy is not None
        and policy.page_cache
        and response.status_code == 200
        and request.method == "GET"
        and not response.streaming
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and "cookie" not in vary
        and "*" not in vary
        and len(response.content) <= MAX_ENTRY_BYTES
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            response = self.get_response(request)
            self._finish(request, response)
            response.headers[STATUS_HEADER] = "bypass"
            return response
        cache = shared_cache()
        try:
            token = content_token()
            variant = _variant(request)
            key = _key(token, variant, request)
            entry = cache.get(key)
        except Exception:  # the cache is down: render, as if there were no cache
            logger.warning("page cache unavailable", exc_info=True)
            response = self.get_response(request)
            self._finish(request, response)
            return response
        if entry is not None:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        self._finish(request, response)
        if _storable(request, response):
            etag = _etag(token, variant, response.content)
            response.headers["ETag"] = etag
            entry = (response.status_code, list(response.headers.items()), response.content, response.cache_policy.name)
            try:
                cache.set(key, entry, timeout=PAGE_CACHE_TIMEOUT)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
            response.headers[STATUS_HEADER] = "miss"
            if _matches(request, etag):
                return _not_modified(response)
        return response

    @staticmethod
    def _finish(request, response) -> None:
        policy = getattr(response, "cache_policy", None)
        if policy is None:
            return
        apply_policy(request, response, policy)  # a preview, a cookie set on the way out: private after all
        if response.cache_policy.page_cache:
            _set_vary(response, PAGE_VARY)

    @staticmethod
    def _from_entry(request, entry) -> HttpResponse:
        status, headers, body, policy_name = entry
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=status, headers=dict(headers))
        response.headers["Cache-Control"] = POLICIES[policy_name].header()
        response.headers[STATUS_HEADER] = "hit"
        if _matches(request, response.headers["ETag"]):
            return _not_modified(response)
        return response
