"""Tasks: each sentence or item that assigns work, with its lead, partners and deadline.

Rules (see docs/import.md):
- a sentence that names a lead ("Bộ X chủ trì …", "Giao Bộ X …", "Bộ X khẩn trương …") is a task, except when it
  reports ("Bộ X đã …", "Văn phòng Chính phủ thông báo …"); in the results and limitations sections it also needs
  a sign of an assignment ("giao", "chủ trì", "phối hợp với", a deadline);
- "Bộ X:" (or "Giao Bộ X chủ trì, phối hợp với Y:") opens a list: the items under it are its tasks;
- in a tasks section, an item that opens with a directive verb ("Đẩy mạnh …") is a task with no lead;
- a following sentence of the same item with no lead of its own continues the task, unless it brings a second
  dated deadline: then it is a new task with the same lead ("…; sau khi Đề án được phê duyệt, xây dựng kế hoạch …
  trong quý 1/2026");
- clauses separated by ";" that each carry their own dated deadline become separate tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.text import fold_keep_punctuation

from .agencies import OrganisationIndex, canon
from .deadlines import NONE, URGENT, parse_deadline
from .phrases import Assignment, Item, analyse
from .structure import LIMITATIONS, RESULTS, TASKS, RawSection
from .textutil import MAX_SENTENCE_CHARS, capitalise_first, shorten, split_sentences
from .types import OrgMatch, ParsedDeadline, ParsedTask, ParseWarning

TITLE_LENGTH = 160
MAX_TASKS = 500  # a notice has a few dozen; more means the text is not a notice


@dataclass
class People:
    lead_name: str = ""
    lead_match: OrgMatch | None = None
    lead_is_group: bool = False
    partner_names: list[str] = field(default_factory=list)
    partner_matches: list[OrgMatch] = field(default_factory=list)
    partners_text: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)


def _people(text: str, found: Assignment, index: OrganisationIndex) -> People:
    people = People()
    leads = found.leads
    partner_items: list[list[Item]] = []
    if leads and leads[0].kind == "group":
        last = 0
        while last + 1 < len(leads) and leads[last + 1].kind == "group":
            last += 1
        people.lead_name = text[leads[0].start : leads[last].end]
        people.lead_is_group = True
        partner_items.append(leads[last + 1 :])
    elif leads:
        people.lead_name = text[leads[0].start : leads[0].end]
        people.lead_match = index.match(people.lead_name)
        if any(item.kind == "agency" for item in leads[1:]):
            people.warnings.append(
                ParseWarning("several_leads", "Câu giao việc cho nhiều cơ quan: cơ quan đầu tiên được đề xuất chủ trì.")
            )
        partner_items.append(leads[1:])
    partner_items.append(found.partners)
    seen = {canon(people.lead_name)} if people.lead_match else set()
    texts: list[str] = []
    for items in partner_items:
        run: list[Item] = []
        for item in [*items, None]:
            if item is not None and item.kind == "group":
                run.append(item)
                continue
            if run:
                texts.append(text[run[0].start : run[-1].end])
                run = []
            if item is None:
                continue
            name = text[item.start : item.end]
            key = canon(name)
            if key in seen:
                continue
            seen.add(key)
            people.partner_names.append(name)
            people.partner_matches.append(index.match(name))
    people.partners_text = ", ".join(dict.fromkeys(t for t in texts if t))
    return people


def _merge(context: People, own: People) -> People:
    """The lead of the list's header with the partners of the item ("Bộ X:" / "a) Chủ trì, phối hợp với Y …")."""
    merged = People(
        lead_name=context.lead_name,
        lead_match=context.lead_match,
        lead_is_group=context.lead_is_group,
        partner_names=list(context.partner_names),
        partner_matches=list(context.partner_matches),
        warnings=list(context.warnings),
    )
    keys = {canon(name) for name in [context.lead_name, *context.partner_names]}
    for name, match in zip(own.partner_names, own.partner_matches, strict=True):
        if canon(name) not in keys:
            keys.add(canon(name))
            merged.partner_names.append(name)
            merged.partner_matches.append(match)
    merged.partners_text = ", ".join(t for t in dict.fromkeys([context.partners_text, own.partners_text]) if t)
    return merged


def _title(text: str, start: int) -> str:
    action = text[start:].split("; ", 1)[0].strip(" ,:;-–")
    action = action.removesuffix("./.").rstrip(". ")
    return shorten(capitalise_first(action), TITLE_LENGTH)


def _dated(deadline: ParsedDeadline | ParsedTask) -> bool:
    kind = deadline.kind if isinstance(deadline, ParsedDeadline) else deadline.deadline_kind
    return kind not in (NONE, URGENT)


class _Builder:
    def __init__(self, index: OrganisationIndex):
        self.index = index
        self.tasks: list[ParsedTask] = []

    def add(
        self, text: str, people: People, deadline: ParsedDeadline, title_from: int, section: int | None, label: str
    ) -> ParsedTask:
        task = ParsedTask(
            number=len(self.tasks) + 1,
            text=text.strip(),
            lead_name=people.lead_name,
            lead_match=people.lead_match,
            lead_is_group=people.lead_is_group,
            partner_names=list(people.partner_names),
            partner_matches=list(people.partner_matches),
            partners_text=people.partners_text,
            deadline_text=deadline.text,
            deadline_kind=deadline.kind,
            deadline_date=deadline.date,
            section_number=section,
            label=label,
            title=_title(text, title_from),
            warnings=[*people.warnings, *deadline.warnings],
        )
        if not people.lead_name:
            task.warnings.append(ParseWarning("no_lead", "Văn bản không nêu cơ quan chủ trì nhiệm vụ này."))
        self.tasks.append(task)
        return task

    def add_split(self, sentence: str, people: People, found: Assignment, section: int | None, label: str) -> None:
        """One task, or one per ";"-clause when several clauses carry their own dated deadline."""
        clauses = _clauses(sentence)
        deadlines = [parse_deadline(c) for c in clauses]
        if sum(1 for d in deadlines if _dated(d)) < 2:
            self.add(sentence, people, parse_deadline(sentence), found.predicate, section, label)
            return
        pieces: list[tuple[str, ParsedDeadline]] = []
        current: list[str] = []
        for clause, deadline in zip(clauses, deadlines, strict=True):
            current.append(clause)
            if _dated(deadline):
                pieces.append(("; ".join(current), deadline))
                current = []
        if current:
            text, deadline = pieces[-1]
            pieces[-1] = ("; ".join([text, *current]), deadline)
        for n, (text, deadline) in enumerate(pieces):
            if n == 0:
                self.add(text, people, deadline, found.predicate, section, label)
                continue
            own = analyse(text, fold_keep_punctuation(text), self.index)
            piece_people = _people(text, own, self.index) if own.leads else people
            self.add(text, piece_people, deadline, own.predicate if own.leads else 0, section, label)


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in sentence.split(";") if c.strip()]


def extract_tasks(
    sections: list[tuple[int | None, RawSection]], index: OrganisationIndex, builder: _Builder | None = None
) -> list[ParsedTask]:
    builder = builder or _Builder(index)
    for number, section in sections:
        contexts: list[tuple[int, People]] = []
        for item in section.items:
            while contexts and contexts[-1][0] >= item.level:
                contexts.pop()
            _item_tasks(builder, section, number, item, contexts)
            if len(builder.tasks) > MAX_TASKS:
                return builder.tasks[: MAX_TASKS + 1]  # one more than allowed tells the caller to warn
    return builder.tasks


def _item_tasks(builder: _Builder, section: RawSection, number: int | None, item, contexts) -> None:
    index = builder.index
    context = contexts[-1][1] if contexts else None
    current: ParsedTask | None = None
    for k, sentence in enumerate(split_sentences(item.text)):
        text = sentence[:MAX_SENTENCE_CHARS]
        folded = fold_keep_punctuation(text)
        found = analyse(text, folded, index)
        label = item.label if k == 0 else ""
        if found.leads:
            if found.non_task:  # "Bộ X đã …", "Thủ tướng Chính phủ giao:"
                continue
            header_only = text.rstrip().endswith(":")  # "Bộ X chủ trì thực hiện các nhiệm vụ sau:"
            opens_list = k == 0 and (header_only or ":" in text[found.leads[-1].end : found.predicate])
            if opens_list:
                contexts.append((item.level, _people(text, found, index)))
                if header_only or not text[found.predicate :].strip(" .;"):
                    continue
            if not _is_assignment(found, text, section.kind, context is not None or opens_list):
                continue
            people = _people(text, found, index)
            builder.add_split(sentence, people, found, number, label)
            current = builder.tasks[-1]
            continue
        if k == 0 and context is not None and not text.endswith(":"):
            people = _merge(context, _people(text, found, index)) if found.partners else context
            current = builder.add(sentence, people, parse_deadline(sentence), found.predicate, number, label)
            continue
        if current is not None:
            deadline = parse_deadline(sentence)
            if _dated(deadline) and _dated(current) and deadline.date != current.deadline_date:
                inherited = People(
                    lead_name=current.lead_name,
                    lead_match=current.lead_match,
                    lead_is_group=current.lead_is_group,
                    partner_names=list(current.partner_names),
                    partner_matches=list(current.partner_matches),
                    partners_text=current.partners_text,
                )
                current = builder.add(sentence, inherited, deadline, 0, number, "")
            else:
                current.text = f"{current.text} {sentence.strip()}"
                if current.deadline_kind == NONE and deadline.kind != NONE:
                    current.deadline_text, current.deadline_kind = deadline.text, deadline.kind
                    current.deadline_date = deadline.date
                    current.warnings.extend(deadline.warnings)
            continue
        if k == 0 and section.kind == TASKS and not text.endswith(":"):
            deadline = parse_deadline(sentence)
            if found.directive or _dated(deadline):
                current = builder.add(sentence, People(), deadline, found.predicate, number, label)


def _is_assignment(found: Assignment, text: str, kind: str, in_list: bool) -> bool:
    if found.non_task:
        return False
    if kind == TASKS or in_list:
        return True
    deadline = parse_deadline(text)
    signs = found.assigned or deadline.kind != NONE or bool(deadline.text)
    if kind in (RESULTS, LIMITATIONS):
        return signs
    return signs or found.directive
