from django.db import connection

from search.engines import Filters
from search.query import parse
from search.results import run_search


def search(text: str, page: int = 1, **filters):
    return run_search(parse(text), Filters(**filters), page)


def first(text: str, **filters):
    result = search(text, **filters)
    return result.hits[0] if result.hits else None


def vendor() -> str:
    return connection.vendor
