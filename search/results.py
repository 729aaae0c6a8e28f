"""One search, start to finish: results for every word; if none, a corrected spelling; if still none,
results with some of the words. The view calls `run_search()` and renders what it returns."""

import math
from dataclasses import dataclass, field

from search.documents import words
from search.engines import RANK_CAP, Engine, Filters, Hit, Summary, get_engine
from search.query import ParsedQuery, parse

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


def _folded(query: ParsedQuery) -> str:
    return " ".join(word for term in query.terms for word in term.words)


def _correction(engine: Engine, query: ParsedQuery, filters: Filters) -> ParsedQuery | None:
    """A spelling that has results: misspelt words replaced by the nearest indexed words, else the
    nearest title (a name typed with a typo)."""
    replacements = engine.nearest_words(query.plain_words)
    if replacements:
        corrected = query.corrected(replacements)
        if engine.exists(corrected, filters):
            return corrected
    title = engine.nearest_title(_folded(query))
    if title:
        corrected = parse(title)
        if corrected.terms and corrected.text != query.text and engine.exists(corrected, filters):
            return corrected
    return None


def _suggestion(engine: Engine, query: ParsedQuery, hits: list[Hit]) -> str:
    title = engine.nearest_title(_folded(query))
    if not title or words(title) == words(query.text) or title in {hit.title for hit in hits}:
        return ""
    return title


def run_search(query: ParsedQuery, filters: Filters, page: int = 1, engine: Engine | None = None) -> SearchPage:
    result = SearchPage(query=query, filters=filters, page=page if 1 <= page <= MAX_PAGE else 1)
    if query.is_empty:
        return result
    engine = engine or get_engine()

    def fetch(searched: ParsedQuery, any_term: bool = False):
        return engine.page(searched, filters, any_term=any_term, offset=result.offset, limit=PAGE_SIZE)

    searched, any_term = query, False
    hits, summary = fetch(query)
    if not summary.total:
        correction = _correction(engine, query, filters)
        if correction is not None:
            searched = correction
            hits, summary = fetch(searched)
        elif len(query.terms) > 1:
            hits, summary = fetch(query, any_term=True)
            any_term = bool(summary.total)
    result.pages = min(math.ceil(summary.total / PAGE_SIZE), MAX_PAGE)
    if summary.total and result.page > result.pages:  # asked for a page past the last: show the first
        result.page = 1
        hits, summary = fetch(searched, any_term)
    result.hits, result.summary, result.any_term = hits, summary, any_term
    result.searched = searched if searched is not query else None
    if 0 < summary.total < SUGGEST_BELOW and searched is query and not any_term:
        result.suggestion = _suggestion(engine, query, hits)
    return result
