"""SQLite: FTS5 over the same folded documents (bm25 with the title weighted, snippet() for highlights),
and FTS5's trigram tokenizer for typo correction (candidates by shared trigrams, then pg_trgm's
similarity computed here, so both engines correct the same way)."""

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
    similarity,
    word_similarity,
)
from forum_site.search.query import ParsedQuery, Term

FTS = schema.FTS
# bm25 weights per column: title, body, keywords, exact (ranking only, never matched directly).
BM25 = f"bm25({FTS}, 10.0, 2.0, 4.0, 0.0)"
SEARCHED_COLUMNS = "{title_folded body_folded keywords_folded}"
ELLIPSIS = "…"
TITLE_SIMILARITY = 0.6  # pg_trgm's default word_similarity threshold
SHORT_WORD = 5  # letters: below this, unpadded trigrams find too few candidates


def _alternative(words: tuple[str, ...], prefix: bool) -> str:
    # Words are letters and digits only (documents.fold_aligned), so quoting cannot be broken.
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def _term(term: Term) -> str:
    alternatives = [_alternative(a, term.prefix and i == 0) for i, a in enumerate(term.alternatives)]
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def match_expression(query: ParsedQuery, any_term: bool = False, columns: str = SEARCHED_COLUMNS) -> str:
    joined = (" OR " if any_term else " AND ").join(_term(t) for t in query.terms)
    return f"{columns} : ({joined})"


IN_FTS = f"c.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"


def _boost(query: ParsedQuery) -> tuple[str, list]:
    return boost_expression(
        query,
        title_check=lambda: (IN_FTS, match_expression(query, columns="title_folded")),
        exact_check=lambda word: (IN_FTS, f'exact : "{word}"'),
        phrase_check=lambda words, prefix: (IN_FTS, f"{SEARCHED_COLUMNS} : {_alternative(words, prefix)}"),
        identifiers="e.identifiers",
    )


def _trigram_match(text: str) -> str:
    grams = {word[i : i + 3] for word in text.split() for i in range(len(word) - 2)}
    return " OR ".join(f'"{g}"' for g in sorted(grams))


class SqliteEngine(Engine):
    vendor = "sqlite"

    def hits(self, query, filters: Filters, *, any_term, offset, limit) -> list[Hit]:
        if offset >= RANK_CAP:
            return []
        where, where_params = filters.sql("e")
        boost, boost_params = _boost(query)
        match = match_expression(query, any_term)
        sql = f"""
            WITH c AS MATERIALIZED (
                SELECT {FTS}.rowid AS id, {BM25} AS bm FROM {FTS} JOIN {schema.ENTRY} e ON e.id = {FTS}.rowid
                WHERE {FTS} MATCH %s {where} LIMIT {RANK_CAP}
            )
            SELECT e.id, e.kind, e.title, e.subtitle, e.url, e.year, -c.bm * {boost} AS score,
                e.body, e.body_folded
            FROM c JOIN {schema.ENTRY} e ON e.id = c.id
            ORDER BY score DESC, e.id LIMIT %s OFFSET %s
        """
        rows = self._fetch(sql, [match, *where_params, *boost_params, limit, offset])
        if not rows:
            return []
        marks = ", ".join(["%s"] * len(rows))
        snippets = dict(
            self._fetch(
                f"SELECT rowid, snippet({FTS}, 1, '{START}', '{STOP}', '{ELLIPSIS}', {SNIPPET_WORDS}) "
                f"FROM {FTS} WHERE {FTS} MATCH %s AND rowid IN ({marks})",
                [match, *(row[0] for row in rows)],
            )
        )
        return [
            Hit(
                id=id_,
                kind=kind,
                title=title,
                subtitle=subtitle,
                url=url,
                year=year,
                score=float(score),
                snippet_html=mark_snippet(body, body_folded, snippets.get(id_) or "", ELLIPSIS),
                title_html=mark_words(title, query),
            )
            for id_, kind, title, subtitle, url, year, score, body, body_folded in rows
        ]

    def summary(self, query, filters: Filters, *, any_term) -> Summary:
        where, params = filters.sql("e")
        matches = (
            f"SELECT e.id, e.kind, e.year FROM {FTS} JOIN {schema.ENTRY} e ON e.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s {where}"
        )
        return self._summary_from(matches, [match_expression(query, any_term), *params])

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
