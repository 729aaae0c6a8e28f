"""The search page, /tim-kiem/?q=…: parse the input (never failing), search, render.

An htmx request (the page's own search box, as the visitor types) gets only the results partial;
without JavaScript the form submits normally. The page sets no cookie, so it stays cacheable.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import translate_url
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.caching import public_page
from search.engines import Filters
from search.models import SearchEntry
from search.query import MAX_LENGTH, parse
from search.registry import registry
from search.results import SearchPage, run_search

QUERY, KIND, YEAR, TOPIC, ORGANISATION, PAGE = "q", "loai", "nam", "chu_de", "co_quan", "trang"
SLUG_RE = re.compile(r"[-a-z0-9]{1,120}")
YEARS = range(1900, 2101)
FACET_LIMIT = 12  # values shown per facet
EXAMPLES = ["chuyen doi so", "4/TB-VPCP", "Phạm Minh Chính", "KH&CN", "“Học từ làm”", "trí tuệ nhân tạo", "505/QĐ-TTg"]


def _shown(value: str) -> str:
    return Truncator(value).chars(60)


def _filters(params, notices: list[str]) -> Filters:
    kinds = registry.kind_labels()
    kind = params.get(KIND, "").strip()
    if kind and kind not in kinds:
        notices.append(_("Không có loại nội dung “%(value)s”; đã bỏ lọc theo loại.") % {"value": _shown(kind)})
        kind = ""
    year_text, year = params.get(YEAR, "").strip(), None
    if year_text:
        if year_text.isascii() and year_text.isdigit() and int(year_text) in YEARS:
            year = int(year_text)
        else:
            notices.append(_("Năm “%(value)s” không hợp lệ; đã bỏ lọc theo năm.") % {"value": _shown(year_text)})
    slugs = {}
    for name, label in ((TOPIC, _("chủ đề")), (ORGANISATION, _("cơ quan"))):
        value = params.get(name, "").strip()
        if value and not SLUG_RE.fullmatch(value):
            message = _("Giá trị “%(value)s” không hợp lệ; đã bỏ lọc theo %(label)s.")
            notices.append(message % {"value": _shown(value), "label": label})
            value = ""
        slugs[name] = value
    return Filters(kind=kind, year=year, topic=slugs[TOPIC], organisation=slugs[ORGANISATION])


def _page_number(params, notices: list[str]) -> int:
    text = params.get(PAGE, "").strip()
    if not text:
        return 1
    if text.isascii() and text.isdigit() and 0 < int(text) < 10_000:
        return int(text)
    notices.append(_("Số trang “%(value)s” không hợp lệ; đang hiển thị trang 1.") % {"value": _shown(text)})
    return 1


class Links:
    """URLs of this search with one parameter changed (facets, paging)."""

    def __init__(self, result: SearchPage):
        f = result.filters
        self.params = {
            QUERY: result.query.text,
            KIND: f.kind,
            YEAR: f.year,
            TOPIC: f.topic,
            ORGANISATION: f.organisation,
        }

    def with_(self, **changes) -> str:
        params = {**self.params, **changes}
        return "?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})

    def toggle(self, name: str, value) -> str:
        return self.with_(**{name: "" if str(self.params[name]) == str(value) else value})


def _facet_groups(result: SearchPage, links: Links) -> list[dict]:
    kinds = registry.kind_labels()
    order = {kind: i for i, kind in enumerate(kinds)}
    facets = result.summary.facets
    groups = [
        (KIND, _("Loại"), sorted(facets.get("kind", []), key=lambda c: order.get(c.value, 99)), kinds),
        (YEAR, _("Năm"), sorted(facets.get("year", []), key=lambda c: c.value, reverse=True), {}),
        (TOPIC, _("Chủ đề"), facets.get("topic", [])[:FACET_LIMIT], {}),
        (ORGANISATION, _("Cơ quan, tổ chức"), facets.get("organisation", [])[:FACET_LIMIT], {}),
    ]
    out = []
    for name, label, counts, labels in groups:
        if not counts:
            continue
        items = [
            {
                "label": labels.get(c.value, c.label),
                "count": c.count,
                "url": links.toggle(name, c.value),
                "selected": str(links.params[name]) == c.value,
            }
            for c in counts
        ]
        out.append({"name": name, "label": label, "items": items})
    return out


def _selected(result: SearchPage, links: Links) -> list[dict]:
    kinds = registry.kind_labels()
    f = result.filters
    chosen = [
        (KIND, _("Loại"), kinds.get(f.kind, f.kind)),
        (YEAR, _("Năm"), str(f.year or "")),
        (TOPIC, _("Chủ đề"), f.topic),
        (ORGANISATION, _("Cơ quan, tổ chức"), f.organisation),
    ]
    labels = {c.value: c.label for name in ("topic", "organisation") for c in result.summary.facets.get(name, [])}
    return [
        {"label": label, "value": labels.get(value, value), "url": links.with_(**{name: ""})}
        for name, label, value in chosen
        if value
    ]


def _local_url(url: str) -> str:
    """Index URLs are the default language's: resolve them as such, reverse them in the page's language."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return url
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


def _localise(result: SearchPage) -> None:
    kinds = registry.kind_labels()
    for hit in result.hits:
        hit.kind_label = kinds.get(hit.kind, hit.kind)
        hit.url = _local_url(hit.url)


@public_page
def search(request):
    notices: list[str] = []
    raw = request.GET.get(QUERY, "")
    query = parse(raw)
    if query.truncated:
        notices.append(_("Câu tìm kiếm dài hơn %(max)s ký tự nên đã được cắt bớt.") % {"max": MAX_LENGTH})
    if query.is_empty and raw.strip():
        notices.append(_("Câu tìm kiếm không có chữ hoặc số nào để tìm."))
    filters = _filters(request.GET, notices)
    wanted_page = _page_number(request.GET, notices)
    result = run_search(query, filters, wanted_page)
    if result.page != wanted_page:
        notices.append(_("Không có trang %(page)s; đang hiển thị trang 1.") % {"page": wanted_page})
    _localise(result)
    links = Links(result)
    context = {
        "search": result,
        "query": query.text,  # the header's search box shows it too
        "notices": notices,
        "facet_groups": _facet_groups(result, links),
        "selected": _selected(result, links),
        "previous_url": links.with_(**{PAGE: result.page - 1}) if result.page > 1 else "",
        "next_url": links.with_(**{PAGE: result.page + 1}) if result.page < result.pages else "",
        "examples": [{"text": text, "url": "?" + urlencode({QUERY: text})} for text in EXAMPLES],
    }
    if query.is_empty:
        featured = [spec.kind for spec in registry.specs() if spec.featured]
        entries = SearchEntry.objects.filter(kind__in=featured).order_by("title").values("title", "url")[:40]
        context["featured"] = [{"title": e["title"], "url": _local_url(e["url"])} for e in entries]
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "search/_results.html" if partial else "search/results.html", context)
