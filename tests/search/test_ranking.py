"""Ranking rules on small, made-up content: diacritics that agree rank higher, titles above bodies,
one tone-placement habit, đ folded, upper and lower case alike."""

import pytest

from core.publishing import Status
from resolutions.models import Task
from search import index
from search.engines.base import COUNT_CAP
from tests.factories import make_document, make_organisation, make_person, make_task
from tests.search.conftest import first, search

pytestmark = pytest.mark.django_db


def test_a_match_agreeing_on_diacritics_ranks_above_a_folded_one():
    make_task(title="Đăng ký học tập số", summary="Nội dung.")
    make_task(title="Đảng viên học tập số", summary="Nội dung.")
    assert first("Đảng").title == "Đảng viên học tập số"
    assert first("đăng").title == "Đăng ký học tập số"
    assert search("dang").summary.total == 2  # without diacritics both are found


def test_d_is_folded_and_case_does_not_matter():
    make_task(title="ĐỔI MỚI SÁNG TẠO TRONG ĐẢNG", summary="Nội dung.")
    for query in ("doi moi sang tao", "Đổi mới sáng tạo", "ĐỔI MỚI", "đảng"):
        assert first(query) is not None, query


def test_tone_placement_habits_find_each_other():
    make_task(title="Hoà nhập số", summary="Thuỷ lợi thông minh.")
    for query in ("hòa nhập", "hoà nhập", "thủy lợi", "thuỷ lợi", "hoa nhap"):
        assert first(query).title == "Hòa nhập số", query  # shown in one habit too
    # both habits also agree on diacritics: an exact match, whichever was typed
    make_task(title="Hoa nhập khẩu", summary="Nội dung.")
    assert first("hoà nhập").title == "Hòa nhập số"


def test_title_matches_rank_above_body_matches():
    make_task(title="Nhiệm vụ khác", summary="Thí điểm cơ chế sandbox cho mô hình mới.")
    make_task(title="Cơ chế sandbox", summary="Nội dung.")
    assert first("sandbox").title == "Cơ chế sandbox"


def test_a_name_typed_exactly_ranks_the_person_above_mentions():
    make_document(title="Kết luận của Thủ tướng Trần Văn Thử", subject="Trần Văn Thử kết luận.")
    make_person(name="Trần Văn Thử")
    assert first("tran van thu").kind == "person"


def test_phrase_in_quotes_must_stand_together():
    make_task(title="Số hóa chuyển đổi", summary="Một việc khác.")
    make_task(title="Chuyển đổi số", summary="Nội dung.")
    result = search('"chuyển đổi số"')
    assert [hit.title for hit in result.hits] == ["Chuyển đổi số"]


def test_last_word_is_a_prefix():
    make_task(title="Khung kinh tế dữ liệu", summary="Nội dung.")
    assert first("khung kinh t").title == "Khung kinh tế dữ liệu"
    assert first("khung kinh tế dữ li").title == "Khung kinh tế dữ liệu"


def test_typo_in_a_name_is_corrected():
    make_person(name="Hoàng Thị Thử Nghiệm")
    result = search("Hoang Thi Thu Nghiemm")
    assert result.corrected
    assert result.hits[0].title == "Hoàng Thị Thử Nghiệm"


def test_words_missing_together_fall_back_to_some_words():
    make_task(title="Phủ sóng 5G", summary="Nội dung.")
    result = search("5G mặt trăng")
    assert result.any_term
    assert result.hits[0].title == "Phủ sóng 5G"


def test_a_title_match_is_ranked_even_among_more_matches_than_are_ranked():
    """Past COUNT_CAP matches only the first RANK_CAP are ranked; the title and name matches join them."""

    document = make_document()
    Task.objects.bulk_create(
        [
            Task(
                document=document,
                number=n,
                title=f"Việc số {n}",
                summary="Làm việc với cơ quan tầm gửi.",
                status=Status.PUBLISHED,
            )
            for n in range(1, COUNT_CAP + 101)
        ]
    )
    index.index_objects(Task.objects.filter(document=document))
    make_organisation(name="Cục Tầm Gửi", short_name="CTG")
    result = search("tầm gửi")
    assert result.summary.capped
    assert result.hits[0].title == "Cục Tầm Gửi"
    assert first("CTG").title == "Cục Tầm Gửi"
