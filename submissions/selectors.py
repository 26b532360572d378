"""Reads worth naming: each runs a fixed number of queries, whatever the row count."""

from django.db.models import Count, QuerySet

from prize.models import Edition

from .enums import RANKED_ENTRY_STATES, SCREENING_STATES, EntryState
from .models import Authority, Entry, EntryTransition


def entries_awaiting_screening(*, edition: Edition) -> int:
    return Entry.objects.filter(edition=edition, state__in=SCREENING_STATES).count()


def entries_for_jury_count(*, edition: Edition) -> int:
    return Entry.objects.filter(edition=edition, state__in=RANKED_ENTRY_STATES).count()


def authorities_of(*, user) -> QuerySet[Authority]:
    return user.authorities.prefetch_related("members").order_by("name")


def entries_of(*, authorities) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(authority__in=authorities)
        .select_related("edition", "authority")
        .order_by("-edition__number", "ref")
    )


def standing_entry(*, authority_id: int, edition_id: int) -> Entry | None:
    """The authority's entry in the edition, unless withdrawn: one per authority and
    edition (entry_create refuses a second one)."""
    return (
        Entry.objects.filter(authority_id=authority_id, edition_id=edition_id)
        .exclude(state=EntryState.WITHDRAWN)
        .first()
    )


def entry_for(*, ref: str) -> Entry:
    return (
        Entry.objects.select_related("edition", "authority", "updated_by", "submitted_by")
        .prefetch_related("photos", "attachments", "edition__criteria")
        .get(ref=ref)
    )


def timeline(*, entry: Entry, internal: bool) -> list[EntryTransition]:
    """The entry's steps; without the secretariat's internal notes and checklists
    unless `internal`."""
    steps = list(entry.transitions.select_related("by").order_by("at", "pk"))
    if not internal:
        for step in steps:
            step.internal_note, step.checklist = "", None
    return steps


def transition_with_entry(transition_id: int) -> EntryTransition:
    return EntryTransition.objects.select_related(
        "by", "entry__edition", "entry__authority", "entry__submitted_by"
    ).get(pk=transition_id)


def screening_list(*, edition: Edition, state: str = "", country: str = ""):
    """An edition's entries for the secretariat, filtered, with counts per state and
    per country (of the unfiltered list, so the filters show what they would give)."""
    entries = Entry.objects.filter(edition=edition).exclude(state=EntryState.DRAFT)
    counts = dict(entries.values_list("state").annotate(n=Count("pk")).order_by())
    countries = dict(entries.values_list("authority__country").annotate(n=Count("pk")).order_by())
    rows = entries.select_related("authority").order_by("authority__country", "ref")
    if state:
        rows = rows.filter(state=state)
    if country:
        rows = rows.filter(authority__country=country)
    return rows, counts, countries


def drafts_count(*, edition: Edition) -> int:
    return Entry.objects.filter(edition=edition, state=EntryState.DRAFT).count()
