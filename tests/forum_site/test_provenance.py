"""Provenance: every published key figure, task, appearance and edition names a published source, and every source
has an address or says why it has none (`forum_site.provenance`)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.publishing import Status
from editions.models import Appearance, Edition, KeyFigure, Source
from forum_site.provenance import provenance_gaps
from resolutions.models import Task

pytestmark = pytest.mark.django_db


def test_the_loaded_content_has_a_source_for_every_fact(forum_content):
    assert provenance_gaps() == []
    assert KeyFigure.objects.published().count() == 11
    assert Task.objects.published().count() == 13
    assert Appearance.objects.published().count() == 8
    assert Edition.objects.published().count() == 5


def test_every_source_has_an_address_or_a_reason(forum_content):
    sources = list(Source.objects.published())
    assert len(sources) == 9
    for source in sources:
        assert source.url or source.no_url_reason.strip(), source.key
    assert sorted(s.key for s in sources if not s.url) == ["s1", "s2"]  # the two whose publisher was not found


@pytest.mark.parametrize(
    ("unsource", "expected"),
    [
        (lambda: Task.objects.get(document__key="4-tb-vpcp", number=3).sources.clear(), "nhiệm vụ 4/TB-VPCP"),
        (lambda: Edition.objects.get(series__slug="dien-dan", year=2023).sources.clear(), "kỳ Diễn đàn"),
        (lambda: Appearance.objects.get(person__slug="cao-van-cuong").sources.clear(), "vai trò Cao Văn Cường"),
        (lambda: Source.objects.filter(key="s4").update(status=Status.DRAFT), "số liệu phu-song-5g-dan-so"),
        (
            lambda: Source.objects.filter(key="s2").update(no_url_reason=" "),
            "nguồn Bài viết trước Diễn đàn quốc gia về phát triển doanh nghiệp",
        ),
    ],
    ids=["task", "edition", "appearance", "figure", "source-without-address-or-reason"],
)
def test_a_fact_without_a_source_is_found(forum_content, unsource, expected):
    unsource()
    gaps = provenance_gaps()
    assert any(gap.startswith(expected) for gap in gaps), gaps
    with pytest.raises(CommandError):
        call_command("check_provenance", verbosity=0)


def test_a_source_without_address_or_reason_is_refused_by_the_database(forum_content):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(key="s99", title="Không địa chỉ, không lý do")
