"""Each engine's structures over the index tables, created by migrations for the database in use.

Frozen once released: a change goes into new constants and a new migration, never into the old ones.
Migration 0001 creates them (`create`/`drop`).

SQLite: FTS5 tables (the documents; and one of titles and names alone) with external content
(they read the rows of search_searchentry and search_searchterm), kept in step by triggers — so any
write to the index rows, whatever its path, updates them in the same transaction. If a later migration remakes
search_searchentry on SQLite (Django copies the table to alter it, which drops its triggers),
`ensure_sqlite()` runs after every migrate and recreates them, then refills the FTS tables from the rows.

PostgreSQL : generated tsvector columns — `search_vector` (title and names weight A, keywords B,
body C) and `title_vector` (title and names: the candidates ranked first) — with GIN indexes, and pg_trgm
indexes for typo correction.
"""

ENTRY = "search_searchentry"
TERM = "search_searchterm"
FTS = "search_fts"
TITLES = "search_titles"  # titles and names only, for the candidates ranked first
TITLE_TRIGRAMS = "search_title_tri"
TERM_TRIGRAMS = "search_term_tri"


def _fts_table(columns: str) -> str:
    # unicode61 with remove_diacritics 0: the columns are folded already. prefix='2 3' makes "ch*" fast.
    return f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({columns}, content='{ENTRY}',
        content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3')"""


def _entry_triggers(columns: str, titles: bool = False) -> dict[str, str]:
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in columns.split(","))
    insert = f"""INSERT INTO {FTS}(rowid, {columns}) VALUES (new.id, {new});
        INSERT INTO {TITLE_TRIGRAMS}(rowid, title_folded) VALUES (new.id, new.title_folded);"""
    delete = f"""INSERT INTO {FTS}({FTS}, rowid, {columns}) VALUES ('delete', old.id, {old});
        INSERT INTO {TITLE_TRIGRAMS}({TITLE_TRIGRAMS}, rowid, title_folded)
            VALUES ('delete', old.id, old.title_folded);"""
    if titles:
        insert += f"""
        INSERT INTO {TITLES}(rowid, title_folded, identifiers) VALUES (new.id, new.title_folded, new.identifiers);"""
        delete += f"""
        INSERT INTO {TITLES}({TITLES}, rowid, title_folded, identifiers)
            VALUES ('delete', old.id, old.title_folded, old.identifiers);"""
    return {
        f"{ENTRY}_fts_ai": f"CREATE TRIGGER IF NOT EXISTS {ENTRY}_fts_ai AFTER INSERT ON {ENTRY} BEGIN {insert} END",
        f"{ENTRY}_fts_ad": f"CREATE TRIGGER IF NOT EXISTS {ENTRY}_fts_ad AFTER DELETE ON {ENTRY} BEGIN {delete} END",
        f"{ENTRY}_fts_au": f"""CREATE TRIGGER IF NOT EXISTS {ENTRY}_fts_au AFTER UPDATE ON {ENTRY} BEGIN
            {delete} {insert} END""",
    }


_TERM_TRIGGERS = {
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
_TRIGRAM_TABLES = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TITLE_TRIGRAMS} USING fts5(title_folded, content='{ENTRY}',
        content_rowid='id', tokenize='trigram')""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TERM_TRIGRAMS} USING fts5(term, content='{TERM}',
        content_rowid='id', tokenize='trigram')""",
]

_COLUMNS = "title_folded, body_folded, keywords_folded, identifiers"
SQLITE_TABLES = [
    _fts_table(_COLUMNS),
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TITLES} USING fts5(title_folded, identifiers, content='{ENTRY}',
        content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    *_TRIGRAM_TABLES,
]
SQLITE_TRIGGERS = {**_entry_triggers(_COLUMNS, titles=True), **_TERM_TRIGGERS}
_REFILL = [f"INSERT INTO {table}({table}) VALUES ('rebuild')" for table in (FTS, TITLES, TITLE_TRIGRAMS, TERM_TRIGRAMS)]
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    *(f"DROP TABLE IF EXISTS {table}" for table in (FTS, TITLES, TITLE_TRIGRAMS, TERM_TRIGRAMS)),
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""ALTER TABLE {ENTRY}
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_folded || ' ' || identifiers), 'A')
            || setweight(to_tsvector('simple'::regconfig, keywords_folded), 'B')
            || setweight(to_tsvector('simple'::regconfig, body_folded), 'C')
        ) STORED,
        ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, title_folded || ' ' || identifiers)
        ) STORED""",
    f"CREATE INDEX {ENTRY}_vector_gin ON {ENTRY} USING GIN (search_vector)",
    f"CREATE INDEX {ENTRY}_title_vector_gin ON {ENTRY} USING GIN (title_vector)",
    f"CREATE INDEX {ENTRY}_title_trgm ON {ENTRY} USING GIN (title_folded gin_trgm_ops)",
    f"CREATE INDEX {TERM}_term_trgm ON {TERM} USING GIN (term gin_trgm_ops)",
]
POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {TERM}_term_trgm",
    f"DROP INDEX IF EXISTS {ENTRY}_title_trgm",
    f"DROP INDEX IF EXISTS {ENTRY}_title_vector_gin",
    f"DROP INDEX IF EXISTS {ENTRY}_vector_gin",
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS title_vector",
]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create(schema_editor) -> None:
    """The engines' structures (migration 0001); nothing on other databases."""
    _run(schema_editor, {"sqlite": [*SQLITE_TABLES, *SQLITE_TRIGGERS.values()], "postgresql": POSTGRES})


def drop(schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


def ensure_sqlite(connection) -> bool:
    """Recreate missing FTS tables or triggers (after a table remake) and refill them. True if it did."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if ENTRY not in present or FTS not in present:
            return False  # not migrated this far
        if all(name in present for name in [TITLES, TITLE_TRIGRAMS, TERM_TRIGRAMS, *SQLITE_TRIGGERS]):
            return False
        for statement in [*SQLITE_TABLES, *SQLITE_TRIGGERS.values(), *_REFILL]:
            cursor.execute(statement)
    return True
