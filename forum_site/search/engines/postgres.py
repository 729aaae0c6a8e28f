"""PostgreSQL: full-text search over the folded documents ('simple' configuration, so no stemming or
stop words: Vietnamese syllables are words), GIN index, ts_rank with title weight A, ts_headline
snippets, and pg_trgm for typo correction."""

from django.db import transaction

from forum_site.search import schema
from forum_site.search.engines.base import (
    CANDIDATE_SIMILARITY,
    CANDIDATES,
    RANK_CAP,
    SNIPPET_WORDS,
    START,
    STOP,
    Engine,
    Filters,
    Hit,
    Summary,
    boost_expression,
    mark_snippet,
    mark_words,
)
from forum_site.search.query import ParsedQuery, Term

# ts_rank weights {D, C, B, A}: body (C) 0.2, keywords (B) 0.4, title (A) 1.0.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# Normalisation 1: divide by 1 + log(length), so a short title that is the whole answer ranks first.
NORMALISATION = 1
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, "
    "ShortWord=0, HighlightAll=false"
)


def _lexeme(word: str, prefix: bool = False, weight: str = "") -> str:
    # Words are letters and digits only (documents.fold_aligned), so quoting cannot be broken.
    label = ("*" if prefix else "") + weight
    return f"'{word}'" + (f":{label}" if label else "")


def _alternative(words: tuple[str, ...], prefix: bool, weight: str = "") -> str:
    if len(words) == 1:
        return _lexeme(words[0], prefix, weight)
    last = len(words) - 1
    return "(" + " <-> ".join(_lexeme(w, prefix and i == last, weight) for i, w in enumerate(words)) + ")"


def _term(term: Term, weight: str = "") -> str:
    alternatives = [_alternative(a, term.prefix and i == 0, weight) for i, a in enumerate(term.alternatives)]
    return alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"


def tsquery(query: ParsedQuery, any_term: bool = False, weight: str = "") -> str:
    """The query as tsquery text; weight "A" restricts it to the title."""
    return (" | " if any_term else " & ").join(_term(t, weight) for t in query.terms)


def _boost(query: ParsedQuery) -> tuple[str, list]:
    return boost_expression(
        query,
        title_check=lambda: ("c.search_vector @@ to_tsquery('simple', %s)", tsquery(query, weight="A")),
        exact_check=lambda word: ("c.exact_vector @@ to_tsquery('simple', %s)", _lexeme(word)),
        phrase_check=lambda words, prefix: ("c.search_vector @@ to_tsquery('simple', %s)", _alternative(words, prefix)),
        identifiers="c.identifiers",
    )


class PostgresEngine(Engine):
    vendor = "postgresql"

    def hits(self, query, filters: Filters, *, any_term, offset, limit) -> list[Hit]:
        if offset >= RANK_CAP:
            return []
        where, where_params = filters.sql("e")
        boost, boost_params = _boost(query)
        sql = f"""
            WITH q AS (SELECT to_tsquery('simple', %s) AS q),
            candidates AS (
                SELECT e.id, e.search_vector, e.exact_vector, e.identifiers FROM {schema.ENTRY} e, q
                WHERE e.search_vector @@ q.q {where} LIMIT {RANK_CAP}
            ),
            ranked AS (
                SELECT c.id, ts_rank('{WEIGHTS}', c.search_vector, q.q, {NORMALISATION}) * {boost} AS score
                FROM candidates c, q ORDER BY score DESC, c.id LIMIT %s OFFSET %s
            )
            SELECT e.id, e.kind, e.title, e.subtitle, e.url, e.year, r.score, e.body, e.body_folded,
                ts_headline('simple', e.body_folded, q.q, %s)
            FROM ranked r JOIN {schema.ENTRY} e ON e.id = r.id, q
            ORDER BY r.score DESC, e.id
        """
        params = [tsquery(query, any_term), *where_params, *boost_params, limit, offset, HEADLINE_OPTIONS]
        hits = []
        for id_, kind, title, subtitle, url, year, score, body, body_folded, headline in self._fetch(sql, params):
            hits.append(
                Hit(
                    id=id_,
                    kind=kind,
                    title=title,
                    subtitle=subtitle,
                    url=url,
                    year=year,
                    score=float(score),
                    snippet_html=mark_snippet(body, body_folded, headline or ""),
                    title_html=mark_words(title, query),
                )
            )
        return hits

    def summary(self, query, filters: Filters, *, any_term) -> Summary:
        where, params = filters.sql("e")
        matches = (
            f"SELECT e.id, e.kind, e.year FROM {schema.ENTRY} e "
            f"WHERE e.search_vector @@ to_tsquery('simple', %s) {where}"
        )
        return self._summary_from(matches, [tsquery(query, any_term), *params])

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
