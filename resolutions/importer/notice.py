"""`parse_notice()`: a pasted notice → proposed metadata, sections and tasks. Writes nothing."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from core.text import slugify_vi

from .agencies import OrganisationIndex, as_index
from .metadata import read_closing, read_header
from .structure import OTHER, RawSection, body_text, build_section, find_headings
from .tasks import MAX_TASKS, extract_tasks
from .textutil import MAX_INPUT_CHARS, clean_lines, shorten, unwrap
from .types import ParsedNotice, ParsedSection, ParseWarning

logger = logging.getLogger(__name__)

TITLE_LENGTH = 400
HEADER_LINES_WITHOUT_HEADINGS = 15


def parse_notice(text: str, *, organisations: Iterable[Any] | OrganisationIndex | None = ()) -> ParsedNotice:
    """Propose a document's metadata, sections and tasks from the text of a notice.

    `organisations`: objects or dicts with `name` and `short_name` (a queryset of `Organisation` works; it is
    read once). Nothing is written. Never raises: odd input gives a (possibly empty) notice with warnings.
    """
    try:
        return _parse(text, organisations)
    except Exception:  # the review screen must always get an answer
        logger.exception("notice import: parser failure")
        return ParsedNotice(
            warnings=[ParseWarning("internal_error", "Không phân tích được văn bản này; hãy nhập tay.")]
        )


def _parse(text: Any, organisations: Iterable[Any] | OrganisationIndex | None) -> ParsedNotice:
    warnings: list[ParseWarning] = []
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = text if isinstance(text, str) else ""
    if len(text) > MAX_INPUT_CHARS:
        text = text[:MAX_INPUT_CHARS]
        warnings.append(
            ParseWarning("truncated", f"Văn bản dài quá {MAX_INPUT_CHARS:,} ký tự: chỉ phân tích phần đầu.")
        )
    lines = unwrap(clean_lines(text))
    if not any(lines):
        return ParsedNotice(warnings=[*warnings, ParseWarning("empty", "Không có nội dung để phân tích.")])
    index = as_index(organisations)
    headings = find_headings(lines, index)
    body_start = headings[0][0] if headings else 0
    closing = read_closing(lines, body_start + 1 if headings else min(len(lines), HEADER_LINES_WITHOUT_HEADINGS))
    headings = [h for h in headings if h[0] < closing.start]
    limit = headings[0][0] if headings else min(closing.start, HEADER_LINES_WITHOUT_HEADINGS)
    header = read_header(lines, limit, index)
    notice = ParsedNotice(
        number=header.number,
        doc_type=header.doc_type,
        issuer_name=header.issuer_name,
        issuer_match=header.issuer_match,
        issue_date=header.issue_date,
        issue_date_text=header.issue_date_text,
        subject=header.subject,
        signer=closing.signer,
        signer_title=closing.signer_title,
        recipients=closing.recipients,
        warnings=[*warnings, *header.warnings],
    )
    last_used = max(header.used, default=-1)
    leftover = [line if i not in header.used else "" for i, line in enumerate(lines[:limit])]
    raw_sections: list[tuple[int | None, RawSection]] = []
    if headings:
        notice.preamble = body_text(leftover)
        bounds = [h[0] for h in headings[1:]] + [closing.start]
        for n, ((at, label, title), end) in enumerate(zip(headings, bounds, strict=True), start=1):
            section = build_section(label, title, lines[at + 1 : end])
            raw_sections.append((n, section))
            notice.sections.append(
                ParsedSection(
                    number=n, label=label, title=section.title, kind=section.kind, body=body_text(section.lines)
                )
            )
    else:
        body = leftover[last_used + 1 :] + lines[limit : closing.start]
        raw_sections.append((None, build_section("", "", body)))
        raw_sections[0][1].kind = OTHER
        notice.warnings.append(ParseWarning("no_sections", "Không thấy đề mục (I., II., …): mọi đoạn được xét chung."))
    notice.tasks = extract_tasks(raw_sections, index)
    if len(notice.tasks) > MAX_TASKS:
        del notice.tasks[MAX_TASKS:]
        notice.warnings.append(ParseWarning("too_many_tasks", f"Chỉ đề xuất {MAX_TASKS} nhiệm vụ đầu tiên."))
    if not notice.tasks:
        notice.warnings.append(ParseWarning("no_tasks", "Không tìm thấy câu giao nhiệm vụ nào."))
    _propose_titles(notice)
    return notice


def _propose_titles(notice: ParsedNotice) -> None:
    if notice.doc_type and notice.subject:
        subject = notice.subject
        if subject[:1].isupper() and not subject[1:2].isupper():
            subject = subject[:1].lower() + subject[1:]
        notice.title = shorten(f"{notice.doc_type} {subject}", TITLE_LENGTH)
    else:
        notice.title = shorten(notice.subject or f"{notice.doc_type} {notice.number}".strip(), TITLE_LENGTH)
    notice.suggested_key = slugify_vi(notice.number) if notice.number else slugify_vi(notice.title)
