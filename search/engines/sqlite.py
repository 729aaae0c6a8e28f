"""SQLite: FTS5 over the same folded documents (bm25 with the title weighted, snippet() for highlights),
and FTS5's trigram tokenizer for typo correction (candidates by shared trigrams, then pg_trgm's
similarity computed here, so both engines correct the same way)."""

from search import schema
from search.engines.base import (
    CANDIDATE_SIMILARITY,
    CANDIDATES,
    COUNT_CAP,
    PAGE_SELECT,
    RANK_CAP,
    SUMMARY_CTES,
    TITLE_CAP,
    Engine,
    Filters,
    Hit,
    Summary,
    boost_expression,
    hit_row,
)
from search.highlight import SNIPPET_WORDS, START, STOP, mark_snippet, mark_words
from search.query import ParsedQuery, Term
from search.spelling import similarity, word_similarity

FTS = schema.FTS
# bm25 weights per column: title, body, keywords, identifiers (names).
BM25 = f"bm25({FTS}, 10.0, 2.0, 4.0, 10.0)"
SEARCHED_COLUMNS = "{title_folded body_folded keywords_folded identifiers}"  # the columns matched (all, today)
TITLES = schema.TITLES
TITLE_BM25 = f"bm25({TITLES}, 10.0, 10.0)"
TITLE_COLUMNS = "{title_folded identifiers}"
ELLIPSIS = "…"
TITLE_SIMILARITY = 0.6  # pg_trgm's default word_similarity threshold
SHORT_WORD = 5  # letters: below this, unpadded trigrams find too few candidates


def _alternative(words: tuple[str, ...], prefix: bool) -> str:
    # Words are letters and digits only (core.text.fold_aligned), so quoting cannot be broken.
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def _term(term: Term, highlight: bool = False) -> str:
    # No prefix in the highlighting expression: snippet() re-reads a prefix's merged postings for every row
    # (tens of milliseconds for a common syllable); the word being typed is marked in titles all the same.
    prefix = term.prefix and not highlight
    alternatives = [_alternative(a, prefix and i == 0) for i, a in enumerate(term.searched(highlight))]
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def match_expression(
    query: ParsedQuery, any_term: bool = False, highlight: bool = False, columns: str = SEARCHED_COLUMNS
) -> str:
    """The query as an FTS5 expression; `highlight` adds every form of abbreviations and numbers."""
    joined = (" OR " if any_term else " AND ").join(_term(t, highlight) for t in query.terms)
    return f"{columns} : ({joined})"


def _trigram_match(text: str) -> str:
    grams = {word[i : i + 3] for word in text.split() for i in range(len(word) - 2)}
    return " OR ".join(f'"{g}"' for g in sorted(grams))


class SqliteEngine(Engine):
    vendor = "sqlite"

    def page(self, query, filters: Filters, *, any_term, offset, limit) -> tuple[list[Hit], Summary]:
        where, where_params = filters.sql("e")
        boost, boost_params = boost_expression(query)
        summary = SUMMARY_CTES.format(aggregate="json_group_array", array="json_array", join="CROSS JOIN")
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT {FTS}.rowid AS id, e.kind, e.year, {BM25} AS bm
                FROM {FTS} JOIN {schema.ENTRY} e ON e.id = {FTS}.rowid
                WHERE {FTS} MATCH %s {where} LIMIT {COUNT_CAP + 1}
            ),
            t AS MATERIALIZED (
                SELECT {TITLES}.rowid AS id, {TITLE_BM25} AS bm
                FROM {TITLES} JOIN {schema.ENTRY} e ON e.id = {TITLES}.rowid
                WHERE {TITLES} MATCH %s {where} LIMIT {TITLE_CAP}
            ),
            {summary},
            ranked AS MATERIALIZED (
                -- a title match outside the first RANK_CAP has its bm25 among titles (same formula)
                SELECT e.id, -c.bm * {boost} AS score
                FROM (
                    SELECT id, MIN(bm) AS bm FROM (
                        SELECT id, bm FROM (SELECT id, bm FROM m LIMIT {RANK_CAP}) AS first
                        UNION ALL SELECT id, bm FROM t
                    ) AS both_lists GROUP BY id
                ) AS c JOIN {schema.ENTRY} e ON e.id = c.id
                ORDER BY score DESC, e.id LIMIT %s OFFSET %s
            ),
            page AS (
                SELECT e.id, e.kind, e.title, e.subtitle, e.url, e.year, r.score, e.body, e.body_folded, h.headline
                FROM ranked r JOIN {schema.ENTRY} e ON e.id = r.id
                LEFT JOIN (
                    -- One MATCH for the page's snippets, the index outermost (CROSS JOIN keeps that order): a MATCH
                    -- per row re-read every term's postings for each of them (2 of 3 ms of the query).
                    SELECT {FTS}.rowid AS id, snippet({FTS}, 1, '{START}', '{STOP}', '{ELLIPSIS}', {SNIPPET_WORDS})
                        AS headline
                    FROM {FTS} CROSS JOIN ranked shown ON shown.id = {FTS}.rowid
                    WHERE {FTS} MATCH %s
                ) h ON h.id = r.id
            )
            {PAGE_SELECT}
        """
        params = [match_expression(query, any_term), *where_params]
        params += [match_expression(query, any_term, columns=TITLE_COLUMNS), *where_params]
        params += [*boost_params, limit, min(offset, RANK_CAP)]
        params.append(match_expression(query, any_term, highlight=True))
        rows = self._fetch(sql, params)
        hits = [
            Hit(
                id=h["id"],
                kind=h["kind"],
                title=h["title"],
                subtitle=h["subtitle"],
                url=h["url"],
                year=h["year"],
                score=float(h["score"]),
                snippet_html=mark_snippet(h["body"], h["body_folded"], h["headline"] or "", ELLIPSIS),
                title_html=mark_words(h["title"], query),
            )
            for h in filter(None, map(hit_row, rows))
        ]
        return hits, self._summary(rows)

    def exists(self, query, filters: Filters) -> bool:
        where, params = filters.sql("e")
        sql = (
            f"SELECT EXISTS (SELECT 1 FROM {FTS} JOIN {schema.ENTRY} e ON e.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s {where})"
        )
        return bool(self._fetch(sql, [match_expression(query), *params])[0][0])

    def candidate_words(self, words: list[str]) -> dict[str, list[str]]:
        """Words sharing trigrams (FTS5 trigram tokenizer); short words, whose unpadded trigrams are few,
        also take the indexed words that start with the same two letters (a range of the unique index)."""
        found: dict[str, list[str]] = {}
        for word in words:
            match = _trigram_match(word)
            sql = (
                f"SELECT term FROM {schema.TERM_TRIGRAMS} WHERE {schema.TERM_TRIGRAMS} MATCH %s ORDER BY rank LIMIT %s"
            )
            rows = self._fetch(sql, [match, CANDIDATES * 3]) if match else []
            if len(word) <= SHORT_WORD:
                rows += self._fetch(
                    f"SELECT term FROM {schema.TERM} WHERE term >= %s AND term < %s "
                    "AND length(term) BETWEEN %s AND %s LIMIT 200",
                    [word[:2], word[:2] + "\uffff", len(word) - 2, len(word) + 2],
                )
            scored = sorted({(-similarity(word, term), term) for (term,) in rows})
            found[word] = [term for score, term in scored[:CANDIDATES] if -score >= CANDIDATE_SIMILARITY]
        return found

    def nearest_title(self, text: str) -> str | None:
        match = _trigram_match(text)
        if not match:
            return None
        rows = self._fetch(
            f"SELECT e.title, e.title_folded FROM {schema.TITLE_TRIGRAMS} "
            f"JOIN {schema.ENTRY} e ON e.id = {schema.TITLE_TRIGRAMS}.rowid "
            f"WHERE {schema.TITLE_TRIGRAMS} MATCH %s ORDER BY {schema.TITLE_TRIGRAMS}.rank LIMIT 30",
            [match],
        )
        scored = sorted((-word_similarity(text, folded), len(folded), title) for title, folded in rows)
        return scored[0][2] if scored and -scored[0][0] >= TITLE_SIMILARITY else None
