"""What the notice parser proposes. Plain dataclasses: nothing here touches the database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ParseWarning:
    """Something the editor should check. `code` is stable (for code and tests), `message` is for people."""

    code: str
    message: str


@dataclass
class OrgMatch:
    """An agency name found in the text and what it was matched to.

    `organisation` is one of the objects given to the parser (an `Organisation`, a dict…) or None.
    When there is no match and the name reads like one agency, `proposed_new` is True and the
    `proposed_*` fields say what to create; a group such as "các bộ, ngành" is never proposed.
    """

    name: str
    organisation: Any = None
    method: str = ""  # "name", "short_name", "loose" (without "tỉnh"/"thành phố"…); "" when unmatched
    proposed_new: bool = False
    proposed_name: str = ""
    proposed_short_name: str = ""
    proposed_slug: str = ""
    ambiguous: bool = False  # several organisations fit: the first one is proposed

    @property
    def matched(self) -> bool:
        return self.organisation is not None

    @property
    def display_name(self) -> str:
        if self.organisation is not None:
            return _attr(self.organisation, "name") or self.name
        return self.proposed_name or self.name


def _attr(obj: Any, key: str) -> str:
    value = obj.get(key, "") if isinstance(obj, dict) else getattr(obj, key, "")
    return value if isinstance(value, str) else ""


@dataclass
class ParsedDeadline:
    text: str = ""  # as written ("trong tháng 01/2026", "khẩn trương, sớm"); may be kept with kind "none"
    kind: str = "none"  # a DeadlineKind value
    date: datetime.date | None = None  # last day of the period; None for "none" and "urgent"
    warnings: list[ParseWarning] = field(default_factory=list)


@dataclass
class ParsedSection:
    number: int  # ours, 1.. in order (Section.number)
    label: str  # as written: "III", "2"
    title: str
    kind: str  # a SectionKind value, guessed from the title
    body: str  # paragraphs separated by a blank line; "- " starts a bullet


@dataclass
class ParsedTask:
    number: int  # ours, 1.. in the notice's order (Task.number)
    text: str  # the sentence(s) as written, without the item's label
    lead_name: str = ""
    lead_match: OrgMatch | None = None  # None when there is no lead or the lead is a group
    partner_names: list[str] = field(default_factory=list)
    partner_matches: list[OrgMatch] = field(default_factory=list)  # parallel to partner_names
    partners_text: str = ""  # groups that are not one organisation: "các bộ, ngành"
    deadline_text: str = ""
    deadline_kind: str = "none"
    deadline_date: datetime.date | None = None
    section_number: int | None = None
    label: str = ""  # the notice's own numbering of the item, when it has one: "2", "2.a"
    title: str = ""  # a proposed short name (Task.title)
    lead_is_group: bool = False  # "Các bộ, ngành, địa phương …": lead_name is text, not an organisation
    warnings: list[ParseWarning] = field(default_factory=list)


@dataclass
class ParsedNotice:
    number: str = ""  # "4/TB-VPCP"
    doc_type: str = ""  # "Thông báo"
    issuer_name: str = ""
    issuer_match: OrgMatch | None = None
    issue_date: datetime.date | None = None
    issue_date_text: str = ""  # "Hà Nội, ngày 05 tháng 01 năm 2026"
    subject: str = ""  # trích yếu
    title: str = ""  # proposed Document.title
    suggested_key: str = ""  # proposed Document.key: "4-tb-vpcp" (add the year if the key is taken)
    signer: str = ""  # the name under the signature, "" when there is no signature block
    signer_title: str = ""  # "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM"
    preamble: str = ""  # text between the subject and the first heading
    recipients: list[str] = field(default_factory=list)  # the "Nơi nhận" lines
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def all_warnings(self) -> list[ParseWarning]:
        """The notice's warnings, then each task's."""
        return [*self.warnings, *(w for task in self.tasks for w in task.warnings)]

    @property
    def proposed_organisations(self) -> list[OrgMatch]:
        """Agencies with no match, once each (by proposed name), in order of appearance."""
        seen: set[str] = set()
        out: list[OrgMatch] = []
        candidates = [self.issuer_match]
        for task in self.tasks:
            candidates.append(task.lead_match)
            candidates.extend(task.partner_matches)
        for match in candidates:
            if match is None or not match.proposed_new:
                continue
            key = match.proposed_slug or match.proposed_name
            if key not in seen:
                seen.add(key)
                out.append(match)
        return out
