"""One interface, two engines: PostgreSQL full-text search and SQLite FTS5, picked by the database."""

from django.db import connection as default_connection

from search.engines.base import COUNT_CAP, RANK_CAP, Engine, FacetCount, Filters, Hit, Summary
from search.engines.postgres import PostgresEngine
from search.engines.sqlite import SqliteEngine

ENGINES = {"postgresql": PostgresEngine, "sqlite": SqliteEngine}

__all__ = ["COUNT_CAP", "RANK_CAP", "Engine", "FacetCount", "Filters", "Hit", "Summary", "get_engine"]


def get_engine(connection=None) -> Engine:
    connection = connection or default_connection
    try:
        return ENGINES[connection.vendor](connection)
    except KeyError:
        raise NotImplementedError(f"search has no engine for {connection.vendor}") from None
