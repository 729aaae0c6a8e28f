"""Sections (headings "I.", "II." …; or "1.", "2." when there are no Roman headings) and the items in them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.text import fold_keep_punctuation, from_roman

from .agencies import OrganisationIndex
from .phrases import parse_item

RESULTS, LIMITATIONS, DIRECTIONS, TASKS, OTHER = "results", "limitations", "directions", "tasks", "other"

_ROMAN_HEADING = re.compile(r"^(?:(?i:phần|mục)\s+)?(?P<label>[IVXLC]{1,6})\s*[.):/–-]\s*(?P<title>\S.*)$")
_NUMBER_HEADING = re.compile(r"^(?P<label>\d{1,2})\s*[.)]\s+(?P<title>\S.*)$")
_ITEM = re.compile(
    r"^(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\s*[.)]|\((?P<pnum>\d{1,2})\)|(?P<let>[a-zđ])\s*\)|(?P<bul>[-+•*–—]))\s*"
)
_KIND_WORDS = [
    (LIMITATIONS, ("han che", "ton tai", "yeu kem", "kho khan", "vuong mac", "bat cap", "thach thuc")),
    (TASKS, ("nhiem vu cu the", "to chuc thuc hien", "phan cong", "giao nhiem vu", "nhiem vu trong tam")),
    (DIRECTIONS, ("dinh huong", "quan diem", "muc tieu", "thoi gian toi", "giai phap")),
    (TASKS, ("nhiem vu",)),
    (RESULTS, ("ket qua", "danh gia", "tinh hinh", "thanh tuu", "ghi nhan")),
]


@dataclass
class Item:
    """One line of a section: a numbered or lettered item, a bullet, or a plain paragraph."""

    text: str  # without its label
    level: int  # 1 "1.", 2 "a)", 3 plain paragraph, 4 "-", 5 "+"
    label: str  # "2", "2.a", or "" for bullets and paragraphs
    bullet: bool


@dataclass
class RawSection:
    label: str
    title: str
    kind: str
    items: list[Item] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def find_headings(lines: list[str], index: OrganisationIndex) -> list[tuple[int, str, str]]:
    """(line index, label, title) of the top-level headings."""
    roman = []
    for i, line in enumerate(lines):
        match = _ROMAN_HEADING.match(line)
        if match and _is_roman(match.group("label")) and len(match.group("title")) <= 300:
            roman.append((i, match.group("label"), match.group("title").strip()))
    if roman:
        return roman
    numbered = []
    for i, line in enumerate(lines):
        match = _NUMBER_HEADING.match(line)
        if not match:
            continue
        title = match.group("title").strip()
        if len(title) > 150 or title.endswith((".", ";", "./.")):
            continue
        folded = fold_keep_punctuation(title)
        if parse_item(title, folded, 0, index) is not None:  # "1. Bộ Công an:" introduces tasks
            return []
        numbered.append((i, match.group("label"), title))
    return numbered if len(numbered) >= 2 else []


def _is_roman(label: str) -> bool:
    try:
        return 0 < from_roman(label) < 40
    except ValueError:
        return False


_KIND_RES = [(kind, re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)")) for kind, words in _KIND_WORDS]


def guess_kind(title: str) -> str:
    folded = fold_keep_punctuation(title)
    found = [
        (match.start(), n, kind) for n, (kind, pattern) in enumerate(_KIND_RES) if (match := pattern.search(folded))
    ]
    return min(found)[2] if found else OTHER  # the earliest word wins: "Nhiệm vụ, giải pháp" is a tasks section


def build_section(label: str, title: str, lines: list[str]) -> RawSection:
    title, _, rest = title.partition(": ") if len(title) > 120 and ": " in title[:120] else (title, "", "")
    section = RawSection(label=label, title=title.rstrip(":").strip(), kind=guess_kind(title))
    body_lines = ([rest] if rest else []) + lines
    section.lines = body_lines
    section.items = split_items(body_lines)
    return section


def split_items(lines: list[str]) -> list[Item]:
    items: list[Item] = []
    number = ""
    for line in lines:
        if not line:
            continue
        match = _ITEM.match(line)
        if not match or not line[match.end() :].strip():
            items.append(Item(text=line, level=3, label="", bullet=False))
            continue
        text = line[match.end() :].strip()
        if match.group("num") or match.group("pnum"):
            number = match.group("num") or match.group("pnum")
            items.append(Item(text=text, level=1 + number.count("."), label=number, bullet=False))
        elif match.group("let"):
            letter = match.group("let")
            items.append(Item(text=text, level=2, label=f"{number}.{letter}" if number else letter, bullet=False))
        else:
            items.append(Item(text=text, level=5 if match.group("bul") == "+" else 4, label="", bullet=True))
    return items


def body_text(lines: list[str]) -> str:
    """Paragraphs separated by a blank line; bullets ("- ") kept together, one a line."""
    blocks: list[str] = []
    previous_bullet = False
    for line in lines:
        if not line:
            previous_bullet = False
            continue
        match = _ITEM.match(line)
        bullet = bool(match and match.group("bul"))
        text = f"- {line[match.end() :].strip()}" if bullet else line
        if bullet and previous_bullet:
            blocks[-1] = f"{blocks[-1]}\n{text}"
        else:
            blocks.append(text)
        previous_bullet = bullet
    return "\n\n".join(blocks)
