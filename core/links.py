"""Absolute links, always built from `settings.SITE_URL`, never from the request's Host header.

The one place citations, feeds, sitemaps, robots.txt, calendar files, exports and JSON-LD get an absolute URL from.
A permanent link names the default-language (Vietnamese) page, whatever language the request is in.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute_url(path: str) -> str:
    """SITE_URL + `path` (a path that starts with "/")."""
    return settings.SITE_URL.rstrip("/") + path


def permalink(obj) -> str:
    """The permanent absolute URL of `obj`: its canonical (default-language) page."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(obj.get_absolute_url())


def permanent_reverse(viewname: str, *args) -> str:
    """The absolute URL of a named view in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(viewname, args=args))


def site_scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme or "https"


def site_netloc() -> str:
    """Host and port, as a sitemap's domain."""
    return urlsplit(settings.SITE_URL).netloc


def site_host() -> str:
    """Host name alone, for identifiers (ICS UIDs, tag: URIs)."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
