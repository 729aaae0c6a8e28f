"""What every engine answers, and the parts they share: filters, the facet counts, the ranking boosts.

A results page is one database query per engine: the matches are found once (capped at COUNT_CAP), counted
and faceted; the first RANK_CAP of them are ranked — and, when there are more, the first TITLE_CAP matching in
the title or a name too, so that a common word still puts "Bộ Công an" first — and one page of them is
returned with its snippets.
"""

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from search import schema
from search.query import ParsedQuery
from search.spelling import edit_distance, similarity

COUNT_CAP = 1000  # matches counted at most ("more than 1,000 results"; facet counts over those)
RANK_CAP = 500  # of them, ranked at most: for a term in most records, ranking stays bounded…
TITLE_CAP = 200  # …and with them the first matches in titles and names, which a capped list must not miss
# Ranking: the engine's text score (title above keywords above body), times these boosts.
TITLE_BOOST = 1.0  # × 2 when the title alone matches the whole query
EXACT_BOOST = 1.0  # × 2 when every word typed with diacritics is there with the same diacritics
PHRASE_BOOST = 1.0  # × 2 when the words typed stand together, in that order, in the title or keywords
IDENTIFIER_BOOST = 3.0  # × 4 for the thing whose name (or number, or abbreviation) was typed exactly
# Typo correction: words of at least MIN_CORRECTED letters missing from the vocabulary, at most MAX_CORRECTED
# of them, each replaced by the indexed word fewest edits away among those sharing trigrams with it.
MIN_CORRECTED = 3
MAX_CORRECTED = 6
CANDIDATE_SIMILARITY = 0.2
CANDIDATES = 20


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    year: int | None = None
    topic: str = ""
    organisation: str = ""

    def sql(self, alias: str = "e") -> tuple[str, list]:
        parts, params = [], []
        if self.kind:
            parts.append(f"{alias}.kind = %s")
            params.append(self.kind)
        if self.year is not None:
            parts.append(f"{alias}.year = %s")
            params.append(self.year)
        for name, value in (("topic", self.topic), ("organisation", self.organisation)):
            if value:
                parts.append(
                    f"EXISTS (SELECT 1 FROM search_searchfacet ff WHERE ff.entry_id = {alias}.id "
                    "AND ff.name = %s AND ff.value = %s)"
                )
                params.extend([name, value])
        return "".join(f" AND {part}" for part in parts), params


@dataclass
class Hit:
    id: int
    kind: str
    title: str
    subtitle: str
    url: str
    year: int | None
    score: float
    snippet_html: str = ""
    title_html: str = ""
    kind_label: str = ""


@dataclass
class FacetCount:
    value: str
    label: str
    count: int


@dataclass
class Summary:
    total: int = 0
    capped: bool = False  # more than COUNT_CAP matches: total and facet counts are lower bounds
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)


# The CTEs after `m` (the matches: id, kind, year) that count them: one row, `summary` (total, facets as JSON).
# `join` lets SQLite say CROSS JOIN (its way to keep m outside: else it walks every facet row to skip sorting).
SUMMARY_CTES = """
    counts AS (
        SELECT 'kind' AS name, m.kind AS value, '' AS label, COUNT(*) AS n FROM m GROUP BY m.kind
        UNION ALL SELECT 'year', CAST(m.year AS TEXT), '', COUNT(*) FROM m WHERE m.year IS NOT NULL GROUP BY m.year
        UNION ALL SELECT f.name, f.value, MAX(f.label), COUNT(*)
            FROM m {join} search_searchfacet f ON f.entry_id = m.id GROUP BY f.name, f.value
    ),
    summary AS (
        SELECT (SELECT COUNT(*) FROM m) AS total,
            (SELECT {aggregate}({array}(name, value, label, n)) FROM counts) AS facets
    )"""
# The final SELECT: the summary on every row, the page's hits (none: one row of NULLs).
PAGE_SELECT = """
    SELECT s.total, s.facets, p.id, p.kind, p.title, p.subtitle, p.url, p.year, p.score, p.body, p.body_folded,
        p.headline
    FROM summary s LEFT JOIN page p ON 1 = 1
    ORDER BY p.score DESC, p.id"""


class Engine(ABC):
    vendor = ""

    def __init__(self, connection):
        self.connection = connection

    @abstractmethod
    def page(
        self, query: ParsedQuery, filters: Filters, *, any_term: bool, offset: int, limit: int
    ) -> tuple[list[Hit], Summary]:
        """One page of results, best first, with highlighted snippets; and the count and facets of all."""

    @abstractmethod
    def exists(self, query: ParsedQuery, filters: Filters) -> bool:
        """Whether anything matches every term (a corrected spelling is worth offering)."""

    @abstractmethod
    def candidate_words(self, words: list[str]) -> dict[str, list[str]]:
        """For each word, indexed words sharing enough of its trigrams (typo correction candidates)."""

    @abstractmethod
    def nearest_title(self, text: str) -> str | None:
        """The title closest to `text` (a name typed with a typo), if close enough."""

    # --- shared -------------------------------------------------------------------------------------

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def nearest_words(self, words: list[str]) -> dict[str, str]:
        """For each word not in the vocabulary, the indexed word fewest edits away (a typo's correction)."""
        missing = [w for w in dict.fromkeys(words) if len(w) >= MIN_CORRECTED and not w.isdigit()]
        known = self.known_words(missing)
        missing = [w for w in missing if w not in known][:MAX_CORRECTED]
        if not missing:
            return {}
        found = {}
        for word, candidates in self.candidate_words(missing).items():
            scored = sorted((edit_distance(word, c), -similarity(word, c), c) for c in candidates if c != word)
            if scored and scored[0][0] <= max(1, min(2, len(word) // 3)):
                found[word] = scored[0][2]
        return found

    def known_words(self, words: list[str]) -> set[str]:
        if not words:
            return set()
        marks = ", ".join(["%s"] * len(words))
        return {row[0] for row in self._fetch(f"SELECT term FROM {schema.TERM} WHERE term IN ({marks})", words)}

    @staticmethod
    def _summary(rows: list[tuple]) -> Summary:
        total, facets = rows[0][0], rows[0][1]
        summary = Summary(total=min(total, COUNT_CAP), capped=total > COUNT_CAP)
        if isinstance(facets, str):
            facets = json.loads(facets)
        for name, value, label, count in facets or []:
            summary.facets.setdefault(name, []).append(FacetCount(value, label or value, count))
        for counts in summary.facets.values():
            counts.sort(key=lambda c: (-c.count, c.label))
        return summary


def boost_expression(query: ParsedQuery, instr: str = "instr") -> tuple[str, list]:
    """The SQL factor that multiplies the text score, and its parameters (in the order they appear).

    Every check reads the candidate's own row with instr()/strpos() over the compact columns — the folded
    title, the keywords, `exact`, the identifiers — which costs far less than a second full-text match.
    `instr` names the function (instr on SQLite, strpos on PostgreSQL); the row is aliased `e`.
    """

    def contains(column: str, patterns: list[str], joiner: str) -> str:
        check = f"{instr}(' ' || {column} || ' ', %s) > 0"
        return "(" + f" {joiner} ".join([check] * len(patterns)) + ")"

    factors, params = [], []
    per_term = title_patterns(query)
    title = " AND ".join(contains("e.title_folded", patterns, "OR") for patterns in per_term)
    factors.append(f"(1 + {TITLE_BOOST} * CASE WHEN {title} THEN 1 ELSE 0 END)")
    params += [p for patterns in per_term for p in patterns]
    exact = [f" {word} " for word in query.exact_words]
    if exact:
        factors.append(f"(1 + {EXACT_BOOST} * CASE WHEN {contains('e.exact', exact, 'AND')} THEN 1 ELSE 0 END)")
        params += exact
    words, prefix = query.phrase_boost
    if words:
        phrase = [" " + " ".join(words) + ("" if prefix else " ")]
        check = contains("e.title_folded || ' ' || e.keywords_folded", phrase, "OR")
        factors.append(f"(1 + {PHRASE_BOOST} * CASE WHEN {check} THEN 1 ELSE 0 END)")
        params += phrase
    patterns = query.identifier_patterns
    if patterns:
        likes = " OR ".join(["(' ' || e.identifiers || ' ') LIKE %s"] * len(patterns))
        factors.append(f"(1 + {IDENTIFIER_BOOST} * CASE WHEN {likes} THEN 1 ELSE 0 END)")
        params += patterns
    return "CAST(" + " * ".join(factors) + " AS DOUBLE PRECISION)", params


def title_patterns(query: ParsedQuery) -> list[list[str]]:
    """For each term, the ways it may stand in a compact folded title (" a b " words; " a b" a prefix)."""
    out = []
    for term in query.terms:
        alternatives = term.searched(highlight=True)
        out.append([" " + " ".join(a) + ("" if term.prefix and i == 0 else " ") for i, a in enumerate(alternatives)])
    return out


def hit_row(row: tuple) -> dict | None:
    """The hit columns of a PAGE_SELECT row, or None for the row of an empty page."""
    if row[2] is None:
        return None
    keys = ("id", "kind", "title", "subtitle", "url", "year", "score", "body", "body_folded", "headline")
    return dict(zip(keys, row[2:], strict=True))
