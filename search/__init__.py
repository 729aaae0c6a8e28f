"""Vietnamese full-text search over everything published (docs/search.md).

- registry.py   what is searchable: the search facet apps declare in their content_types.py (core/registry.py)
- documents.py  folded, position-aligned text; abbreviations (content/search/abbreviations.toml); numbers; names
- models.py     the index rows; schema.py the engines' structures over them, by migration version
- query.py      what the visitor typed → terms
- engines/      one interface: PostgreSQL full-text search + pg_trgm, SQLite FTS5 + trigram
- index.py      index upkeep (signals, batch(), index_objects(), rebuild())
- results.py    one search with typo correction and fallbacks; views.py renders it at /tim-kiem/
- highlight.py  marks put back on the original text; spelling.py trigram similarity and edit distance
"""
