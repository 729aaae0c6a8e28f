"""The benchmark's generated content is valid and searchable (the timing itself runs in `make bench-search`)."""

import pytest

from forum_site.bench.data import generate
from forum_site.bench.search import COMMON, SELECTIVE, percentile
from search import index
from search.models import SearchEntry
from tests.search.conftest import search

pytestmark = pytest.mark.django_db


def test_generated_records_are_indexed_and_found():
    counts = generate(600)
    assert sum(counts.values()) == 600
    index.rebuild()
    assert SearchEntry.objects.count() == 600
    assert search("Phạm Minh Chính").hits[0].title == "Phạm Minh Chính"
    assert search("5/TB-VPCP").hits[0].kind == "document"
    assert search(COMMON[1][1]).summary.total > 300
    assert len(SELECTIVE) >= 9


def test_percentile():
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([3.0], 0.95) == 3.0
