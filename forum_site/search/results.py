"""One search, start to finish: results for every word; if none, a corrected spelling; if still none,
results with some of the words. The view calls `run_search()` and renders what it returns."""

import math
from dataclasses import dataclass, field

from forum_site.search.documents import words
from forum_site.search.engines import RANK_CAP, Engine, Filters, Hit, Summary, get_engine
from forum_site.search.query import ParsedQuery, parse

PAGE_SIZE = 20
MAX_PAGE = RANK_CAP // PAGE_SIZE
SUGGEST_BELOW = 5  # with fewer results, also offer the nearest title ("Phan Minh Chinh" → Phạm Minh Chính)


@dataclass
class SearchPage:
    query: ParsedQuery  # as typed
    filters: Filters
    hits: list[Hit] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    page: int = 1
    pages: int = 0
    searched: ParsedQuery | None = None  # what the results are for, when it differs from the query (typo)
    any_term: bool = False  # no result had every word: these have some of them
    suggestion: str = ""  # "Có phải bạn muốn tìm …" beside results that may not be what was meant

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE

    @property
    def corrected(self) -> bool:
        return self.searched is not None and self.searched.text != self.query.text


def _correction(engine: Engine, query: ParsedQuery, filters: Filters) -> tuple[ParsedQuery, Summary] | None:
    """A spelling that has results: misspelt words replaced by the nearest indexed words, else the
    nearest title (a name typed with a typo)."""
    replacements = engine.nearest_words(query.plain_words)
    if replacements:
        corrected = query.corrected(replacements)
        summary = engine.summary(corrected, filters, any_term=False)
        if summary.total:
            return corrected, summary
    title = engine.nearest_title(_folded(query)) if query.terms else None
    if title:
        corrected = parse(title)
        summary = engine.summary(corrected, filters, any_term=False)
        if summary.total and corrected.text != query.text:
            return corrected, summary
    return None


def _folded(query: ParsedQuery) -> str:
    return " ".join(word for term in query.terms for word in term.words)


def _suggestion(engine: Engine, query: ParsedQuery, hits: list[Hit]) -> str:
    title = engine.nearest_title(_folded(query))
    if not title or words(title) == words(query.text) or title in {hit.title for hit in hits}:
        return ""
    return title


def run_search(query: ParsedQuery, filters: Filters, page: int = 1, engine: Engine | None = None) -> SearchPage:
    result = SearchPage(query=query, filters=filters)
    if query.is_empty:
        return result
    engine = engine or get_engine()
    searched, any_term = query, False
    summary = engine.summary(query, filters, any_term=False)
    if not summary.total:
        correction = _correction(engine, query, filters)
        if correction is not None:
            searched, summary = correction
        elif len(query.terms) > 1:
            summary = engine.summary(query, filters, any_term=True)
            any_term = bool(summary.total)
    result.summary, result.any_term = summary, any_term
    result.searched = searched if searched is not query else None
    result.pages = min(math.ceil(summary.total / PAGE_SIZE), MAX_PAGE)
    result.page = page if 1 <= page <= max(result.pages, 1) else 1
    if summary.total:
        result.hits = engine.hits(searched, filters, any_term=any_term, offset=result.offset, limit=PAGE_SIZE)
    if 0 < summary.total < SUGGEST_BELOW and searched is query and not any_term:
        result.suggestion = _suggestion(engine, query, result.hits)
    return result
