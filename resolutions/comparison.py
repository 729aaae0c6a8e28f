"""Two published versions of a task or a document compared field by field: texts word by word, lists item by item.

Pure functions of two snapshots (`PublishedVersion.data`): the page marks what was added and removed with <ins> and
<del> and a visible label, never with colour alone. A field that an older snapshot did not record yet (the status
history, before versions stored it) is said to be missing rather than shown as removed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from resolutions.models import TaskStatus

SAME, ADDED, REMOVED = "same", "added", "removed"
MAX_TOKENS = 20_000  # beyond this a text is shown as replaced whole (the matcher's cost grows fast)


@dataclass(frozen=True)
class Segment:
    kind: str  # SAME, ADDED or REMOVED
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field in both versions; `before`/`after` is None when that version did not record the field."""

    label: str
    before: str | list[str] | None
    after: str | list[str] | None
    is_list: bool = False

    @property
    def recorded_in_both(self) -> bool:
        return self.before is not None and self.after is not None

    @property
    def changed(self) -> bool:
        return self.recorded_in_both and self.before != self.after

    @property
    def segments(self) -> tuple[Segment, ...]:
        if not self.recorded_in_both:
            return ()
        if self.is_list:
            return _diff(list(self.before), list(self.after))
        return _diff(_tokens(self.before), _tokens(self.after), joined=True)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\S+|\s+", text or "")


def _diff(before: list[str], after: list[str], joined: bool = False) -> tuple[Segment, ...]:
    """Segments of `after` against `before`; text tokens are joined back into runs, list items stay one each."""
    if len(before) + len(after) > MAX_TOKENS:
        opcodes = [("replace", 0, len(before), 0, len(after))]
    else:
        opcodes = SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in opcodes:
        equal = op == "equal"
        parts = [(SAME, before[i1:i2])] if equal else [(REMOVED, before[i1:i2]), (ADDED, after[j1:j2])]
        for kind, items in parts:
            if not items:
                continue
            if joined:
                segments.append(Segment(kind, "".join(items)))
            else:
                segments.extend(Segment(kind, item) for item in items)
    return tuple(segments)


def _date(value: str) -> str:
    try:
        return date_format(datetime.date.fromisoformat(value[:10]), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return value or ""


def _status_label(value: str) -> str:
    try:
        return str(TaskStatus(value).label)
    except ValueError:
        return value


def _history(data: dict) -> list[str] | None:
    if "status_history" not in data:
        return None
    lines = []
    for update in data["status_history"]:
        when = _date(update.get("date") or "") or _("không rõ ngày")
        line = f"{when}: {_status_label(update.get('status', ''))}"
        if update.get("note"):
            line += f" — {update['note']}"
        lines.append(line)
    return lines


def current_status(data: dict) -> str | None:
    """The status as of this version (the latest dated update, else the last one recorded), or None."""
    history = data.get("status_history")
    if history is None:
        return None
    if not history:
        return str(TaskStatus.NO_UPDATE.label)
    dated = [update for update in history if update.get("date")]
    latest = dated[-1] if dated else history[-1]
    label = _status_label(latest.get("status", ""))
    return f"{label} ({_date(latest['date'])})" if latest.get("date") else label


def _deadline(data: dict) -> str:
    text = f"“{data['deadline_text']}”" if data.get("deadline_text") else _("không nêu")
    if data.get("deadline_date"):
        text += " " + _("(hạn chót %(date)s)") % {"date": _date(data["deadline_date"])}
    return text


def _partners(data: dict) -> str:
    names = [*data.get("partner_names", []), *([data["partners_text"]] if data.get("partners_text") else [])]
    return ", ".join(names) or _("không nêu")


def task_changes(before: dict, after: dict) -> list[FieldChange]:
    def text(label, read):
        return FieldChange(label, read(before), read(after))

    return [
        text(_("Tên nhiệm vụ"), lambda d: d.get("title", "")),
        text(_("Tình trạng"), current_status),
        text(_("Chủ trì"), lambda d: d.get("lead_name") or _("không nêu rõ")),
        text(_("Phối hợp"), _partners),
        text(_("Thời hạn"), _deadline),
        text(_("Nội dung"), lambda d: d.get("summary", "")),
        FieldChange(_("Diễn biến thực hiện"), _history(before), _history(after), is_list=True),
    ]


def _issued(data: dict) -> str:
    if data.get("issue_date"):
        return _date(data["issue_date"])
    return data.get("issue_date_text") or _("chưa có thông tin")


def _sections(data: dict) -> dict[int, str]:
    return {s["number"]: f"{s['number']}. {s['title']}\n\n{s.get('body', '')}" for s in data.get("sections", [])}


def document_changes(before: dict, after: dict) -> list[FieldChange]:
    def text(label, read):
        return FieldChange(label, read(before), read(after))

    changes = [
        text(_("Số hiệu"), lambda d: d.get("number", "")),
        text(_("Loại văn bản"), lambda d: d.get("doc_type", "")),
        text(_("Cơ quan ban hành"), lambda d: d.get("issuer_name") or _("chưa có thông tin")),
        text(_("Ngày ban hành"), _issued),
        text(_("Người ký"), lambda d: d.get("signer") or _("chưa có thông tin")),
        text(_("Trích yếu"), lambda d: d.get("subject", "")),
        text(_("Tóm tắt"), lambda d: d.get("summary", "")),
    ]
    old, new = _sections(before), _sections(after)
    for number in sorted(old.keys() | new.keys()):
        label = _("Mục %(number)s") % {"number": number}
        changes.append(FieldChange(label, old.get(number, ""), new.get(number, "")))
    changes.append(
        FieldChange(
            _("Các nhiệm vụ"),
            [_("Nhiệm vụ %(number)s: %(title)s") % t for t in before.get("tasks", [])],
            [_("Nhiệm vụ %(number)s: %(title)s") % t for t in after.get("tasks", [])],
            is_list=True,
        )
    )
    return changes
