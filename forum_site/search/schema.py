"""Each engine's structures over the index tables, created by migrations for the database in use.

Frozen by version: a change goes into new constants and a new migration, never into the old ones.
Migration 0005 creates version 1 (`create`/`drop`); 0006 turns it into version 2 (`upgrade_to_v2`/
`downgrade_to_v1`), which is what the engines use.

SQLite: FTS5 tables (the documents; version 2 adds one of titles and names alone) with external content
(they read the rows of forum_site_searchentry and forum_site_searchterm), kept in step by triggers — so any
write to the index rows, whatever its path, updates them in the same transaction. If a later migration remakes
forum_site_searchentry on SQLite (Django copies the table to alter it, which drops its triggers),
`ensure_sqlite()` runs after every migrate and recreates them, then refills the FTS tables from the rows.

PostgreSQL (version 2): generated tsvector columns — `search_vector` (title and names weight A, keywords B,
body C) and `title_vector` (title and names: the candidates ranked first) — with GIN indexes, and pg_trgm
indexes for typo correction.
"""

ENTRY = "forum_site_searchentry"
TERM = "forum_site_searchterm"
FTS = "forum_site_search_fts"
TITLES = "forum_site_search_titles"  # version 2: titles and names only, for the candidates ranked first
TITLE_TRIGRAMS = "forum_site_search_title_tri"
TERM_TRIGRAMS = "forum_site_search_term_tri"


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

# --- version 1 (migration 0005) -------------------------------------------------------------------------

_V1_COLUMNS = "title_folded, body_folded, keywords_folded, exact"
SQLITE_TABLES_V1 = [_fts_table(_V1_COLUMNS), *_TRIGRAM_TABLES]
SQLITE_TRIGGERS_V1 = {**_entry_triggers(_V1_COLUMNS), **_TERM_TRIGGERS}
SQLITE_DROP_V1 = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS_V1),
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP TABLE IF EXISTS {TITLE_TRIGRAMS}",
    f"DROP TABLE IF EXISTS {TERM_TRIGRAMS}",
]
_SEARCH_VECTOR_V1 = f"""ALTER TABLE {ENTRY}
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_folded), 'A')
        || setweight(to_tsvector('simple'::regconfig, keywords_folded), 'B')
        || setweight(to_tsvector('simple'::regconfig, body_folded), 'C')
    ) STORED,
    ADD COLUMN exact_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, exact)) STORED"""
POSTGRES_V1 = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    _SEARCH_VECTOR_V1,
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

# --- version 2 (migration 0006): names (identifiers) searched with the title; no FTS on `exact` ----------

_V2_COLUMNS = "title_folded, body_folded, keywords_folded, identifiers"
SQLITE_TABLES_V2 = [
    _fts_table(_V2_COLUMNS),
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TITLES} USING fts5(title_folded, identifiers, content='{ENTRY}',
        content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    *_TRIGRAM_TABLES,
]
SQLITE_TRIGGERS_V2 = {**_entry_triggers(_V2_COLUMNS, titles=True), **_TERM_TRIGGERS}
_REFILL_V1 = [f"INSERT INTO {table}({table}) VALUES ('rebuild')" for table in (FTS, TITLE_TRIGRAMS, TERM_TRIGRAMS)]
_REFILL = [*_REFILL_V1, f"INSERT INTO {TITLES}({TITLES}) VALUES ('rebuild')"]
SQLITE_V1_TO_V2 = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS_V1),
    f"DROP TABLE IF EXISTS {FTS}",
    *SQLITE_TABLES_V2,
    *SQLITE_TRIGGERS_V2.values(),
    *_REFILL,
]
SQLITE_V2_TO_V1 = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS_V2),
    f"DROP TABLE IF EXISTS {FTS}",
    f"DROP TABLE IF EXISTS {TITLES}",
    *SQLITE_TABLES_V1,
    *SQLITE_TRIGGERS_V1.values(),
    *_REFILL_V1,
]
POSTGRES_V1_TO_V2 = [
    f"DROP INDEX IF EXISTS {ENTRY}_vector_gin",
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS exact_vector",
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
]
POSTGRES_V2_TO_V1 = [
    f"DROP INDEX IF EXISTS {ENTRY}_title_vector_gin",
    f"DROP INDEX IF EXISTS {ENTRY}_vector_gin",
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS title_vector",
    _SEARCH_VECTOR_V1,
    f"CREATE INDEX {ENTRY}_vector_gin ON {ENTRY} USING GIN (search_vector)",
]

# What the engines use today.
SQLITE_TABLES, SQLITE_TRIGGERS = SQLITE_TABLES_V2, SQLITE_TRIGGERS_V2


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create(schema_editor) -> None:
    """Version 1 (migration 0005); nothing on other databases."""
    _run(schema_editor, {"sqlite": [*SQLITE_TABLES_V1, *SQLITE_TRIGGERS_V1.values()], "postgresql": POSTGRES_V1})


def drop(schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP_V1, "postgresql": POSTGRES_DROP_V1})


def upgrade_to_v2(schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_V1_TO_V2, "postgresql": POSTGRES_V1_TO_V2})


def downgrade_to_v1(schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_V2_TO_V1, "postgresql": POSTGRES_V2_TO_V1})


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
