"""schema.org JSON-LD of the editions app's things (declared in editions/content_types.py): an edition is an
Event, a person a Person, an organisation a GovernmentOrganization. Absolute URLs come from `core.links`."""

from core.links import permalink
from core.publishing import if_public
from editions.models import Edition, Organisation, Person


def organisation_json_ld(org: Organisation | None) -> dict | None:
    org = if_public(org)
    if org is None:
        return None
    data = {"@type": "GovernmentOrganization", "name": org.name, "url": permalink(org)}
    if org.short_name:
        data["alternateName"] = org.short_name
    return data


def edition_json_ld(edition: Edition) -> dict:
    """Only what a source gives: no attendance mode, no end date unless one is recorded, no inferred date."""
    data = {"@type": "Event", "name": edition.title, "url": permalink(edition), "inLanguage": "vi"}
    if edition.theme:
        data["description"] = edition.theme
    if edition.start_date and not edition.start_date_inferred:
        data["startDate"] = edition.start_date.isoformat()
        if edition.end_date:
            data["endDate"] = edition.end_date.isoformat()
    if edition.venue:
        data["location"] = {"@type": "Place", "name": edition.venue}
    organiser = organisation_json_ld(edition.organiser)
    if organiser:
        data["organizer"] = organiser
    return data


def person_json_ld(person: Person) -> dict:
    return {"@type": "Person", "name": person.name, "url": permalink(person)}
