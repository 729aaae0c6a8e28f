"""Query counts that must not grow with the amount of content: measured at two sizes, compared for equality."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings


def at_scales(build: Callable[[int], Any], measure: Callable[[Any], dict], scales: Iterable[int] = (1, 10)) -> list:
    """`measure(build(scale))` for each scale, each built in a savepoint that is rolled back after it."""
    results = []
    for scale in scales:
        with transaction.atomic():
            results.append(measure(build(scale)))
            transaction.set_rollback(True)
    return results


def count_queries(client, urls: dict[str, str], **headers) -> dict[str, int]:
    """GET each url once, rendered (past the page cache): name → the number of queries it took. Each must answer 200."""
    counts = {}
    for name, url in urls.items():
        with override_settings(PAGE_CACHE=False), CaptureQueriesContext(connection) as captured:
            response = client.get(url, **headers)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(captured.captured_queries)
    return counts


def over(counts: dict[str, int], bounds: dict[str, int] | int) -> dict[str, tuple[int, int]]:
    """The entries above their bound: name → (count, bound). Empty when all are within."""
    bound_of = bounds.get if isinstance(bounds, dict) else (lambda _name: bounds)
    return {name: (n, bound_of(name)) for name, n in counts.items() if n > bound_of(name)}
