"""schema.org JSON-LD: the WebSite with its search action, and the thing a page describes.

Each app describes its own things (`json_ld=` in its content_types.py: editions/structured_data.py,
resolutions/structured_data.py); this module only finds the description (core/registry.py) and writes the
script element. Absolute URLs come from `core.links`.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.links import absolute_url
from core.registry import content_types

CONTEXT = "https://schema.org"
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _website() -> dict:
    return {
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "inLanguage": ["vi", "en"],
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute_url(reverse("search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def structured_data(obj=None) -> dict | None:
    if obj is None:
        data = _website()
    else:
        declared = content_types.get(obj)
        data = declared.json_ld(obj) if declared and declared.json_ld else None
    return {"@context": CONTEXT, **data} if data else None


def jsonld_script(obj=None) -> SafeString:
    with translation.override(settings.LANGUAGE_CODE):  # the data says inLanguage "vi": names composed in models too
        data = structured_data(obj)
    if data is None:
        return format_html("")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
