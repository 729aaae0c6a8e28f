"""Folding, abbreviations, document numbers and query parsing (no database)."""

import pytest

from core.text import exact_aligned, fold_aligned, normalize
from search.documents import build_text, name_identifiers, number_words
from search.highlight import mark_snippet, mark_words
from search.query import MAX_LENGTH, parse
from search.spelling import edit_distance, similarity


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng", "dang"),
        ("chuyển đổi số", "chuyen doi so"),
        ("Bộ KH&CN", "bo kh cn"),
        ("4/TB-VPCP", "4 tb vpcp"),
        ("ĐẢNG", "dang"),
        ("Ðảng", "dang"),  # Icelandic eth typed for Đ
        ("29,68%", "29 68 "),
    ],
)
def test_fold_aligned(text, folded):
    text = normalize(text)
    assert fold_aligned(text) == folded
    assert len(fold_aligned(text)) == len(text) == len(exact_aligned(text))


def test_both_tone_placements_fold_and_match_exactly_alike():
    assert fold_aligned(normalize("hoà thuỷ")) == fold_aligned(normalize("hòa thủy")) == "hoa thuy"
    assert exact_aligned(normalize("Hoà Thuỷ")) == exact_aligned(normalize("hòa thủy")) == "hòa thủy"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thông báo số 4/TB-VPCP ngày 5/1/2026", {"4tb", "4tbvpcp"}),
        ("Quyết định 505/QĐ-TTg", {"505qd", "505qdttg"}),
        ("Nghị định 13/2023/NĐ-CP", {"13nd", "13ndcp", "132023nd", "132023ndcp"}),
        ("ngày 20/12/2025, top 20", set()),
    ],
)
def test_number_words(text, expected):
    assert set(number_words(text)) == expected


@pytest.mark.parametrize("typed", ["4/TB-VPCP", "4 TB VPCP", "tb-vpcp 4", "4/tb-vpcp", "TB-VPCP số 4", "4 / TB - VPCP"])
def test_document_number_forms_parse_to_one_word(typed):
    (term,) = parse(typed).terms
    assert term.kind == "number"
    assert term.alternatives[0] == ("4tbvpcp",)


@pytest.mark.parametrize(
    ("typed", "word"), [("505/QĐ-TTg", "505qdttg"), ("505/qd-ttg", "505qdttg"), ("QĐ 505", "505qd")]
)
def test_decision_number_forms(typed, word):
    (term,) = parse(typed).terms
    assert term.alternatives[0] == (word,)


@pytest.mark.parametrize(
    ("typed", "key", "expansion"),
    [
        ("KH&CN", "khcn", ("khoa", "hoc", "va", "cong", "nghe")),
        ("kh&cn", "khcn", ("khoa", "hoc", "va", "cong", "nghe")),
        ("TT&TT", "tttt", ("thong", "tin", "va", "truyen", "thong")),
        ("GD&ĐT", "gddt", ("giao", "duc", "va", "dao", "tao")),
        ("CĐS", "cds", ("chuyen", "doi", "so")),
        ("AI", "ai", ("tri", "tue", "nhan", "tao")),
        ("UBND", "ubnd", ("uy", "ban", "nhan", "dan")),
        ("KT-XH", "ktxh", ("kinh", "te", "xa", "hoi")),
        ("ĐMST", "dmst", ("doi", "moi", "sang", "tao")),
    ],
)
def test_abbreviations_expand(typed, key, expansion):
    (term,) = parse(typed).terms
    assert term.kind == "abbreviation"
    assert term.alternatives[0] == (key,)
    assert expansion in term.alternatives


def test_indexed_text_carries_abbreviations_both_ways():
    text = build_text("Bộ KH&CN", ["Ủy ban nhân dân tỉnh An Giang"], [])
    keywords = text.keywords_folded.split()
    assert {"khcn", "khoa", "nghe", "ubnd"} <= set(keywords)
    # "ai" (who) written in lower case is not the abbreviation AI
    assert "tri" not in build_text("Ai chủ trì?", [], []).keywords_folded.split()
    assert "tri" in build_text("Ứng dụng AI", [], []).keywords_folded.split()


def test_names_become_identifiers():
    assert name_identifiers("Bộ Khoa học và Công nghệ", ["Bộ KH&CN"]) == ["bokhoahocvacongnghe", "bokhcn", "khcn"]
    assert "4tbvpcp" in name_identifiers("Thông báo 4/TB-VPCP", ["4/TB-VPCP"])


def test_query_is_cleaned_and_cut():
    query = parse("a\x00b\x01c " + "x" * 10_000)
    assert "\x00" not in query.text and "\x01" not in query.text
    assert query.truncated and len(query.text) <= MAX_LENGTH
    assert [t.words for t in parse("ab\x00cd").terms] == [("ab",), ("cd",)]
    assert [t.words for t in parse("quang n").terms] == [("quang",)]  # a letter just typed waits


@pytest.mark.parametrize("typed", ["", "   ", "%", "%%", "'\"", "😀🎉", "\x00", "--", "*", "()", "\u200b"])
def test_nothing_to_search(typed):
    assert parse(typed).is_empty


def test_phrases_prefix_and_exact_words():
    query = parse("“Học từ làm” chương trì")
    phrase, word1, word2 = query.terms
    assert phrase.kind == "phrase" and phrase.alternatives == (("hoc", "tu", "lam"),)
    assert (word1.prefix, word2.prefix) == (False, True)
    assert query.exact_words == ("học", "từ", "làm", "chương", "trì")
    assert parse("chuong trinh").exact_words == ()  # typed without diacritics: no diacritic ranking


def test_unbalanced_quote_is_plain_text():
    assert [t.words for t in parse('"chuyển đổi số').terms] == [("chuyen",), ("doi",), ("so",)]


def test_snippet_keeps_diacritics_and_escapes():
    original = normalize("<b>Đảng</b> & Nhà nước: chuyển đổi số")
    folded = fold_aligned(original)
    start = folded.index("chuyen")
    fragment = folded[:start] + "[chuyen] [doi] [so]"
    html = mark_snippet(original, folded, fragment)
    assert html == "&lt;b&gt;Đảng&lt;/b&gt; &amp; Nhà nước: <mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>"


def test_title_marks_are_escaped():
    html = mark_words("<script>Đảng</script>", parse("dang"))
    assert html == "&lt;script&gt;<mark>Đảng</mark>&lt;/script&gt;"


def test_similarity_and_edit_distance():
    assert similarity("chinh", "chinh") == 1.0
    assert similarity("chinh", "chin") > 0.5
    assert edit_distance("ngyuen", "nguyen") == 1  # swapped neighbours
    assert edit_distance("hungg", "hung") == 1
    assert edit_distance("abc", "xyz") == 3
