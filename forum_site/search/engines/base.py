"""What every engine answers, and the parts they share: filters, facet counts, highlighting, trigrams."""

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum_site.search import schema
from forum_site.search.documents import fold_aligned
from forum_site.search.query import ParsedQuery

START, STOP = "[", "]"  # highlight markers: never in folded text, which holds only letters, digits and spaces
RANK_CAP = 1000  # matches ranked at most: for a term in most records, ranking stays bounded
COUNT_CAP = 10_000  # matches counted at most (shown as "more than")
SNIPPET_WORDS = 28
# Ranking: the engine's text score (title above keywords above body), times these boosts.
EXACT_BOOST = 1.0  # × (1 + share of the words typed with diacritics that agree on them)
PHRASE_BOOST = 1.0  # × 2 when the words typed stand together in that order
TITLE_BOOST = 1.0  # × 2 when the title alone matches the whole query
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
                    f"EXISTS (SELECT 1 FROM forum_site_searchfacet ff WHERE ff.entry_id = {alias}.id "
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


class Engine(ABC):
    vendor = ""

    def __init__(self, connection):
        self.connection = connection

    @abstractmethod
    def hits(self, query: ParsedQuery, filters: Filters, *, any_term: bool, offset: int, limit: int) -> list[Hit]:
        """One page of results, best first, each with its highlighted snippet."""

    @abstractmethod
    def summary(self, query: ParsedQuery, filters: Filters, *, any_term: bool) -> Summary:
        """How many results, and the facet counts over them."""

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
        missing = [w for w in missing if w not in self.known_words(missing)][:MAX_CORRECTED]
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

    def _summary_from(self, matches_sql: str, params: list) -> Summary:
        """Counts over `matches_sql` (which selects e.id, e.kind, e.year), capped at COUNT_CAP."""
        sql = f"""
            WITH m AS MATERIALIZED ({matches_sql} LIMIT {COUNT_CAP + 1})
            SELECT 'total', '', '', COUNT(*) FROM m
            UNION ALL SELECT 'kind', m.kind, '', COUNT(*) FROM m GROUP BY m.kind
            UNION ALL SELECT 'year', CAST(m.year AS TEXT), '', COUNT(*) FROM m WHERE m.year IS NOT NULL GROUP BY m.year
            UNION ALL SELECT f.name, f.value, MAX(f.label), COUNT(*)
                FROM m JOIN forum_site_searchfacet f ON f.entry_id = m.id GROUP BY f.name, f.value
        """
        summary = Summary()
        for name, value, label, count in self._fetch(sql, params):
            if name == "total":
                summary.total = min(count, COUNT_CAP)
                summary.capped = count > COUNT_CAP
            else:
                summary.facets.setdefault(name, []).append(FacetCount(value, label or value, count))
        for counts in summary.facets.values():
            counts.sort(key=lambda c: (-c.count, c.label))
        return summary


def boost_expression(
    query: ParsedQuery, *, title_check, exact_check, phrase_check, identifiers: str
) -> tuple[str, list]:
    """The SQL factor that multiplies the text score, and its parameters (in the order they appear).

    `title_check()`, `exact_check(word)` and `phrase_check(words, prefix)` return (SQL condition, parameter)
    for the engine; `identifiers` is the column holding SearchEntry.identifiers.
    """
    sql, param = title_check()
    factors, params = [f"(1 + {TITLE_BOOST} * CASE WHEN {sql} THEN 1 ELSE 0 END)"], [param]
    exact = query.exact_words
    if exact:
        checks = [exact_check(word) for word in exact]
        matched = " + ".join(f"CASE WHEN {sql} THEN 1 ELSE 0 END" for sql, _ in checks)
        factors.append(f"(1 + {EXACT_BOOST} * ({matched}) / {len(exact)}.0)")
        params += [param for _, param in checks]
    words, prefix = query.phrase_boost
    if words:
        sql, param = phrase_check(words, prefix)
        factors.append(f"(1 + {PHRASE_BOOST} * CASE WHEN {sql} THEN 1 ELSE 0 END)")
        params.append(param)
    patterns = query.identifier_patterns
    if patterns:
        likes = " OR ".join([f"(' ' || {identifiers} || ' ') LIKE %s"] * len(patterns))
        factors.append(f"(1 + {IDENTIFIER_BOOST} * CASE WHEN {likes} THEN 1 ELSE 0 END)")
        params += patterns
    return "CAST(" + (" * ".join(factors) or "1") + " AS DOUBLE PRECISION)", params


def mark_snippet(original: str, folded: str, fragment: str, ellipsis: str = "") -> SafeString:
    """Put the engine's highlight of the folded text back on the original text, HTML-escaped.

    `fragment` is a piece of `folded` with START/STOP markers (from ts_headline or snippet()); since
    folded text is aligned with the original character for character, the same span of the original
    is shown, with its diacritics, and only the marked words wrapped in <mark>.
    """
    if ellipsis:
        fragment = fragment.strip(ellipsis)
    plain = fragment.replace(START, "").replace(STOP, "")
    stripped = plain.strip()
    start = folded.find(stripped) if stripped else -1
    if start < 0:
        return escape(first_words(original))
    out, position = [], start
    for piece in re.split(r"(\[|\])", fragment.strip()):
        if piece == START:
            out.append("<mark>")
        elif piece == STOP:
            out.append("</mark>")
        elif piece:
            out.append(escape(original[position : position + len(piece)]))
            position += len(piece)
    before = "… " if start > 0 else ""
    after = " …" if position < len(original.rstrip()) else ""
    # Every piece of text was escaped above; only <mark> is added.
    return mark_safe(before + "".join(out) + after)


def first_words(text: str, count: int = SNIPPET_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:count]) + (" …" if len(parts) > count else "")


def mark_words(text: str, query: ParsedQuery) -> SafeString:
    """Escape `text` and wrap the words that match the query (folded, prefixes too) in <mark>."""
    wanted, prefixes = query.highlight_words, query.prefix_words
    folded = fold_aligned(text)
    out, position = [], 0
    for match in re.finditer(r"\S+", folded):
        word = match.group(0)
        if word in wanted or any(word.startswith(p) for p in prefixes):
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
            position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # every piece escaped above; only <mark> added


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps of neighbours."""
    previous2, previous = [], list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of the words of both texts."""
    ta = set().union(*(trigrams(w) for w in a.split())) if a.split() else set()
    tb = set().union(*(trigrams(w) for w in b.split())) if b.split() else set()
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def word_similarity(query: str, text: str) -> float:
    """Close to pg_trgm's word_similarity(): the best similarity of `query` to a run of words of `text`."""
    size, text_words = len(query.split()), text.split()
    best = 0.0
    for width in {max(1, size - 1), size, size + 1}:
        for i in range(max(1, len(text_words) - width + 1)):
            best = max(best, similarity(query, " ".join(text_words[i : i + width])))
    return best
