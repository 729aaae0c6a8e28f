"""Who is assigned in one sentence: the lead ("<Bộ …> chủ trì", "Giao <Bộ …>", the agency that opens the
sentence) and the partners ("phối hợp với <X>, <Y> và <các đơn vị liên quan>").

Everything is matched on the folded sentence (`core.text.fold_keep_punctuation`, same length as the text), and spans
slice the text.
Where an unknown name ends is decided by stop words (verbs, deadline words), separators, and the habit that
a Vietnamese agency name has at most one lower-case word after each capitalised one ("Bộ Công an").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import GROUP_HEADS, MULTI_HEADS, NOT_HEADS, SINGLE_HEADS, OrganisationIndex, starts_with

# Words that end a name: what an agency does next, or when. Folded.
_VERBS = (
    "chu tri",
    "phoi hop",
    "khan truong",
    "khan cap",
    "nhanh chong",
    "kip thoi",
    "nghien cuu",
    "xay dung",
    "hoan thien",
    "hoan thanh",
    "hoan tat",
    "trien khai",
    "to chuc",
    "chi dao",
    "tiep thu",
    "ra soat",
    "day nhanh",
    "day manh",
    "tiep tuc",
    "thuc hien",
    "tham muu",
    "bao cao",
    "ban hanh",
    "co trach nhiem",
    "chiu trach nhiem",
    "theo doi",
    "huong dan",
    "tap trung",
    "nang cao",
    "phat trien",
    "tang cuong",
    "don doc",
    "bao dam",
    "dam bao",
    "cung cap",
    "huy dong",
    "quyet liet",
    "chu dong",
    "xem xet",
    "de xuat",
    "sua doi",
    "bo sung",
    "kiem tra",
    "giam sat",
    "danh gia",
    "tong hop",
    "tong ket",
    "so ket",
    "cap nhat",
    "thuc day",
    "ho tro",
    "dam phan",
    "ky ket",
    "cong bo",
    "phat dong",
    "van hanh",
    "dau tu",
    "ung dung",
    "ap dung",
    "lua chon",
    "bo tri",
    "uu tien",
    "pho bien",
    "tuyen truyen",
    "nhan rong",
    "ket noi",
    "so hoa",
    "chuan hoa",
    "thi diem",
    "tich cuc",
    "nghiem tuc",
    "thuong xuyen",
    "dinh ky",
    "thong nhat",
    "tien hanh",
    "chuan bi",
    "sap xep",
    "thanh lap",
    "phan cong",
    "lay y kien",
    "kien toan",
    "hinh thanh",
    "thu hut",
    "mo rong",
    "lam tot",
    "quan tam",
    "chu trong",
    "phan dau",
    "khai thac",
    "chia se",
    "tao dieu kien",
    "rut ngan",
    "xu ly",
    "som",
    "trinh",
    "lap",
    "khan",
    "cai cach",
    "cai thien",
    "day",
    "dua",
    "hoan chinh",
    "tham dinh",
    "phe duyet",
    "sua",
    "tong ket",
    "dieu chinh",
)
# Not directives, but they end a name too.
_OTHER_STOPS = (
    "thong bao",
    "ghi nhan",
    "bieu duong",
    "ngay",
    "gap",
    "giao",
    "can",
    "phai",
    "trong",
    "truoc",
    "de",
    "nham",
    "theo",
    "ve",
    "tai",
    "la",
    "da",
    "se",
    "dang",
    "cung",
    "lam",
    "duoc",
    "co",
    "khi",
    "neu",
    "voi",
    "cho",
)
_STOP_PHRASES = sorted(set(_VERBS + _OTHER_STOPS), key=len, reverse=True)
_STOP_RE = re.compile(r"(?:" + "|".join(re.escape(w) for w in _STOP_PHRASES) + r")(?![\w])")
DIRECTIVE_VERBS = tuple(sorted(_VERBS, key=len, reverse=True))
_GEO = {"tinh", "thanh", "pho", "huyen", "xa", "quan", "phuong", "thi", "tp", "tp."}
_CONNECTORS = {"va", "cua", "ve", "cac", "tai"}


@dataclass
class Item:
    start: int
    end: int
    kind: str  # "agency" or "group"


@dataclass
class Assignment:
    """Who a sentence assigns work to, as spans of the sentence."""

    leads: list[Item] = field(default_factory=list)
    partners: list[Item] = field(default_factory=list)
    assigned: bool = False  # "Giao …", "Đề nghị …", "… chủ trì", "phối hợp với …"
    predicate: int = 0  # where the action begins
    non_task: bool = False  # "… đã …", "… thông báo …": a report, not an assignment
    directive: bool = False  # the action opens with a directive verb ("Đẩy mạnh …")


def _words(folded: str, pos: int):
    """(start, end) of each word from `pos`."""
    for match in re.finditer(r"\S+", folded[pos:]):
        yield pos + match.start(), pos + match.end()


def _is_cap(text: str, pos: int) -> bool:
    ch = text[pos : pos + 1]
    return bool(ch) and (ch.isupper() or ch.isdigit())


def parse_item(text: str, folded: str, pos: int, index: OrganisationIndex) -> Item | None:
    """One agency or group starting at `pos` (after spaces), or None."""
    while pos < len(folded) and folded[pos] == " ":
        pos += 1
    if pos >= len(folded):
        return None
    if _is_cap(text, pos):
        known = index.surface_at(folded, pos)
        if known and not starts_with(folded, ("cac",), pos):
            return Item(pos, _with_parens(text, pos + known), "agency")
    cap = _is_cap(text, pos)
    plural = starts_with(folded, ("cac", "nhung", "moi"), pos)
    if plural:
        noun_at = pos + len(plural) + 1
        if starts_with(folded, GROUP_HEADS, noun_at) and not starts_with(folded, ("cac", "nhung", "moi"), noun_at):
            return _extent(text, folded, pos, "group")
        return None
    if not cap and starts_with(folded, GROUP_HEADS, pos):
        return _extent(text, folded, pos, "group")
    if cap and not starts_with(folded, NOT_HEADS, pos):
        head = starts_with(folded, MULTI_HEADS, pos)
        if not head:
            head = starts_with(folded, SINGLE_HEADS, pos)
            after = pos + len(head) + 1
            if not head or not _is_cap(text, after):
                return None
        return _extent(text, folded, pos, "agency", skip=len(head))
    return None


def _with_parens(text: str, end: int) -> int:
    match = re.match(r"\s*\([^()]{1,60}\)", text[end:])
    if match and any(ch.isupper() for ch in match.group(0)):
        return end + match.end()
    return end


def _extent(text: str, folded: str, pos: int, kind: str, skip: int = 0) -> Item:
    end = pos + skip if skip else pos
    run = 0
    count = 0
    for start, stop in _words(folded, pos + skip if skip else pos):
        word = folded[start:stop].rstrip(",;:.")
        punct = folded[start + len(word) : stop]
        count += 1
        if count > (8 if kind == "group" else 16) or not word:
            break
        if _STOP_RE.match(folded, start) and not (kind == "group" and end == pos):
            break
        if word in ("va", "voi", "cung") and not punct:
            nxt = next(_words(folded, stop), None)
            if (
                kind == "group"
                or nxt is None
                or not _is_cap(text, nxt[0])
                or starts_with(folded, (*MULTI_HEADS, *SINGLE_HEADS), nxt[0])
            ):
                break
            run = 0
            end = stop
            continue
        if kind == "agency":
            if word == "cac":
                kind = "group"
            elif _is_cap(text, start) or word in _GEO:
                run = 0
            else:
                run += 1
                if run > 1:
                    break
        end = start + len(word)
        if word == "quan" and folded[max(pos, start - 5) : start].endswith("lien "):
            break
        if punct:
            if punct[0] != "," or kind == "group":
                break
            nxt = next(_words(folded, stop), None)
            if nxt is None or not _is_cap(text, nxt[0]) or starts_with(folded, (*MULTI_HEADS, *SINGLE_HEADS), nxt[0]):
                break
    while True:  # no trailing "và", "của"…
        last = folded[pos:end].rsplit(" ", 1)
        if len(last) == 2 and last[1] in _CONNECTORS:
            end = pos + len(last[0])
        else:
            break
    if kind == "agency":
        end = _with_parens(text, end)
    return Item(pos, end, kind)


_SEPARATOR = re.compile(r"\s*(?:,\s*(?:va\s+)?|\s+va\s+|\s+cung\s+|\s*/\s*)")


def parse_list(text: str, folded: str, pos: int, index: OrganisationIndex) -> list[Item]:
    items: list[Item] = []
    item = parse_item(text, folded, pos, index)
    while item is not None and item.end > item.start:
        items.append(item)
        if len(items) >= 12:
            break
        sep = _SEPARATOR.match(folded, item.end)
        if not sep:
            break
        item = parse_item(text, folded, sep.end(), index)
    return items


_INTRO = re.compile(
    r"(?:thu tuong(?: chinh phu)?\s+)?(?:giao(?: nhiem vu)?(?: cho)?|de nghi|yeu cau|chi dao)\s+(?:cho\s+)?"
)
_ADVERBIAL = re.compile(
    r"(?:sau khi|ngay sau khi|tren co so|can cu|de|doi voi|ve|trong|theo|nham|tu nay|voi|ben canh|dong thoi)\s"
)
_MID_INTRO = re.compile(r"(?<!duoc )(?<!\w)(?:giao(?: nhiem vu)?(?: cho)?|de nghi|yeu cau)\s+(?:cho\s+)?")
_CHU_TRI = re.compile(r"\s*,?\s*(?:la co quan\s+)?chu tri(?!\w)")
_PARTNERS = re.compile(r"(?<!\w)(?:phoi hop(?: chat che)?(?: voi| cung)|voi su phoi hop cua|cung voi)\s+")
_NON_TASK = re.compile(
    r"(?:da|dang|duoc|la|co|vua|cung da|thong bao|ghi nhan|bieu duong|danh gia cao|tham du|phat bieu|trinh bay"
    r"|bao cao tai|gui|chia se|cho biet|nhan manh|dong y|hoan nghenh|chuc mung|giao|yeu cau|de nghi|chi dao"
    r"|ket luan)(?!\w)"
)


def analyse(text: str, folded: str, index: OrganisationIndex) -> Assignment:
    """Lead, partners and signs of an assignment in one sentence (no label, no bullet)."""
    result = Assignment()
    pos = 0
    intro = _INTRO.match(folded)
    if intro:
        result.assigned, pos = True, intro.end()
    leads = parse_list(text, folded, pos, index)
    if not leads and not intro and _ADVERBIAL.match(folded):
        comma = folded.find(", ", 0, 400)
        if comma != -1:
            after = comma + 2
            mid = _INTRO.match(folded, after)
            leads = parse_list(text, folded, mid.end() if mid else after, index)
            result.assigned = bool(mid)
    if not leads:
        leads = _lead_in_the_middle(text, folded, index, result)
    result.leads = leads
    end = leads[-1].end if leads else pos
    chu_tri = _CHU_TRI.match(folded, end)
    if chu_tri and (leads or end == 0):  # "Bộ X chủ trì …", or "Chủ trì …" under "Bộ X:"
        result.assigned, end = True, chu_tri.end()
    while end < len(folded) and folded[end] in " ,:;-–":
        end += 1
    partners = _PARTNERS.search(folded, leads[0].start if leads else 0)
    if partners:
        result.assigned = True
        result.partners = parse_list(text, folded, partners.end(), index)
        if partners.start() <= end + 2 and result.partners:
            end = result.partners[-1].end
            while end < len(folded) and folded[end] in " ,:;-–":
                end += 1
    result.predicate = end
    if leads:
        result.non_task = not result.assigned and bool(_NON_TASK.match(folded, end))
    result.directive = bool(starts_with(folded, DIRECTIVE_VERBS, end))
    if not leads and not result.directive and _ADVERBIAL.match(folded):
        comma = folded.find(", ", 0, 400)
        result.directive = comma != -1 and bool(starts_with(folded, DIRECTIVE_VERBS, comma + 2))
    return result


def _lead_in_the_middle(text: str, folded: str, index: OrganisationIndex, result: Assignment) -> list[Item]:
    for match in list(_MID_INTRO.finditer(folded, 0, 1500))[:5]:
        leads = parse_list(text, folded, match.end(), index)
        if leads:
            result.assigned = True
            return leads
    for match in list(re.finditer(r"(?<!\w)chu tri(?!\w)", folded[:1500]))[:5]:
        window = max(0, match.start() - 160)
        for word_start, _ in _words(folded[: match.start()], window):
            if word_start > window and folded[word_start - 1] != " ":
                continue
            item = parse_item(text, folded, word_start, index)
            if item and _CHU_TRI.match(folded, item.end) and _CHU_TRI.match(folded, item.end).end() == match.end():
                result.assigned = True
                return [item]
    return []
