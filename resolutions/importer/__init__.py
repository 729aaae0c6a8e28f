"""Import of a conclusions notice: the pure parsing core (no database writes).

    notice = parse_notice(text, organisations=Organisation.objects.all())
    notice.number, notice.issuer_match, notice.sections, notice.tasks[0].lead_match, notice.warnings …

See docs/import.md for what is recognised and the limits.
"""

from .agencies import OrganisationIndex, canon, expand, match_organisation
from .deadlines import parse_deadline
from .notice import parse_notice
from .types import OrgMatch, ParsedDeadline, ParsedNotice, ParsedSection, ParsedTask, ParseWarning

__all__ = [
    "OrgMatch",
    "OrganisationIndex",
    "ParseWarning",
    "ParsedDeadline",
    "ParsedNotice",
    "ParsedSection",
    "ParsedTask",
    "canon",
    "expand",
    "match_organisation",
    "parse_deadline",
    "parse_notice",
]
