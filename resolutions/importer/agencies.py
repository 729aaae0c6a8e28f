"""Agency names: abbreviations, well-known agencies, and matching against the site's organisations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from core.text import fold, fold_keep_punctuation, slugify_vi

from .textutil import capitalise_first, is_upper, tidy
from .types import OrgMatch

# (full name, short forms used in prose, codes used in document numbers "…/TB-VPCP", "…/QĐ-TTg")
KNOWN_AGENCIES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("Chính phủ", (), ("CP",)),
    ("Thủ tướng Chính phủ", ("Thủ tướng",), ("TTg",)),
    ("Văn phòng Chính phủ", ("VPCP",), ("VPCP",)),
    ("Bộ Khoa học và Công nghệ", ("Bộ KH&CN",), ("BKHCN",)),
    ("Bộ Thông tin và Truyền thông", ("Bộ TT&TT",), ("BTTTT",)),
    ("Bộ Công an", (), ("BCA",)),
    ("Bộ Giáo dục và Đào tạo", ("Bộ GD&ĐT",), ("BGDĐT",)),
    ("Bộ Nội vụ", (), ("BNV",)),
    ("Bộ Công Thương", (), ("BCT",)),
    ("Bộ Tài chính", (), ("BTC",)),
    ("Bộ Kế hoạch và Đầu tư", ("Bộ KH&ĐT",), ("BKHĐT",)),
    ("Bộ Tư pháp", (), ("BTP",)),
    ("Bộ Y tế", (), ("BYT",)),
    ("Bộ Quốc phòng", (), ("BQP",)),
    ("Bộ Ngoại giao", (), ("BNG",)),
    ("Bộ Xây dựng", (), ("BXD",)),
    ("Bộ Giao thông vận tải", ("Bộ GTVT",), ("BGTVT",)),
    ("Bộ Lao động - Thương binh và Xã hội", ("Bộ LĐ-TB&XH",), ("BLĐTBXH",)),
    ("Bộ Nông nghiệp và Phát triển nông thôn", ("Bộ NN&PTNT",), ("BNNPTNT",)),
    ("Bộ Nông nghiệp và Môi trường", ("Bộ NN&MT",), ("BNNMT",)),
    ("Bộ Tài nguyên và Môi trường", ("Bộ TN&MT",), ("BTNMT",)),
    ("Bộ Văn hóa, Thể thao và Du lịch", ("Bộ VHTTDL",), ("BVHTTDL",)),
    ("Bộ Dân tộc và Tôn giáo", (), ("BDTTG",)),
    ("Ngân hàng Nhà nước Việt Nam", ("NHNN",), ("NHNN",)),
    ("Thanh tra Chính phủ", (), ("TTCP",)),
    ("Ủy ban Dân tộc", (), ("UBDT",)),
    (
        "Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06",
        (),
        (),
    ),
    ("Ban Chỉ đạo quốc gia về chuyển đổi số", (), ()),
    ("Đài Truyền hình Việt Nam", ("VTV",), ()),
    ("Đài Tiếng nói Việt Nam", ("VOV",), ()),
    ("Thông tấn xã Việt Nam", ("TTXVN",), ()),
    ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", (), ()),
]

# Abbreviations inside names, written folded ("d" also matches "đ"), with their expansion.
ABBREVIATIONS: list[tuple[str, str]] = [
    ("kh&cn|kh-cn|khcn", "Khoa học và Công nghệ"),
    ("gd&dt|gd-dt|gddt", "Giáo dục và Đào tạo"),
    ("tt&tt|tt-tt|tttt", "Thông tin và Truyền thông"),
    ("kh&dt|kh-dt|khdt", "Kế hoạch và Đầu tư"),
    ("ld-tb&xh|ldtb&xh|ld,tb&xh|ldtbxh", "Lao động - Thương binh và Xã hội"),
    ("nn&ptnt|nn-ptnt|nnptnt", "Nông nghiệp và Phát triển nông thôn"),
    ("nn&mt|nn-mt|nnmt", "Nông nghiệp và Môi trường"),
    ("tn&mt|tn-mt|tnmt", "Tài nguyên và Môi trường"),
    ("vh,tt&dl|vhtt&dl|vh-tt-dl|vhttdl", "Văn hóa, Thể thao và Du lịch"),
    ("dt&tg|dttg", "Dân tộc và Tôn giáo"),
    ("gtvt", "Giao thông vận tải"),
    ("ubnd", "Ủy ban nhân dân"),
    ("hdnd", "Hội đồng nhân dân"),
    ("tp\\.|tp", "thành phố"),
]


def _abbreviation_regex(folded: str) -> str:
    out = []
    for ch in folded:
        out.append({"d": "[dđ]", "&": r"\s*&\s*", "-": r"\s*-\s*", ",": r"\s*,\s*"}.get(ch, ch))
    return "".join(out)


_ABBREV_RES = [
    (re.compile(r"(?<![\w&])(?:" + _abbreviation_regex(pattern) + r")(?![\w&])", re.IGNORECASE), expansion)
    for pattern, expansion in ABBREVIATIONS
]


def expand(name: str) -> str:
    """ "Bộ KH&CN" → "Bộ Khoa học và Công nghệ"; "UBND tỉnh An Giang" → "Ủy ban nhân dân tỉnh An Giang"."""
    out = tidy(name)
    for pattern, expansion in _ABBREV_RES:
        out = pattern.sub(expansion, out)
    return capitalise_first(out)


_PARENS = re.compile(r"\s*\(([^()]*)\)")


def _plain_key(name: str) -> str:
    folded = fold(expand(name)).replace("&", " va ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]|_", " ", folded)).strip()


_ALIASES: dict[str, str] = {}
_KNOWN_BY_KEY: dict[str, tuple[str, str]] = {}  # key → (full name, first short form)
_CODES: dict[str, str] = {}  # folded code → full name
for _name, _shorts, _codes in KNOWN_AGENCIES:
    _full = _plain_key(_name)
    _KNOWN_BY_KEY[_full] = (_name, _shorts[0] if _shorts else "")
    for _alias in (*_shorts, *_codes):
        _ALIASES.setdefault(_plain_key(_alias), _full)
    for _code in _codes:
        _CODES[fold(_code)] = _name


@lru_cache(maxsize=8192)
def canon(name: str) -> str:
    """The comparison key of an agency name: folded, abbreviations expanded, punctuation dropped."""
    key = _plain_key(_PARENS.sub(" ", name or ""))
    return _ALIASES.get(key, key)


# The cased field names of well-known agencies ("Khoa học và Công nghệ"), to restore capitals in a name
# written in capitals ("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH AN GIANG").
_FIELDS = sorted(
    {n.split(" ", 1)[1] for n, _s, _c in KNOWN_AGENCIES if n.startswith(("Bộ ", "Ủy ban ")) and " " in n}
    | {expansion for _p, expansion in ABBREVIATIONS if expansion[0].isupper()},
    key=len,
    reverse=True,
)
_PLACE_WORDS = {"tinh", "pho", "tp", "tp.", "huyen", "quan", "xa"}


def proper_case(name: str) -> str:
    """Capitals as an agency name is written: "ỦY BAN NHÂN DÂN TỈNH AN GIANG" → "Ủy ban nhân dân tỉnh An Giang".

    A name not written in capitals is returned unchanged.
    """
    if not is_upper(name):
        return name
    words = name.lower().split()
    out: list[str] = []
    place = False
    for word in words:
        out.append(word.capitalize() if place else word)
        place = place or fold(word) in _PLACE_WORDS
    text = capitalise_first(" ".join(out))
    folded = fold_keep_punctuation(text)
    for cased in _FIELDS:
        key = fold_keep_punctuation(cased)
        at = folded.find(key, 1)
        if at > 0 and folded[at - 1] == " " and (at + len(key) == len(folded) or not folded[at + len(key)].isalnum()):
            text = text[:at] + cased + text[at + len(key) :]
            folded = fold_keep_punctuation(text)
    return text


_LOOSE_DROP = re.compile(r"\b(?:tinh|thanh pho|tp)\b|\bviet nam$")


def loose_key(key: str) -> str:
    return re.sub(r"\s+", " ", _LOOSE_DROP.sub(" ", key)).strip()


def agency_for_code(code: str) -> str:
    """The full name of the agency a document-number code stands for ("VPCP", "TTg", "BKHCN"), or ""."""
    return _CODES.get(fold(code), "")


# Words that start the name of one agency (folded). Multi-word heads first; single-word heads need a
# capitalised word after them ("Bộ Công an", not "Bộ tiêu chí").
MULTI_HEADS = (
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "ngan hang nha nuoc",
    "ban chi dao",
    "van phong",
    "thu tuong",
    "chinh phu",
    "quoc hoi",
    "uy ban",
    "tong cuc",
    "tong cong ty",
    "cong ty",
    "tap doan",
    "truong dai hoc",
    "dai hoc",
    "hoc vien",
    "thong tan xa",
    "toa an",
    "vien kiem sat",
    "kiem toan",
    "thanh tra",
    "mat tran",
    "trung tam",
    "hiep hoi",
    "ubnd",
    "hdnd",
)
SINGLE_HEADS = ("bo", "so", "cuc", "vu", "vien", "hoi", "ban", "dai", "doan")
NOT_HEADS = ("ban hanh", "hoi nghi", "hoi thao", "dai hoi", "so tay", "bo cong cu", "vien canh", "vu viec")
GROUP_HEADS = (
    "cac",
    "nhung",
    "moi",
    "bo",
    "nganh",
    "dia phuong",
    "co quan",
    "don vi",
    "doanh nghiep",
    "nha truong",
    "truong",
    "to chuc",
    "hiep hoi",
    "vien",
    "co so",
    "chuyen gia",
    "nha khoa hoc",
    "nguoi dan",
    "cong dong",
    "tinh",
    "thanh pho",
    "hop tac xa",
    "ho kinh doanh",
    "nha dau tu",
    "tap doan",
    "so",
    "chinh quyen",
    "luc luong",
    "nha doanh nghiep",
)


def starts_with(folded: str, words: Iterable[str], pos: int = 0) -> str:
    """The first of `words` that `folded` has at `pos` as whole words, or ""."""
    for word in words:
        end = pos + len(word)
        if folded.startswith(word, pos) and (end == len(folded) or not folded[end].isalnum()):
            return word
    return ""


def is_group(name: str) -> bool:
    folded = fold_keep_punctuation(tidy(name))
    if starts_with(folded, ("cac", "nhung", "moi")):
        return True
    first_words = folded.split()[:5]
    if "cac" in first_words:  # "Ủy ban nhân dân các tỉnh, thành phố"
        return True
    return bool(name[:1].islower() and starts_with(folded, GROUP_HEADS))


def looks_like_agency(name: str) -> bool:
    name = tidy(name)
    if not name or is_group(name) or not (name[0].isupper() or name[0].isdigit()):
        return False
    folded = fold_keep_punctuation(name)
    if canon(name) in _KNOWN_BY_KEY or starts_with(folded, MULTI_HEADS):
        return True
    return bool(starts_with(folded, SINGLE_HEADS)) and not starts_with(folded, NOT_HEADS)


def _field(obj: Any, key: str) -> str:
    value = obj.get(key, "") if isinstance(obj, dict) else getattr(obj, key, "")
    return value if isinstance(value, str) else ""


class OrganisationIndex:
    """The site's organisations prepared for matching; build once per parse (a queryset is read once)."""

    def __init__(self, organisations: Iterable[Any] | None = ()):
        self.organisations: list[Any] = list(organisations or ())
        self.by_key: dict[str, list[tuple[Any, str]]] = {}
        self.by_loose: dict[str, list[tuple[Any, str]]] = {}
        surfaces: dict[str, str] = {}
        for org in self.organisations:
            for attr in ("name", "short_name"):
                value = tidy(_field(org, attr))
                if not value:
                    continue
                for variant in {value, _PARENS.sub(" ", value).strip()}:
                    key = canon(variant)
                    if key:
                        self.by_key.setdefault(key, []).append((org, attr))
                        self.by_loose.setdefault(loose_key(key), []).append((org, attr))
                        surfaces.setdefault(fold_keep_punctuation(variant), variant)
        for name, shorts, _codes in KNOWN_AGENCIES:
            for surface in (name, *shorts):
                surfaces.setdefault(fold_keep_punctuation(surface), surface)
        self._surfaces: dict[str, list[str]] = {}
        for folded in sorted(surfaces, key=len, reverse=True):
            first = folded.split(" ", 1)[0]
            self._surfaces.setdefault(first, []).append(folded)

    def surface_at(self, folded_text: str, pos: int) -> int:
        """Length of the longest known agency name written at `pos` (folded text), or 0."""
        first_end = folded_text.find(" ", pos)
        first = folded_text[pos : first_end if first_end != -1 else len(folded_text)]
        candidates = self._surfaces.get(first, [])
        if not candidates:
            stripped = first.rstrip(",;:.)")
            candidates = self._surfaces.get(stripped, [])
        for surface in candidates:
            end = pos + len(surface)
            if folded_text.startswith(surface, pos) and (end == len(folded_text) or not folded_text[end].isalnum()):
                return len(surface)
        return 0

    def match(self, name: str) -> OrgMatch:
        written = tidy(name).strip(" ,;:.-–")
        result = OrgMatch(name=written)
        if not written:
            return result
        variants = [written, _PARENS.sub(" ", written).strip(), *_PARENS.findall(written)]
        for table, method in ((self.by_key, None), (self.by_loose, "loose")):
            for variant in variants:
                key = canon(variant)
                if not key:
                    continue
                found = table.get(key if method is None else loose_key(key))
                if found:
                    distinct = {id(org) for org, _attr in found}
                    result.organisation, attr = found[0]
                    result.method = method or attr
                    result.ambiguous = len(distinct) > 1
                    return result
        if looks_like_agency(written):
            result.proposed_new = True
            self._propose(result, written)
        return result

    @staticmethod
    def _propose(result: OrgMatch, written: str) -> None:
        inside = _PARENS.findall(written)
        outside = _PARENS.sub(" ", written).strip()
        known = _KNOWN_BY_KEY.get(canon(outside))
        if known:
            full, short = known
        else:
            full, short = proper_case(capitalise_first(expand(outside))), ""
        if not short and inside and len(inside[0]) < len(full):
            short = inside[0].strip()
        if not short and canon(outside) == canon(full) and fold(outside) != fold(full):
            short = outside  # it was written short: "Bộ TT&TT"
        result.proposed_name = full
        result.proposed_short_name = short
        result.proposed_slug = slugify_vi(full)


def as_index(organisations: Iterable[Any] | OrganisationIndex | None) -> OrganisationIndex:
    return organisations if isinstance(organisations, OrganisationIndex) else OrganisationIndex(organisations)


def match_organisation(name: str, organisations: Iterable[Any] | OrganisationIndex | None = ()) -> OrgMatch:
    """Match one agency name to `organisations` (objects or dicts with `name` and `short_name`).

    Folded comparison, abbreviations expanded both sides (KH&CN, GD&ĐT, TT&TT, UBND…), well-known short
    forms ("VPCP"), then a looser key without "tỉnh"/"thành phố". Unmatched agency names come back
    with `proposed_new=True`; groups ("các bộ, ngành") and non-agency words do not. Never raises.
    """
    try:
        return as_index(organisations).match(name or "")
    except Exception:  # a foreign object with odd attributes must not break the review screen
        return OrgMatch(name=str(name or ""))
