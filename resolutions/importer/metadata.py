"""The notice's header (issuer, number, place and date, type, subject) and its closing (recipients, signature)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from core.text import fold, fold_keep_punctuation

from .agencies import MULTI_HEADS, SINGLE_HEADS, OrganisationIndex, agency_for_code, proper_case, starts_with
from .textutil import is_upper
from .types import OrgMatch, ParseWarning

DOC_TYPES = {
    "thong bao": "Thông báo",
    "quyet dinh": "Quyết định",
    "ke hoach": "Kế hoạch",
    "chi thi": "Chỉ thị",
    "nghi quyet": "Nghị quyết",
    "cong van": "Công văn",
    "nghi dinh": "Nghị định",
    "thong tu": "Thông tư",
    "bao cao": "Báo cáo",
    "to trinh": "Tờ trình",
    "ket luan": "Kết luận",
    "chuong trinh": "Chương trình",
    "huong dan": "Hướng dẫn",
}
TYPE_CODES = {
    "tb": "Thông báo",
    "qd": "Quyết định",
    "kh": "Kế hoạch",
    "ct": "Chỉ thị",
    "nq": "Nghị quyết",
    "nd": "Nghị định",
    "tt": "Thông tư",
    "bc": "Báo cáo",
    "ttr": "Tờ trình",
    "kl": "Kết luận",
    "ctr": "Chương trình",
    "hd": "Hướng dẫn",
}
_SYMBOL = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ][A-Za-zĐđ0-9&]*)*"
_NUMBER = rf"\d{{1,5}}(?:/\d{{4}})?/{_SYMBOL}|\d{{1,5}}-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-Za-zĐđ]*"
_NUMBER_AFTER_SO = re.compile(rf"(?<!\w)(?i:s[ốoỐO])\s*:?\s*(?P<num>{_NUMBER})(?![\w/])")
_NUMBER_ANYWHERE = re.compile(rf"(?<![\w/])(?P<num>{_NUMBER})(?![\w/])")
_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–—]?\s*tu do\s*[-–—]?\s*hanh phuc")
_SEPARATOR = re.compile(r"^[-_=*.~–—\s]+$")
_DATE_LONG = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{4})")
_DATE_SHORT = re.compile(r"ngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_BODY_START = (
    "ngay",
    "sang ngay",
    "chieu ngay",
    "can cu",
    "kinh gui",
    "thuc hien",
    "vua qua",
    "tai",
    "trong",
    "sau khi",
    "nham",
    "theo",
)
_ROLES = (
    "pho thu tuong",
    "thu tuong",
    "bo truong",
    "thu truong",
    "pho chu nhiem",
    "chu nhiem",
    "pho chu tich",
    "chu tich",
    "pho cuc truong",
    "cuc truong",
    "tong cuc truong",
    "vu truong",
    "pho giam doc",
    "giam doc",
    "pho truong ban",
    "truong ban",
    "pho chanh van phong",
    "chanh van phong",
    "vien truong",
    "hieu truong",
)
_SIGN_PREFIX = re.compile(r"^(?:kt|tl|tm|tuq|q|uq)\s*\.\s*")
_SIGNED = re.compile(r"^[(\[]?\s*(?:da ky|ky|da ky va dong dau|ky ten|ky ten, dong dau)\s*[)\]]?\.?$")


@dataclass
class Header:
    number: str = ""
    doc_type: str = ""
    issuer_name: str = ""
    issuer_match: OrgMatch | None = None
    issue_date: datetime.date | None = None
    issue_date_text: str = ""
    subject: str = ""
    used: set[int] = field(default_factory=set)  # indices of the lines that were metadata
    warnings: list[ParseWarning] = field(default_factory=list)


def read_header(lines: list[str], limit: int, index: OrganisationIndex) -> Header:
    """Metadata from `lines[:limit]`; the lines not used are the preamble."""
    header = Header()
    issuer_lines: list[str] = []
    title_at = subject_at = -1
    for i, raw in enumerate(lines[:limit]):
        line = _without_motto(raw)
        if not line or _SEPARATOR.match(line):
            header.used.add(i)
            continue
        folded = fold_keep_punctuation(line)
        if not header.number:
            found = _NUMBER_AFTER_SO.search(line)
            if found:
                header.number = found.group("num")
                header.used.add(i)
                line = (line[: found.start()] + " " + line[found.end() :]).strip()
                folded = fold_keep_punctuation(line)
        if not header.issue_date_text and _read_date(header, line, folded):
            header.used.add(i)
            continue
        doc_type = starts_with(folded, DOC_TYPES)
        if title_at < 0 and doc_type and (is_upper(line[: len(doc_type)]) or folded[len(doc_type) :].startswith(" so")):
            title_at = i
            header.used.add(i)
            header.doc_type = DOC_TYPES[doc_type]
            rest = line[len(doc_type) :].strip(" :")
            found = _NUMBER_AFTER_SO.match(rest) or _NUMBER_AFTER_SO.search(rest[:40])
            if found:
                header.number = header.number or found.group("num")
                rest = rest[found.end() :].strip(" :,")
            if (
                rest
                and not _DATE_LONG.match(fold_keep_punctuation(rest))
                and not _DATE_SHORT.match(fold_keep_punctuation(rest))
            ):
                header.subject = rest
            continue
        if title_at < 0 and is_upper(line) and (starts_with(folded, MULTI_HEADS) or _single_head(line, folded)):
            issuer_lines.append(line)
            header.used.add(i)
            continue
        if title_at < 0 and issuer_lines and is_upper(line) and not header.number:
            issuer_lines[-1] = f"{issuer_lines[-1]} {line}"  # a long name broken over two lines
            header.used.add(i)
            continue
        if folded.startswith(("v/v", "ve viec")) and not header.subject:
            header.subject = re.sub(r"^(?i:v/v|về việc)\s*:?\s*", "", line)
            header.doc_type = header.doc_type or "Công văn"
            header.used.add(i)
            continue
        if (
            title_at >= 0
            and not header.subject
            and i == _next_content(lines, title_at, limit)
            and not starts_with(folded, _BODY_START)
        ):
            header.subject = line
            header.used.add(i)
            subject_at = i
        elif subject_at >= 0 and i == subject_at + 1 and is_upper(line) and is_upper(header.subject):
            header.subject = f"{header.subject} {line}"  # a subject in capitals over two lines
            header.used.add(i)
            subject_at = i
    if header.subject and is_upper(header.subject):
        header.warnings.append(
            ParseWarning("subject_in_capitals", "Trích yếu viết toàn chữ in hoa: hãy sửa lại chữ hoa, chữ thường.")
        )
    if not header.number:
        for line in lines[:limit]:
            found = _NUMBER_ANYWHERE.search(line)
            if found:
                header.number = found.group("num")
                break
    _issuer(header, issuer_lines, index)
    if not header.number:
        header.warnings.append(ParseWarning("no_number", "Không tìm thấy số hiệu văn bản."))
    if not header.issue_date_text:
        header.warnings.append(
            ParseWarning("no_issue_date", "Không tìm thấy ngày ban hành (“…, ngày … tháng … năm …”).")
        )
    return header


def _without_motto(line: str) -> str:
    folded = fold_keep_punctuation(line)
    pieces, last = [], 0
    for match in _MOTTO.finditer(folded):
        pieces.append(line[last : match.start()])
        last = match.end()
    pieces.append(line[last:])
    return " ".join(p.strip(" -–—") for p in pieces if p.strip(" -–—")).strip()


def _single_head(line: str, folded: str) -> bool:
    head = starts_with(folded, SINGLE_HEADS)
    return bool(head) and len(folded) > len(head) + 2


def _next_content(lines: list[str], after: int, limit: int) -> int:
    for j in range(after + 1, min(limit, len(lines))):
        if lines[j] and not _SEPARATOR.match(lines[j]):
            return j
    return -1


def _read_date(header: Header, line: str, folded: str) -> bool:
    match = _DATE_LONG.search(folded) or _DATE_SHORT.search(folded)
    if not match:
        return False
    before = line[: match.start()].rstrip()
    if not before.endswith(","):
        return False
    place = re.search(r"([^,;:]{1,40}),$", before)
    start = place.start(1) if place else match.start()
    header.issue_date_text = line[start : match.end()].strip()
    day, month, year = (int(g) for g in match.groups())
    try:
        header.issue_date = datetime.date(year, month, day)
    except ValueError:
        header.warnings.append(
            ParseWarning(
                "invalid_issue_date", f"Ngày ban hành “{header.issue_date_text}” không có thật: chưa đặt ngày."
            )
        )
    return True


def _issuer(header: Header, issuer_lines: list[str], index: OrganisationIndex) -> None:
    symbol = header.number.split("/")[-1] if "/" in header.number else ""
    parts = [p for p in symbol.split("-") if p]
    if header.number and "-" in header.number.split("/")[0]:  # "57-NQ/TW"
        parts = [header.number.split("/")[0].split("-", 1)[1], *parts]
    type_from_code = ""
    issuer_from_code = ""
    if parts:
        first = fold(parts[0])
        if first in TYPE_CODES:
            type_from_code = TYPE_CODES[first]
            issuer_from_code = next((agency_for_code(p) for p in parts[1:] if agency_for_code(p)), "")
        elif agency_for_code(parts[0]):
            type_from_code, issuer_from_code = "Công văn", agency_for_code(parts[0])
    header.doc_type = header.doc_type or type_from_code
    written = issuer_lines[-1] if issuer_lines else issuer_from_code
    if not written:
        return
    match = index.match(written)
    header.issuer_match = match
    header.issuer_name = match.display_name if match.matched else (match.proposed_name or proper_case(written))


@dataclass
class Closing:
    start: int  # index of the first closing line (len(lines) when there is none)
    signer: str = ""
    signer_title: str = ""
    recipients: list[str] = field(default_factory=list)


def read_closing(lines: list[str], body_start: int) -> Closing:
    """Find "Nơi nhận:" and the signature block near the end; the body stops before them."""
    tail_from = max(body_start, len(lines) - 60)
    start = len(lines)
    role_lines: list[int] = []
    for i in range(tail_from, len(lines)):
        folded = fold_keep_punctuation(lines[i])
        if folded.startswith("noi nhan") and start == len(lines):
            start = i
        if _is_role(lines[i], folded):
            role_lines.append(i)
            start = min(start, i)
    closing = Closing(start=start)
    if start == len(lines):
        return closing
    in_recipients = False
    for i in range(start, len(lines)):
        line = lines[i]
        folded = fold_keep_punctuation(line)
        if folded.startswith("noi nhan"):
            in_recipients = True
            line = line.split(":", 1)[1].strip() if ":" in line else ""
            if not line:
                continue
        if in_recipients and line and line[0] in "-+•–" and i not in role_lines:
            closing.recipients.append(line.lstrip("-+•– ").rstrip(";,. "))
    if role_lines:
        # The signature's title lines, even when the "Nơi nhận" column is interleaved with them.
        block = [role_lines[-1]]
        for i in reversed(role_lines[:-1]):
            if block[0] - i <= 2:
                block.insert(0, i)
        closing.signer_title = " / ".join(lines[i] for i in block)
        for i in range(block[-1] + 1, min(len(lines), block[-1] + 10)):
            line = lines[i].strip()
            if not line or _SIGNED.match(fold_keep_punctuation(line)) or line[0] in "-+•–":
                continue
            if _is_name(line):
                closing.signer = line.title() if is_upper(line) else line
                break
    return closing


def _is_role(line: str, folded: str) -> bool:
    if not is_upper(line) or len(line) > 120:
        return False
    rest = _SIGN_PREFIX.sub("", folded)
    if rest != folded:
        return True
    return bool(starts_with(rest, _ROLES)) and len(rest.split()) <= 8


def _is_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or line[:1] in "-+•(":
        return False
    return all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
