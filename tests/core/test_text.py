import pytest

from core.text import (
    exact_aligned,
    fold,
    fold_aligned,
    fold_keep_punctuation,
    from_roman,
    normalize,
    slugify_vi,
    to_roman,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng", "dang"),
        ("chuyển đổi số", "chuyen doi so"),
        ("CHUYỂN ĐỔI SỐ", "chuyen doi so"),
        ("Bộ KH&CN", "bo kh&cn"),
        ("hoà", "hoa"),
    ],
)
def test_fold_removes_case_and_diacritics_including_d(text, expected):
    assert fold(text) == expected


def test_both_tone_placement_habits_normalise_to_one_form():
    assert normalize("hoà thuỷ khoẻ") == normalize("hòa thủy khỏe") == "hòa thủy khỏe"


def test_tone_placement_leaves_closed_syllables_alone():
    assert normalize("Hoàng") == "Hoàng"


def test_tone_placement_leaves_qu_alone():
    assert normalize("quý 1 năm 2026, Quỹ") == "quý 1 năm 2026, Quỹ"


def test_normalize_composes_decomposed_text():
    decomposed = "chuye\u0302\u0309n"
    assert normalize(decomposed) == "chuyển"


def test_normalize_strips_control_characters():
    assert normalize("a\x00b\x07c") == "a b c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng lãnh đạo", "dang-lanh-dao"),
        ("Bộ Khoa học và Công nghệ", "bo-khoa-hoc-va-cong-nghe"),
        ("Ngày Chuyển đổi số quốc gia", "ngay-chuyen-doi-so-quoc-gia"),
        ("4/TB-VPCP", "4-tb-vpcp"),
    ],
)
def test_slugify_vi_folds_d_and_diacritics(text, expected):
    assert slugify_vi(text) == expected


@pytest.mark.parametrize(("number", "roman"), [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (9, "IX"), (14, "XIV")])
def test_roman_numerals_round_trip(number, roman):
    assert to_roman(number) == roman
    assert from_roman(roman) == number


@pytest.mark.parametrize("bad", ["", "IIII", "ABC", "VX"])
def test_from_roman_rejects_non_canonical(bad):
    with pytest.raises(ValueError):
        from_roman(bad)


def test_to_roman_rejects_zero():
    with pytest.raises(ValueError):
        to_roman(0)


@pytest.mark.parametrize(
    ("text", "kept", "spaced"),
    [
        ("Thông báo số 4/TB-VPCP", "thong bao so 4/tb-vpcp", "thong bao so 4 tb vpcp"),
        ("Bộ KH&CN, “Đề án 06”", "bo kh&cn, “de an 06”", "bo kh cn   de an 06 "),
        ("trong\u00a0tháng\t01/2026", "trong thang 01/2026", "trong thang 01 2026"),
        ("Ðà Nẵng", "da nang", "da nang"),  # Icelandic eth typed for Đ
    ],
)
def test_aligned_folds_keep_every_position(text, kept, spaced):
    """One aligned fold for the notice importer (punctuation kept) and search (punctuation as spaces)."""
    assert fold_keep_punctuation(text) == kept
    assert fold_aligned(text) == spaced
    assert len(fold_keep_punctuation(text)) == len(fold_aligned(text)) == len(exact_aligned(text)) == len(text)
