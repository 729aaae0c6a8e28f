"""Every public page answers within a fixed number of queries, whatever the amount of content.

Each page is measured with the content built once (scale 1) and ten times over (scale 10)
under the same bound.
"""

import pytest

from tests.world import build_world

pytestmark = pytest.mark.django_db

PAGE_BOUNDS = {
    "home": 10,
    "edition_list": 3,
    "edition": 14,
    "series_list": 3,
    "series": 4,
    "series_edition": 14,
    "topic_list": 2,
    "topic": 9,
    "person_list": 3,
    "person": 4,
    "organisation_list": 2,
    "organisation": 11,
    "figures": 2,
    "sources": 9,
    "document_list": 2,
    "document": 8,
    "task": 10,
}


@pytest.mark.parametrize("scale", [1, 10])
def test_public_page_query_counts_do_not_grow_with_content(client, django_assert_max_num_queries, scale):
    urls = build_world(scale)
    for page, bound in sorted(PAGE_BOUNDS.items()):
        with django_assert_max_num_queries(bound, info=page):
            response = client.get(urls[page])
        assert response.status_code == 200, page
