"""PostgreSQL: full-text search over the folded documents ('simple' configuration, so no stemming or
stop words: Vietnamese syllables are words), GIN index, ts_rank with title weight A, ts_headline
snippets, and pg_trgm for typo correction."""

from django.db import transaction

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

# ts_rank weights {D, C, B, A}: body (C) 0.2, keywords (B) 0.4, title and names (A) 1.0.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# Normalisation 1: divide by 1 + log(length), so a short title that is the whole answer ranks first.
NORMALISATION = 1
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, "
    "ShortWord=0, HighlightAll=false"
)


def _lexeme(word: str, prefix: bool = False, weight: str = "") -> str:
    # Words are letters and digits only (core.text.fold_aligned), so quoting cannot be broken.
    label = ("*" if prefix else "") + weight
    return f"'{word}'" + (f":{label}" if label else "")


def _alternative(words: tuple[str, ...], prefix: bool, weight: str = "") -> str:
    if len(words) == 1:
        return _lexeme(words[0], prefix, weight)
    last = len(words) - 1
    return "(" + " <-> ".join(_lexeme(w, prefix and i == last, weight) for i, w in enumerate(words)) + ")"


def _term(term: Term, weight: str = "", highlight: bool = False) -> str:
    alternatives = [_alternative(a, term.prefix and i == 0, weight) for i, a in enumerate(term.searched(highlight))]
    return alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"


def tsquery(query: ParsedQuery, any_term: bool = False, weight: str = "", highlight: bool = False) -> str:
    """The query as tsquery text; weight "A" restricts it to the title; `highlight` adds every form of
    abbreviations and numbers (for ts_headline)."""
    return (" | " if any_term else " & ").join(_term(t, weight, highlight) for t in query.terms)


class PostgresEngine(Engine):
    vendor = "postgresql"

    def page(self, query, filters: Filters, *, any_term, offset, limit) -> tuple[list[Hit], Summary]:
        where, where_params = filters.sql("e")
        boost, boost_params = boost_expression(query, instr="strpos")
        summary = SUMMARY_CTES.format(aggregate="json_agg", array="json_build_array", join="JOIN")
        sql = f"""
            WITH q AS (SELECT to_tsquery('simple', %s) AS q),
            m AS MATERIALIZED (
                SELECT e.id, e.kind, e.year FROM {schema.ENTRY} e, q
                WHERE e.search_vector @@ q.q {where} LIMIT {COUNT_CAP + 1}
            ),
            t AS MATERIALIZED (
                SELECT e.id FROM {schema.ENTRY} e, q
                WHERE (SELECT COUNT(*) FROM m) > {RANK_CAP} AND e.title_vector @@ q.q {where} LIMIT {TITLE_CAP}
            ),
            {summary},
            ranked AS (
                SELECT e.id, ts_rank('{WEIGHTS}', e.search_vector, q.q, {NORMALISATION}) * {boost} AS score
                FROM (SELECT id FROM (SELECT id FROM m LIMIT {RANK_CAP}) AS first UNION SELECT id FROM t) AS r
                JOIN {schema.ENTRY} e ON e.id = r.id, q
                ORDER BY score DESC, e.id LIMIT %s OFFSET %s
            ),
            page AS (
                SELECT e.id, e.kind, e.title, e.subtitle, e.url, e.year, r.score, e.body, e.body_folded,
                    ts_headline('simple', e.body_folded, to_tsquery('simple', %s), %s) AS headline
                FROM ranked r JOIN {schema.ENTRY} e ON e.id = r.id
            )
            {PAGE_SELECT}
        """
        params = [tsquery(query, any_term), *where_params, *where_params, *boost_params, limit, min(offset, RANK_CAP)]
        params += [tsquery(query, any_term, highlight=True), HEADLINE_OPTIONS]
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
                snippet_html=mark_snippet(h["body"], h["body_folded"], h["headline"] or ""),
                title_html=mark_words(h["title"], query),
            )
            for h in filter(None, map(hit_row, rows))
        ]
        return hits, self._summary(rows)

    def exists(self, query, filters: Filters) -> bool:
        where, params = filters.sql("e")
        sql = (
            f"SELECT EXISTS (SELECT 1 FROM {schema.ENTRY} e WHERE e.search_vector @@ to_tsquery('simple', %s) {where})"
        )
        return bool(self._fetch(sql, [tsquery(query), *params])[0][0])

    def candidate_words(self, words: list[str]) -> dict[str, list[str]]:
        sql = f"""
            SELECT w.word, t.term FROM unnest(%s::text[]) AS w(word)
            CROSS JOIN LATERAL (
                SELECT term FROM {schema.TERM} WHERE term %% w.word
                ORDER BY similarity(term, w.word) DESC, term LIMIT {CANDIDATES}
            ) t
        """
        found: dict[str, list[str]] = {}
        with transaction.atomic(using=self.connection.alias):
            # pg_trgm's `%` uses this threshold (0.3 by default) and the GIN index; for this transaction only.
            self._fetch("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(CANDIDATE_SIMILARITY)])
            for word, term in self._fetch(sql, [words]):
                found.setdefault(word, []).append(term)
        return found

    def nearest_title(self, text: str) -> str | None:
        sql = f"""
            SELECT title FROM {schema.ENTRY} WHERE %s <%% title_folded
            ORDER BY word_similarity(%s, title_folded) DESC, length(title_folded), id LIMIT 1
        """
        rows = self._fetch(sql, [text, text])
        return rows[0][0] if rows else None
