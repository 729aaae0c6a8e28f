"""Each engine's structures over the index tables, created by migration 0005 for the database in use.

Frozen by version: a change goes into new constants and a new migration, never into these.

SQLite: FTS5 tables with external content (they read the rows of forum_site_searchentry and
forum_site_searchterm), kept in step by triggers — so any write to the index rows, whatever its path,
updates them in the same transaction. If a later migration remakes forum_site_searchentry on SQLite
(Django copies the table to alter it, which drops its triggers), `ensure_sqlite()` runs after every
migrate and recreates them, then rebuilds the FTS tables from the rows.

PostgreSQL: generated tsvector columns (title weight A, keywords B, body C; and the diacritic-keeping
`exact_vector`), a GIN index, and pg_trgm indexes for typo correction.
"""

ENTRY = "forum_site_searchentry"
TERM = "forum_site_searchterm"
FTS = "forum_site_search_fts"
TITLE_TRIGRAMS = "forum_site_search_title_tri"
TERM_TRIGRAMS = "forum_site_search_term_tri"

_FTS_COLUMNS = "title_folded, body_folded, keywords_folded, exact"
_NEW = "new.id, new.title_folded, new.body_folded, new.keywords_folded, new.exact"
_OLD = "old.id, old.title_folded, old.body_folded, old.keywords_folded, old.exact"

SQLITE_TABLES_V1 = [
    # unicode61 with remove_diacritics 0: the folded columns are diacritic-free already, and `exact`
    # must keep its diacritics. prefix='2 3' makes "chuy*" fast.
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({_FTS_COLUMNS}, content='{ENTRY}',
        content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TITLE_TRIGRAMS} USING fts5(title_folded, content='{ENTRY}',
        content_rowid='id', tokenize='trigram')""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TERM_TRIGRAMS} USING fts5(term, content='{TERM}',
        content_rowid='id', tokenize='trigram')""",
]
SQLITE_TRIGGERS_V1 = {
    f"{ENTRY}_fts_ai": f"""CREATE TRIGGER IF NOT EXISTS {ENTRY}_fts_ai AFTER INSERT ON {ENTRY} BEGIN
        INSERT INTO {FTS}(rowid, {_FTS_COLUMNS}) VALUES ({_NEW});
        INSERT INTO {TITLE_TRIGRAMS}(rowid, title_folded) VALUES (new.id, new.title_folded);
    END""",
    f"{ENTRY}_fts_ad": f"""CREATE TRIGGER IF NOT EXISTS {ENTRY}_fts_ad AFTER DELETE ON {ENTRY} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, {_FTS_COLUMNS}) VALUES ('delete', {_OLD});
        INSERT INTO {TITLE_TRIGRAMS}({TITLE_TRIGRAMS}, rowid, title_folded) VALUES ('delete', old.id, old.title_folded);
    END""",
    f"{ENTRY}_fts_au": f"""CREATE TRIGGER IF NOT EXISTS {ENTRY}_fts_au AFTER UPDATE ON {ENTRY} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, {_FTS_COLUMNS}) VALUES ('delete', {_OLD});
        INSERT INTO {TITLE_TRIGRAMS}({TITLE_TRIGRAMS}, rowid, title_folded) VALUES ('delete', old.id, old.title_folded);
        INSERT INTO {FTS}(rowid, {_FTS_COLUMNS}) VALUES ({_NEW});
        INSERT INTO {TITLE_TRIGRAMS}(rowid, title_folded) VALUES (new.id, new.title_folded);
    END""",
    f"{TERM}_tri_ai": f"""CREATE TRIGGER IF NOT EXISTS {TERM}_tri_ai AFTER INSERT ON {TERM} BEGIN
        INSERT INTO {TERM_TRIGRAMS}(rowid, term) VALUES (new.id, new.term);
    END""",
    f"{TERM}_tri_ad": f"""CREATE TRIGGER IF NOT EXISTS {TERM}_tri_ad AFTER DELETE ON {TERM} BEGIN
        INSERT INTO {TERM_TRIGRAMS}({TERM_TRIGRAMS}, rowid, term) VALUES ('delete', old.id, old.term);
    END""",
    f"{TERM}_tri_au": f"""CREATE TRIGGER IF NOT EXISTS {TERM}_tri_au AFTER UPDATE ON {TERM} BEGIN
        INSERT INTO {TERM_TRIGRAMS}({TERM_TRIGRAMS}, rowid, term) VALUES ('delete', old.id, old.term);
        INSERT INTO {TERM_TRIGRAMS}(rowid, term) VALUES (new.id, new.term);
    END""",
}
SQLITE_DROP_V1 = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS_V1),
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP TABLE IF EXISTS {TITLE_TRIGRAMS}",
    f"DROP TABLE IF EXISTS {TERM_TRIGRAMS}",
]

POSTGRES_V1 = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""ALTER TABLE {ENTRY}
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_folded), 'A')
            || setweight(to_tsvector('simple'::regconfig, keywords_folded), 'B')
            || setweight(to_tsvector('simple'::regconfig, body_folded), 'C')
        ) STORED,
        ADD COLUMN exact_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, exact)) STORED""",
    f"CREATE INDEX {ENTRY}_vector_gin ON {ENTRY} USING GIN (search_vector)",
    f"CREATE INDEX {ENTRY}_title_trgm ON {ENTRY} USING GIN (title_folded gin_trgm_ops)",
    f"CREATE INDEX {TERM}_term_trgm ON {TERM} USING GIN (term gin_trgm_ops)",
]
POSTGRES_DROP_V1 = [
    f"DROP INDEX IF EXISTS {TERM}_term_trgm",
    f"DROP INDEX IF EXISTS {ENTRY}_title_trgm",
    f"DROP INDEX IF EXISTS {ENTRY}_vector_gin",
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS exact_vector",
]


def create(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in [*SQLITE_TABLES_V1, *SQLITE_TRIGGERS_V1.values()]:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for statement in POSTGRES_V1:
            schema_editor.execute(statement)


def drop(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_DROP_V1, "postgresql": POSTGRES_DROP_V1}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def ensure_sqlite(connection) -> bool:
    """Recreate missing FTS tables or triggers (after a table remake) and refill them. True if it did."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if ENTRY not in present:
            return False  # not migrated this far
        wanted = [FTS, TITLE_TRIGRAMS, TERM_TRIGRAMS, *SQLITE_TRIGGERS_V1]
        if all(name in present for name in wanted):
            return False
        for statement in [*SQLITE_TABLES_V1, *SQLITE_TRIGGERS_V1.values()]:
            cursor.execute(statement)
        for table in (FTS, TITLE_TRIGRAMS, TERM_TRIGRAMS):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    return True
