from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from search.engines import Filters
from search.query import parse
from search.results import run_search


@pytest.fixture(scope="module")
def forum_content(django_db_setup, django_db_blocker):
    """The forum's real content (content/*.toml), loaded once per module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_forum_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def search(text: str, page: int = 1, **filters):
    return run_search(parse(text), Filters(**filters), page)


def first(text: str, **filters):
    result = search(text, **filters)
    return result.hits[0] if result.hits else None


def vendor() -> str:
    return connection.vendor
