"""Writes of the editions app: functions named entity_action with keyword-only arguments.

Every save goes through `core.workflow` (roles, lock_version, revisions, change notes, versions, audit), as the
admin's do; what is particular to the editions app's things lives here.
"""

from django.db import transaction

from core.publishing import Status
from core.workflow import content_save
from editions.models import Organisation, OrganisationKind


@transaction.atomic
def organisation_find_or_create_draft(
    *, user, slug: str, name: str, short_name: str = "", change_note: str = ""
) -> Organisation:
    """The organisation with this slug, else a new draft one (kind "other") that waits for an editor's review like
    any draft: the notice import proposes the agencies it does not know."""
    existing = Organisation.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    organisation = Organisation(
        name=name, short_name=short_name, slug=slug, kind=OrganisationKind.OTHER, status=Status.DRAFT
    )
    return content_save(obj=organisation, user=user, expected_lock_version=0, change_note=change_note)
