"""Every public page answers within a fixed number of queries, whatever the amount of content.

Each page is measured with the content built once (scale 1) and ten times over (scale 10): the two counts must be
equal, and within the page's bound.
"""

import pytest

from tests.queries import at_scales, count_queries, over
from tests.world import build_world

pytestmark = pytest.mark.django_db

PAGE_BOUNDS = {
    "home": 10,
    "edition_list": 5,  # the series, its sources, its editions, and the timeline (series starts, editions)
    "edition": 17,  # + sources of strands, roles and programmes
    "series_list": 3,
    "series": 4,
    "series_edition": 14,
    "topic_list": 2,
    "topic": 13,  # + sections, bridge points, tasks' joint assignees; the listed tasks' ids (their block's key)
    "person_list": 3,
    "person": 5,  # + sources of each role
    "organisation_list": 2,
    "organisation": 16,  # + joint tasks (with partners, assignees), sources; the listed tasks' ids (their block's key)
    "figures": 2,
    "sources": 9,
    "document_list": 2,
    "document": 11,  # + sections' sources and topics, tasks' joint assignees
    "task": 10,
}


def test_public_page_query_counts_do_not_grow_with_content(client):
    small, large = at_scales(
        build_world, lambda urls: count_queries(client, {page: urls[page] for page in PAGE_BOUNDS})
    )
    assert large == small
    assert over(small, PAGE_BOUNDS) == {}
